"""Colorización: lo que recibe una red colorizadora (la luminancia L) y lo que debe producir (a, b)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import validacion
from ..figuras import cerrar_figura
from .imagenes import mostrar


def separar_lab(imagen_color: np.ndarray):
    """Separa una imagen RGB en luminancia L (lo que ve la red) y color a, b (lo que debe predecir)."""
    from skimage.color import rgb2lab

    imagen_color = validacion.arreglo(imagen_color, "imagen_color")
    if imagen_color.ndim != 3 or imagen_color.shape[2] != 3:
        raise ValueError(f"imagen_color debe ser RGB (alto, ancho, 3); recibí {imagen_color.shape}.")
    lab = rgb2lab(imagen_color)
    return lab[..., 0], lab[..., 1], lab[..., 2]


def unir_lab(luminancia: np.ndarray, a, b) -> np.ndarray:
    """Vuelve a RGB desde L, a y b (a y b pueden ser números: un mismo color en toda la imagen)."""
    from skimage.color import lab2rgb

    luminancia = validacion.arreglo(luminancia, "luminancia")
    lab = np.stack(np.broadcast_arrays(luminancia, a, b), axis=-1).astype(np.float64)
    return np.clip(lab2rgb(lab), 0, 1).astype(np.float32)


def grafica_colorizacion(imagen_color: np.ndarray):
    """Lo que recibe una red colorizadora (L), lo que debe producir (a, b) y el color promedio."""
    luminancia, a, b = separar_lab(imagen_color)
    promedio = unir_lab(luminancia, float(a.mean()), float(b.mean()))
    fig, ejes = plt.subplots(1, 5, figsize=(13, 2.6))
    mostrar(ejes[0], luminancia / 100, "Entrada: luminancia L")
    limite = float(np.quantile(np.abs(np.concatenate([a.ravel(), b.ravel()])), 0.99))
    mostrar(ejes[1], a, "Salida: a (verde–rojo)", cmap="RdYlGn_r", vmin=-limite, vmax=limite)
    mostrar(ejes[2], b, "Salida: b (azul–amarillo)", cmap="RdYlBu_r", vmin=-limite, vmax=limite)
    mostrar(ejes[3], promedio, "L + color promedio")
    mostrar(ejes[4], imagen_color, "Original")
    return cerrar_figura(fig)
