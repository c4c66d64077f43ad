"""El curso en un PDF (_build/pdf/taller-keras.pdf): estructura, texto, figuras y fuentes.

Se revisa con las herramientas de poppler-utils (pdfinfo, pdftotext, pdffonts, pdfimages), que
.ci/run instala, y los marcadores con pypdf.
"""

import re
import subprocess
import sys
import zipfile
from urllib.parse import urljoin

import pypdf
import pytest

from .conftest import HTML, RAIZ, leer, nuevo_contexto, paginas_del_indice, servir

sys.path.insert(0, str(RAIZ / "book" / "_ext"))
from cuadernos import PDF_CURSO, ZIP_SITIO  # noqa: E402
from impresion import META_MODO  # noqa: E402
from pdf import APENDICES, IMPRESION, PDF, SOLO_EN_EL_SITIO  # noqa: E402

PORTADA = "book/index"
EN_EL_PDF = [p for p in paginas_del_indice() if p != PORTADA and p not in SOLO_EN_EL_SITIO]
TEX_CRUDO = re.compile(r"\\frac|\\begin\{|\$\$|\\\(|\\\[")
# Textos de la interfaz del tema (en inglés) que no deben llegar al papel.
INTERFAZ_EN_INGLES = [
    "Contents", "Skip to main content", "Back to top", "Search", "Ctrl+K", "Toggle", "Download",
    "Copy", "Click to show", "Click to hide", "Show code", "Hide code", "Suggest edit",
    "Open issue", "Print to PDF", "Previous", "Next", "Launch", "Fullscreen", "Edit this page",
]
RUTAS_DE_LA_MAQUINA = [str(RAIZ), "/root/", "/home/", "site-packages", "file://"]


def _orden(*argumentos: str) -> str:
    return subprocess.run(argumentos, capture_output=True, text=True, check=True).stdout


def _titulo(pagina: str) -> str:
    h1 = leer(pagina).find("h1")
    for enlace in h1.select("a.headerlink"):
        enlace.decompose()
    return " ".join(h1.get_text(" ", strip=True).split())


def _h2(pagina: str) -> list[str]:
    titulos = []
    for h2 in leer(pagina).select("article h2"):
        for enlace in h2.select("a.headerlink"):
            enlace.decompose()
        titulos.append(" ".join(h2.get_text(" ", strip=True).split()))
    return titulos


def _esperados() -> list[str]:
    """Los marcadores de primer nivel: índice, presentación, capítulos numerados y apéndices."""
    numerados = [p for p in EN_EL_PDF if p not in APENDICES]
    return (["Índice", "Presentación"]
            + [f"{n}. {_titulo(p)}" for n, p in enumerate(numerados, start=1)]
            + [_titulo(p) for p in APENDICES])


@pytest.fixture(scope="module")
def pdf(sitio, navegador):  # sin Chromium (fuera de CI) no hay PDF: se omite, como el navegador
    if not PDF.is_file():
        pytest.fail(f"No hay {PDF.relative_to(RAIZ)}: ejecuta `make pdf` (o `make book`) antes.")
    return PDF


@pytest.fixture(scope="module")
def lector(pdf):
    return pypdf.PdfReader(pdf)


@pytest.fixture(scope="module")
def paginas_de_texto(pdf) -> list[str]:
    """El texto de cada página según pdftotext, con los espacios normalizados."""
    return [" ".join(p.split()) for p in _orden("pdftotext", "-layout", str(pdf), "-").split("\f")]


@pytest.fixture(scope="module")
def marcadores(lector) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """[(título, página, [(subtítulo, página)])] de los marcadores de primer nivel (páginas desde 1)."""
    resultado = []
    for nodo in lector.outline:
        if isinstance(nodo, list):
            titulo, pagina, _ = resultado[-1]
            resultado[-1] = (titulo, pagina, [(n.title, lector.get_destination_page_number(n) + 1)
                                              for n in nodo if not isinstance(n, list)])
        else:
            resultado.append((nodo.title, lector.get_destination_page_number(nodo) + 1, []))
    return resultado


def test_abre_etiquetado_y_con_una_pagina_por_capitulo_al_menos(pdf):
    info = dict(re.findall(r"^([^:]+):\s+(.*)$", _orden("pdfinfo", str(pdf)), re.MULTILINE))
    assert info["Tagged"] == "yes"
    assert info["Page size"].endswith("(A4)")
    assert int(info["Pages"]) >= 2 * len(EN_EL_PDF), info["Pages"]


def test_marcadores_de_cada_capitulo_y_sus_secciones(marcadores):
    assert [t for t, _, _ in marcadores] == _esperados()
    por_titulo = {t: (p, hijos) for t, p, hijos in marcadores}
    paginas = [p for _, p, _ in marcadores]
    assert paginas == sorted(paginas) and len(set(paginas)) == len(paginas), paginas
    for titulo, pagina in zip(_esperados()[2:], EN_EL_PDF):
        _, hijos = por_titulo[titulo]
        assert [t for t, _ in hijos] == _h2(pagina), pagina
        assert all(p >= por_titulo[titulo][0] for _, p in hijos)


def test_cada_capitulo_empieza_en_su_pagina(marcadores, paginas_de_texto):
    for titulo, pagina, _ in marcadores:
        assert paginas_de_texto[pagina - 1].startswith(titulo), (titulo, paginas_de_texto[pagina - 1][:80])


def test_portada(paginas_de_texto):
    portada = paginas_de_texto[0]
    modo = leer(PORTADA).find("meta", attrs={"name": META_MODO})["content"]
    for texto in ["Taller Keras", "Redes neuronales multicapa para procesamiento de imágenes",
                  "Mariano Rivera Meraz", "Alan G. Reyes Figueroa", "PI2018", "CIMAT",
                  f"Datos de MNIST: modo «{modo}»", "https://taller-keras.github.io/taller-keras/"]:
        assert texto in portada, texto
    assert re.search(r"Construido el \d{1,2} de [a-z]+ de \d{4}\.", portada), portada[:400]


def test_texto_limpio_y_en_espanol(paginas_de_texto):
    texto = " ".join(paginas_de_texto)
    for titulo in _esperados():
        assert titulo in texto, titulo
    crudo = [texto[max(0, m.start() - 40):m.end() + 40] for m in TEX_CRUDO.finditer(texto)]
    assert not crudo, f"TeX sin dibujar en el PDF: {crudo[:5]}"
    for cadena in INTERFAZ_EN_INGLES:
        assert not re.search(rf"\b{re.escape(cadena)}\b", texto), cadena
    for ruta in RUTAS_DE_LA_MAQUINA:
        assert ruta not in texto, ruta


def test_sin_rutas_de_la_maquina_en_los_enlaces(lector, pdf):
    crudo = pdf.read_bytes()
    for ruta in RUTAS_DE_LA_MAQUINA:
        assert ruta.encode() not in crudo, ruta
    for pagina in lector.pages:
        for anotacion in pagina.get("/Annots") or []:
            uri = anotacion.get_object().get("/A", {}).get("/URI")
            assert uri is None or uri.startswith(("https://", "http://", "mailto:")), uri


def test_todas_las_figuras_del_sitio(pdf, marcadores):
    """Cada capítulo tiene en sus páginas al menos tantas imágenes como figuras tiene en el sitio."""
    total = int(_orden("pdfinfo", str(pdf)).split("Pages:")[1].split()[0])
    inicios = [p for _, p, _ in marcadores[2:]] + [total + 1]
    sitio_total = 0
    for pagina, desde, hasta in zip(EN_EL_PDF, inicios, inicios[1:]):
        en_el_sitio = len(leer(pagina).select("article img"))
        sitio_total += en_el_sitio
        lista = _orden("pdfimages", "-list", "-f", str(desde), "-l", str(hasta - 1), str(pdf))
        imagenes = [f for f in lista.splitlines()[2:] if f.split()[2] == "image"]
        assert len(imagenes) >= en_el_sitio, (pagina, len(imagenes), en_el_sitio)
    assert sitio_total >= 40, sitio_total


def test_fuentes_incrustadas(pdf):
    filas = _orden("pdffonts", str(pdf)).splitlines()[2:]
    assert filas
    sin_incrustar = [f for f in filas if f.split()[-5] != "yes"]
    assert not sin_incrustar, sin_incrustar


def test_autoevaluaciones_con_respuestas_y_enlace(paginas_de_texto, marcadores):
    inicios = [p for _, p, _ in marcadores[2:]] + [len(paginas_de_texto) + 1]
    for pagina, desde, hasta in zip(EN_EL_PDF, inicios, inicios[1:]):
        preguntas = leer(pagina).select(".taller-pregunta")
        if not preguntas:
            continue
        texto = " ".join(paginas_de_texto[desde - 1:hasta - 1])
        assert texto.count("Respuesta") >= len(preguntas), pagina
        assert "En el sitio del curso esta autoevaluación se comprueba sola" in texto, pagina


def test_nada_interactivo_queda_como_caja_vacia(navegador):
    """Impreso, ningún lienzo, botón ni campo se ve: en su lugar hay una nota con la dirección."""
    ajenas = []
    with servir(IMPRESION.parent) as url:
        contexto = nuevo_contexto(navegador, ajenas)
        try:
            hoja = contexto.new_page()
            hoja.emulate_media(media="print")
            hoja.goto(url + IMPRESION.name)
            visibles = hoja.evaluate("""() => [...document.querySelectorAll(
                    'canvas, button, input, select, textarea, iframe, video, audio, object, embed')]
                .filter(e => e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 80))""")
            nota = hoja.locator(".taller-dibujo__impreso")
            assert nota.is_visible() and "https://" in nota.inner_text()
            assert hoja.locator(".taller-quiz__impreso").first.is_visible()
        finally:
            contexto.close()
    assert not visibles, visibles
    assert not ajenas, f"el documento impreso pide recursos de otros servidores: {ajenas}"


@pytest.mark.parametrize("pagina", paginas_del_indice())
def test_el_menu_de_descarga_ofrece_el_curso_en_pdf(sitio, pdf, pagina):
    enlace = leer(pagina).select_one(".dropdown-download-buttons a.btn-download-course-pdf-button")
    assert enlace is not None, f"{pagina}: el menú de descarga no ofrece el curso en PDF"
    destino = urljoin(f"http://sitio/{pagina}.html", enlace["href"])
    assert destino == f"http://sitio/{PDF_CURSO}", destino
    assert (HTML / PDF_CURSO).read_bytes() == pdf.read_bytes()


def test_cuadernos_y_zip_ofrecen_el_pdf(sitio, pdf):
    enlaces = [a["href"] for a in leer("book/cuadernos").select("article a[href]")]
    assert f"../{PDF_CURSO}" in enlaces
    with zipfile.ZipFile(HTML / ZIP_SITIO) as zf:
        assert zf.read(f"taller-keras/{PDF_CURSO}") == pdf.read_bytes()
