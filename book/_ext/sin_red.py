"""MathJax servido por el propio sitio: las fórmulas se ven sin conexión y sin CDN.

MathJax llega del registro de npm (``package.json``, ``npm ci``); aquí solo se copian al sitio
las partes que usa la página: el componente ``tex-chtml``, sus fuentes y las extensiones de TeX
que carga bajo demanda.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

PARTES = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions")
DESTINO = "mathjax"  # dentro de _static/, igual que mathjax_path


def _origen(app) -> Path:
    return Path(app.srcdir) / "node_modules" / "mathjax" / "es5"


def comprobar(app) -> None:
    if not (_origen(app) / PARTES[0]).is_file():
        raise ExtensionError(
            "Falta MathJax en node_modules/. Instálalo con `npm ci` en la raíz del proyecto "
            "(`make book` lo hace solo)."
        )


def copiar_mathjax(app, excepcion) -> None:
    if excepcion is not None or app.builder.format != "html":
        return
    destino = Path(app.outdir) / "_static" / DESTINO
    for parte in PARTES:
        origen, final = _origen(app) / parte, destino / parte
        final.parent.mkdir(parents=True, exist_ok=True)
        if origen.is_dir():
            shutil.copytree(origen, final, dirs_exist_ok=True)
        else:
            shutil.copyfile(origen, final)


def setup(app):
    app.connect("builder-inited", comprobar)
    # antes que cuadernos.empaquetar, que guarda el sitio en un .zip
    app.connect("build-finished", copiar_mathjax, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
