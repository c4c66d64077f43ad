"""Fórmulas dibujadas al construir el sitio, con KaTeX: las páginas no llevan JavaScript de matemáticas.

``sphinxcontrib-katex`` (con ``katex_prerender``) pasa cada fórmula por KaTeX en Node.js mientras
escribe el HTML. Esta extensión le indica qué KaTeX usar (el del registro de npm, fijado en
``package-lock.json``), copia al sitio su hoja de estilos y sus fuentes, y pone esa hoja solo en las
páginas que tienen fórmulas (``recursos.solo_donde_aparezca``). Una fórmula que KaTeX no entiende es un aviso (con ``-W``, un error):
KaTeX la dejaría en rojo en la página. Las fórmulas anchas se desplazan dentro de su caja
(``desplazables.py`` la deja enfocar con el teclado).

Las fuentes van solo en WOFF2, el formato que eligen todos los navegadores que leen el sitio; las
demás (WOFF, TTF) que nombra la hoja de KaTeX no se piden nunca. Si hay una fórmula en la primera
pantalla de un teléfono (la misma medida que usa ``imagenes.py``), las dos fuentes de casi toda
fórmula (letras y cifras) se precargan, con prioridad baja (``fetchpriority="low"``): así llegan
antes de componer la página y nada se mueve al llegar ellas (sin precargarlas, en «Pérdidas» una
lista de la primera pantalla saltaba al cambiar de fuente), pero no compiten con las hojas de
estilo en una conexión lenta. Si la primera fórmula está más abajo, no se precargan: el navegador
las pide al componer la página, y el texto de la primera pantalla llega antes (Lighthouse, en
«Retropropagación»: el primer párrafo, unos 0.15 s antes que con la precarga).
"""

from __future__ import annotations

import html
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

from imagenes import en_primera_pantalla
from recursos import solo_donde_aparezca

registro = logging.getLogger(__name__)

MARCA = 'class="katex"'  # en el HTML de toda fórmula dibujada
DESTINO = "katex"  # dentro de _static/, igual que katex_css_path en _config.yml
# La hoja de KaTeX y la de sphinxcontrib-katex.
DE_LAS_FORMULAS = ("katex.min.css", "katex-math.css")
PRECARGADAS = ("KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2")
ERROR = re.compile(r'<span class="katex-error" title="([^"]*)"')


def _origen(app) -> Path:
    return Path(app.srcdir) / "node_modules" / "katex" / "dist"


def usar_katex_de_npm(app, config) -> None:
    """KaTeX de node_modules (el mismo que da la hoja de estilos) dibuja las fórmulas."""
    katex = _origen(app) / "katex.min.js"
    if not katex.is_file():
        raise ExtensionError(
            "Falta KaTeX en node_modules/. Instálalo con `npm ci` en la raíz del proyecto "
            "(`make book` lo hace solo)."
        )
    config.katex_js_path = str(katex)


def precargar_y_avisar(app, pagename, templatename, context, doctree) -> None:
    """Precarga las fuentes principales si hacen falta en la primera pantalla; avisa de cada
    fórmula que KaTeX no pudo dibujar."""
    cuerpo = context.get("body", "")
    primera = cuerpo.find(MARCA)
    if primera >= 0 and en_primera_pantalla(cuerpo, primera):
        context["metatags"] = context.get("metatags", "") + "".join(
            f'\n<link rel="preload" href="{context["pathto"](f"_static/{DESTINO}/fonts/{fuente}", 1)}" '
            'as="font" type="font/woff2" crossorigin fetchpriority="low">'
            for fuente in PRECARGADAS
        )
    for error in ERROR.findall(cuerpo):
        registro.warning(f"{pagename}: KaTeX no pudo dibujar una fórmula: {html.unescape(error)}")


def copiar_katex(app, excepcion) -> None:
    if excepcion is not None or app.builder.format != "html":
        return
    origen, destino = _origen(app), Path(app.outdir) / "_static" / DESTINO
    (destino / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(origen / "katex.min.css", destino / "katex.min.css")
    for fuente in (origen / "fonts").glob("*.woff2"):
        shutil.copyfile(fuente, destino / "fonts" / fuente.name)


def _conectar_con_reintentos() -> None:
    """sphinxcontrib-katex 0.9.11 conecta con su servidor de Node por un socket Unix en cuanto el
    archivo del socket existe, que es antes de que el servidor escuche: a veces la conexión es
    rechazada y la construcción se cae. Aquí se conecta por el mismo socket Unix, reintentando
    hasta que el servidor escucha. (Su otro camino, TCP en 127.0.0.1, también reintenta, pero cada
    fórmula esperaba allí unos 85 ms al acuse retardado de TCP: 1 200 fórmulas, casi dos minutos.)"""
    from sphinxcontrib.katex import KaTeXServer

    def start_server_process(cls, rundir, timeout):
        ruta = rundir / "katex.sock"
        proceso = subprocess.Popen(cls.build_command(socket=ruta), stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, cwd=rundir)
        limite = time.monotonic() + timeout
        while True:
            try:
                conexion = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                conexion.connect(str(ruta))
                return proceso, conexion
            except (FileNotFoundError, ConnectionRefusedError):
                conexion.close()
                if time.monotonic() > limite:
                    proceso.kill()
                    raise cls.timeout_error(timeout) from None
                time.sleep(0.001)

    KaTeXServer.start_server_process = classmethod(start_server_process)


def setup(app):
    app.setup_extension("sphinxcontrib.katex")
    _conectar_con_reintentos()
    app.setup_extension("recursos")
    solo_donde_aparezca(app, MARCA, *DE_LAS_FORMULAS)
    app.connect("config-inited", usar_katex_de_npm)
    app.connect("html-page-context", precargar_y_avisar)
    # antes que cuadernos.empaquetar, que guarda el sitio en un .zip
    app.connect("build-finished", copiar_katex, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
