"""Segmentación: una red totalmente convolucional separa «monedas» de un fondo con iluminación desigual."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import validacion
from ..figuras import cerrar_figura
from .imagenes import en_grises, lote, mostrar
from .metricas import iou_mascaras


def monedas_sinteticas(n: int, lado: int = 48, semilla: int = 0):
    """Imágenes (n, lado, lado) de «monedas» sobre un fondo con iluminación desigual, y sus máscaras.

    Cada moneda es un disco algo más claro que el fondo que la rodea, pero el fondo
    cambia tanto de un lado a otro que ningún umbral global separa bien todas las monedas.
    """
    n = validacion.entero(n, "n")
    lado = validacion.entero(lado, "lado", minimo=16)
    rng = np.random.default_rng(semilla)
    filas, cols = np.mgrid[0:lado, 0:lado].astype(np.float32) / lado
    imagenes = np.empty((n, lado, lado), np.float32)
    mascaras = np.zeros((n, lado, lado), bool)
    for k in range(n):
        angulo = rng.uniform(0, 2 * np.pi)
        rampa = np.cos(angulo) * (cols - 0.5) + np.sin(angulo) * (filas - 0.5)
        fondo = 0.45 + rng.uniform(0.3, 0.5) * rampa
        imagen = fondo.copy()
        for _ in range(int(rng.integers(2, 5))):
            radio = rng.uniform(0.07, 0.16) * lado
            cy, cx = rng.uniform(radio, lado - radio, size=2)
            d2 = (filas * lado - cy) ** 2 + (cols * lado - cx) ** 2
            disco = d2 <= radio**2
            relieve = 1 - 0.35 * (d2 / radio**2)  # borde un poco más oscuro, como una moneda
            imagen[disco] = fondo[disco] + rng.uniform(0.15, 0.3) * relieve[disco]
            mascaras[k] |= disco
        imagenes[k] = imagen + rng.normal(0, 0.03, size=imagen.shape)
    return np.clip(imagenes, 0, 1), mascaras


def segmentar_otsu(imagenes: np.ndarray) -> np.ndarray:
    """Segmentación clásica: un umbral de Otsu por imagen (claro = objeto)."""
    from skimage.filters import threshold_otsu

    imagenes = lote(imagenes, "imagenes")
    return np.stack([im > threshold_otsu(im) for im in imagenes])


def modelo_segmentacion(filtros: int = 8):
    """Red totalmente convolucional tipo U-Net mínima: probabilidad de «objeto» en cada píxel.

    Un camino baja la resolución (ve el contexto: ¿qué tan claro está el fondo por aquí?)
    y otro la conserva (ve los bordes finos); al final se juntan. El alto y el ancho de
    la imagen deben ser múltiplos de 4.
    """
    import keras
    from keras import layers

    filtros = validacion.entero(filtros, "filtros")
    entrada = keras.Input(shape=(None, None, 1), name="imagen")
    fino = layers.Conv2D(filtros, 3, padding="same", activation="relu", name="detalle")(entrada)
    h = layers.MaxPooling2D(2)(fino)
    h = layers.Conv2D(2 * filtros, 3, padding="same", activation="relu")(h)
    h = layers.MaxPooling2D(2)(h)
    h = layers.Conv2D(2 * filtros, 3, padding="same", activation="relu", name="contexto")(h)
    h = layers.UpSampling2D(4)(h)
    h = layers.Concatenate()([fino, h])
    salida = layers.Conv2D(1, 3, padding="same", activation="sigmoid", name="mascara")(h)
    return keras.Model(entrada, salida, name="segmentacion")


def grafica_segmentacion(imagenes, verdad, otsu, red):
    """Una fila por ejemplo: imagen, máscara verdadera, umbral de Otsu y red (con su IoU)."""
    imagenes = lote(imagenes, "imagenes")
    n = len(imagenes)
    fig, ejes = plt.subplots(n, 4, figsize=(8.4, 2.2 * n), squeeze=False)
    for k in range(n):
        mostrar(ejes[k, 0], imagenes[k], "Imagen")
        mostrar(ejes[k, 1], verdad[k], "Máscara verdadera")
        mostrar(ejes[k, 2], otsu[k], f"Otsu (IoU {iou_mascaras(verdad[k], otsu[k]):.2f})")
        mostrar(ejes[k, 3], red[k], f"Red (IoU {iou_mascaras(verdad[k], red[k]):.2f})")
    return cerrar_figura(fig)


def grafica_segmentacion_real(imagen: np.ndarray, otsu: np.ndarray, red: np.ndarray):
    """Una foto real sin máscara verdadera: la imagen, el umbral de Otsu y la red."""
    fig, ejes = plt.subplots(1, 3, figsize=(10, 2.9))
    mostrar(ejes[0], en_grises(imagen, "imagen"), "Monedas reales (skimage)")
    mostrar(ejes[1], otsu, "Umbral de Otsu")
    mostrar(ejes[2], red, "Red entrenada con sintéticas")
    return cerrar_figura(fig)
