"""Funciones de pérdida escritas a mano con NumPy y sus figuras.

``mse`` y ``entropia_cruzada`` calculan lo mismo que ``keras.losses.MeanSquaredError``,
``CategoricalCrossentropy`` y ``SparseCategoricalCrossentropy`` (promedio sobre los ejemplos),
pero revisan su entrada y explican en español qué está mal.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from . import validacion
from .figuras import AZUL, NARANJA, cerrar_figura

EPSILON = 1e-7  # el mismo recorte que usa Keras (keras.config.epsilon()) para no calcular log(0)


def mse(y, y_estimada, por_ejemplo: bool = False) -> float | np.ndarray:
    """Error cuadrático medio: el promedio de (ŷᵢ − yᵢ)²."""
    y = validacion.numerico(y, "y")
    y_estimada = validacion.numerico(y_estimada, "y_estimada")
    if y.shape != y_estimada.shape:
        raise ValueError(
            f"y y y_estimada deben tener la misma forma; recibí {y.shape} y {y_estimada.shape}. "
            "Compara cada valor correcto con su estimación: (n,) y (n, 1) no son la misma forma."
        )
    cuadrados = (y_estimada - y) ** 2
    if por_ejemplo:
        return cuadrados if cuadrados.ndim <= 1 else cuadrados.mean(axis=-1)
    return float(cuadrados.mean())


def _como_one_hot(y, p: np.ndarray) -> np.ndarray:
    """``y`` como matriz (n, clases): acepta clases enteras (n,) o filas one-hot."""
    n, clases = p.shape
    if np.ndim(y) == 1:
        return np.eye(clases)[validacion.etiquetas(y, n, clases=clases)]
    y = validacion.numerico(y, "y")
    if y.shape != p.shape:
        raise ValueError(
            f"y debe ser un vector (n,) de clases enteras o una matriz {p.shape} one-hot, "
            f"con la forma de probabilidades; recibí la forma {y.shape}."
        )
    filas_malas = np.flatnonzero((y.min(axis=1) < 0) | (y.max(axis=1) > 1)
                                 | (np.abs(y.sum(axis=1) - 1) > 1e-3))
    if filas_malas.size:
        raise ValueError(
            f"Cada fila de y debe ser one-hot (valores entre 0 y 1 que suman 1); la fila "
            f"{filas_malas[0]} no lo es. Para etiquetas enteras pasa un vector (n,)."
        )
    return y


def entropia_cruzada(y, probabilidades, por_ejemplo: bool = False) -> float | np.ndarray:
    """Entropía cruzada −Σₖ yₖ log ŷₖ, promediada sobre los ejemplos; ``y`` en clases enteras o one-hot."""
    p = validacion.probabilidades(probabilidades)
    y = _como_one_hot(y, p)
    p = np.clip(p, EPSILON, 1 - EPSILON)
    perdidas = -np.sum(y * np.log(p), axis=1)
    return perdidas if por_ejemplo else float(perdidas.mean())


def ajustar_recta(x, y) -> tuple[float, float]:
    """Pendiente y ordenada de la recta ŷ = a·x + b que minimiza el error cuadrático medio."""
    x = validacion.numerico(x, "x")
    y = validacion.numerico(y, "y")
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(
            f"x y y deben ser vectores (n,) del mismo largo; recibí {x.shape} y {y.shape}."
        )
    dx = x - x.mean()
    varianza = np.mean(dx**2)
    if varianza == 0:
        raise ValueError(
            "Todos los valores de x son iguales: hay infinitas rectas con el mismo error. "
            "Hacen falta al menos dos valores distintos de x."
        )
    pendiente = np.mean(dx * (y - y.mean())) / varianza
    ordenada = y.mean() - pendiente * x.mean()
    return float(pendiente), float(ordenada)


# --- Figuras -----------------------------------------------------------------


def comparar_perdidas():
    """MSE y entropía cruzada frente a la probabilidad de la clase correcta, y el tamaño de su gradiente."""
    p = np.linspace(0.005, 0.995, 300)
    probabilidades = np.column_stack([p, 1 - p])  # dos clases; la correcta es la 0
    correcta = np.zeros(len(p), dtype=int)
    perdida_ec = entropia_cruzada(correcta, probabilidades, por_ejemplo=True)
    perdida_mse = mse(np.eye(2)[correcta], probabilidades, por_ejemplo=True)
    # Derivadas respecto a la entrada z de la salida, con p = sigmoide(z):
    # EC = -log p  → |dL/dz| = 1 - p ;  MSE = (1 - p)²  → |dL/dz| = 2 p (1 - p)²
    gradiente_ec = 1 - p
    gradiente_mse = 2 * p * (1 - p) ** 2

    fig, (eje1, eje2) = plt.subplots(1, 2, figsize=(10, 3.8))
    for eje in (eje1, eje2):
        eje.axvspan(0, 0.2, color="#eeeeee", zorder=0)
        eje.set_xlabel("Probabilidad asignada a la clase correcta, $p$")
        eje.set_xlim(0, 1)
    eje1.plot(p, perdida_ec, color=AZUL, label="Entropía cruzada: $-\\log p$")
    eje1.plot(p, perdida_mse, color=NARANJA, label="MSE: $(1 - p)^2$")
    eje1.set_ylim(0, 5.5)
    eje1.set_ylabel("Pérdida")
    eje1.set_title("La pérdida")
    eje1.text(0.115, 5.3, "red muy\nequivocada", ha="center", va="top", fontsize=9)
    eje1.legend()
    eje2.plot(p, gradiente_ec, color=AZUL, label="Entropía cruzada: $1 - p$")
    eje2.plot(p, gradiente_mse, color=NARANJA, label="MSE: $2p(1 - p)^2$")
    eje2.set_ylim(0, 1.05)
    eje2.set_ylabel("Tamaño del gradiente $|\\partial L / \\partial z|$")
    eje2.set_title("Lo que empuja a los pesos")
    eje2.legend()
    return cerrar_figura(fig)


def recta_y_mse(x, y, pendiente: float, ordenada: float, nombre_x: str = "$x$", nombre_y: str = "$y$"):
    """Los datos con la recta ajustada y sus residuos, y el MSE en función de la pendiente."""
    x = validacion.numerico(x, "x")
    y = validacion.numerico(y, "y")
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(
            f"x y y deben ser vectores (n,) del mismo largo; recibí {x.shape} y {y.shape}."
        )
    y_estimada = pendiente * x + ordenada
    fig, (eje1, eje2) = plt.subplots(1, 2, figsize=(10, 3.8))
    eje1.vlines(x, y, y_estimada, color="#aaaaaa", linewidth=0.6, label="Residuos $\\hat{y}_i - y_i$")
    eje1.scatter(x, y, s=18, color=AZUL, zorder=3, label="Datos $(x_i, y_i)$")
    orden = np.argsort(x)
    eje1.plot(x[orden], y_estimada[orden], color=NARANJA, linewidth=2,
              label=f"$\\hat{{y}} = {pendiente:.2f}\\,x {'+' if ordenada >= 0 else '-'} {abs(ordenada):.2f}$")
    eje1.set_xlabel(nombre_x)
    eje1.set_ylabel(nombre_y)
    eje1.set_title("Recta ajustada")
    abajo, arriba = eje1.get_ylim()
    eje1.set_ylim(abajo, arriba + 0.4 * (arriba - abajo))  # espacio para la leyenda
    eje1.legend(fontsize=9, loc="upper left")

    pendientes = np.linspace(pendiente - 2, pendiente + 2, 201)
    errores = [mse(y, a * x + ordenada) for a in pendientes]
    eje2.plot(pendientes, errores, color=AZUL)
    eje2.plot([pendiente], [mse(y, y_estimada)], "o", color=NARANJA, label="Pendiente ajustada")
    eje2.set_xlabel("Pendiente $a$ (ordenada fija en la ajustada)")
    eje2.set_ylabel("MSE")
    eje2.set_title("El MSE como función de la pendiente")
    eje2.legend(fontsize=9)
    return cerrar_figura(fig)
