"""Imágenes médicas: segmentación clásica de los vasos de la retina con el filtro de Frangi."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import validacion
from ..figuras import cerrar_figura
from .imagenes import mostrar


def campo_de_vision(retina_rgb: np.ndarray) -> np.ndarray:
    """Máscara del círculo iluminado de una foto de fondo de ojo (fuera de él todo es negro)."""
    retina_rgb = validacion.arreglo(retina_rgb, "retina_rgb")
    if retina_rgb.ndim != 3 or retina_rgb.shape[2] < 3:
        raise ValueError(f"retina_rgb debe ser una imagen a color (alto, ancho, 3); recibí {retina_rgb.shape}.")
    from scipy.ndimage import binary_erosion
    from skimage.morphology import disk

    return binary_erosion(retina_rgb[..., 0] > 0.1, structure=disk(4))


def vasos_frangi(retina_rgb: np.ndarray, fraccion: float = 0.12):
    """Segmentación clásica de vasos: filtro de Frangi sobre el canal verde y umbral por cuantil.

    Devuelve ``(verde, realce, vasos)``; ``fraccion`` es la parte del campo de visión
    que se marca como vaso.
    """
    from skimage.filters import frangi

    if not 0 < fraccion < 1:
        raise ValueError(f"fraccion debe estar entre 0 y 1; recibí {fraccion!r}.")
    dentro = campo_de_vision(retina_rgb)
    verde = retina_rgb[..., 1].astype(np.float32)
    realce = frangi(verde, sigmas=(1, 2, 3), black_ridges=True) * dentro
    umbral = np.quantile(realce[dentro], 1 - fraccion)
    return verde, realce.astype(np.float32), (realce > umbral) & dentro


def grafica_retina(retina_rgb: np.ndarray, verde, realce, vasos):
    """Fondo de ojo, su canal verde, el realce de vasos de Frangi y la segmentación resultante."""
    fig, ejes = plt.subplots(1, 4, figsize=(12, 3.3))
    mostrar(ejes[0], retina_rgb, "Fondo de ojo")
    mostrar(ejes[1], verde, "Canal verde")
    escala = float(np.quantile(realce, 0.995)) or 1.0
    mostrar(ejes[2], np.sqrt(np.clip(realce / escala, 0, 1)), "Realce de vasos (Frangi)", cmap="magma")
    mostrar(ejes[3], vasos, "Vasos: umbral del realce")
    return cerrar_figura(fig)
