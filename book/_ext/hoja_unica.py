"""Una sola hoja de estilos por página: las que pedía, unidas en orden en un archivo.

Cada página pedía unas catorce hojas (la del tema, las de las extensiones y la del libro), y no
se dibuja nada hasta tenerlas todas. Con HTTP/1.1 el navegador abre a lo sumo seis conexiones por
sitio: en una conexión lenta, cada tanda de seis es otro viaje de ida y vuelta antes de la primera
pantalla. Unidas, son un solo pedido.

Al escribir cada página, sus hojas (las que dejó ``recursos.py``, precedidas por las dos que la
plantilla del tema pone siempre) se cambian por ``_static/hojas/<huella>.css``: la huella resume la
lista, así que las páginas con las mismas hojas comparten archivo y el navegador lo guarda una vez.
La primera línea del archivo es un comentario con esa lista. Al terminar la construcción, cuando
la hoja del tema ya está podada (``poda.py``), la de KaTeX copiada (``formulas.py``) y la de los
colores del código reescrita por el tema, cada archivo de ``_static/hojas/`` se rehace con el
contenido actual de sus hojas, con cada ``url(…)`` corregida a la nueva carpeta. Así, una
construcción que no reescribe las páginas también los pone al día.

Unir archivos y corregir rutas relativas son dos expresiones regulares: no hace falta un
empaquetador de CSS.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from sphinx.errors import ExtensionError

CARPETA = "_static/hojas"
# Las que la plantilla del tema pide antes que las demás (theme.css solo importa basic.css).
DEL_TEMA = ("_static/basic.css", "_static/styles/pydata-sphinx-theme.css")
CABECERA = re.compile(r"/\* hojas: (?P<lista>[^*]*) \*/")
URL = re.compile(r"url\((?P<comilla>['\"]?)(?P<ruta>[^'\")]+)(?P=comilla)\)")


def cabecera(hojas: list[str]) -> str:
    return f"/* hojas: {' '.join(hojas)} */\n"


def hojas_de(texto: str) -> list[str]:
    """La lista de hojas que nombra la primera línea de un archivo unido."""
    m = CABECERA.match(texto)
    if not m:
        raise ExtensionError(
            "Una hoja de _static/hojas/ no empieza con su lista: borra _build/ y construye de nuevo."
        )
    return m["lista"].split()


def reubicar(css: str, desde: str, hacia: str) -> str:
    """``css`` con sus ``url()`` relativas a la carpeta ``desde`` reescritas para la carpeta ``hacia``."""

    def sustituir(m: re.Match) -> str:
        ruta = m["ruta"]
        if re.match(r"^([a-z]+:|/|#)", ruta):
            return m.group(0)
        nueva = posixpath.relpath(posixpath.normpath(posixpath.join(desde, ruta)), hacia)
        return f"url({m['comilla']}{nueva}{m['comilla']})"

    return URL.sub(sustituir, css)


def unir(salida: Path, hojas: list[str]) -> str:
    """El contenido de ``hojas`` (rutas dentro de ``salida``), en orden y listo para ``CARPETA``."""
    partes = []
    for hoja in hojas:
        archivo = salida / hoja
        if not archivo.is_file():
            raise ExtensionError(
                f"Falta la hoja de estilos {hoja} que pide una página; si ya no existe, "
                "borra _build/ y construye de nuevo."
            )
        texto = archivo.read_text(encoding="utf-8")
        if "@import" in texto:
            raise ExtensionError(
                f"La hoja {hoja} usa @import, que dentro de una hoja unida deja de valer: añade la "
                "hoja importada con app.add_css_file en lugar del @import."
            )
        partes.append(reubicar(texto, posixpath.dirname(hoja), CARPETA))
    return cabecera(hojas) + "\n".join(partes)


def una_hoja(app, pagename, templatename, context, doctree) -> None:
    """La página pide un solo archivo, el de su lista de hojas (que se completa al terminar)."""
    if "css_files" not in context:
        return
    raras = [c.filename for c in context["css_files"] if set(c.attributes) - {"rel", "type"}]
    if raras:
        raise ExtensionError(
            f"Hojas con atributos (media, title…) que no se pueden unir a las demás: {raras}"
        )
    hojas = [*DEL_TEMA, *(c.filename.split("?")[0] for c in context["css_files"])]
    huella = hashlib.sha256(" ".join(hojas).encode()).hexdigest()[:12]
    destino = Path(app.outdir, CARPETA, f"{huella}.css")
    if not destino.is_file():  # las páginas se escriben en paralelo: el disco es lo que comparten
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_text(cabecera(hojas), encoding="utf-8")
    context["taller_hoja"] = f"{CARPETA}/{huella}.css"
    context["css_files"] = []


def completar_hojas(app, excepcion) -> None:
    if excepcion or app.builder.format != "html":
        return
    for destino in Path(app.outdir, CARPETA).glob("*.css"):
        hojas = hojas_de(destino.read_text(encoding="utf-8"))
        destino.write_text(unir(Path(app.outdir), hojas), encoding="utf-8")


def setup(app):
    # después de recursos.py (900), que quita las hojas que la página no usa
    app.connect("html-page-context", una_hoja, priority=950)
    # después de podar el tema y copiar KaTeX (400) y de que el tema reescriba pygments.css (500);
    # antes de guardar el sitio para llevar (cuadernos.py, 800)
    app.connect("build-finished", completar_hojas, priority=700)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
