"""Extensión de Sphinx del libro: datos MNIST y páginas siempre al día.

- Al empezar la construcción decide una sola vez el modo de MNIST (``auto`` →
  ``completo`` o ``muestra``), lo anota en el registro y lo pasa a los kernels por la
  variable ``TALLER_MNIST``.
- La caché de ejecución de myst-nb solo mira el código de las celdas. Para que un cambio
  del paquete ``taller_keras`` o del modo de datos vuelva a ejecutar las páginas que lo
  importan (y solo esas), se añade a su primera celda de código una huella de ambos.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sphinx.util import logging

import taller_keras
from taller_keras.datos import VARIABLE_MODO, elegir_modo

registro = logging.getLogger(__name__)

IMPORTA_PAQUETE = re.compile(r"^\s*(import|from)\s+taller_keras\b", re.MULTILINE)
PRIMERA_CELDA = re.compile(r"^(`{3,})\{code-cell\}[^\n]*\n", re.MULTILINE)
OPCION = "taller-huella"


def huella_paquete(modo: str) -> str:
    """Suma SHA-256 (16 cifras) del código del paquete y del modo de datos."""
    h = hashlib.sha256(modo.encode())
    raiz = Path(taller_keras.__file__).parent
    for archivo in sorted(raiz.rglob("*.py")):
        h.update(archivo.relative_to(raiz).as_posix().encode())
        h.update(archivo.read_bytes())
    return h.hexdigest()[:16]


def al_iniciar(app) -> None:
    modo, motivo = elegir_modo()
    os.environ[VARIABLE_MODO] = modo
    app.taller_huella = huella_paquete(modo)
    registro.info(f"Datos MNIST: modo «{modo}» ({motivo}).")


def marcar_huella(app, docname: str, fuente: list[str]) -> None:
    texto = fuente[0]
    importadores = app.env.__dict__.setdefault("taller_importadores", {})
    celda = PRIMERA_CELDA.search(texto)
    if not celda or not IMPORTA_PAQUETE.search(texto):
        importadores.pop(docname, None)
        return
    importadores[docname] = app.taller_huella
    fin = celda.end()
    if texto.startswith("---\n", fin):  # opciones en bloque YAML
        insercion, fin = f"{OPCION}: {app.taller_huella}\n", fin + 4
    else:
        insercion = f":{OPCION}: {app.taller_huella}\n"
    fuente[0] = texto[:fin] + insercion + texto[fin:]


def paginas_viejas(app, env, agregadas, cambiadas, quitadas) -> list[str]:
    """Páginas que importan el paquete y se ejecutaron con otra huella."""
    importadores = env.__dict__.get("taller_importadores", {})
    return [doc for doc, huella in importadores.items() if huella != app.taller_huella]


def setup(app):
    app.connect("builder-inited", al_iniciar)
    app.connect("source-read", marcar_huella)
    app.connect("env-get-outdated", paginas_viejas)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
