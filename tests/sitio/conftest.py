"""Utilidades para revisar el sitio construido en _build/html (también en un navegador real)."""

import contextlib
import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

RAIZ = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RAIZ / "book" / "_ext"))
from chromium import ARGUMENTOS, CHROMIUM  # noqa: E402

# TALLER_HTML permite revisar otra construcción (por ejemplo, una copia en /tmp).
HTML = Path(os.environ.get("TALLER_HTML", RAIZ / "_build" / "html"))


def paginas_del_indice() -> list[str]:
    """Las páginas de _toc.yml, en orden (por ejemplo 'book/06-mnist')."""
    toc = yaml.safe_load((RAIZ / "_toc.yml").read_text(encoding="utf-8"))
    paginas = [toc["root"]]
    pendientes = list(toc.get("parts", [])) + list(toc.get("chapters", []))
    while pendientes:
        nodo = pendientes.pop(0)
        if "file" in nodo:
            paginas.append(nodo["file"])
        pendientes[:0] = nodo.get("chapters", []) + nodo.get("sections", [])
    return paginas


@pytest.fixture(scope="session")
def sitio() -> Path:
    if not (HTML / "index.html").is_file():
        pytest.fail("No hay sitio construido en _build/html: ejecuta `make book` antes.")
    return HTML


def leer(pagina: str) -> BeautifulSoup:
    return BeautifulSoup((HTML / f"{pagina}.html").read_text(encoding="utf-8"), "html.parser")


# --- Servidor y navegador -------------------------------------------------------------------

ESCRITORIO = {"width": 1280, "height": 800}
TELEFONO = {"width": 375, "height": 812}
# taller.css deja para después lo que está lejos de la pantalla (content-visibility: auto), y el
# navegador no lo compone hasta que el lector se acerca. Las revisiones de la página entera (axe,
# desbordes) la dibujan toda antes, como la verá quien la recorra.
JS_DIBUJAR_TODO = """() => document.head.insertAdjacentHTML('beforeend',
    '<style>* { content-visibility: visible !important; }</style>')"""
# Elementos que se salen por la derecha (desplazamiento horizontal) y quiénes son.
JS_DESBORDE = """() => {
    (""" + JS_DIBUJAR_TODO + """)();
    const ancho = document.documentElement.clientWidth;
    const fuera = [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > ancho + 1 && getComputedStyle(e).position !== 'fixed';
    });
    const hojas = fuera.filter(e => !fuera.some(o => o !== e && e.contains(o)));
    const nombre = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
        [...e.classList].slice(0, 3).map(c => '.' + c).join('');
    return {
        ancho: document.documentElement.scrollWidth,
        culpables: hojas.slice(0, 6).map(e => {
            const derecha = Math.round(e.getBoundingClientRect().right);
            return `${nombre(e.parentElement)} > ${nombre(e)} (termina en ${derecha} px)`;
        }),
    };
}"""


class ManejadorSilencioso(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _ServidorSilencioso(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # el navegador corta conexiones a medias; no es un error del sitio


@contextlib.contextmanager
def servir(carpeta: Path, clase=ManejadorSilencioso):
    """Sirve ``carpeta`` en 127.0.0.1, en un puerto libre, desde un hilo; da la URL base.

    ``clase`` es el manejador de peticiones (uno derivado de ``ManejadorSilencioso``).
    """
    manejador = functools.partial(clase, directory=str(carpeta))
    httpd = _ServidorSilencioso(("127.0.0.1", 0), manejador)
    hilo = threading.Thread(target=httpd.serve_forever, daemon=True)
    hilo.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        hilo.join(timeout=5)


@pytest.fixture(scope="session")
def servidor(sitio: Path):
    """El sitio construido, servido en 127.0.0.1."""
    with servir(sitio) as url:
        yield url


@pytest.fixture(scope="session")
def navegador():
    """Un solo Chromium sin ventana para toda la sesión."""
    if not CHROMIUM.is_file():
        razon = (
            f"No hay Chromium en {CHROMIUM}: las pruebas en navegador necesitan el paquete de "
            "Debian (`apt-get install -y chromium`); .ci/run lo instala."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"{razon} En CI esto es un error, no se omite.")
        pytest.skip(razon)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTOS)
        yield chromium
        chromium.close()


def es_local(url: str) -> bool:
    partes = urlsplit(url)
    return partes.scheme in ("data", "blob", "about", "file") or partes.hostname == "127.0.0.1"


def nuevo_contexto(navegador, ajenas: list[str] | None = None, **opciones):
    """Un contexto que solo deja salir peticiones a 127.0.0.1; las demás se anotan y se cortan."""
    opciones.setdefault("viewport", ESCRITORIO)
    contexto = navegador.new_context(**opciones)
    contexto.set_default_timeout(20_000)

    def filtrar(ruta):
        if es_local(ruta.request.url):
            ruta.continue_()
        else:
            if ajenas is not None:
                ajenas.append(ruta.request.url)
            ruta.abort()

    contexto.route("**/*", filtrar)
    return contexto


def acercar(hoja, selector: str) -> None:
    """Lleva a la pantalla, uno por uno, los elementos ``selector``: un panel interactivo arranca
    cuando el lector se acerca a él (explorables/comun.js)."""
    elementos = hoja.locator(selector)
    for i in range(elementos.count()):
        elementos.nth(i).scroll_into_view_if_needed()
        hoja.wait_for_timeout(100)


@contextlib.contextmanager
def pagina_abierta(navegador, url: str, lista: str, panel: str | None = None):
    """Abre ``url``, se acerca a ``panel`` (si se indica) y espera a que se cumpla ``lista``
    (JavaScript); al cerrar, exige cero errores."""
    errores = []
    contexto = nuevo_contexto(navegador)
    hoja = contexto.new_page()
    hoja.on("console", lambda m: errores.append(m.text) if m.type == "error" else None)
    hoja.on("pageerror", lambda e: errores.append(str(e)))
    hoja.goto(url)
    if panel:
        acercar(hoja, panel)
    hoja.wait_for_function(lista)
    yield hoja
    contexto.close()
    assert errores == []


def trazar_con_el_raton(hoja, lienzo) -> None:
    """Traza con el ratón una raya vertical (un 1) en el lienzo dado."""
    lienzo.scroll_into_view_if_needed()
    caja = lienzo.bounding_box()
    x, y = caja["x"] + caja["width"] / 2, caja["y"] + caja["height"] * 0.2
    hoja.mouse.move(x, y)
    hoja.mouse.down()
    for paso in range(1, 21):
        hoja.mouse.move(x, y + paso * caja["height"] * 0.03)
    hoja.mouse.up()


@pytest.fixture(scope="session")
def modelo_cnn(sitio):
    """La red convolucional que el capítulo de CNN ofrece para descargar (y exporta al navegador)."""
    import keras

    archivos = sorted(HTML.glob("_downloads/*/cnn_mnist.keras"))
    assert len(archivos) == 1, "el capítulo de CNN debe ofrecer cnn_mnist.keras para descargar"
    return keras.models.load_model(archivos[0])


@pytest.fixture(scope="session")
def modelo_del_navegador(modelo_cnn):
    """La misma red con los pesos que usa el navegador (núcleos en 8 bits)."""
    from taller_keras.navegador import con_pesos_del_navegador

    return con_pesos_del_navegador(modelo_cnn)


# --- Accesibilidad -------------------------------------------------------------------------

# axe-core del registro de npm si está instalado (node_modules/); si no, el que trae
# axe-playwright-python.
AXE_NPM = RAIZ / "node_modules" / "axe-core" / "axe.min.js"
AXE = Axe.from_file(AXE_NPM) if AXE_NPM.is_file() else Axe()
# Impactos de axe-core que hacen fallar la prueba.
IMPACTOS_GRAVES = ("serious", "critical")


def violaciones_graves(hoja) -> list[dict]:
    """Inyecta axe-core en la página (dibujada entera) y devuelve sus violaciones serias o críticas."""
    hoja.evaluate(JS_DIBUJAR_TODO)
    resultado = AXE.run(hoja).response
    version = resultado.get("testEngine", {}).get("version", "?")
    return [
        dict(v, version=version)
        for v in resultado["violations"]
        if v.get("impact") in IMPACTOS_GRAVES
    ]


def informe_axe(pagina: str, violaciones: list[dict]) -> str:
    version = violaciones[0]["version"] if violaciones else "?"
    lineas = [
        f"{pagina}: axe-core {version} encontró {len(violaciones)} reglas graves o críticas:"
    ]
    for v in violaciones:
        objetivos = [" ".join(map(str, n["target"])) for n in v["nodes"]]
        lineas.append(f"  - {v['id']} ({v['impact']}, {len(objetivos)} nodos): {v['help']}")
        lineas += [f"      {o}" for o in objetivos[:5]]
    return "\n".join(lineas)
