"""Cuadernos de Jupyter descargables, botón de Colab y archivos .zip del sitio.

Por cada capítulo escrito como cuaderno MyST se genera un ``.ipynb`` que funciona solo en
JupyterLab, Jupyter Notebook o Colab:

- el Markdown de MyST se convierte en Markdown común (ver ``myst_a_markdown``), con los
  valores pegados (glue) de esta construcción y enlaces al sitio publicado;
- lleva las salidas de la ejecución del libro, sin stderr ni datos internos de glue;
- empieza con una celda que instala el paquete del curso si falta (por ejemplo, en Colab).

El cuaderno queda en ``_sources/<página>.ipynb`` (lo ofrece el menú de descarga del tema) y
todos juntos en ``taller-keras-cuadernos.zip``; el sitio entero, en ``taller-keras-sitio.zip``.
El menú de descarga de cada página ofrece también el curso entero en PDF (``pdf.py`` lo escribe
y lo publica en el sitio con ``publicar_pdf``).
"""

from __future__ import annotations

import posixpath
import urllib.parse
import re
import shutil
import zipfile
from pathlib import Path

import nbformat
from docutils import nodes
from jupyter_cache import get_cache
from myst_nb.core.read import create_nb_reader
from myst_nb.core.variables import format_plain_text
from pybtex.database import parse_file
from sphinx.directives.code import LiteralIncludeReader
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from myst_a_markdown import Conversor, Resolutor, restos_de_myst
from por_pagina import datos, registrar

registro = logging.getLogger(__name__)

ZIP_CUADERNOS = "taller-keras-cuadernos.zip"
ZIP_SITIO = "taller-keras-sitio.zip"
PDF_CURSO = "taller-keras.pdf"  # el curso entero, lo escribe book/_ext/pdf.py
FECHA_ZIP = (2018, 9, 20, 0, 0, 0)  # fija, para que los .zip sean reproducibles
PREFIJO_GLUE = "application/papermill.record/"
# Valores pegados que miden tiempo (por su nombre): cambian de una ejecución a otra.
MIDE_TIEMPO = re.compile(r"tiempo|segundos|lento")
ETIQUETAS_OCULTAS = {"remove-cell", "remove-input", "hide-input", "hide-cell"}
FUENTES = "taller_fuentes"  # {página: el texto que leyó myst-nb}


def _url_sitio(app) -> str:
    return app.config.html_baseurl.rstrip("/") + "/"


def url_colab(app, docname: str) -> str:
    """Colab abre el cuaderno publicado en la rama del sitio (``_sources/<página>.ipynb``)."""
    opciones = app.config.html_theme_options
    usuario, repo = urllib.parse.urlsplit(opciones["repository_url"]).path.strip("/").split("/")[:2]
    colab = opciones["launch_buttons"]["colab_url"].rstrip("/")
    rama = app.config.taller_rama_publicada
    return f"{colab}/github/{usuario}/{repo}/blob/{rama}/_sources/{docname}.ipynb"


def _instalacion(app) -> nbformat.NotebookNode:
    repositorio = app.config.html_theme_options["repository_url"].rstrip("/")
    codigo = (
        "# Instala el paquete del curso si falta (por ejemplo, en Google Colab).\n"
        "import importlib.util\n\n"
        'if importlib.util.find_spec("taller_keras") is None:\n'
        f'    %pip install --quiet "taller-keras @ git+{repositorio}.git#subdirectory=code"'
    )
    return nbformat.v4.new_code_cell(codigo, metadata={"tags": ["instalacion"]})


def guardar_fuente(app, docname: str, fuente: list[str]) -> None:
    """Guarda el texto que leyó myst-nb (ya con la huella) para encontrar su ejecución."""
    datos(app.env, FUENTES)[docname] = fuente[0]


def _leer_cuaderno(app, docname: str):
    env = app.env
    texto = datos(env, FUENTES).get(docname)
    if texto is None:
        return None
    lector = create_nb_reader(str(env.doc2path(docname)), env.myst_config, env.mystnb_config, texto)
    return None if lector is None else lector.read(texto)


def _es_cuaderno(ruta: Path) -> bool:
    cabecera = ruta.read_text(encoding="utf-8").split("\n---", 1)[0]
    return ruta.suffix == ".md" and cabecera.startswith("---") and "kernelspec:" in cabecera


class _Citas:
    """Citas en texto plano con enlace a la página de referencias."""

    def __init__(self, app):
        self.entradas = {}
        for archivo in app.config.bibtex_bibfiles:
            self.entradas.update(parse_file(Path(app.srcdir, archivo)).entries)
        self.url = _url_sitio(app) + "book/referencias.html"

    def _autores(self, clave: str) -> tuple[str, str]:
        entrada = self.entradas[clave]
        apellidos = [
            " ".join(p.last_names).replace("{", "").replace("}", "")
            for p in entrada.persons.get("author", [])
        ]
        autores = f"{apellidos[0]} et al." if len(apellidos) > 2 else " y ".join(apellidos)
        return autores, entrada.fields.get("year", "s. f.")

    def __call__(self, claves: list[str], parentesis: bool) -> str:
        partes = []
        for clave in claves:
            autores, anio = self._autores(clave)
            partes.append(f"{autores}, {anio}" if parentesis else f"{autores} ({anio})")
        texto = "; ".join(partes)
        return f"([{texto}]({self.url}))" if parentesis else f"[{texto}]({self.url})"


def _resolutor(app, docname: str, pegados: dict[str, str], citas: _Citas) -> Resolutor:
    env, sitio = app.env, _url_sitio(app)
    std = env.get_domain("std")
    carpeta = posixpath.dirname(docname)

    def url(doc: str, ancla: str = "") -> str:
        return f"{sitio}{doc}.html" + (f"#{ancla}" if ancla else "")

    def pegado(contenido: str) -> str:
        nombre, _, formato = contenido.partition(":")
        if nombre not in pegados:
            resolutor.problemas.append(f"valor pegado inexistente: {nombre}")
            return nombre
        return format_plain_text(pegados[nombre], formato)

    def termino(texto: str):
        encontrado = std._terms.get(texto.lower())
        return url(*encontrado) if encontrado else None

    def documento(ruta: str):
        ruta = ruta.removesuffix(".md")
        doc = ruta.lstrip("/") if ruta.startswith("/") else posixpath.normpath(posixpath.join(carpeta, ruta))
        return (env.titles[doc].astext(), url(doc)) if doc in env.titles else None

    def etiqueta(nombre: str):
        if nombre in std.labels:
            doc, ancla, titulo = std.labels[nombre]
            return titulo, url(doc, ancla)
        if nombre in std.anonlabels:
            doc, ancla = std.anonlabels[nombre]
            return nombre, url(doc, ancla)
        return None

    def descarga(ruta: str):
        archivo = posixpath.normpath(posixpath.join(carpeta, ruta))
        if archivo in env.dlfiles:
            return f"{sitio}_downloads/{env.dlfiles[archivo][1]}"
        return None

    def incluir(ruta: str, opciones: dict) -> str:
        archivo = Path(app.srcdir, carpeta, ruta)
        codigo, _ = LiteralIncludeReader(str(archivo), opciones, app.config).read()
        return codigo

    resolutor = Resolutor(citas, pegado, termino, documento, etiqueta, descarga, incluir,
                          pagina=documento("/" + docname))
    return resolutor


def _limpiar_celda_de_codigo(celda) -> None:
    celda.metadata.pop("taller-huella", None)
    celda.metadata.pop("mystnb", None)
    if ETIQUETAS_OCULTAS & set(celda.metadata.get("tags", [])):
        celda.metadata.setdefault("jupyter", {})["source_hidden"] = True
    salidas = []
    for salida in celda.get("outputs", []):
        if salida.output_type == "stream" and salida.name == "stderr":
            continue
        datos = salida.get("data", {})
        if datos and all(k.startswith(PREFIJO_GLUE) for k in datos):
            continue
        salida.get("metadata", {}).pop("scrapbook", None)
        salidas.append(salida)
    celda.outputs = salidas


def valores_pegados(cuaderno) -> dict[str, str]:
    """Los valores de `glue` que guardó la ejecución del cuaderno, por nombre (en texto)."""
    pegados = {}
    for celda in cuaderno.cells:
        for salida in celda.get("outputs", []):
            nombre = salida.get("metadata", {}).get("scrapbook", {}).get("name")
            texto = salida.get("data", {}).get(PREFIJO_GLUE + "text/plain")
            if nombre and texto is not None:
                pegados[nombre] = texto
    return pegados


def cuaderno_limpio(app, docname: str, citas: _Citas):
    """El cuaderno ejecutado de ``docname`` convertido para Jupyter y Colab, o None."""
    cuaderno = _leer_cuaderno(app, docname)
    if cuaderno is None:
        return None
    cache = get_cache(app.env.mystnb_config.execution_cache_path or ".jupyter_cache")
    try:
        _, cuaderno = cache.merge_match_into_notebook(cuaderno)
    except KeyError:
        registro.warning(f"{docname}: no hay ejecución en la caché; el cuaderno irá sin salidas")
    resolutor = _resolutor(app, docname, valores_pegados(cuaderno), citas)
    conversor = Conversor(resolutor)
    for celda in cuaderno.cells:
        if celda.cell_type == "markdown":
            celda.source = conversor.celda(celda.source)
            for resto in restos_de_myst(celda.source):
                resolutor.problemas.append(f"sintaxis de MyST sin convertir: {resto!r}")
        elif celda.cell_type == "code":
            _limpiar_celda_de_codigo(celda)
    for problema in resolutor.problemas:
        registro.warning(f"{docname}: {problema}")
    portada = nbformat.v4.new_markdown_cell(
        f"*Taller Keras* · Este cuaderno es un capítulo del curso; léelo también en línea en "
        f"<{_url_sitio(app)}{docname}.html>. Ejecuta las celdas en orden: la primera instala "
        "el paquete del curso si hace falta."
    )
    cuaderno.cells[:0] = [portada, _instalacion(app)]
    cuaderno.metadata.pop("jupytext", None)
    cuaderno.metadata.pop("source_map", None)
    cuaderno.metadata["colab"] = {"name": posixpath.basename(docname) + ".ipynb"}
    cuaderno.nbformat, cuaderno.nbformat_minor = 4, 5
    for numero, celda in enumerate(cuaderno.cells):
        celda["id"] = f"celda-{numero:02d}"  # fijos: dos construcciones dan el mismo archivo
    nbformat.validate(cuaderno)
    return cuaderno


def paginas_cuaderno(app) -> list[str]:
    """Capítulos escritos como cuadernos, en el orden de sus nombres (01-, 02-, ...)."""
    return sorted(
        doc for doc in app.env.found_docs if _es_cuaderno(Path(app.env.doc2path(doc)))
    )


def escribir_cuadernos(app, env) -> list[str]:
    """Tras leer todo: escribe cada cuaderno donde el tema lo busca para descargarlo."""
    citas = _Citas(app)
    ejecucion = Path(app.outdir).parent / "jupyter_execute"
    for docname in paginas_cuaderno(app):
        cuaderno = cuaderno_limpio(app, docname, citas)
        if cuaderno is None:
            continue
        destino = ejecucion / f"{docname}.ipynb"
        destino.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(cuaderno, destino)
    return []


def ajustar_botones(app, pagename, templatename, context, doctree) -> None:
    """Menú de descarga con el .ipynb limpio y el curso en PDF; «Abrir en Colab» que sí abre un cuaderno."""
    cuaderno = pagename in paginas_cuaderno(app)
    for grupo in context.get("header_buttons", []):
        if grupo.get("label") == "download-buttons":
            grupo["tooltip"] = "Descargar esta página"
            if cuaderno:
                grupo["buttons"] = [b for b in grupo["buttons"] if b.get("label") != "download-source-button"]
            for boton in grupo["buttons"]:
                if boton.get("label") == "download-notebook-button":
                    boton["tooltip"] = "Descargar como cuaderno de Jupyter"
                if boton.get("label") == "download-pdf-button":
                    boton["text"], boton["tooltip"] = "Imprimir", "Imprimir esta página"
            grupo["buttons"].append({
                "type": "link",
                "url": context["pathto"](PDF_CURSO, 1),
                "text": "Curso (.pdf)",
                "tooltip": "Descargar el curso completo en un PDF",
                "icon": "fas fa-book",
                "label": "download-course-pdf-button",
            })
        if cuaderno and grupo.get("label") == "launch-buttons":
            grupo["tooltip"] = "Ejecutar en línea"
            for boton in grupo["buttons"]:
                if boton.get("text") == "Colab":
                    boton["text"] = "Abrir en Colab"
                    boton["tooltip"] = "Abrir este cuaderno en Google Colab"
                    boton["url"] = url_colab(app, pagename)


def _zip(destino: Path, archivos: list[tuple[Path, str]], modo: str = "w") -> None:
    with zipfile.ZipFile(destino, modo, zipfile.ZIP_DEFLATED) as zf:
        for archivo, nombre in archivos:
            info = zipfile.ZipInfo(nombre, date_time=FECHA_ZIP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, archivo.read_bytes())


def publicar_pdf(salida: Path, pdf: Path) -> None:
    """Pone el PDF del curso en el sitio construido y en el .zip para leerlo sin conexión."""
    shutil.copyfile(pdf, salida / PDF_CURSO)
    sitio = salida / ZIP_SITIO
    if sitio.is_file():
        nombre = f"taller-keras/{PDF_CURSO}"
        with zipfile.ZipFile(sitio) as zf:
            ya_estaba = nombre in zf.namelist()
        if ya_estaba:  # un .zip no deja reemplazar un archivo: se vuelve a escribir sin él
            empaquetar_sitio(salida)
        _zip(sitio, [(salida / PDF_CURSO, nombre)], modo="a")


def empaquetar(app, excepcion) -> None:
    """Copia los cuadernos al sitio y escribe los dos .zip."""
    if excepcion is not None or app.builder.name != "html":
        return
    salida = Path(app.outdir)
    ejecucion = salida.parent / "jupyter_execute"
    cuadernos = []
    for docname in paginas_cuaderno(app):
        origen = ejecucion / f"{docname}.ipynb"
        if origen.is_file():
            destino = salida / "_sources" / f"{docname}.ipynb"
            destino.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origen, destino)
            cuadernos.append((destino, posixpath.basename(docname) + ".ipynb"))
    _zip(salida / ZIP_CUADERNOS, cuadernos)
    empaquetar_sitio(salida)
    registro.info(f"Cuadernos: {len(cuadernos)} en {ZIP_CUADERNOS}; sitio completo en {ZIP_SITIO}")


def empaquetar_sitio(salida: Path) -> None:
    """El sitio entero en ``taller-keras-sitio.zip`` (el PDF del curso lo agrega ``publicar_pdf``)."""
    fuera = {ZIP_SITIO, ".buildinfo", PDF_CURSO}
    sitio = sorted(p for p in salida.rglob("*") if p.is_file() and p.relative_to(salida).as_posix() not in fuera)
    _zip(salida / ZIP_SITIO, [(p, "taller-keras/" + p.relative_to(salida).as_posix()) for p in sitio])


class ListaCuadernos(SphinxDirective):
    """Tabla con cada capítulo, su cuaderno y su botón de Colab."""

    def run(self):
        app = self.env.app
        carpeta = posixpath.dirname(self.env.docname)
        lista = nodes.bullet_list()
        for docname in paginas_cuaderno(app):
            self.env.note_dependency(self.env.doc2path(docname))
            texto = Path(self.env.doc2path(docname)).read_text(encoding="utf-8")
            titulo = re.search(r"^# (.+)$", texto, re.MULTILINE).group(1).strip()
            cuaderno = posixpath.relpath(f"_sources/{docname}.ipynb", carpeta)
            parrafo = nodes.paragraph()
            parrafo += nodes.reference("", titulo, refuri=posixpath.relpath(docname, carpeta) + ".html")
            parrafo += nodes.Text(" — ")
            parrafo += nodes.reference("", "cuaderno (.ipynb)", refuri=cuaderno)
            parrafo += nodes.Text(" · ")
            parrafo += nodes.reference("", "abrir en Colab", refuri=url_colab(app, docname))
            lista += nodes.list_item("", parrafo)
        return [lista]


def setup(app):
    app.add_config_value("taller_rama_publicada", "gh-pages", "html")
    app.add_directive("lista-cuadernos", ListaCuadernos)
    app.connect("source-read", guardar_fuente, priority=900)
    registrar(app, FUENTES)
    app.connect("env-updated", escribir_cuadernos)
    app.connect("html-page-context", ajustar_botones, priority=600)
    # al final: el sitio completo, con lo que el tema y las demás extensiones escriben al terminar
    app.connect("build-finished", empaquetar, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
