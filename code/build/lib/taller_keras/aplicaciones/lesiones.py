"""Diagnóstico automatizado: candidatos a lesiones rojas (microaneurismas) con un *top-hat* negro."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import validacion
from ..figuras import NARANJA, cerrar_figura
from .imagenes import en_grises, mostrar


def candidatos_lesiones_rojas(imagen: np.ndarray, radio: int = 6, umbral: float = 0.1, area_minima: int = 4):
    """Método clásico de candidatos: *top-hat* negro (manchas oscuras más pequeñas que ``radio``).

    Devuelve ``(respuesta, centros)``: el mapa del *top-hat* y una lista de (fila, columna).
    """
    from skimage.measure import label, regionprops
    from skimage.morphology import black_tophat, disk

    imagen = en_grises(imagen, "imagen")
    respuesta = black_tophat(imagen, disk(validacion.entero(radio, "radio")))
    regiones = regionprops(label(respuesta > umbral))
    centros = [r.centroid for r in regiones if r.area >= area_minima]
    return respuesta.astype(np.float32), centros


def grafica_lesiones(imagen: np.ndarray, respuesta: np.ndarray, centros, radio: float = 6):
    """La imagen, la respuesta del detector clásico y los candidatos marcados con círculos."""
    from matplotlib.patches import Circle

    fig, ejes = plt.subplots(1, 3, figsize=(9.6, 3.4))
    mostrar(ejes[0], imagen, "Retina con microaneurismas")
    mostrar(ejes[1], respuesta / (respuesta.max() or 1), "Manchas oscuras (top-hat)", cmap="magma")
    mostrar(ejes[2], imagen, f"Candidatos: {len(centros)}")
    for fila, col in centros:
        ejes[2].add_patch(Circle((col, fila), radio, fill=False, edgecolor=NARANJA, linewidth=1.8))
    return cerrar_figura(fig)
