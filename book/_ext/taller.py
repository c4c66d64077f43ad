"""Extensión de Sphinx del libro: datos MNIST y páginas siempre al día.

- Al empezar la construcción decide una sola vez el modo de MNIST (``auto`` →
  ``completo`` o ``muestra``), lo anota en el registro y lo pasa a los kernels por la
  variable ``TALLER_MNIST``.
- La caché de ejecución de myst-nb solo mira el código de las celdas. Para que un cambio
  del paquete ``taller_keras`` vuelva a ejecutar las páginas que lo usan, y solo esas, cada
  página que lo importa lleva en su primera celda de código una huella de los módulos que
  usa (con sus dependencias dentro del paquete) y, si carga MNIST, del modo de datos.
- Crea la caché de ejecución antes de leer: con lectura en paralelo (``construir.py``), dos
  procesos que la crearan a la vez chocarían.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from jupyter_cache import get_cache
from sphinx.util import logging

import taller_keras
from por_pagina import datos, registrar
from taller_keras.datos import VARIABLE_MODO, elegir_modo

registro = logging.getLogger(__name__)

PRIMERA_CELDA = re.compile(r"^(`{3,})\{code-cell\}[^\n]*\n", re.MULTILINE)
# from taller_keras import a, b | from taller_keras.a import x | import taller_keras.a
IMPORTACION = re.compile(
    r"^\s*(?:from\s+taller_keras(?:\.(?P<desde>\w+))?\s+import\s+(?P<nombres>\([^)]*\)|[^\n]+)"
    r"|import\s+taller_keras(?:\.(?P<modulo>\w+))?)",
    re.MULTILINE,
)
# dentro del paquete: from .a import x | from . import a | from ..a import x (desde una
# subcarpeta) | from taller_keras.a import x
RELATIVA = re.compile(
    r"^\s*from\s+(?:\.\.?|taller_keras\.?)(?P<desde>\w*)\s+import\s+(?P<nombres>\([^)]*\)|[^\n]+)",
    re.MULTILINE,
)
OPCION = "taller-huella"
MODULO_DE_DATOS = "datos"
IMPORTADORES = "taller_importadores"  # {página: (módulos que usa, huella)}


def _raiz(app) -> Path:
    return Path(app.config.taller_paquete or Path(taller_keras.__file__).parent)


def _nombres(grupo: str) -> list[str]:
    return [n.split(" as ")[0].strip() for n in grupo.strip("()").replace("\n", " ").split(",") if n.strip()]


def archivos(raiz: Path, modulo: str) -> list[Path]:
    """Los archivos de un módulo del paquete: ``modulo.py`` o todos los de la subcarpeta ``modulo/``."""
    archivo = raiz / f"{modulo}.py"
    if archivo.is_file():
        return [archivo]
    carpeta = raiz / modulo
    return sorted(carpeta.glob("*.py")) if (carpeta / "__init__.py").is_file() else []


def modulos_usados(texto: str, raiz: Path, patron: re.Pattern = IMPORTACION) -> set[str]:
    """Módulos del paquete que importa un texto (sin contar sus dependencias)."""
    modulos: set[str] = set()
    for m in patron.finditer(texto):
        if m.groupdict().get("modulo"):
            modulos.add(m["modulo"])
        elif m["desde"]:
            modulos.add(m["desde"])
        elif m["nombres"] is not None:
            modulos.update(_nombres(m["nombres"]))
    return {n for n in modulos if archivos(raiz, n)}


def cierre(modulos: set[str], raiz: Path) -> set[str]:
    """Los módulos dados más todos los que ellos importan dentro del paquete."""
    pendientes, vistos = list(modulos), set()
    while pendientes:
        modulo = pendientes.pop()
        if modulo in vistos:
            continue
        vistos.add(modulo)
        for archivo in archivos(raiz, modulo):
            pendientes.extend(modulos_usados(archivo.read_text(encoding="utf-8"), raiz, RELATIVA) - vistos)
    return vistos


def huella(modulos: set[str], raiz: Path, modo: str) -> str:
    """SHA-256 (16 cifras) de ``__init__.py``, de esos módulos y, si cargan MNIST, del modo."""
    h = hashlib.sha256()
    for nombre in ["__init__", *sorted(modulos)]:
        for archivo in archivos(raiz, nombre):
            h.update(archivo.relative_to(raiz).as_posix().encode())
            h.update(archivo.read_bytes())
    if MODULO_DE_DATOS in modulos:
        h.update(modo.encode())
    return h.hexdigest()[:16]


def al_iniciar(app) -> None:
    modo, motivo = elegir_modo()
    os.environ[VARIABLE_MODO] = modo
    registro.info(f"Datos MNIST: modo «{modo}» ({motivo}).")


def crear_cache(app, env, docnames) -> None:
    get_cache(env.mystnb_config.execution_cache_path).db  # crea la base de datos si no existe


def marcar_huella(app, docname: str, fuente: list[str]) -> None:
    texto = fuente[0]
    importadores = datos(app.env, IMPORTADORES)
    celda = PRIMERA_CELDA.search(texto)
    if not celda or not IMPORTACION.search(texto):
        importadores.pop(docname, None)
        return
    raiz = _raiz(app)
    modulos = cierre(modulos_usados(texto, raiz), raiz)
    valor = huella(modulos, raiz, os.environ[VARIABLE_MODO])
    importadores[docname] = (sorted(modulos), valor)
    fin = celda.end()
    if texto.startswith("---\n", fin):  # opciones en bloque YAML
        insercion, fin = f"{OPCION}: {valor}\n", fin + 4
    else:
        insercion = f":{OPCION}: {valor}\n"
    fuente[0] = texto[:fin] + insercion + texto[fin:]


def paginas_viejas(app, env, agregadas, cambiadas, quitadas) -> list[str]:
    """Páginas cuyos módulos del paquete (o modo de datos) cambiaron desde su ejecución."""
    raiz, modo = _raiz(app), os.environ[VARIABLE_MODO]
    viejas = []
    for doc, (modulos, valor) in datos(env, IMPORTADORES).items():
        existentes = {m for m in modulos if archivos(raiz, m)}
        if existentes != set(modulos) or huella(existentes, raiz, modo) != valor:
            viejas.append(doc)
    return viejas


def setup(app):
    # Carpeta del paquete cuya huella cuenta (por omisión, la de taller_keras).
    app.add_config_value("taller_paquete", "", "")
    app.connect("builder-inited", al_iniciar)
    app.connect("env-before-read-docs", crear_cache)
    app.connect("source-read", marcar_huella)
    app.connect("env-get-outdated", paginas_viejas)
    registrar(app, IMPORTADORES)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 3}
