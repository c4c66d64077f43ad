"""Fusión de imágenes satelitales: bandas de color gruesas y una pancromática fina, con la fusión de Brovey."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import validacion
from ..figuras import cerrar_figura
from .imagenes import ampliar_bicubica, en_grises, mostrar, reducir
from .metricas import psnr


def reducir_color(imagen: np.ndarray, factor: int) -> np.ndarray:
    """Reduce cada canal de una imagen a color promediando bloques factor×factor."""
    imagen = validacion.arreglo(imagen, "imagen")
    if imagen.ndim != 3:
        raise ValueError(f"imagen debe ser a color (alto, ancho, canales); recibí {imagen.shape}.")
    return np.stack([reducir(imagen[..., c], factor) for c in range(imagen.shape[2])], axis=-1)


def ampliar_color(imagen: np.ndarray, factor: int) -> np.ndarray:
    """Ampliación bicúbica de cada canal de una imagen a color."""
    imagen = validacion.arreglo(imagen, "imagen")
    return np.stack([ampliar_bicubica(imagen[..., c], factor) for c in range(imagen.shape[2])], axis=-1)


def fusion_brovey(multiespectral_ampliada: np.ndarray, pancromatica: np.ndarray) -> np.ndarray:
    """Fusión clásica de Brovey: cada banda se multiplica por pancromática / intensidad de las bandas."""
    ms = validacion.arreglo(multiespectral_ampliada, "multiespectral_ampliada").astype(np.float32)
    pan = en_grises(pancromatica, "pancromatica")
    if ms.ndim != 3 or ms.shape[:2] != pan.shape:
        raise ValueError(
            "La multiespectral ampliada debe ser (alto, ancho, bandas) con el mismo alto y ancho que "
            f"la pancromática; recibí {ms.shape} y {pan.shape}."
        )
    intensidad = ms.mean(axis=-1)
    return np.clip(ms * (pan / np.maximum(intensidad, 1e-3))[..., None], 0, 1)


def simular_fusion(imagen_color: np.ndarray, factor: int = 4):
    """Simula un satélite: banda pancromática fina y bandas de color gruesas (``factor`` veces).

    Devuelve ``(referencia, multiespectral, pancromatica, bicubica, fusionada)``.
    """
    referencia = validacion.arreglo(imagen_color, "imagen_color")
    if referencia.ndim != 3 or referencia.shape[2] != 3:
        raise ValueError(f"imagen_color debe ser RGB (alto, ancho, 3); recibí {referencia.shape}.")
    factor = validacion.entero(factor, "factor", minimo=2)
    alto, ancho = (referencia.shape[0] // factor) * factor, (referencia.shape[1] // factor) * factor
    referencia = referencia[:alto, :ancho].astype(np.float32)
    pancromatica = referencia.mean(axis=-1)
    multiespectral = reducir_color(referencia, factor)
    bicubica = ampliar_color(multiespectral, factor)
    return referencia, multiespectral, pancromatica, bicubica, fusion_brovey(bicubica, pancromatica)


def grafica_fusion(referencia, multiespectral, pancromatica, bicubica, fusionada, ventana):
    """Detalle de las entradas (color grueso, pancromática fina) y de las dos reconstrucciones."""
    f0, c0, lado = ventana
    factor = referencia.shape[0] // multiespectral.shape[0]
    v = slice(f0, f0 + lado), slice(c0, c0 + lado)
    b = slice(f0 // factor, (f0 + lado) // factor), slice(c0 // factor, (c0 + lado) // factor)
    fig, ejes = plt.subplots(1, 5, figsize=(13, 3.1))
    mostrar(ejes[0], multiespectral[b], f"Color grueso (×{factor})")
    mostrar(ejes[1], pancromatica[v], "Pancromática fina")
    mostrar(ejes[2], bicubica[v], f"Bicúbica: {psnr(referencia, bicubica):.1f} dB")
    mostrar(ejes[3], fusionada[v], f"Fusión: {psnr(referencia, fusionada):.1f} dB")
    mostrar(ejes[4], referencia[v], "Referencia")
    return cerrar_figura(fig)
