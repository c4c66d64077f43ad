"""Las páginas interactivas del libro: «Dibuja un dígito» y tres explorables.

Directivas:

- ``{dibuja-digito}``: el panel donde el lector dibuja y la red convolucional del curso predice.
- ``{laboratorio}``: una red pequeña que se entrena en vivo con datos del plano. Se configura con
  ``:preset:`` (ver ``PRESETS``) o con una opción por control (``:datos:``, ``:ocultas:``,
  ``:activacion:``, ``:tasa:``, ``:lote:``, ``:ruido:``, ``:puntos:``, ``:semilla:``, ``:epocas:``).
- ``{descenso-a-mano}``: curvas de nivel de una pérdida de dos parámetros y la trayectoria de un
  optimizador desde un punto que el lector arrastra.
- ``{dentro-de-la-cnn}``: los mapas de características de cada capa de la red convolucional del
  curso y la cuenta que dio cada valor.

Todo se calcula en el navegador con el motor de ``_static/redes/``, que repite las cuentas del
paquete (las pruebas lo comprueban en Chromium). Cada página carga, diferidos, solo los scripts de
los paneles que tiene. Sin JavaScript (y al imprimir) cada explorable muestra un aviso y una figura
estática de la misma idea, hecha al construir con las funciones del paquete; la raíz lleva la clase
``taller-interactivo`` y la versión estática ``taller-interactivo__estatico``.

Lo que el navegador necesita de la construcción va como scripts, no como datos que haya que pedir
(``fetch`` no funciona desde ``file://``): la red exportada (``_static/cnn_mnist.js``, que escribe
el capítulo de redes convolucionales) y 50 dígitos de prueba (``_static/explorables/digitos_mnist.js``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import posixpath
import shutil
from pathlib import Path

import numpy as np
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from myst_a_markdown import INTERACTIVOS
from por_pagina import datos, registrar
from taller_keras import datos_plano, descenso, perceptron, red_numpy
from taller_keras.activaciones import TITULOS as ACTIVACIONES
from taller_keras.formato import porcentaje

registro = logging.getLogger(__name__)

MODELO = Path("book", "modelos", "navegador", "cnn_mnist.js")
DIGITOS = Path("explorables", "digitos_mnist.js")  # dentro de _static/
FIGURAS = Path("explorables", "figuras")  # dentro de _static/
NUMERO_DE_DIGITOS = 50
PAGINAS = "taller_explorables"  # {página: {"paneles": [...], "figuras": {archivo: png}}}

# Lo que carga cada panel, en orden, dentro de _static/ (los datos primero, el panel al final).
MOTOR = ["redes/azar.js", "redes/redes.js"]
RECURSOS = {
    # la red (cnn_mnist.js, unos 140 KB) la pide dibujo.js cuando la página ya cargó
    "dibuja-digito": (["redes/redes.js", "redes/trazo.js", "dibujo/dibujo.js"],
                      ["dibujo/dibujo.css"]),
    "laboratorio": ([*MOTOR, "redes/datos_plano.js", "explorables/comun.js", "explorables/laboratorio.js"],
                    ["explorables/explorables.css"]),
    "descenso-a-mano": (["redes/descenso.js", "explorables/comun.js", "explorables/descenso_a_mano.js"],
                        ["explorables/explorables.css"]),
    # la red (cnn_mnist.js) la pide comun.js cuando la página ya cargó (data-modelo)
    "dentro-de-la-cnn": ([str(DIGITOS), "redes/redes.js", "redes/trazo.js",
                          "explorables/comun.js", "explorables/dentro_cnn.js"],
                         ["explorables/explorables.css"]),
}

# --- Laboratorio de redes: controles y configuraciones preparadas --------------------------

TASAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
LOTES = (0, 1, 5, 10, 20, 50)  # 0: lote completo
OCULTAS_MAX, NEURONAS_MAX, RUIDO_MAX = 2, 8, 0.5
LABORATORIO = {"datos": "lunas", "ocultas": [4], "activacion": "tanh", "tasa": 1.0, "lote": 10,
               "ruido": 0.1, "puntos": 200, "semilla": 0, "epocas": 300}
PRESETS = {
    # 02: el perceptrón (sin capas ocultas, escalón, regla de Rosenblatt) no separa XOR.
    "perceptron-xor": {"datos": "xor", "ocultas": [], "activacion": "escalon", "tasa": 1.0,
                       "lote": 0, "epocas": 50},
    # 03: dos neuronas ocultas bastan para XOR.
    "xor-dos-ocultas": {"datos": "xor", "ocultas": [2], "activacion": "tanh", "tasa": 1.0,
                        "lote": 0, "epocas": 300},
    # 05: con α = 30 la pérdida salta de un lado a otro y no se asienta (con α = 3, sí).
    "tasa-demasiado-grande": {"datos": "lunas", "ocultas": [8], "activacion": "tanh", "tasa": 30.0,
                              "lote": 10, "epocas": 100, "figura": "perdida"},
}


def _ocultas(texto: str) -> list[int]:
    partes = texto.replace(",", " ").split()
    if partes in (["ninguna"], ["0"]):
        return []
    if not partes or len(partes) > OCULTAS_MAX or not all(p.isdigit() and 1 <= int(p) <= NEURONAS_MAX for p in partes):
        raise ValueError(
            f"ocultas debe ser «ninguna» o hasta {OCULTAS_MAX} números de neuronas entre 1 y "
            f"{NEURONAS_MAX}, por ejemplo «4» o «4 4»; recibí «{texto}»."
        )
    return [int(p) for p in partes]


def _numero(texto: str) -> float:
    try:
        return float(texto)
    except ValueError:
        raise ValueError(f"debe ser un número, como 0.1; recibí «{texto}».") from None


def _tasa(texto: str) -> float:
    valor = _numero(texto)
    if valor not in TASAS:
        raise ValueError(f"la tasa «{texto}» no está entre las del control: {', '.join(f'{t:g}' for t in TASAS)}.")
    return valor


def _lote(texto: str) -> int:
    valor = 0 if texto == "completo" else _numero(texto)
    if valor not in LOTES:
        raise ValueError(f"el lote «{texto}» no está entre los del control: completo, "
                         f"{', '.join(str(v) for v in LOTES if v)}.")
    return int(valor)


def _entero(minimo: int, maximo: int):
    def convertir(texto: str) -> int:
        if not texto.isdigit() or not minimo <= int(texto) <= maximo:
            raise ValueError(f"debe ser un entero entre {minimo} y {maximo}; recibí «{texto}».")
        return int(texto)
    return convertir


def _ruido(texto: str) -> float:
    valor = _numero(texto)
    if not 0 <= valor <= RUIDO_MAX:
        raise ValueError(f"el ruido debe estar entre 0 y {RUIDO_MAX:g}; recibí «{texto}».")
    return valor


def _eleccion(validas):
    def convertir(texto: str) -> str:
        if texto not in validas:
            raise ValueError(f"«{texto}» no es una opción; usa una de: {', '.join(validas)}.")
        return texto
    return convertir


OPCIONES_LABORATORIO = {
    "datos": _eleccion(datos_plano.CONJUNTOS),
    "ocultas": _ocultas,
    "activacion": _eleccion(ACTIVACIONES),
    "tasa": _tasa,
    "lote": _lote,
    "ruido": _ruido,
    "puntos": _entero(4, 500),
    "semilla": _entero(0, 2**31),
    "epocas": _entero(1, 5000),
}


def es_perceptron(c: dict) -> bool:
    """Sin capas ocultas y con escalón, el laboratorio es el perceptrón de Rosenblatt."""
    return not c["ocultas"] and c["activacion"] == "escalon"


def lote_de(c: dict) -> int | None:
    """El ``lote`` de ``RedDensa.entrenar``: None (lote completo) si el control dice «completo» o n."""
    return None if c["lote"] == 0 or c["lote"] >= c["puntos"] else c["lote"]


def _de(frase: str) -> str:
    """«de» + frase, con la contracción «del»."""
    return "del " + frase[3:] if frase.startswith("el ") else "de " + frase


def _describir_red(c: dict) -> str:
    if es_perceptron(c):
        return "el perceptrón"
    if not c["ocultas"]:
        return "la regresión logística (red sin capas ocultas)"
    capas = " y ".join(str(n) for n in c["ocultas"])
    activacion = ACTIVACIONES[c["activacion"]]
    if not any(letra.isupper() for letra in activacion[1:]):  # «ReLU» se queda como está
        activacion = activacion.lower()
    return f"la red con {capas} neuronas ocultas ({activacion})"


def figura_laboratorio(c: dict):
    """Lo que muestra el laboratorio con la configuración c tras sus épocas: figura y texto alternativo."""
    X, y = datos_plano.generar(c["datos"], c["puntos"], c["ruido"], c["semilla"])
    nombre = datos_plano.CONJUNTOS[c["datos"]]
    if c.get("figura") == "perdida":
        historiales, exactitudes = {}, {}
        for tasa in (c["tasa"], c["tasa"] / 10):
            red = red_numpy.RedDensa((2, *c["ocultas"], 1), c["activacion"], c["semilla"])
            inicial = red.perdida(X, y)
            historiales[f"α = {tasa:g}"] = red.entrenar(X, y, tasa, c["epocas"], lote_de(c), c["semilla"])
            exactitudes[tasa] = red.exactitud(X, y)
        rapida, lenta = historiales.values()
        texto = (
            f"Pérdida {_de(_describir_red(c))} en cada una de {c['epocas']} épocas con los datos «{nombre}», "
            f"con α = {c['tasa']:g} y con α = {c['tasa'] / 10:g}. Con α = {c['tasa']:g} empieza en "
            f"{inicial:.2f}, salta hasta {max(rapida):.1f} y termina con exactitud "
            f"{porcentaje(exactitudes[c['tasa']])}; con α = {c['tasa'] / 10:g} termina en "
            f"{lenta[-1]:.3f} y la exactitud llega a {porcentaje(exactitudes[c['tasa'] / 10])}."
        )
        return red_numpy.graficar_perdida(historiales), texto
    if es_perceptron(c):
        resultado = perceptron.entrenar_perceptron(X, y, c["tasa"], max_epocas=c["epocas"])
        clasificar = lambda P: (P @ resultado.pesos + resultado.sesgo >= 0).astype(float)  # noqa: E731
        epocas, exactitud = resultado.epocas, 1 - resultado.errores[-1] / len(y)
    else:
        red = red_numpy.RedDensa((2, *c["ocultas"], 1), c["activacion"], c["semilla"])
        red.entrenar(X, y, c["tasa"], c["epocas"], lote_de(c), c["semilla"])
        clasificar, epocas, exactitud = red.probabilidades, c["epocas"], red.exactitud(X, y)
    texto = (
        f"Regiones de decisión {_de(_describir_red(c))} tras {epocas} épocas con los {len(y)} puntos "
        f"de «{nombre}» (α = {c['tasa']:g}): clasifica bien {porcentaje(exactitud)} de los puntos."
    )
    return red_numpy.graficar_regiones({f"{nombre}: {_describir_red(c)}": clasificar}, X, y), texto


# --- Descenso de gradiente a mano -------------------------------------------------------------

SUPERFICIES = {
    "cuadratica": ("La cuadrática del capítulo", descenso.Cuadratica([[3.0, 2.0], [2.0, 6.0]])),
    "mal-condicionada": ("Un valle alargado", descenso.Cuadratica([[1.0, 0.0], [0.0, 25.0]])),
    "doble-valle": ("Dos valles", descenso.DobleValle(0.3)),
}
METODOS = {"sgd": "Descenso de gradiente", "momento": "Momento", "rmsprop": "RMSprop", "adam": "Adam"}
HIPERPARAMETROS = {"sgd": (), "momento": ("beta",), "rmsprop": ("rho",), "adam": ("beta1", "beta2")}
DESCENSO = {"superficie": "cuadratica", "metodo": "sgd", "metodos": list(METODOS), "tasa": 0.2,
            "inicio": [-2.5, 0.5], "pasos": 20, "beta": 0.9, "rho": 0.9, "beta1": 0.9, "beta2": 0.999}
LIMITES = (-3.0, 3.0, -3.0, 3.0)


def _punto(texto: str) -> list[float]:
    partes = texto.replace(",", " ").split()
    valores = [_numero(p) for p in partes]
    if len(valores) != 2 or not all(LIMITES[0] <= v <= LIMITES[1] for v in valores):
        raise ValueError(f"inicio debe ser dos números entre {LIMITES[0]:g} y {LIMITES[1]:g}, como «-2.5 0.5»; recibí «{texto}».")
    return valores


def _metodos(texto: str) -> list[str]:
    lista = texto.split()
    if not lista or any(m not in METODOS for m in lista):
        raise ValueError(f"metodos debe ser una lista de {', '.join(METODOS)}; recibí «{texto}».")
    return lista


def _fraccion(texto: str) -> float:
    valor = _numero(texto)
    if not 0 <= valor < 1:
        raise ValueError(f"debe estar en [0, 1); recibí «{texto}».")
    return valor


def _positivo(texto: str) -> float:
    valor = _numero(texto)
    if not (np.isfinite(valor) and valor > 0):
        raise ValueError(f"debe ser un número positivo; recibí «{texto}».")
    return valor


OPCIONES_DESCENSO = {
    "superficie": _eleccion(SUPERFICIES), "metodo": _eleccion(METODOS), "metodos": _metodos,
    "tasa": _positivo, "inicio": _punto, "pasos": _entero(1, 200), "beta": _fraccion,
    "rho": _fraccion, "beta1": _fraccion, "beta2": _fraccion,
}


def _superficie_para_js(superficie) -> dict:
    if isinstance(superficie, descenso.Cuadratica):
        return {"tipo": "cuadratica", "A": superficie.A.tolist(), "centro": superficie.centro.tolist()}
    return {"tipo": "doble-valle", "inclinacion": superficie.inclinacion}


def hiperparametros(c: dict) -> dict:
    """Los hiperparámetros del método elegido, con los nombres de ``taller_keras.descenso``."""
    return {"tasa": c["tasa"], **{h: c[h] for h in HIPERPARAMETROS[c["metodo"]]}}


def figura_descenso(c: dict):
    """La trayectoria de la configuración c sobre las curvas de nivel: figura y texto alternativo."""
    titulo, superficie = SUPERFICIES[c["superficie"]]
    puntos = descenso.trayectoria(superficie.gradiente, c["inicio"], c["pasos"], c["metodo"],
                                  **hiperparametros(c))
    metodo = METODOS[c["metodo"]]
    texto = (
        f"{titulo}: curvas de nivel y {len(puntos) - 1} pasos de {metodo.lower()} con α = {c['tasa']:g} "
        f"desde ({c['inicio'][0]:g}, {c['inicio'][1]:g}). La pérdida pasa de {superficie(puntos[0]):.2f} "
        f"a {superficie(puntos[-1]):.2g}."
    )
    fig = descenso.graficar_trayectorias(superficie, {f"{metodo}, α = {c['tasa']:g}": puntos}, LIMITES)
    return fig, texto


# --- Las directivas ---------------------------------------------------------------------------


def _png(fig) -> bytes:
    salida = io.BytesIO()
    fig.savefig(salida, format="png", dpi=80, metadata={"Software": None})
    return salida.getvalue()


class Panel(SphinxDirective):
    """Lo común a los paneles: anotar la página y armar la raíz con su versión estática."""

    nombre = ""

    def _static(self) -> str:
        return posixpath.relpath("_static", posixpath.dirname(self.env.docname) or ".")

    def anotar(self) -> dict:
        """Anota el panel en la página; si cambia uno de sus scripts, la página se vuelve a escribir."""
        pagina = datos(self.env, PAGINAS).setdefault(self.env.docname, {"paneles": [], "figuras": {}})
        if self.nombre not in pagina["paneles"]:
            pagina["paneles"].append(self.nombre)
        scripts, estilos = RECURSOS[self.nombre]
        for carpeta in self.config.html_static_path:
            for archivo in (Path(self.env.srcdir, carpeta, r) for r in (*scripts, *estilos)):
                if archivo.is_file():
                    self.env.note_dependency(str(archivo))
        return pagina

    def configuracion(self, base: dict, convertir: dict) -> dict:
        c = dict(base)
        for clave, texto in self.options.items():
            if clave in convertir:
                try:
                    c[clave] = convertir[clave](texto.strip())
                except ValueError as error:
                    raise self.error(f"{{{self.name}}}: opción «{clave}»: {error}") from None
        return c

    def raiz(self, clase: str, config: dict, estatico: list[nodes.Node], modelo: bool = False) -> list[nodes.Node]:
        self.anotar()
        titulo = INTERACTIVOS[self.name]
        con_modelo = f' data-modelo="{self._static()}/cnn_mnist.js"' if modelo else ""
        apertura = (
            f'<div class="taller-interactivo {clase}" role="group" aria-label="{html.escape(titulo)}"{con_modelo} '
            f"data-config=\"{html.escape(json.dumps(config, ensure_ascii=False))}\">\n"
            f'<p class="taller-interactivo__titulo">{html.escape(titulo)}</p>\n'
        )
        aviso = (
            '<noscript><p class="taller-interactivo__aviso">Este explorable necesita JavaScript: las '
            "cuentas se hacen en tu navegador. Actívalo para jugar con él; mientras tanto, la figura "
            "muestra la misma idea.</p></noscript>"
        )
        caja = nodes.container(classes=["taller-interactivo__estatico"])
        caja += nodes.raw("", aviso, format="html")
        caja.extend(estatico)
        return [nodes.raw("", apertura, format="html"), caja, nodes.raw("", "</div>", format="html")]

    def figura(self, prefijo: str, fig, texto: str) -> list[nodes.Node]:
        png = _png(fig)
        archivo = f"{prefijo}-{hashlib.sha256(png).hexdigest()[:12]}.png"
        self.anotar()["figuras"][archivo] = png
        src = f"{self._static()}/{FIGURAS.as_posix()}/{archivo}"
        ancho, alto = (int(v) for v in fig.get_size_inches() * 80)
        return [nodes.raw("", (
            f'<figure class="taller-interactivo__figura"><img src="{src}" alt="{html.escape(texto)}" '
            f'width="{ancho}" height="{alto}"><figcaption>Versión estática: {html.escape(texto)}'
            "</figcaption></figure>"
        ), format="html")]


class DibujaDigito(Panel):
    """El panel donde el lector dibuja un dígito (uno por página)."""

    nombre = "dibuja-digito"
    HTML = """\
<noscript><p class="taller-dibujo__aviso">Este panel necesita JavaScript: la red se ejecuta en tu
navegador. Actívalo para dibujar un dígito y ver qué responde la red.</p></noscript>
<p class="taller-dibujo__impreso">En el sitio del curso aquí hay un panel donde dibujas un dígito con el
ratón o el dedo y la red de este libro dice, mientras trazas, qué dígito ve y con qué probabilidad:
<a href="{url}">{url}</a>.</p>
<div class="taller-dibujo" data-modelo="{modelo}">
  <div class="taller-dibujo__zona">
    <canvas class="taller-dibujo__lienzo" width="280" height="280" role="img"
      aria-label="Recuadro para dibujar un dígito con el ratón, el dedo o un lápiz"></canvas>
    <button type="button" class="taller-dibujo__borrar">Borrar</button>
  </div>
  <div class="taller-dibujo__resultado" aria-live="polite">
    <p class="taller-dibujo__prediccion">Cargando la red…</p>
    <div class="taller-dibujo__barras" role="group" aria-label="Probabilidad de cada dígito"></div>
    <figure class="taller-dibujo__vista">
      <canvas class="taller-dibujo__entrada" width="28" height="28" role="img"
        aria-label="La imagen de 28 por 28 píxeles que recibe la red"></canvas>
      <figcaption>Lo que ve la red: tu trazo recortado, reducido a 20 × 20 y centrado en 28 × 28.</figcaption>
    </figure>
  </div>
</div>
"""

    def run(self):
        self.anotar()
        url = f"{self.config.html_baseurl.rstrip('/')}/{self.env.docname}.html"
        modelo = f"{self._static()}/cnn_mnist.js"
        return [nodes.raw("", self.HTML.format(url=url, modelo=modelo), format="html")]


class Laboratorio(Panel):
    """Red pequeña que se entrena en vivo con datos del plano."""

    nombre = "laboratorio"
    option_spec = {"preset": directives.unchanged, **{k: directives.unchanged for k in OPCIONES_LABORATORIO}}

    def run(self):
        preset = self.options.get("preset")
        if preset is not None and preset not in PRESETS:
            raise self.error(f"{{laboratorio}}: no hay un preset «{preset}»; usa uno de: {', '.join(PRESETS)}.")
        c = self.configuracion({**LABORATORIO, **PRESETS.get(preset, {})}, OPCIONES_LABORATORIO)
        c["opciones"] = {
            "datos": list(datos_plano.CONJUNTOS.items()), "activaciones": list(ACTIVACIONES.items()),
            "tasas": TASAS, "lotes": LOTES, "ocultas": OCULTAS_MAX, "neuronas": NEURONAS_MAX,
            "ruido": RUIDO_MAX,
        }
        fig, texto = figura_laboratorio(c)
        return self.raiz("taller-laboratorio", c, self.figura("laboratorio", fig, texto))


class DescensoAMano(Panel):
    """Curvas de nivel, un punto de partida que se arrastra y la trayectoria de un optimizador."""

    nombre = "descenso-a-mano"
    option_spec = {k: directives.unchanged for k in OPCIONES_DESCENSO}

    def run(self):
        c = self.configuracion(DESCENSO, OPCIONES_DESCENSO)
        if c["metodo"] not in c["metodos"]:
            raise self.error(f"{{descenso-a-mano}}: el método «{c['metodo']}» no está en :metodos:.")
        fig, texto = figura_descenso(c)
        c["superficies"] = {clave: {"titulo": t, **_superficie_para_js(s)} for clave, (t, s) in SUPERFICIES.items()}
        c["nombres"] = METODOS
        c["hiperparametros"] = HIPERPARAMETROS
        c["limites"] = LIMITES
        return self.raiz("taller-descenso", c, self.figura("descenso", fig, texto))


class DentroDeLaCNN(Panel):
    """Los mapas de características de la red convolucional del curso, capa por capa."""

    nombre = "dentro-de-la-cnn"
    option_spec = {"figura": directives.unchanged_required, "digito": directives.unchanged}

    def run(self):
        if "figura" not in self.options:
            raise self.error(
                "{dentro-de-la-cnn}: falta :figura:, la etiqueta de la figura de la página con los "
                "mapas de características (la versión estática del explorable), p. ej. fig-cnn-mapas."
            )
        try:
            digito = _entero(0, NUMERO_DE_DIGITOS - 1)(self.options.get("digito", "0"))
        except ValueError as error:
            raise self.error(f"{{dentro-de-la-cnn}}: opción «digito»: {error}") from None
        estatico = self.parse_text_to_nodes(
            "Versión estática: {numref}`la figura %s <" + self.options["figura"] + ">` muestra los primeros "
            "mapas de características de cada capa para un dígito de prueba; en el sitio, con "
            "JavaScript, aquí eliges el dígito o lo dibujas y ves la cuenta que dio cada valor."
        )
        return self.raiz("taller-cnn", {"digito": digito}, estatico, modelo=True)


# --- Lo que se escribe en el sitio ------------------------------------------------------------


def cargar_recursos(app, pagename, templatename, context, doctree) -> None:
    """Los scripts (diferidos) y estilos de los paneles de esta página, y de ninguna otra.

    El libro en una sola página (singlehtml, la que se imprime en PDF) lleva las hojas de todos
    los paneles, que al imprimir los cambian por su versión estática, y ningún script.
    """
    paginas = datos(app.env, PAGINAS)
    if app.builder.name == "singlehtml":
        estilos = {css for pagina in paginas.values() for panel in pagina["paneles"]
                   for css in RECURSOS[panel][1]}
        for css in sorted(estilos):
            app.add_css_file(css)
        return
    for panel in paginas.get(pagename, {}).get("paneles", []):
        scripts, estilos = RECURSOS[panel]
        for js in scripts:
            app.add_js_file(js, loading_method="defer")
        for css in estilos:
            app.add_css_file(css)


def _digitos_js() -> str:
    from taller_keras.datos import cargar_mnist

    _, (x_prueba, y_prueba) = cargar_mnist()
    imagenes = np.ascontiguousarray(x_prueba[:NUMERO_DE_DIGITOS], dtype=np.uint8)
    contenido = {"lado": int(imagenes.shape[1]), "etiquetas": y_prueba[:NUMERO_DE_DIGITOS].tolist(),
                 "imagenes": base64.b64encode(imagenes.tobytes()).decode()}
    return "window.TALLER_DIGITOS = " + json.dumps(contenido) + ";\n"


def escribir_datos(app, excepcion) -> None:
    """La red exportada, los dígitos de prueba y las figuras estáticas, dentro de _static/."""
    if excepcion is not None or app.builder.format != "html":
        return
    paginas = datos(app.env, PAGINAS).values()
    paneles = {p for pagina in paginas for p in pagina["paneles"]}
    static = Path(app.outdir, "_static")
    origen = Path(app.srcdir, MODELO)
    if origen.is_file():
        shutil.copyfile(origen, static / MODELO.name)
    elif paneles & {"dibuja-digito", "dentro-de-la-cnn"}:
        registro.warning(f"Falta {MODELO}: lo escribe el capítulo de redes convolucionales al ejecutarse.")
    if "dentro-de-la-cnn" in paneles:
        (static / DIGITOS).parent.mkdir(parents=True, exist_ok=True)
        (static / DIGITOS).write_text(_digitos_js(), encoding="utf-8")
    (static / FIGURAS).mkdir(parents=True, exist_ok=True)
    figuras = {archivo: png for pagina in paginas for archivo, png in pagina["figuras"].items()}
    for viejo in (static / FIGURAS).glob("*.png"):
        if viejo.name not in figuras:  # de una configuración que ya no está en ninguna página
            viejo.unlink()
    for archivo, png in figuras.items():
        (static / FIGURAS / archivo).write_bytes(png)


def setup(app):
    for directiva in (DibujaDigito, Laboratorio, DescensoAMano, DentroDeLaCNN):
        app.add_directive(directiva.nombre, directiva)
    registrar(app, PAGINAS)
    app.connect("html-page-context", cargar_recursos)
    # antes que cuadernos.empaquetar, que guarda el sitio en un .zip
    app.connect("build-finished", escribir_datos, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 7}
