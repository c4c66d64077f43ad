"""Cajas que se desplazan (código, salidas, tablas y fórmulas anchas), enfocables desde el HTML.

En un teléfono, lo que es más ancho que la columna se desplaza dentro de su caja, y quien usa el
teclado debe poder enfocarla para desplazarla. pydata-sphinx-theme lo resuelve midiendo cada caja
al cargar la página (``scrollWidth > clientWidth``) y otra vez tras cada cambio del contenido.
Medirlas obliga al navegador a componer la página entera de una vez, también lo que todavía no se
ve y que ``taller.css`` le deja dibujar después (``content-visibility: auto``): en las páginas
largas, esa medición era la tarea más larga de la carga.

Aquí las cajas que pueden desplazarse reciben ``tabindex="0"`` al escribir el HTML, quepan o no
(una parada de más para el teclado en una pantalla ancha, a cambio de no medir nada), y el
guion del tema ya no las mide: se quita la llamada que lo hace al cargar. Si otra versión del tema
cambia ese guion, la construcción se detiene con un error, en vez de medir sin que se note.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.errors import ExtensionError

ENFOCABLE = ' tabindex="0"'
CAJAS = [
    # todo bloque de código o de texto (el tema les da overflow: auto)
    (re.compile(r"<pre(?=[\s>])(?![^>]*\btabindex=)"), rf"<pre{ENFOCABLE}"),
    # las fórmulas en bloque y las tablas (taller.css y el tema: overflow-x: auto)
    (re.compile(r'<div class="math">'), rf'<div class="math"{ENFOCABLE}>'),
    (re.compile(r'<div class="pst-scrollable-table-container">'),
     rf'<div class="pst-scrollable-table-container"{ENFOCABLE}>'),
    # una salida HTML (tablas de pandas); si lleva un <pre>, ya es él quien se enfoca
    (re.compile(r'<div class="output text_html">(?!\s*<pre)'), rf'<div class="output text_html"{ENFOCABLE}>'),
]

GUION_DEL_TEMA = Path("_static", "scripts", "pydata-sphinx-theme.js")
# Al cargar la página, el tema mide las cajas (función I) y vuelve a medirlas con cada cambio.
MEDIR_AL_CARGAR = '"complete"===document.readyState?I():window.addEventListener("load",I)'
SIN_MEDIR = "void 0/* book/_ext/desplazables.py */"


def cajas_enfocables(html: str) -> str:
    """El HTML con ``tabindex="0"`` en cada caja que puede desplazarse."""
    for patron, reemplazo in CAJAS:
        html = patron.sub(reemplazo, html)
    return html


def enfocar_cajas(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = cajas_enfocables(context["body"])


def no_medir_al_cargar(app, excepcion) -> None:
    if excepcion is not None or app.builder.format != "html":
        return
    guion = Path(app.outdir) / GUION_DEL_TEMA
    texto = guion.read_text(encoding="utf-8")
    if texto.count(MEDIR_AL_CARGAR) == 1:
        guion.write_text(texto.replace(MEDIR_AL_CARGAR, SIN_MEDIR), encoding="utf-8")
    elif SIN_MEDIR not in texto:
        raise ExtensionError(
            f"{GUION_DEL_TEMA} ya no trae la medición que book/_ext/desplazables.py quita; "
            "revisa esa extensión con la versión del tema fijada en requirements.txt."
        )


def setup(app):
    app.connect("html-page-context", enfocar_cajas)
    # antes que cuadernos.empaquetar, que guarda el sitio en un .zip
    app.connect("build-finished", no_medir_al_cargar, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
