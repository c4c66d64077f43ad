"""Un sitio ligero para leer en un teléfono, comprobado en los archivos construidos (sin relojes).

La velocidad medida en un navegador está en ``bench/lectura.py`` (Lighthouse); aquí, lo que la
hace posible y no depende de la máquina: qué pide cada página y cuánto pesa comprimido.
"""

import gzip
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from .conftest import HTML, RAIZ, leer, paginas_del_indice

sys.path.insert(0, str(RAIZ / "book" / "_ext"))
from imagenes import ANCHO_TELEFONO, ETIQUETA, TEXTO_EN_PRIMERA_PANTALLA  # noqa: E402
from desplazables import GUION_DEL_TEMA, MEDIR_AL_CARGAR  # noqa: E402
from hoja_unica import CARPETA, DEL_TEMA, URL, hojas_de, unir  # noqa: E402

PAGINAS = paginas_del_indice()
# Lo que una página pide antes de que el lector haga nada: HTML, hojas de estilo y guiones,
# comprimidos con gzip como los sirve GitHub Pages. Las fuentes (que el navegador pide solo si
# las usa) y las figuras quedan fuera; Lighthouse mide todo en bench/lectura.py.
PRESUPUESTO_KIB = 200
# La red de «Dibuja un dígito» (sus pesos en 8 bits, en base64) se pide al terminar de cargar la página.
PRESUPUESTO_RED_KIB = 130
SIN_DIFERIR = {"documentation_options.js"}


def _archivo(pagina: str, url: str) -> Path:
    return ((HTML / pagina).parent / urlsplit(url).path).resolve()


def _kib_comprimidos(archivo: Path) -> float:
    return len(gzip.compress(archivo.read_bytes(), compresslevel=6, mtime=0)) / 1024


def _pedidos(pagina: str) -> list[Path]:
    sopa = leer(pagina)
    urls = [s["src"] for s in sopa.select("script[src]")]
    urls += [l["href"] for l in sopa.select("link[rel~=stylesheet][href]")]
    return [_archivo(pagina, u) for u in urls]


def _hojas_unidas(pagina: str) -> list[str]:
    """Las hojas que la página pide, unidas en su única hoja de estilos."""
    (enlace,) = leer(pagina).select("link[rel~=stylesheet]")
    return hojas_de(_archivo(pagina, enlace["href"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("pagina", [*PAGINAS, "search", "genindex"])
def test_una_sola_hoja_de_estilos_al_dia(sitio, pagina):
    enlaces = leer(pagina).select("link[rel~=stylesheet]")
    assert len(enlaces) == 1, [e["href"] for e in enlaces]
    unida = _archivo(pagina, enlaces[0]["href"])
    assert unida.parent == (HTML / CARPETA).resolve()
    texto = unida.read_text(encoding="utf-8")
    hojas = hojas_de(texto)
    assert hojas[: len(DEL_TEMA)] == list(DEL_TEMA) and "_static/taller.css" in hojas
    assert texto == unir(HTML, hojas), "la hoja unida no tiene el contenido actual de sus hojas"
    # De cada fuente de KaTeX el navegador pide el WOFF2, el primero que nombra: el sitio no lleva
    # las copias WOFF y TTF (formulas.py).
    rutas = {m["ruta"] for m in URL.finditer(texto)
             if not m["ruta"].startswith(("data:", "#")) and not m["ruta"].endswith((".woff", ".ttf"))}
    assert rutas and all((unida.parent / r.split("?")[0].split("#")[0]).is_file() for r in rutas), rutas


@pytest.mark.parametrize("pagina", PAGINAS)
def test_ni_font_awesome_en_javascript_ni_mathjax(sitio, pagina):
    pedidos = [p.name for p in _pedidos(pagina)]
    assert not [p for p in pedidos if re.search(r"fontawesome|mathjax|tex-chtml", p, re.I)], pedidos
    assert not (HTML / "_static" / "scripts" / "fontawesome.js").exists()


@pytest.mark.parametrize("pagina", PAGINAS)
def test_el_indice_de_busqueda_solo_en_la_busqueda(sitio, pagina):
    assert "searchindex.js" not in [p.name for p in _pedidos(pagina)]
    assert "searchindex.js" in [p.name for p in _pedidos("search")]


@pytest.mark.parametrize("pagina", PAGINAS)
def test_guiones_diferidos(sitio, pagina):
    bloqueantes = [
        s["src"] for s in leer(pagina).select("head script[src]")
        if not (s.has_attr("defer") or s.has_attr("async")) and Path(urlsplit(s["src"]).path).name not in SIN_DIFERIR
    ]
    assert not bloqueantes, f"{pagina} espera a estos guiones antes de mostrarse: {bloqueantes}"


@pytest.mark.parametrize("pagina", PAGINAS)
def test_las_cajas_que_se_desplazan_se_enfocan_sin_medirlas(sitio, pagina):
    """Código, salidas y fórmulas en bloque llevan el foco desde el HTML; el tema no las mide."""
    cajas = leer(pagina).select(".bd-article pre, .bd-article div.math")
    sin_foco = [str(c)[:80] for c in cajas if c.get("tabindex") != "0"]
    assert not sin_foco, f"{pagina}: {len(sin_foco)} cajas sin tabindex: {sin_foco[:3]}"
    assert MEDIR_AL_CARGAR not in (HTML / GUION_DEL_TEMA).read_text(encoding="utf-8")


@pytest.mark.parametrize("pagina", PAGINAS)
def test_cada_pagina_tiene_su_descripcion(sitio, pagina):
    descripciones = leer(pagina).select('meta[name="description"]')
    assert len(descripciones) == 1
    texto = descripciones[0]["content"]
    assert len(texto) >= 80, texto
    assert not re.search(r"[{}`$\\]", texto), f"{pagina}: la descripción trae sintaxis sin resolver: {texto}"
    otras = {leer(p).select_one('meta[name="description"]')["content"] for p in PAGINAS if p != pagina}
    assert texto not in otras, f"{pagina} repite la descripción de otra página"


@pytest.mark.parametrize("pagina", PAGINAS)
def test_figuras_con_medidas_y_las_lejanas_diferidas(sitio, pagina):
    cuerpo = (HTML / f"{pagina}.html").read_text(encoding="utf-8").split('<main', 1)[1]
    for m in re.finditer(r"<img\b[^>]*>", cuerpo):
        img = leer_etiqueta(m.group(0))
        if "_images/" not in img["src"] and "explorables/figuras/" not in img["src"]:
            continue
        with Image.open(_archivo(pagina, img["src"])) as imagen:
            ancho, alto = imagen.size
        if "explorables/figuras/" in img["src"]:  # la figura estática de un panel: su tamaño en la página
            assert abs(int(img["width"]) / int(img["height"]) - ancho / alto) < 0.02, img["src"]
        else:
            assert (img.get("width"), img.get("height")) == (str(ancho), str(alto)), img["src"]
        # una copia del ancho de un teléfono, con la misma proporción
        if ancho > ANCHO_TELEFONO and "_images/" in img["src"]:
            reducida, entera = [c.split() for c in img["srcset"].split(", ")]
            assert entera == [img["src"], f"{ancho}w"] and reducida[1] == f"{ANCHO_TELEFONO}w"
            with Image.open(_archivo(pagina, reducida[0])) as copia:
                assert copia.width == ANCHO_TELEFONO and abs(copia.height - alto * ANCHO_TELEFONO / ancho) < 1
        else:
            assert "srcset" not in img
        texto_antes = len(ETIQUETA.sub("", cuerpo[: m.start()]))
        lejana = texto_antes > TEXTO_EN_PRIMERA_PANTALLA
        assert (img.get("loading") == "lazy") == lejana, (pagina, img["src"], texto_antes)


def leer_etiqueta(etiqueta: str) -> dict:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', etiqueta))


def test_hay_figuras_diferidas(sitio):
    """La prueba anterior no pasa por no encontrar nada: los capítulos tienen figuras lejanas."""
    diferidas = sum(len(leer(p).select('img[loading="lazy"]')) for p in PAGINAS)
    assert diferidas >= 20


@pytest.mark.parametrize("pagina", PAGINAS)
def test_formulas_dibujadas_al_construir(sitio, pagina):
    sopa = leer(pagina)
    formulas = sopa.select("span.math, div.math")
    sin_dibujar = [f.get_text()[:60] for f in formulas if not f.select_one(".katex")]
    assert not sin_dibujar, f"{pagina}: fórmulas sin dibujar: {sin_dibujar}"
    assert not sopa.select(".katex-error"), f"{pagina}: KaTeX no entendió {sopa.select('.katex-error')[:3]}"
    hojas = [Path(h).name for h in _hojas_unidas(pagina)]
    assert ("katex.min.css" in hojas) == bool(formulas), f"{pagina}: la hoja de KaTeX va solo donde hay fórmulas"


def test_las_fuentes_de_katex_que_pide_la_hoja_estan_en_el_sitio(sitio):
    hoja = HTML / "_static" / "katex" / "katex.min.css"
    fuentes = re.findall(r"url\((fonts/[^)]+\.woff2)\)", hoja.read_text(encoding="utf-8"))
    assert len(fuentes) >= 19
    assert all((hoja.parent / f).is_file() for f in fuentes)


def test_los_iconos_de_las_paginas_estan_en_la_fuente_reducida(sitio):
    hoja = (HTML / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    fuente = TTFont(HTML / "_static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2")
    caracteres = set(fuente.getBestCmap())
    usados = set()
    for pagina in PAGINAS:
        for i in leer(pagina).select("i.fa-solid, span.fa-solid"):
            usados |= {c for c in i["class"] if c.startswith("fa-") and c != "fa-solid" and c != "fa-lg"}
    assert {"fa-bars", "fa-list", "fa-magnifying-glass", "fa-sun", "fa-moon"} <= usados
    for clase in usados:
        regla = re.search(re.escape(f".{clase}:before") + r'[^{]*\{content:"\\([0-9a-f]+)"', hoja)
        assert regla, f"la hoja del tema perdió la regla de {clase}"
        assert int(regla[1], 16) in caracteres, f"la fuente reducida no tiene el ícono {clase}"
    assert len(caracteres) < 60, "la fuente debería tener solo los íconos del sitio"


@pytest.mark.parametrize("pagina", PAGINAS)
def test_presupuesto_de_bytes(sitio, pagina):
    pedidos = [HTML / f"{pagina}.html", *_pedidos(pagina)]
    faltan = [p for p in pedidos if not p.is_file()]
    assert not faltan, faltan
    kib = sum(_kib_comprimidos(p) for p in set(pedidos))
    assert kib <= PRESUPUESTO_KIB, f"{pagina}: {kib:.0f} KiB comprimidos de HTML, estilos y guiones"
    for panel in leer(pagina).select("[data-modelo]"):
        red = _kib_comprimidos(_archivo(pagina, panel["data-modelo"]))
        assert red <= PRESUPUESTO_RED_KIB, f"{pagina}: la red pesa {red:.0f} KiB comprimida"
