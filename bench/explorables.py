"""Mide en Chromium sin ventana cuánto tardan los explorables en dar un paso y en redibujarse.

Sirve el sitio construido (``_build/html``) y, para cada explorable, toma la mediana de muchas
repeticiones de un paso y de un redibujo completo (lo que hace cada cuadro mientras se
reproduce), cinco veces seguidas; cuenta la mediana de esas cinco, porque la máquina se comparte.

- *Laboratorio de redes*: un paso es una época de entrenamiento; el redibujo, la región de
  decisión (la red evaluada en una malla de 50 × 50), la curva de pérdida y los pesos. Con la
  configuración por omisión de la directiva y con el preset de cada capítulo.
- *Descenso de gradiente a mano*: un paso recalcula la trayectoria entera (la que cambia al
  arrastrar el punto); el redibujo pinta curvas de nivel, trayectoria y curva de pérdida.
- *Dentro de la red convolucional*: un paso es la red entera para un dígito (todos los mapas);
  el redibujo, los 320 mapas, el detalle de la cuenta y el núcleo del lector.

Uso::

    .venv/bin/python bench/explorables.py            # imprime la tabla (tras make book)
    .venv/bin/python bench/explorables.py --readme   # y la escribe en el README
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

RAIZ = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(RAIZ), str(RAIZ / "book" / "_ext")]

from medir import actualizar_readme  # noqa: E402
from tests.sitio.conftest import ARGUMENTOS, CHROMIUM, HTML, servir  # noqa: E402

# La extensión del libro se llama igual que este archivo: se carga por su ruta.
_spec = importlib.util.spec_from_file_location("extension_explorables", RAIZ / "book" / "_ext" / "explorables.py")
extension = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(extension)

OBJETIVO_MS = 16.0  # un paso y un redibujo por cuadro a 60 cuadros por segundo
VUELTAS = 5
MARCAS = ("<!-- explorables:inicio -->", "<!-- explorables:fin -->")
# (explorable, página, raíz, configuración que se pone antes de medir, mediciones, ejecuciones por medición)
CASOS = [
    ("Laboratorio, configuración por omisión", "book/03-redes-multicapa", "taller-laboratorio",
     {k: v for k, v in extension.LABORATORIO.items() if k not in ("puntos", "epocas")}, 50, 20),
    ("Laboratorio, preset perceptron-xor (02)", "book/02-perceptron", "taller-laboratorio", None, 50, 20),
    ("Laboratorio, preset xor-dos-ocultas (03)", "book/03-redes-multicapa", "taller-laboratorio", None, 50, 20),
    ("Laboratorio, preset tasa-demasiado-grande (05)", "book/05-retropropagacion", "taller-laboratorio", None, 50, 20),
    ("Descenso de gradiente a mano (05)", "book/05-retropropagacion", "taller-descenso", None, 50, 500),
    ("Dentro de la red convolucional (09)", "book/09-cnn", "taller-cnn", None, 15, 2),
]


def medir() -> list[dict]:
    resultados = []
    with servir(HTML) as url, sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTOS)
        for nombre, pagina, clase, configuracion, mediciones, lote in CASOS:
            hoja = navegador.new_page(viewport={"width": 1280, "height": 800})
            hoja.goto(f"{url}{pagina}.html")
            api = f"document.querySelector('.{clase}').explorable"
            hoja.locator(f".{clase}").scroll_into_view_if_needed()  # arranca al acercarse
            hoja.wait_for_function(f"{api} !== undefined")
            if configuracion is not None:
                hoja.evaluate(f"(c) => {api}.configurar(c)", configuracion)
            vueltas = [hoja.evaluate(f"{api}.medir({mediciones}, {lote})") for _ in range(VUELTAS)]
            hoja.close()
            paso = statistics.median(v["paso"] for v in vueltas)
            dibujo = statistics.median(v["dibujo"] for v in vueltas)
            resultados.append({"nombre": nombre, "paso": paso, "dibujo": dibujo, "mediciones": mediciones, "lote": lote})
        version = navegador.version
        navegador.close()
    return resultados, version


def _ms(valor: float) -> str:
    return f"{valor:.3f}" if valor >= 0.001 else "< 0.001"


def tabla(resultados: list[dict], version: str) -> str:
    lineas = ["| explorable | un paso (ms) | un redibujo (ms) | paso + redibujo | objetivo | cumple |",
              "|---|---|---|---|---|---|"]
    for r in resultados:
        total = r["paso"] + r["dibujo"]
        lineas.append(f"| {r['nombre']} | {_ms(r['paso'])} | {_ms(r['dibujo'])} | {total:.2f} ms | "
                      f"≤ {OBJETIVO_MS:g} ms | {'sí' if total <= OBJETIVO_MS else 'NO'} |")
    veces = ", ".join(f"{r['mediciones']} × {r['lote']}" for r in resultados)
    lineas += ["", f"Chromium {version} sin ventana; máquina: {platform.machine()}, {os.cpu_count()} núcleos. "
               f"Cada cifra es la mediana de {VUELTAS} vueltas; cada vuelta, la mediana de varias mediciones, "
               f"y cada medición, el promedio de unas ejecuciones seguidas (en orden: {veces}). "
               "El redibujo incluye esperar a que cada lienzo termine de pintarse."]
    return "\n".join(lineas)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readme", action="store_true", help="escribe la tabla en el README")
    argumentos = parser.parse_args()
    if not (HTML / "index.html").is_file():
        sys.exit("No hay sitio construido en _build/html: ejecuta `make book` antes.")
    texto = tabla(*medir())
    print(texto)
    if argumentos.readme:
        actualizar_readme(texto, MARCAS)


if __name__ == "__main__":
    main()
