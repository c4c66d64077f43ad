"""La retropropagación a mano sobre un grafo de cómputo de una sola neurona.

El grafo tiene cuatro nodos: multiplicar (q = w·x), sumar (z = q + b), la sigmoide (a = σ(z)) y
la pérdida de entropía cruzada binaria (ℓ). ``neurona_a_mano`` hace la propagación hacia
adelante, guarda el valor de cada nodo, y después recorre el grafo hacia atrás multiplicando las
derivadas locales (la regla de la cadena); ``graficar_grafo`` dibuja el grafo con ambos valores.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from . import validacion
from .activaciones import sigmoide
from .figuras import AZUL, NARANJA, cerrar_figura


@dataclass(frozen=True)
class GrafoNeurona:
    """Valores hacia adelante, derivadas locales y derivadas de ℓ en cada nodo del grafo."""

    adelante: dict[str, float]  # x, w, b, y, q, z, a, l
    locales: dict[str, float]  # ∂ salida / ∂ entrada de cada arista
    atras: dict[str, float]  # ∂ℓ/∂ de cada valor

    @property
    def gradiente(self) -> dict[str, float]:
        """∂ℓ/∂w y ∂ℓ/∂b, lo que usa el descenso de gradiente."""
        return {"w": self.atras["w"], "b": self.atras["b"]}


def neurona_a_mano(x: float, w: float, b: float, y: int) -> GrafoNeurona:
    """Propagación y retropropagación de ℓ = −[y log σ(wx + b) + (1 − y) log(1 − σ(wx + b))]."""
    x, w, b, y = _revisar(x, w, b, y)
    # Hacia adelante: cada nodo calcula su valor a partir de los anteriores.
    q = w * x
    z = q + b
    a = float(sigmoide(z))
    l = -(y * np.log(a) + (1 - y) * np.log(1 - a))
    # Derivadas locales: cuánto cambia la salida de cada nodo si cambia una entrada.
    locales = {
        "dl/da": -y / a + (1 - y) / (1 - a),
        "da/dz": a * (1 - a),
        "dz/dq": 1.0,
        "dz/db": 1.0,
        "dq/dw": x,
        "dq/dx": w,
    }
    # Hacia atrás: cada derivada es la del nodo siguiente por la derivada local (regla de la cadena).
    atras = {"l": 1.0}
    atras["a"] = atras["l"] * locales["dl/da"]
    atras["z"] = atras["a"] * locales["da/dz"]
    atras["q"] = atras["z"] * locales["dz/dq"]
    atras["b"] = atras["z"] * locales["dz/db"]
    atras["w"] = atras["q"] * locales["dq/dw"]
    atras["x"] = atras["q"] * locales["dq/dx"]
    adelante = {"x": x, "w": w, "b": b, "y": y, "q": q, "z": z, "a": a, "l": float(l)}
    return GrafoNeurona(adelante, locales, atras)


def _revisar(x, w, b, y):
    numeros = [float(v) for v in validacion.numerico([x, w, b], "x, w y b")]
    if y not in (0, 1) or isinstance(y, bool):
        raise ValueError(f"y es la clase correcta y debe ser 0 o 1; recibí {y!r}.")
    return (*numeros, int(y))


def _caja(eje, centro, texto, color) -> None:
    cx, cy = centro
    eje.add_patch(FancyBboxPatch((cx - 0.55, cy - 0.32), 1.1, 0.64, boxstyle="round,pad=0.05",
                                 facecolor="white", edgecolor=color, linewidth=2))
    eje.text(cx, cy, texto, ha="center", va="center", fontsize=12)


def _arista(eje, inicio, fin, arriba: str, abajo: str) -> None:
    eje.add_patch(FancyArrowPatch(inicio, fin, arrowstyle="-|>", mutation_scale=13,
                                  color="0.35", linewidth=1.3))
    mx, my = (inicio[0] + fin[0]) / 2, (inicio[1] + fin[1]) / 2
    eje.text(mx, my + 0.24, arriba, ha="center", va="bottom", fontsize=9.5, color=AZUL)
    eje.text(mx, my - 0.24, abajo, ha="center", va="top", fontsize=9.5, color=NARANJA)


def graficar_grafo(grafo: GrafoNeurona):
    """El grafo de la neurona: valores hacia adelante (azul, arriba) y ∂ℓ/∂ hacia atrás (naranja)."""
    v, g = grafo.adelante, grafo.atras
    nodos = {"mult": (2.6, 1.4), "suma": (5.0, 1.4), "sigm": (7.4, 1.4), "perd": (9.8, 1.4)}
    fig, eje = plt.subplots(figsize=(11.5, 3.6))
    _caja(eje, nodos["mult"], "×", AZUL)
    _caja(eje, nodos["suma"], "+", AZUL)
    _caja(eje, nodos["sigm"], "σ", AZUL)
    _caja(eje, nodos["perd"], "ℓ", NARANJA)
    f = lambda t: f"{t:.3f}"  # noqa: E731
    _arista(eje, (0.4, 2.3), (2.05, 1.55), f"w = {f(v['w'])}", f"∂ℓ/∂w = {f(g['w'])}")
    _arista(eje, (0.4, 0.5), (2.05, 1.25), f"x = {f(v['x'])}", f"∂ℓ/∂x = {f(g['x'])}")
    _arista(eje, (3.15, 1.4), (4.45, 1.4), f"q = {f(v['q'])}", f"∂ℓ/∂q = {f(g['q'])}")
    _arista(eje, (3.6, 0.2), (4.7, 1.08), f"b = {f(v['b'])}", f"∂ℓ/∂b = {f(g['b'])}")
    _arista(eje, (5.55, 1.4), (6.85, 1.4), f"z = {f(v['z'])}", f"∂ℓ/∂z = {f(g['z'])}")
    _arista(eje, (7.95, 1.4), (9.25, 1.4), f"a = {f(v['a'])}", f"∂ℓ/∂a = {f(g['a'])}")
    eje.text(9.8, 0.75, f"y = {v['y']}", ha="center", fontsize=10)
    eje.text(11.0, 1.4, f"ℓ = {f(v['l'])}", ha="left", va="center", fontsize=11, color=NARANJA)
    eje.text(0.2, 3.1, "hacia adelante: valores", color=AZUL, fontsize=10)
    eje.text(6.2, 3.1, "hacia atrás: derivadas de la pérdida", color=NARANJA, fontsize=10)
    eje.set_xlim(0, 12.2)
    eje.set_ylim(-0.3, 3.4)
    eje.set_aspect("equal")
    eje.set_axis_off()
    return cerrar_figura(fig)
