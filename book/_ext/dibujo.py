"""Directiva ``{dibuja-digito}``: el panel donde el lector dibuja y la red del curso predice.

El panel carga ``_static/dibujo/dibujo.js`` y este, cuando la página ya terminó de cargar,
``_static/cnn_mnist.js`` (la red que el capítulo de redes convolucionales entrena y exporta con
``taller_keras.navegador`` en ``book/modelos/navegador/``; esta extensión la copia al sitio). Sin
JavaScript muestra un aviso en español.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from por_pagina import datos, registrar

registro = logging.getLogger(__name__)
MODELO = Path("book", "modelos", "navegador", "cnn_mnist.js")
PANELES = "taller_paneles"  # {página con el panel: True}

PANEL = """\
<noscript><p class="taller-dibujo__aviso">Este panel necesita JavaScript: la red se ejecuta en tu
navegador. Actívalo para dibujar un dígito y ver qué responde la red.</p></noscript>
<link rel="stylesheet" href="{static}/dibujo/dibujo.css">
<div class="taller-dibujo" data-modelo="{static}/cnn_mnist.js">
  <div class="taller-dibujo__zona">
    <canvas class="taller-dibujo__lienzo" width="280" height="280" role="img"
      aria-label="Recuadro para dibujar un dígito con el ratón, el dedo o un lápiz"></canvas>
    <button type="button" class="taller-dibujo__borrar">Borrar</button>
  </div>
  <div class="taller-dibujo__resultado" aria-live="polite">
    <p class="taller-dibujo__prediccion">Cargando la red…</p>
    <div class="taller-dibujo__barras" aria-label="Probabilidad de cada dígito"></div>
    <figure class="taller-dibujo__vista">
      <canvas class="taller-dibujo__entrada" width="28" height="28" role="img"
        aria-label="La imagen de 28 por 28 píxeles que recibe la red"></canvas>
      <figcaption>Lo que ve la red: tu trazo recortado, reducido a 20 × 20 y centrado en 28 × 28.</figcaption>
    </figure>
  </div>
</div>
<script defer src="{static}/dibujo/dibujo.js"></script>
"""


class DibujaDigito(SphinxDirective):
    """Inserta el panel interactivo (uno por página)."""

    def run(self):
        datos(self.env, PANELES)[self.env.docname] = True
        static = posixpath.relpath("_static", posixpath.dirname(self.env.docname) or ".")
        return [nodes.raw("", PANEL.format(static=static), format="html")]


def copiar_modelo(app, excepcion) -> None:
    """Copia la red exportada al sitio; avisa si una página la usa y no existe."""
    if excepcion is not None or app.builder.format != "html":
        return
    origen = Path(app.srcdir, MODELO)
    if origen.is_file():
        shutil.copyfile(origen, Path(app.outdir, "_static", MODELO.name))
    elif datos(app.env, PANELES):
        registro.warning(f"Falta {MODELO}: lo escribe el capítulo de redes convolucionales al ejecutarse.")


def setup(app):
    app.add_directive("dibuja-digito", DibujaDigito)
    registrar(app, PANELES)
    # antes que cuadernos.empaquetar, que guarda el sitio en un .zip
    app.connect("build-finished", copiar_modelo, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
