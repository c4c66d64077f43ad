"""Números al azar que el navegador puede repetir exactamente.

Los generadores de NumPy (PCG64, normales por el método *ziggurat*) serían largos de reproducir
en JavaScript. Los datos de juguete del plano y los pesos iniciales de ``red_numpy`` usan en
cambio **Mulberry32**, un generador de 32 bits de cinco líneas, y la transformación de
Box–Muller para las normales. Los explorables del sitio hacen las mismas cuentas en JavaScript
(``book/_static``) y las pruebas comprueban en Chromium que dan los mismos números.
"""

from __future__ import annotations

import math

import numpy as np

from . import validacion

_M32 = 0xFFFFFFFF


def _imul(a: int, b: int) -> int:
    """Producto de enteros de 32 bits que conserva los 32 bits bajos (``Math.imul`` de JavaScript)."""
    return (a * b) & _M32


class Azar:
    """Generador Mulberry32 con semilla entera: uniformes, normales y permutaciones."""

    def __init__(self, semilla: int = 0) -> None:
        self.estado = validacion.entero(semilla, "semilla", minimo=0) & _M32

    def uniforme(self) -> float:
        """Un número al azar en [0, 1)."""
        self.estado = t = (self.estado + 0x6D2B79F5) & _M32
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & _M32
        return ((t ^ (t >> 14)) & _M32) / 4294967296

    def normal(self) -> float:
        """Un número con distribución normal estándar (Box–Muller con dos uniformes)."""
        u1 = 1.0 - self.uniforme()  # en (0, 1]: el logaritmo nunca recibe 0
        u2 = self.uniforme()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def normales(self, forma, desviacion: float = 1.0) -> np.ndarray:
        """Arreglo de la forma dada con normales de media 0, llenado fila por fila."""
        valores = [desviacion * self.normal() for _ in range(int(np.prod(forma)))]
        return np.array(valores, dtype=np.float64).reshape(forma)

    def uniformes(self, forma, bajo: float = 0.0, alto: float = 1.0) -> np.ndarray:
        """Arreglo de la forma dada con uniformes en [bajo, alto), llenado fila por fila."""
        valores = [bajo + (alto - bajo) * self.uniforme() for _ in range(int(np.prod(forma)))]
        return np.array(valores, dtype=np.float64).reshape(forma)

    def permutacion(self, n: int) -> np.ndarray:
        """Los enteros 0, …, n − 1 en un orden al azar (barajado de Fisher–Yates)."""
        orden = list(range(validacion.entero(n, "n", minimo=0)))
        for i in range(n - 1, 0, -1):
            j = int(self.uniforme() * (i + 1))
            orden[i], orden[j] = orden[j], orden[i]
        return np.array(orden, dtype=int)
