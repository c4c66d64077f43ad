"""Métricas para comparar una red con un método clásico: PSNR (de imágenes o por bloques) e IoU
(de máscaras y de cajas)."""

from __future__ import annotations

import numpy as np

from .. import validacion
from .imagenes import lote


def psnr(referencia: np.ndarray, estimada: np.ndarray, rango: float = 1.0) -> float:
    """Relación señal a ruido de pico, en decibeles: 10·log10(rango² / ECM). Mayor es mejor."""
    from skimage.metrics import peak_signal_noise_ratio

    referencia = validacion.arreglo(referencia, "referencia")
    estimada = validacion.arreglo(estimada, "estimada")
    validacion.misma_forma(referencia, estimada, "referencia", "estimada")
    if not rango > 0:
        raise ValueError(
            f"rango debe ser positivo (1.0 para imágenes en [0, 1], 255 para uint8); recibí {rango!r}."
        )
    referencia = referencia.astype(np.float64)
    estimada = estimada.astype(np.float64)
    if np.array_equal(referencia, estimada):
        return float("inf")  # imágenes idénticas: error cero
    return float(peak_signal_noise_ratio(referencia, estimada, data_range=rango))


def psnr_por_bloques(referencia: np.ndarray, estimada: np.ndarray, lado: int = 32,
                     rango: float = 1.0) -> np.ndarray:
    """La PSNR de cada bloque de ``lado`` × ``lado`` píxeles (sin traslaparse; el sobrante se descarta).

    Sirve para comparar dos métodos en muchos casos pareados de una misma imagen.
    """
    referencia = validacion.arreglo(referencia, "referencia")
    estimada = validacion.arreglo(estimada, "estimada")
    validacion.misma_forma(referencia, estimada, "referencia", "estimada")
    lado = validacion.entero(lado, "lado", ejemplo=32)
    if referencia.ndim != 2 or min(referencia.shape) < lado:
        raise ValueError(
            f"Las imágenes deben ser 2D (alto, ancho) y medir al menos {lado} píxeles por lado; "
            f"recibí la forma {referencia.shape}. Usa un lado menor."
        )
    filas, columnas = referencia.shape[0] // lado, referencia.shape[1] // lado
    return np.array([psnr(referencia[f:f + lado, c:c + lado], estimada[f:f + lado, c:c + lado], rango)
                     for f in range(0, filas * lado, lado) for c in range(0, columnas * lado, lado)])


def iou_mascaras(verdad: np.ndarray, prediccion: np.ndarray) -> float:
    """Intersección sobre unión de dos máscaras booleanas; 1.0 si ambas están vacías."""
    verdad = validacion.arreglo(verdad, "verdad")
    prediccion = validacion.arreglo(prediccion, "prediccion")
    validacion.misma_forma(verdad, prediccion, "verdad", "prediccion")
    for nombre, m in (("verdad", verdad), ("prediccion", prediccion)):
        if m.dtype != bool:
            raise ValueError(
                f"{nombre} debe ser una máscara booleana; recibí dtype {m.dtype}. "
                "Umbrala primero, por ejemplo mascara = probabilidad > 0.5."
            )
    union = np.logical_or(verdad, prediccion).sum()
    if union == 0:
        return 1.0
    return float(np.logical_and(verdad, prediccion).sum() / union)


def iou_promedio(verdad: np.ndarray, prediccion: np.ndarray) -> float:
    """IoU promedio sobre un lote de máscaras (n, alto, ancho)."""
    verdad = lote(verdad, "verdad")
    prediccion = lote(prediccion, "prediccion")
    validacion.misma_forma(verdad, prediccion, "verdad", "prediccion")
    return float(np.mean([iou_mascaras(v, p) for v, p in zip(verdad, prediccion)]))


def _validar_cajas(cajas, nombre: str) -> np.ndarray:
    cajas = validacion.arreglo(cajas, nombre).astype(np.float64)
    if cajas.ndim not in (1, 2) or cajas.shape[-1] != 4:
        raise ValueError(
            f"{nombre} debe tener forma (4,) o (n, 4), cada caja como "
            f"(fila0, col0, fila1, col1); recibí la forma {cajas.shape}."
        )
    return cajas


def _area(cajas: np.ndarray) -> np.ndarray:
    alto = np.clip(cajas[..., 2] - cajas[..., 0], 0, None)
    ancho = np.clip(cajas[..., 3] - cajas[..., 1], 0, None)
    return alto * ancho


def iou_cajas(verdad: np.ndarray, prediccion: np.ndarray) -> np.ndarray | float:
    """IoU de cajas (fila0, col0, fila1, col1): área común entre área cubierta por alguna.

    Una caja invertida (fila1 < fila0 o col1 < col0), que una red puede predecir, cuenta
    como vacía. Si ambas cajas están vacías, la IoU es 1.
    """
    a = _validar_cajas(verdad, "verdad")
    b = _validar_cajas(prediccion, "prediccion")
    validacion.misma_forma(a, b, "verdad", "prediccion")
    comun = _area(np.concatenate([np.maximum(a[..., :2], b[..., :2]),
                                  np.minimum(a[..., 2:], b[..., 2:])], axis=-1))
    comun = np.where((_area(a) > 0) & (_area(b) > 0), comun, 0.0)
    union = _area(a) + _area(b) - comun
    iou = np.where(union > 0, comun / np.where(union > 0, union, 1), 1.0)
    return float(iou) if iou.ndim == 0 else iou


def caja_de_mascara(mascara: np.ndarray) -> np.ndarray:
    """La caja (fila0, col0, fila1, col1) más pequeña que contiene los píxeles verdaderos."""
    mascara = validacion.arreglo(mascara, "mascara")
    if mascara.ndim != 2:
        raise ValueError(f"mascara debe ser 2D (alto, ancho); recibí la forma {mascara.shape}.")
    filas, cols = np.nonzero(mascara)
    if len(filas) == 0:
        return np.zeros(4, np.float32)
    return np.array([filas.min(), cols.min(), filas.max() + 1, cols.max() + 1], np.float32)
