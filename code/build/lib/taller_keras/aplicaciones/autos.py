"""Autos autónomos: vistas sintéticas de una carretera con el ángulo de volante que les corresponde."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import validacion
from ..figuras import cerrar_figura
from .imagenes import mostrar


def caminos_sinteticos(n: int, lado: int = 64, semilla: int = 0):
    """Vistas sintéticas de una carretera desde el auto y el ángulo de volante que le corresponde.

    La curvatura del camino va de -1 (curva a la izquierda) a 1 (a la derecha); el ángulo
    «correcto» es proporcional a ella, en grados. Devuelve ``(imagenes RGB, angulos)``.
    """
    n = validacion.entero(n, "n")
    lado = validacion.entero(lado, "lado", minimo=16)
    rng = np.random.default_rng(semilla)
    filas, cols = np.mgrid[0:lado, 0:lado].astype(np.float32) / (lado - 1)
    horizonte = 0.4
    profundidad = np.clip((filas - horizonte) / (1 - horizonte), 1e-3, 1)  # 0 en el horizonte
    curvaturas = rng.uniform(-1, 1, size=n).astype(np.float32)
    imagenes = np.empty((n, lado, lado, 3), np.float32)
    for k, curva in enumerate(curvaturas):
        desplazamiento = rng.normal(0, 0.03)
        centro = 0.5 + desplazamiento + 0.35 * curva * (1 - profundidad) ** 2
        medio_ancho = 0.04 + 0.42 * profundidad
        distancia = np.abs(cols - centro) / medio_ancho
        cielo = np.array([0.55, 0.75, 0.95]) - 0.25 * filas[..., None]
        pasto = np.array([0.35, 0.6, 0.25]) * (0.85 + 0.15 * rng.random((lado, lado, 1)))
        imagen = np.where((filas < horizonte)[..., None], cielo, pasto)
        asfalto = (distancia < 1) & (filas >= horizonte)
        imagen[asfalto] = 0.35
        raya = (np.abs(distancia - 0.92) < 0.07) | ((distancia < 0.05) & (np.sin(40 * profundidad) > 0))
        imagen[raya & asfalto] = (0.95, 0.9, 0.6)
        imagenes[k] = imagen
    return np.clip(imagenes, 0, 1), 25.0 * curvaturas


def grafica_caminos(imagenes: np.ndarray, angulos: np.ndarray):
    """Cada vista del camino con el ángulo de volante que la red debería dar."""
    imagenes = validacion.arreglo(imagenes, "imagenes")
    n = len(imagenes)
    fig, ejes = plt.subplots(1, n, figsize=(2.0 * n, 2.5), squeeze=False)
    for eje, imagen, angulo in zip(ejes[0], imagenes, angulos):
        mostrar(eje, imagen, f"Volante: {angulo:+.0f}°")
    return cerrar_figura(fig)
