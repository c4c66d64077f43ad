"""Figuras que no mueven la página ni se piden antes de tiempo.

Cada ``<img>`` del cuerpo de una página que muestra una imagen del propio libro recibe:

- ``width`` y ``height`` (sus píxeles), si no los trae ya (como la figura estática de un panel),
  para que el navegador reserve su lugar antes de descargarla (con ``height: auto`` en la hoja
  del curso la proporción se mantiene al reducirla);
- ``loading="lazy"`` y ``decoding="async"`` si está lejos del comienzo de la página: se descarga
  cuando el lector se acerca a ella. La primera pantalla de un teléfono muestra unos
  ``TEXTO_EN_PRIMERA_PANTALLA`` caracteres; una figura con menos texto antes que eso puede verse
  sin desplazarse, y se pide de inmediato. En la página única (``singlehtml``, la que se imprime
  como PDF) todas se piden de inmediato: al imprimir no hay lector que se acerque a ellas;
- si es más ancha que ``ANCHO_TELEFONO`` píxeles, una copia de ese ancho en WebP sin pérdida
  (``srcset``): en un teléfono la columna mide unos 360 px, que con 1.75 píxeles por px son unos
  630 píxeles; la copia pesa la mitad que el PNG entero (hasta 1 300 píxeles de ancho), con los
  mismos colores. En pantallas grandes, la entera.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from PIL import Image

IMG = re.compile(r"<img\b(?P<atributos>[^>]*?)\s*/?>")
SRC = re.compile(r'\bsrc="(?P<src>[^"]+)"')
ETIQUETA = re.compile(r"<[^>]+>")
TEXTO_EN_PRIMERA_PANTALLA = 1200  # caracteres: unas 30 líneas de 40 en un teléfono
ANCHO_TELEFONO = 640  # píxeles de la copia reducida
# Lo ancho que se muestra la figura: la pantalla menos los márgenes en un teléfono o una tableta,
# a lo sumo la columna del texto (unos 780 px) en una pantalla grande.
TAMANOS = "(max-width: 960px) calc(100vw - 3rem), 780px"


def _archivo(app, pagename: str, src: str) -> Path | None:
    """El archivo de origen de una imagen que la página pide como ``src`` (o None si es ajena)."""
    ruta = posixpath.normpath(posixpath.join(posixpath.dirname(pagename), html.unescape(src)))
    carpeta, nombre = posixpath.split(ruta)
    if carpeta == app.builder.imagedir:  # _images/: Sphinx copia ahí las del libro
        origenes = {destino: origen for origen, destino in app.builder.images.items()}
        return Path(app.srcdir, origenes[nombre]) if nombre in origenes else None
    candidato = Path(app.outdir, ruta)
    return candidato if candidato.is_file() else None


def _reducida(app, src: str, archivo: Path, imagen: Image.Image) -> str:
    """Escribe (si falta o es vieja) la copia de ``ANCHO_TELEFONO`` píxeles; devuelve su ``src``."""
    carpeta, nombre = posixpath.split(src)
    nombre_reducida = f"{posixpath.splitext(nombre)[0]}-{ANCHO_TELEFONO}w.webp"
    destino = Path(app.outdir, app.builder.imagedir, nombre_reducida)
    if not destino.is_file() or destino.stat().st_mtime < archivo.stat().st_mtime:
        alto = round(imagen.height * ANCHO_TELEFONO / imagen.width)
        destino.parent.mkdir(parents=True, exist_ok=True)
        imagen.resize((ANCHO_TELEFONO, alto), Image.LANCZOS).save(destino, lossless=True)
    return posixpath.join(carpeta, nombre_reducida)


def en_primera_pantalla(cuerpo: str, posicion: int) -> bool:
    """¿Lo que está en ``posicion`` del HTML ``cuerpo`` se ve sin desplazarse en un teléfono?"""
    return len(ETIQUETA.sub("", cuerpo[:posicion])) <= TEXTO_EN_PRIMERA_PANTALLA


def _medidas(app, src: str, archivo: Path) -> str:
    """Los atributos ``width``, ``height`` y, si es ancha, ``srcset`` de una imagen del libro."""
    with Image.open(archivo) as imagen:
        ancho, alto = imagen.size
        reducir = ancho > ANCHO_TELEFONO and f"{app.builder.imagedir}/" in src
        if reducir:
            reducida = _reducida(app, src, archivo, imagen)
    extra = f' width="{ancho}" height="{alto}"'
    if reducir:
        extra += f' srcset="{reducida} {ANCHO_TELEFONO}w, {src} {ancho}w" sizes="{TAMANOS}"'
    return extra


def con_medidas(app, pagename: str, cuerpo: str) -> str:
    """El HTML ``cuerpo`` con medidas y carga diferida en sus figuras."""
    diferir = app.builder.name != "singlehtml"

    def sustituir(m: re.Match) -> str:
        atributos = m["atributos"]
        if " loading=" in atributos:
            return m.group(0)
        if " width=" in atributos:  # ya medida (la figura estática de un panel): solo diferirla
            extra = ""
        else:
            src = SRC.search(atributos)
            archivo = _archivo(app, pagename, src["src"]) if src else None
            if archivo is None or archivo.suffix == ".svg":
                return m.group(0)
            extra = _medidas(app, src["src"], archivo)
        if diferir and not en_primera_pantalla(cuerpo, m.start()):
            extra += ' loading="lazy" decoding="async"'
        return f"<img{atributos}{extra} />"

    return IMG.sub(sustituir, cuerpo)


def medir_figuras(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = con_medidas(app, pagename, context["body"])


def setup(app):
    app.connect("html-page-context", medir_figuras)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
