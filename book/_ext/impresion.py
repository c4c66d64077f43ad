"""La versión de una sola página (``singlehtml``) de la que sale el PDF del curso.

- Sphinx busca cómo escribir cada nodo propio en los manejadores registrados con el nombre del
  constructor (``singlehtml``) y, sólo si no hay ninguno, en los del formato (``html``). Como
  sphinx-exercise registra los suyos para ``singlehtml``, los de las demás extensiones (por
  ejemplo, el nodo oculto de sphinx-jupyterbook-latex) faltarían: aquí se copian los de ``html``.
- Cada página dice en una etiqueta ``<meta>`` con qué datos de MNIST se construyó; la portada
  del PDF la lee de ahí (``book/_ext/pdf.py``).
"""

from __future__ import annotations

import os

from taller_keras.datos import VARIABLE_MODO

META_MODO = "taller-modo-mnist"


def copiar_manejadores_html(app) -> None:
    if app.builder.name != "singlehtml":
        return
    manejadores = app.registry.translation_handlers
    propios = manejadores.setdefault("singlehtml", {})
    for nombre, par in manejadores.get("html", {}).items():
        propios.setdefault(nombre, par)


def anotar_modo(app, pagename, templatename, context, doctree) -> None:
    modo = os.environ.get(VARIABLE_MODO, "")
    context["metatags"] = context.get("metatags", "") + f'\n<meta name="{META_MODO}" content="{modo}">'


def setup(app):
    # después de taller.al_iniciar, que decide el modo de datos
    app.connect("builder-inited", copiar_manejadores_html, priority=600)
    app.connect("html-page-context", anotar_modo)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
