"""Datos de juguete del plano: AND, OR, XOR, círculo, lunas y espiral, con ruido y semilla.

Son los conjuntos del *Laboratorio de redes* del sitio, que los genera en JavaScript con el
mismo generador (``azar.Azar``) y en el mismo orden, así que la misma semilla da los mismos
puntos en el navegador y aquí. Para cada punto i = 0, …, n − 1 se sacan primero los números
de su forma (ninguno en las puertas lógicas; dos uniformes en el círculo, una en las lunas y
la espiral) y después dos normales, el ruido de x₁ y el de x₂, multiplicadas por ``ruido``.
"""

from __future__ import annotations

import math

import numpy as np

from . import validacion
from .azar import Azar

ESQUINAS = ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0))  # en el orden de datos_xor()
PUERTAS = {"and": (0, 0, 0, 1), "or": (0, 1, 1, 1), "xor": (0, 1, 1, 0)}
CONJUNTOS = {
    "and": "AND",
    "or": "OR",
    "xor": "XOR",
    "circulo": "Círculo",
    "lunas": "Lunas",
    "espiral": "Espiral",
}


def _forma(nombre: str, i: int, azar: Azar) -> tuple[float, float, int]:
    """Punto sin ruido número i del conjunto y su clase."""
    if nombre in PUERTAS:
        esquina = i % 4  # los puntos recorren las cuatro esquinas en orden
        return (*ESQUINAS[esquina], PUERTAS[nombre][esquina])
    clase = i % 2  # las dos clases se alternan
    if nombre == "circulo":
        # clase 1: disco de radio 0.5; clase 0: anillo entre 0.7 y 1
        radio = 0.5 * azar.uniforme() if clase == 1 else 0.7 + 0.3 * azar.uniforme()
        angulo = 2 * math.pi * azar.uniforme()
        return radio * math.cos(angulo), radio * math.sin(angulo), clase
    if nombre == "lunas":
        t = math.pi * azar.uniforme()
        if clase == 0:  # la luna de arriba, centradas las dos en el origen
            return math.cos(t) - 0.5, math.sin(t) - 0.25, clase
        return 0.5 - math.cos(t), 0.25 - math.sin(t), clase
    # espiral: dos brazos de una vuelta y tres cuartos, uno girado media vuelta
    t = azar.uniforme()
    angulo = 3.5 * math.pi * t + math.pi * clase
    return t * math.cos(angulo), t * math.sin(angulo), clase


def generar(nombre: str, n: int = 200, ruido: float = 0.1,
            semilla: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Puntos X (n, 2) y etiquetas y (n,) del conjunto ``nombre``, con ruido normal de desviación ``ruido``.

    Con ``n=4`` y ``ruido=0``, ``'xor'`` da exactamente ``perceptron.datos_xor()``.
    """
    if nombre not in CONJUNTOS:
        validos = ", ".join(f"'{c}'" for c in CONJUNTOS)
        raise ValueError(f"Conjunto desconocido: {nombre!r}. Los disponibles son {validos}.")
    n = validacion.entero(n, "n", minimo=2, ejemplo=200)
    if not (validacion._es_numero(ruido) and math.isfinite(ruido) and ruido >= 0):
        raise ValueError(
            f"ruido debe ser un número mayor o igual que 0 (la desviación del ruido); recibí {ruido!r}. "
            "Prueba con 0.1."
        )
    azar = Azar(semilla)
    X, y = np.empty((n, 2)), np.empty(n, dtype=int)
    for i in range(n):
        x1, x2, y[i] = _forma(nombre, i, azar)
        X[i] = x1 + ruido * azar.normal(), x2 + ruido * azar.normal()
    return X, y
