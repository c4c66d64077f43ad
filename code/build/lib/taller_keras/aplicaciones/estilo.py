"""Transferencia de estilo, en su versión más simple: igualar la paleta y comparar matrices de Gram."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import validacion
from ..figuras import cerrar_figura
from .imagenes import mostrar


def matriz_gram(mapas: np.ndarray) -> np.ndarray:
    """Matriz de Gram de unos mapas (alto, ancho, canales): correlación entre canales, sin posición."""
    mapas = validacion.arreglo(mapas, "mapas")
    if mapas.ndim != 3:
        raise ValueError(f"mapas debe tener forma (alto, ancho, canales); recibí {mapas.shape}.")
    planos = mapas.reshape(-1, mapas.shape[2]).astype(np.float64)
    return planos.T @ planos / len(planos)


def transferir_color(contenido: np.ndarray, estilo: np.ndarray) -> np.ndarray:
    """El «estilo» más simple: iguala el histograma de cada canal del contenido al del estilo."""
    from skimage.exposure import match_histograms

    contenido = validacion.arreglo(contenido, "contenido")
    estilo = validacion.arreglo(estilo, "estilo")
    if contenido.ndim != 3 or estilo.ndim != 3 or contenido.shape[2] != estilo.shape[2]:
        raise ValueError(
            "contenido y estilo deben ser imágenes a color con el mismo número de canales; "
            f"recibí {contenido.shape} y {estilo.shape}."
        )
    return np.clip(match_histograms(contenido, estilo, channel_axis=-1), 0, 1).astype(np.float32)


def grafica_estilo(contenido: np.ndarray, estilo: np.ndarray, resultado: np.ndarray):
    """Contenido, estilo, resultado y la matriz de Gram de color de cada uno."""
    fig, ejes = plt.subplots(2, 3, figsize=(10, 6.2), gridspec_kw={"height_ratios": [1.35, 1]})
    for k, (imagen, titulo) in enumerate(((contenido, "Contenido"), (estilo, "Estilo"),
                                          (resultado, "Contenido con la paleta del estilo"))):
        mostrar(ejes[0, k], imagen, titulo)
        gram = matriz_gram(imagen)
        ejes[1, k].imshow(gram, cmap="viridis", vmin=0, vmax=0.6)
        for (i, j), v in np.ndenumerate(gram):
            ejes[1, k].text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=9,
                            color="white" if v < 0.35 else "black")
        ejes[1, k].set_xticks(range(3), ["R", "G", "B"])
        ejes[1, k].set_yticks(range(3), ["R", "G", "B"])
        ejes[1, k].set_title("Matriz de Gram del color", fontsize=10)
    return cerrar_figura(fig)
