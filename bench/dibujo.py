"""Mide en Chromium sin ventana cuánto tarda «Dibuja un dígito» en predecir.

Sirve el sitio construido (``_build/html``), pinta dígitos de prueba en el lienzo y toma la
mediana de muchas predicciones completas (preprocesar el trazo + ejecutar la red).

Uso::

    .venv/bin/python bench/dibujo.py
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from taller_keras.datos import cargar_mnist  # noqa: E402
from tests.sitio.conftest import ARGUMENTOS, CHROMIUM, HTML, servir  # noqa: E402

DIGITOS, REPETICIONES, OBJETIVO_MS = 20, 25, 30.0


def main() -> None:
    _, (x_prueba, _) = cargar_mnist("muestra")
    with servir(HTML) as url, sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTOS)
        pagina = navegador.new_page()
        pagina.goto(f"{url}book/11-dibuja.html")
        pagina.wait_for_function("window.tallerDibujo !== undefined")
        medianas = []
        for imagen in x_prueba[:DIGITOS]:
            pagina.evaluate("(p) => tallerDibujo.pintar(p)", imagen.ravel().tolist())
            medianas.append(pagina.evaluate(f"tallerDibujo.medir({REPETICIONES})"))
        navegador.close()
    mediana = statistics.median(medianas)
    print(f"Predicción en el navegador (preprocesar + red), {DIGITOS} dígitos × {REPETICIONES} veces:")
    print(f"  mediana {mediana:.1f} ms · mínimo {min(medianas):.1f} ms · máximo {max(medianas):.1f} ms")
    print(f"  objetivo ≤ {OBJETIVO_MS:.0f} ms: {'cumple' if mediana <= OBJETIVO_MS else 'NO cumple'}")


if __name__ == "__main__":
    main()
