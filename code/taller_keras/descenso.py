"""Descenso de gradiente sobre superficies de pérdida de dos parámetros, con sus trayectorias."""

from __future__ import annotations

from typing import Callable

import matplotlib.pyplot as plt
import numpy as np

from .figuras import AZUL, NARANJA, cerrar_figura
from .red_numpy import validar_tasa

COLORES = (AZUL, NARANJA, "#3a8a4f", "#7a4fa0")


def _punto(w, nombre: str = "w") -> np.ndarray:
    """Convierte ``w`` en un vector (2,) de números finitos."""
    w = np.asarray(w, dtype=float)
    if w.shape != (2,):
        raise ValueError(
            f"{nombre} debe ser un punto del plano con dos coordenadas (w₁, w₂); "
            f"recibí la forma {w.shape}."
        )
    if not np.isfinite(w).all():
        raise ValueError(f"{nombre} contiene valores NaN o infinitos; usa un punto de partida finito.")
    return w


class Cuadratica:
    """Pérdida cuadrática L(w) = ½ (w − c)ᵀ A (w − c), con A simétrica y definida positiva."""

    def __init__(self, A=((3.0, 2.0), (2.0, 6.0)), centro=(0.0, 0.0)) -> None:
        A = np.asarray(A, dtype=float)
        if A.shape != (2, 2) or not np.isfinite(A).all():
            raise ValueError(f"A debe ser una matriz 2 × 2 de números finitos; recibí la forma {A.shape}.")
        if not np.allclose(A, A.T):
            raise ValueError("A debe ser simétrica (A[0, 1] igual a A[1, 0]).")
        if np.linalg.eigvalsh(A).min() <= 0:
            raise ValueError(
                "A debe ser definida positiva (valores propios positivos) para que la pérdida "
                "tenga un único mínimo."
            )
        self.A = A
        self.centro = _punto(centro, "centro")

    def __call__(self, w) -> np.ndarray:
        """Valor de la pérdida en w; acepta un punto (2,) o una malla de puntos (..., 2)."""
        d = np.asarray(w, dtype=float) - self.centro
        return 0.5 * np.einsum("...i,ij,...j->...", d, self.A, d)

    def gradiente(self, w) -> np.ndarray:
        """Gradiente ∇L(w) = A (w − c)."""
        return self.A @ (_punto(w) - self.centro)

    @property
    def valores_propios(self) -> np.ndarray:
        """Curvaturas de la superficie en sus dos direcciones principales, de menor a mayor."""
        return np.linalg.eigvalsh(self.A)

    @property
    def tasa_maxima(self) -> float:
        """Mayor tasa de aprendizaje con la que el descenso de gradiente converge: 2 / λ_max."""
        return float(2.0 / self.valores_propios[-1])


def descenso_gradiente(gradiente: Callable[[np.ndarray], np.ndarray], inicio, tasa: float,
                       pasos: int, limite: float = 1e6) -> np.ndarray:
    """Aplica w ← w − tasa · ∇L(w) y devuelve la trayectoria (pasos + 1, 2).

    Si la norma de w supera ``limite`` (el método diverge), se detiene antes y la
    trayectoria es más corta.
    """
    w = _punto(inicio, "inicio")
    validar_tasa(tasa)
    if isinstance(pasos, bool) or not isinstance(pasos, (int, np.integer)) or pasos < 1:
        raise ValueError(f"pasos debe ser un entero positivo; recibí {pasos!r}.")
    trayectoria = [w]
    for _ in range(pasos):
        w = w - tasa * np.asarray(gradiente(w), dtype=float)
        trayectoria.append(w)
        if not np.isfinite(w).all() or np.linalg.norm(w) > limite:
            break
    return np.array(trayectoria)


def graficar_trayectorias(perdida: Callable[[np.ndarray], np.ndarray],
                          trayectorias: dict[str, np.ndarray],
                          limites: tuple[float, float, float, float] = (-3, 3, -3, 3),
                          minimo=None):
    """Curvas de nivel de la pérdida con una trayectoria de descenso por panel.

    ``minimo`` marca el punto óptimo; si se omite, se usa ``perdida.centro`` cuando existe.
    """
    if not trayectorias:
        raise ValueError("Pasa al menos una trayectoria en un diccionario título → puntos (k, 2).")
    x0, x1, y0, y1 = limites
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"limites debe ser (x_min, x_max, y_min, y_max) con mínimos menores; recibí {limites}.")
    malla_x, malla_y = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 200))
    valores = perdida(np.stack([malla_x, malla_y], axis=-1))
    if minimo is None:
        minimo = getattr(perdida, "centro", None)
    niveles = np.quantile(valores, np.linspace(0.0, 0.9, 12) ** 2)
    fig, ejes = plt.subplots(1, len(trayectorias), figsize=(3.7 * len(trayectorias), 3.9),
                             squeeze=False)
    for i, (eje, (titulo, puntos)) in enumerate(zip(ejes[0], trayectorias.items())):
        puntos = np.asarray(puntos, dtype=float)
        if puntos.ndim != 2 or puntos.shape[1] != 2:
            raise ValueError(
                f"La trayectoria «{titulo}» debe tener forma (k, 2); recibí la forma {puntos.shape}."
            )
        eje.contour(malla_x, malla_y, valores, levels=np.unique(niveles), cmap="Greys",
                    linewidths=0.9)
        color = COLORES[i % len(COLORES)]
        eje.plot(puntos[:, 0], puntos[:, 1], "-o", color=color, markersize=3.5, linewidth=1.4)
        eje.plot(*puntos[0], marker="*", markersize=13, color="black", linestyle="none",
                 label="inicio")
        if minimo is not None:
            eje.plot(*_punto(minimo, "minimo"), marker="P", markersize=10, color="black",
                     markerfacecolor="white", linestyle="none", label="mínimo", zorder=4)
        eje.set_xlim(x0, x1)
        eje.set_ylim(y0, y1)
        eje.set_aspect("equal")
        eje.set_title(titulo)
        eje.set_xlabel("$w_1$")
        eje.set_ylabel("$w_2$")
    ejes[0][0].legend(loc="upper right", fontsize=9)
    return cerrar_figura(fig)


def graficar_convergencia(perdida: Callable[[np.ndarray], np.ndarray],
                          trayectorias: dict[str, np.ndarray]):
    """Valor de la pérdida en cada paso de cada trayectoria (escala logarítmica)."""
    if not trayectorias:
        raise ValueError("Pasa al menos una trayectoria en un diccionario título → puntos (k, 2).")
    fig, eje = plt.subplots(figsize=(6.5, 3.4))
    for i, (titulo, puntos) in enumerate(trayectorias.items()):
        valores = perdida(np.asarray(puntos, dtype=float))
        eje.plot(np.arange(len(valores)), valores, "-o", markersize=3,
                 color=COLORES[i % len(COLORES)], label=titulo)
    eje.set_yscale("log")
    eje.set_xlabel("Paso $i$")
    eje.set_ylabel("Pérdida $L(w^{(i)})$")
    eje.grid(alpha=0.3, which="both")
    eje.legend()
    return cerrar_figura(fig)
