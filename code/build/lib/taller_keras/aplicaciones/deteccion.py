"""Detección y reconocimiento: una red con dos salidas encuentra un dígito de MNIST en un lienzo y dice cuál es."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from .. import validacion
from ..figuras import AZUL, NARANJA
from .imagenes import lote
from .metricas import caja_de_mascara, iou_cajas


def lienzos_mnist(digitos: np.ndarray, etiquetas: np.ndarray, lado: int = 40,
                  distractores: int = 2, semilla: int = 0):
    """Coloca cada dígito al azar en un lienzo lado×lado con trazos sueltos de otros dígitos.

    Devuelve ``(lienzos, cajas, etiquetas)``: lienzos float32 (n, lado, lado) en [0, 1],
    cajas (n, 4) en píxeles y las etiquetas del dígito completo.
    """
    digitos = lote(digitos, "digitos")
    etiquetas = validacion.arreglo(etiquetas, "etiquetas")
    if digitos.shape[1:] != (28, 28) or digitos.dtype != np.uint8:
        raise ValueError(
            "digitos debe tener forma (n, 28, 28) y dtype uint8, como las imágenes de cargar_mnist(); "
            f"recibí {digitos.shape} y {digitos.dtype}."
        )
    if etiquetas.shape != (len(digitos),):
        raise ValueError(f"Se esperaban {len(digitos)} etiquetas en un vector (n,); recibí {etiquetas.shape}.")
    lado = validacion.entero(lado, "lado", minimo=28)
    rng = np.random.default_rng(semilla)
    n = len(digitos)
    lienzos = np.zeros((n, lado, lado), np.float32)
    cajas = np.empty((n, 4), np.float32)
    for k in range(n):
        for _ in range(distractores):  # trazos de 8×8 de otro dígito
            otro = digitos[rng.integers(n)].astype(np.float32) / 255
            i, j = rng.integers(6, 14, size=2)
            y, x = rng.integers(0, lado - 8, size=2)
            lienzos[k, y : y + 8, x : x + 8] = np.maximum(lienzos[k, y : y + 8, x : x + 8],
                                                          otro[i : i + 8, j : j + 8])
        y, x = rng.integers(0, lado - 28 + 1, size=2)
        digito = digitos[k].astype(np.float32) / 255
        lienzos[k, y : y + 28, x : x + 28] = np.maximum(lienzos[k, y : y + 28, x : x + 28], digito)
        cajas[k] = caja_de_mascara(digito > 0.5) + np.array([y, x, y, x], np.float32)
    return lienzos, cajas, etiquetas.copy()


def cajas_por_umbral(lienzos: np.ndarray, umbral: float = 0.5) -> np.ndarray:
    """Método clásico: la caja de todos los píxeles más claros que ``umbral``."""
    lienzos = lote(lienzos, "lienzos")
    return np.stack([caja_de_mascara(l > umbral) for l in lienzos])


def modelo_deteccion(lado: int = 40, clases: int = 10):
    """Red convolucional con dos salidas: la caja del dígito (normalizada a [0, 1]) y su clase."""
    import keras
    from keras import layers

    lado = validacion.entero(lado, "lado", minimo=8)
    entrada = keras.Input(shape=(lado, lado, 1), name="lienzo")
    h = layers.Conv2D(8, 3, strides=2, padding="same", activation="relu")(entrada)
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(h)
    h = layers.MaxPooling2D(2)(h)
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = layers.MaxPooling2D(2)(h)
    h = layers.Flatten()(h)
    h = layers.Dense(64, activation="relu")(h)
    caja = layers.Dense(4, activation="sigmoid", name="caja")(h)
    clase = layers.Dense(clases, activation="softmax", name="clase")(h)
    return keras.Model(entrada, {"caja": caja, "clase": clase}, name="deteccion")


def grafica_deteccion(lienzos, verdad, red, base, clases_red=None, clases_verdad=None):
    """Lienzos con la caja verdadera, la de la red y la del umbral (y el dígito que dijo la red)."""
    lienzos = lote(lienzos, "lienzos")
    n = len(lienzos)
    fig, ejes = plt.subplots(1, n, figsize=(2.05 * n, 2.9), squeeze=False)
    estilos = [("Verdad", verdad, "#2ca02c", "-"), ("Red", red, AZUL, "-"), ("Umbral", base, NARANJA, "--")]
    for k, eje in enumerate(ejes[0]):
        eje.imshow(lienzos[k], cmap="gray_r", vmin=0, vmax=1)
        for nombre, cajas, color, linea in estilos:
            f0, c0, f1, c1 = cajas[k]
            eje.add_patch(Rectangle((c0 - 0.5, f0 - 0.5), c1 - c0, f1 - f0, fill=False,
                                    edgecolor=color, linestyle=linea, linewidth=1.8, label=nombre))
        titulo = f"IoU red {iou_cajas(verdad[k], red[k]):.2f}\nIoU umbral {iou_cajas(verdad[k], base[k]):.2f}"
        if clases_red is not None and clases_verdad is not None:
            titulo = f"Red dice {clases_red[k]} (es {clases_verdad[k]})\n" + titulo
        eje.set_title(titulo, fontsize=9)
        eje.set_xticks([])
        eje.set_yticks([])
    manejadores, nombres = ejes[0, 0].get_legend_handles_labels()
    fig.tight_layout(rect=(0, 0.09, 1, 1))
    fig.legend(manejadores, nombres, loc="lower center", ncol=3, fontsize=9, frameon=False)
    plt.close(fig)
    return fig
