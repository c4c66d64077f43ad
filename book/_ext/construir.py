"""La línea de órdenes de ``jupyter-book``, leyendo y ejecutando varias páginas a la vez.

``jupyter-book build`` (1.x) no ofrece la opción ``-j`` de Sphinx, aunque su función
``build_sphinx`` la acepta; este lanzador se la pasa: tantos procesos como núcleos, hasta
``MAXIMO_DE_PROCESOS``, u otro número con la variable ``TALLER_PROCESOS`` (``1`` lee en serie).
myst-nb ejecuta cada página en el proceso que la lee, así que dos páginas largas pueden
ejecutarse al mismo tiempo.

jupyter-book carga siempre dos extensiones que no declaran si se pueden leer en paralelo, y
sin esa declaración Sphinx lee en serie. Ninguna guarda datos de las páginas en el entorno:
``sphinx-multitoc-numbering`` solo cambia cómo se numeran las secciones, algo que Sphinx hace
en el proceso principal después de leer todo, y ``sphinx-jupyterbook-latex`` solo actúa al
construir LaTeX. Aquí se declaran seguras.

Uso (lo mismo que ``jupyter-book``)::

    python book/_ext/construir.py build . --keep-going
"""

from __future__ import annotations

import functools
import os

import jupyter_book.sphinx
import sphinx_jupyterbook_latex
import sphinx_multitoc_numbering
from jupyter_book.cli.main import main

# Cada página ejecuta su propio kernel con TensorFlow: el de 09-cnn llega a ~1 GB de memoria.
MAXIMO_DE_PROCESOS = 4
VARIABLE_PROCESOS = "TALLER_PROCESOS"


def procesos() -> int:
    """Cuántas páginas leer a la vez: ``TALLER_PROCESOS`` o los núcleos (hasta el máximo)."""
    valor = os.environ.get(VARIABLE_PROCESOS, "").strip()
    if not valor:
        return min(MAXIMO_DE_PROCESOS, os.cpu_count() or 1)
    if not valor.isdigit() or int(valor) < 1:
        raise SystemExit(
            f"{VARIABLE_PROCESOS} debe ser un entero positivo (cuántas páginas leer a la vez); "
            f"recibí {valor!r}. Usa, por ejemplo, {VARIABLE_PROCESOS}=1 para leer en serie."
        )
    return int(valor)


def _declarar_segura(extension) -> None:
    original = extension.setup

    def setup(app) -> dict:
        original(app)
        return {"parallel_read_safe": True, "parallel_write_safe": True}

    extension.setup = setup


if __name__ == "__main__":
    _declarar_segura(sphinx_multitoc_numbering)
    _declarar_segura(sphinx_jupyterbook_latex)
    jupyter_book.sphinx.build_sphinx = functools.partial(jupyter_book.sphinx.build_sphinx, jobs=procesos())
    main()
