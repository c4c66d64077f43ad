"""Figuras del conjunto de datos MNIST, con rótulos en español.

Cada función devuelve una ``matplotlib.figure.Figure`` ya cerrada para pyplot: en un
cuaderno se muestra una sola vez si es la última expresión de la celda.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .datos import CLASES, validar_imagenes
from .figuras import AZUL, NARANJA, cerrar_figura


def _validar_etiquetas(y: np.ndarray, n: int, nombre: str = "etiquetas") -> np.ndarray:
    y = np.asarray(y)
    if y.ndim != 1 or len(y) != n:
        raise ValueError(
            f"Se esperaban {n} {nombre} (una por imagen) en un vector (n,); "
            f"recibí la forma {y.shape}."
        )
    return y


def cuadricula_digitos(imagenes: np.ndarray, etiquetas: np.ndarray, columnas: int = 10):
    """Dibuja los dígitos en una cuadrícula, cada uno con su etiqueta encima."""
    imagenes = validar_imagenes(imagenes, "imagenes")
    etiquetas = _validar_etiquetas(etiquetas, len(imagenes))
    if len(imagenes) == 0 or columnas < 1:
        raise ValueError("Hace falta al menos una imagen y al menos una columna.")
    filas = -(-len(imagenes) // columnas)
    fig, ejes = plt.subplots(
        filas, columnas, figsize=(1.1 * columnas, 1.25 * filas), squeeze=False
    )
    for i, eje in enumerate(ejes.flat):
        eje.set_axis_off()
        if i < len(imagenes):
            eje.imshow(imagenes[i], cmap="gray_r", vmin=0, vmax=255)
            eje.set_title(str(etiquetas[i]), fontsize=11)
    return cerrar_figura(fig)


def barras_por_clase(y_entrenamiento: np.ndarray, y_prueba: np.ndarray):
    """Barras con el número de imágenes de cada dígito en entrenamiento y en prueba."""
    conteos = []
    for nombre, y in (("y_entrenamiento", y_entrenamiento), ("y_prueba", y_prueba)):
        y = np.asarray(y)
        if y.ndim != 1 or not np.issubdtype(y.dtype, np.integer):
            raise ValueError(f"{nombre} debe ser un vector de etiquetas enteras; recibí {y.shape}, {y.dtype}.")
        conteos.append(np.bincount(y, minlength=CLASES))
    digitos = np.arange(CLASES)
    fig, eje = plt.subplots(figsize=(7, 3.4))
    eje.bar(digitos - 0.2, conteos[0], width=0.4, color=AZUL, label="Entrenamiento")
    eje.bar(digitos + 0.2, conteos[1], width=0.4, color=NARANJA, label="Prueba")
    eje.set_xticks(digitos)
    eje.set_xlabel("Dígito")
    eje.set_ylabel("Número de imágenes")
    eje.set_title("Imágenes por clase")
    eje.legend()
    return cerrar_figura(fig)


def promedios_por_clase(imagenes: np.ndarray, etiquetas: np.ndarray):
    """La imagen promedio de cada dígito: dónde suele haber tinta para cada clase."""
    imagenes = validar_imagenes(imagenes, "imagenes")
    etiquetas = _validar_etiquetas(etiquetas, len(imagenes))
    fig, ejes = plt.subplots(1, CLASES, figsize=(1.1 * CLASES, 1.5))
    for digito, eje in enumerate(ejes):
        eje.set_axis_off()
        del_digito = imagenes[etiquetas == digito]
        if len(del_digito):
            eje.imshow(del_digito.mean(axis=0), cmap="magma", vmin=0, vmax=255)
        eje.set_title(f"Promedio {digito}", fontsize=9)
    return cerrar_figura(fig)


def histograma_intensidades(imagenes: np.ndarray):
    """Histograma (escala logarítmica) de los valores de todos los píxeles."""
    imagenes = validar_imagenes(imagenes, "imagenes")
    fig, eje = plt.subplots(figsize=(7, 3.2))
    eje.hist(imagenes.ravel(), bins=32, range=(0, 256), color=AZUL, log=True)
    eje.set_xlabel("Intensidad del píxel (0 = fondo, 255 = tinta)")
    eje.set_ylabel("Número de píxeles (escala log)")
    eje.set_title("Distribución de intensidades")
    return cerrar_figura(fig)
