"""Hojas de estilo y guiones de cada página: solo los que la página usa, y sin hacerla esperar.

Las extensiones de Sphinx añaden sus hojas y guiones a todas las páginas. Aquí:

- ``solo_donde_aparezca(app, marca, *archivos)``: esos archivos (por su nombre) van solo en las
  páginas cuyo cuerpo contiene ``marca``, un fragmento de HTML que solo aparece donde se usan
  (por ejemplo ``class="katex"`` para la hoja de las fórmulas). Cualquier extensión del libro
  puede declarar así sus propios archivos, y lo hace en su ``setup``.
- Los guiones con archivo se cargan diferidos (``defer``): el navegador muestra la página sin
  esperarlos y los ejecuta en orden al terminar de leerla. Solo ``documentation_options.js`` se
  ejecuta en el acto, porque los guiones en línea de Sphinx completan el objeto que define. La
  página de búsqueda los deja como están: su plantilla pone al final, sin diferir, los guiones de
  la búsqueda, que usan los de Sphinx.
"""

from __future__ import annotations

SIN_DIFERIR = {"documentation_options.js"}
# Archivos de extensiones ajenas que el libro usa en pocas páginas (o en ninguna, hoy).
DE_OTRAS_EXTENSIONES = {
    'class="sd-': ("sphinx-design.min.css", "design-tabs.js"),  # sphinx-design
    "thebe-launch-button": ("sphinx-thebe.css", "sphinx-thebe.js"),  # botón de Thebe
    'class="highlight': ("copybutton.css", "clipboard.min.js", "copybutton.js"),  # bloques de código
}


def _nombre(recurso) -> str:
    return str(getattr(recurso, "filename", None) or "").split("?")[0].rsplit("/", 1)[-1]


def solo_donde_aparezca(app, marca: str, *archivos: str) -> None:
    """Los ``archivos`` solo van en las páginas cuyo cuerpo HTML contiene ``marca``."""
    marcas = app.__dict__.setdefault("taller_recursos", {})
    for archivo in archivos:
        marcas[archivo] = marca


def solo_los_necesarios(app, pagename, templatename, context, doctree) -> None:
    marcas = app.__dict__.get("taller_recursos", {})
    cuerpo = context.get("body", "")
    for lista in ("css_files", "script_files"):
        if lista in context:
            context[lista][:] = [
                r for r in context[lista] if _nombre(r) not in marcas or marcas[_nombre(r)] in cuerpo
            ]


def guiones_diferidos(app, pagename, templatename, context, doctree) -> None:
    if pagename == "search" or "script_files" not in context:
        return
    guiones = context["script_files"]
    for i, js in enumerate(guiones):
        if js.filename and _nombre(js) not in SIN_DIFERIR and not {"async", "defer"} & set(js.attributes):
            # una copia: el mismo objeto de Sphinx sirve a todas las páginas
            guiones[i] = type(js)(js.filename, priority=js.priority, **js.attributes, defer="defer")


def setup(app):
    for marca, archivos in DE_OTRAS_EXTENSIONES.items():
        solo_donde_aparezca(app, marca, *archivos)
    # al final: después de las extensiones que añaden archivos a una sola página
    app.connect("html-page-context", solo_los_necesarios, priority=900)
    app.connect("html-page-context", guiones_diferidos, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
