"""El tema, podado a lo que usa el sitio: su hoja de estilos y sus fuentes de íconos.

pydata-sphinx-theme trae una hoja de estilos de 400 KB (todo Bootstrap y una regla por cada uno de
los 2 500 íconos de Font Awesome), las fuentes de Font Awesome (430 KB en WOFF2) y, además,
``fontawesome.js`` (1.5 MB, los mismos íconos como JavaScript, que cambia cada ``<i class="fa-…">``
por un SVG). ``book/_templates/layout.html`` deja de cargar ese guion: los íconos salen de la fuente.
Al terminar cada construcción, sobre el sitio ya escrito:

1. se borra ``fontawesome.js`` (ninguna página lo pide), y el mapa de la hoja del tema, que ya
   no le correspondería;
2. PurgeCSS (registro de npm, ``package-lock.json``) deja en la hoja del tema solo las reglas cuyos
   selectores usan clases, identificadores y etiquetas que aparecen en alguna página o en algún
   guion del sitio (los guiones del tema ponen y quitan clases; sus nombres están en su código,
   salvo las pocas de ``SIEMPRE``);
3. fontTools reduce cada fuente de Font Awesome a los caracteres que quedan en las hojas de estilo.

Se parte siempre de los archivos originales del tema, así que una página nueva que use otra regla
u otro ícono los trae en la siguiente construcción. Solo se poda la hoja del tema: las de las
extensiones y las del libro van enteras.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pydata_sphinx_theme
from fontTools import subset
from sphinx.errors import ExtensionError
from sphinx.util import logging

registro = logging.getLogger(__name__)

TEMA = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
HOJA = Path("styles", "pydata-sphinx-theme.css")
FUENTES = Path("vendor", "fontawesome", "webfonts")
GUION = Path("scripts", "fontawesome.js")
# Clases que Bootstrap arma al vuelo (`bs-${nombre}-auto`), así que su nombre no está en su código:
# la flecha de los globos de ayuda.
SIEMPRE = ["bs-tooltip-auto", "bs-tooltip-top", "bs-tooltip-bottom", "bs-tooltip-start", "bs-tooltip-end"]
# Un carácter del área de uso privado de Unicode (la de los íconos), tal cual o como escape de CSS.
CARACTER = re.compile(r"[\ue000-\uf8ff]|\\([ef][0-9a-fA-F]{3})")


def _purgecss(app) -> Path:
    return Path(app.srcdir) / "node_modules" / ".bin" / "purgecss"


def comprobar(app) -> None:
    if not _purgecss(app).is_file():
        raise ExtensionError(
            "Falta PurgeCSS en node_modules/. Instálalo con `npm ci` en la raíz del proyecto "
            "(`make book` lo hace solo)."
        )


def podar_hoja(app, salida: Path) -> None:
    """Escribe en el sitio la hoja del tema con solo las reglas que el sitio puede usar."""
    destino = salida / "_static" / HOJA.parent
    resultado = subprocess.run(
        [str(_purgecss(app)), "--css", str(TEMA / HOJA), "--output", str(destino),
         "--content", str(salida / "**" / "*.html"), str(salida / "_static" / "**" / "*.js"),
         "--safelist", *SIEMPRE],
        capture_output=True, text=True,
    )
    if resultado.returncode != 0:
        raise ExtensionError(f"PurgeCSS no pudo podar {HOJA.name}:\n{resultado.stderr[-2000:]}")


def caracteres_usados(salida: Path) -> set[int]:
    """Los caracteres de íconos que nombran las hojas de estilo del sitio (ya podadas)."""
    caracteres: set[int] = set()
    for hoja in (salida / "_static").rglob("*.css"):
        for m in CARACTER.finditer(hoja.read_text(encoding="utf-8")):
            caracteres.add(int(m[1], 16) if m[1] else ord(m[0]))
    return caracteres


def reducir(origen: Path, destino: Path, caracteres: set[int]) -> None:
    """Escribe en ``destino`` la fuente ``origen`` con solo esos caracteres (mismo formato)."""
    opciones = subset.Options()
    opciones.flavor = "woff2" if origen.suffix == ".woff2" else None
    fuente = subset.load_font(str(origen), opciones)
    reductor = subset.Subsetter(opciones)
    reductor.populate(unicodes=sorted(caracteres))
    reductor.subset(fuente)
    subset.save_font(fuente, str(destino), opciones)


def podar_tema(app, excepcion) -> None:
    if excepcion is not None or app.builder.format != "html":
        return
    salida = Path(app.outdir)
    sobrantes = [*(salida / "_static").glob(f"{GUION}*"), salida / "_static" / f"{HOJA}.map"]
    for sobrante in sobrantes:  # el guion (con su mapa y su licencia) y el mapa de la hoja
        sobrante.unlink(missing_ok=True)
    podar_hoja(app, salida)
    caracteres = caracteres_usados(salida)
    for origen in sorted((TEMA / FUENTES).iterdir()):
        destino = salida / "_static" / FUENTES / origen.name
        if destino.is_file():
            reducir(origen, destino, caracteres)
    registro.info(f"Tema podado: {HOJA.name} y fuentes de íconos con {len(caracteres)} caracteres")


def setup(app):
    app.connect("builder-inited", comprobar)
    # antes que cuadernos.empaquetar, que guarda el sitio en un .zip
    app.connect("build-finished", podar_tema, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
