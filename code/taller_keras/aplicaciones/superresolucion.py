"""Super-resolución de una sola imagen: una red pequeña al estilo SRCNN amplía ×2 y ×4 mejor que la bicúbica."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import validacion
from ..figuras import cerrar_figura
from .imagenes import (
    ampliar_bicubica, en_grises, mostrar, posiciones_al_azar, recortar_borde, recortar_multiplo,
    reducir,
)
from .metricas import psnr


IMAGENES_SR = ("camera", "astronaut", "brick", "text", "page", "moon", "rocket", "grass")


def ejemplo_superresolucion(imagen: np.ndarray, factor: int):
    """``(baja, bicubica, original)``: la imagen reducida, su ampliación bicúbica y el original recortado."""
    imagen = recortar_multiplo(en_grises(imagen, "imagen"), validacion.entero(factor, "factor", minimo=2))
    baja = reducir(imagen, factor)
    return baja, ampliar_bicubica(baja, factor), imagen


def parches_superresolucion(imagenes, factores=(2, 4), n: int = 2000, lado: int = 24, semilla: int = 0):
    """Parches (n, lado, lado, 1): entrada = ampliación bicúbica, salida = original; mezcla los factores."""
    imagenes = [en_grises(im, "cada imagen") for im in imagenes]
    n = validacion.entero(n, "n")
    lado = validacion.entero(lado, "lado", minimo=4)
    pares = [ejemplo_superresolucion(im, f)[1:] for f in factores for im in imagenes]
    rng = np.random.default_rng(semilla)
    x = np.empty((n, lado, lado, 1), np.float32)
    y = np.empty_like(x)
    for m, (k, i, j) in enumerate(posiciones_al_azar(rng, [p[1].shape for p in pares], n, lado)):
        x[m, ..., 0] = pares[k][0][i : i + lado, j : j + lado]
        y[m, ..., 0] = pares[k][1][i : i + lado, j : j + lado]
    return x, y


def modelo_superresolucion(filtros: int = 32):
    """Red de tres capas al estilo SRCNN que aprende el detalle que le falta a la ampliación bicúbica."""
    import keras
    from keras import layers

    filtros = validacion.entero(filtros, "filtros", minimo=2)
    entrada = keras.Input(shape=(None, None, 1), name="bicubica")
    h = layers.Conv2D(filtros, 5, padding="same", activation="relu", name="rasgos")(entrada)
    h = layers.Conv2D(filtros // 2, 1, activation="relu", name="mapeo")(h)
    detalle = layers.Conv2D(1, 3, padding="same", name="detalle")(h)
    salida = layers.Add(name="bicubica_mas_detalle")([entrada, detalle])
    return keras.Model(entrada, salida, name="superresolucion")


def grafica_superresolucion(filas, ventana: tuple[int, int, int]):
    """Una fila por factor: baja resolución, bicúbica, red y original, ampliados en la misma ventana.

    ``filas`` es una lista de ``(factor, baja, bicubica, red, original)``;
    ``ventana`` es ``(fila, columna, lado)`` en píxeles de la imagen original.
    """
    if not filas:
        raise ValueError("Hace falta al menos una fila (factor, baja, bicubica, red, original).")
    f0, c0, lado = ventana
    fig, ejes = plt.subplots(len(filas), 4, figsize=(11, 2.95 * len(filas)), squeeze=False)
    for fila, (factor, baja, bicubica, red, original) in zip(ejes, filas):
        b = slice(f0 // factor, (f0 + lado) // factor), slice(c0 // factor, (c0 + lado) // factor)
        v = slice(f0, f0 + lado), slice(c0, c0 + lado)
        mostrar(fila[0], baja[b], f"Baja resolución (×{factor} menos)")
        r = recortar_borde
        mostrar(fila[1], bicubica[v], f"Bicúbica: {psnr(r(original), r(bicubica)):.2f} dB")
        red = np.clip(red, 0, 1)
        mostrar(fila[2], red[v], f"Red: {psnr(r(original), r(red)):.2f} dB")
        mostrar(fila[3], original[v], "Original")
    return cerrar_figura(fig)
