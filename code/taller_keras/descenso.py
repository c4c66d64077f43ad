"""Descenso de gradiente y sus variantes (momento, RMSprop, Adam) sobre superficies de dos parámetros.

Cada optimizador es una función ``paso_…(w, g, estado, tasa, …)`` que da el punto siguiente a
partir del actual, su gradiente y lo que el método recuerda de los pasos anteriores;
``trayectoria`` repite el paso elegido. El explorable *Descenso de gradiente a mano* del sitio hace
las mismas cuentas en JavaScript.
"""

from __future__ import annotations

from typing import Callable

import matplotlib.pyplot as plt
import numpy as np

from . import validacion
from .figuras import AZUL, NARANJA, cerrar_figura

COLORES = (AZUL, NARANJA, "#3a8a4f", "#7a4fa0")


# --- Superficies de pérdida ----------------------------------------------------


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
        self.centro = validacion.punto(centro, "centro")

    def __call__(self, w) -> np.ndarray:
        """Valor de la pérdida en w; acepta un punto (2,) o una malla de puntos (..., 2)."""
        d = np.asarray(w, dtype=float) - self.centro
        return 0.5 * np.einsum("...i,ij,...j->...", d, self.A, d)

    def gradiente(self, w) -> np.ndarray:
        """Gradiente ∇L(w) = A (w − c).

        El producto va escrito entrada por entrada: ``A @ d`` de NumPy usa multiplicaciones
        fusionadas en los procesadores que las tienen, y su último bit cambiaría de una máquina a
        otra (y respecto al navegador).
        """
        d1, d2 = validacion.punto(w) - self.centro
        (a11, a12), (a21, a22) = self.A
        return np.array([a11 * d1 + a12 * d2, a21 * d1 + a22 * d2])

    @property
    def minimos(self) -> list[np.ndarray]:
        """El único mínimo, c."""
        return [self.centro]

    @property
    def valores_propios(self) -> np.ndarray:
        """Curvaturas de la superficie en sus dos direcciones principales, de menor a mayor."""
        return np.linalg.eigvalsh(self.A)

    @property
    def condicion(self) -> float:
        """Número de condición λ_max / λ_min: cuánto más curva es una dirección que la otra."""
        menor, mayor = self.valores_propios
        return float(mayor / menor)

    @property
    def tasa_maxima(self) -> float:
        """Mayor tasa de aprendizaje con la que el descenso de gradiente converge: 2 / λ_max."""
        return float(2.0 / self.valores_propios[-1])


class DobleValle:
    """Pérdida no convexa L(w) = (w₁² − 1)² + ½ w₂² + a·w₁, con dos valles de distinta hondura.

    Con ``inclinacion`` a > 0 el valle de la izquierda (w₁ < 0) es el más hondo: un mínimo
    global y otro local.
    """

    def __init__(self, inclinacion: float = 0.3) -> None:
        if not (validacion._es_numero(inclinacion) and 0 <= inclinacion < 1):
            raise ValueError(
                f"inclinacion debe estar en [0, 1) para que haya dos valles; recibí {inclinacion!r}."
            )
        self.inclinacion = float(inclinacion)

    def __call__(self, w) -> np.ndarray:
        """Valor de la pérdida en w; acepta un punto (2,) o una malla de puntos (..., 2)."""
        w = np.asarray(w, dtype=float)
        w1, w2 = w[..., 0], w[..., 1]
        return (w1**2 - 1) ** 2 + 0.5 * w2**2 + self.inclinacion * w1

    def gradiente(self, w) -> np.ndarray:
        """Gradiente ∇L(w) = (4 w₁ (w₁² − 1) + a, w₂)."""
        w1, w2 = validacion.punto(w)
        return np.array([4 * w1 * (w1**2 - 1) + self.inclinacion, w2])

    @property
    def minimos(self) -> list[np.ndarray]:
        """Los dos mínimos (w₂ = 0 y 4 w₁³ − 4 w₁ + a = 0), primero el global."""
        raices = np.roots([4.0, 0.0, -4.0, self.inclinacion])
        reales = sorted(float(r.real) for r in raices if abs(r.imag) < 1e-12)
        return [np.array([reales[0], 0.0]), np.array([reales[-1], 0.0])]

    @property
    def centro(self) -> np.ndarray:
        """El mínimo global (el que se marca en las figuras)."""
        return self.minimos[0]


# --- Optimizadores: un paso de cada uno ------------------------------------------


def paso_sgd(w, g, estado, tasa):
    """Descenso de gradiente: w ← w − α g."""
    return w - tasa * g


def paso_momento(w, g, estado, tasa, beta=0.9):
    """Momento: v ← β v + g (una velocidad que acumula gradientes); w ← w − α v."""
    estado["v"] = beta * estado.get("v", 0.0) + g
    return w - tasa * estado["v"]


def paso_rmsprop(w, g, estado, tasa, rho=0.9, epsilon=1e-7):
    """RMSprop: s ← ρ s + (1 − ρ) g² (promedio de g²); w ← w − α g / √(s + ε)."""
    estado["s"] = rho * estado.get("s", 0.0) + (1 - rho) * g**2
    return w - tasa * g / np.sqrt(estado["s"] + epsilon)


def paso_adam(w, g, estado, tasa, beta1=0.9, beta2=0.999, epsilon=1e-7):
    """Adam: momento (m) y RMSprop (v) juntos, corregidos por empezar en cero."""
    t = estado["t"] = estado.get("t", 0) + 1
    estado["m"] = beta1 * estado.get("m", 0.0) + (1 - beta1) * g
    estado["v"] = beta2 * estado.get("v", 0.0) + (1 - beta2) * g**2
    m = estado["m"] / (1 - beta1**t)
    v = estado["v"] / (1 - beta2**t)
    return w - tasa * m / (np.sqrt(v) + epsilon)


OPTIMIZADORES = {"sgd": paso_sgd, "momento": paso_momento, "rmsprop": paso_rmsprop, "adam": paso_adam}


def _metodo(metodo) -> Callable:
    if callable(metodo):
        return metodo
    if metodo not in OPTIMIZADORES:
        validos = ", ".join(f"'{m}'" for m in OPTIMIZADORES)
        raise ValueError(f"Optimizador desconocido: {metodo!r}. Los disponibles son {validos}.")
    return OPTIMIZADORES[metodo]


def trayectoria(gradiente: Callable[[np.ndarray], np.ndarray], inicio, pasos: int,
                metodo="sgd", limite: float = 1e6, **hiperparametros) -> np.ndarray:
    """Los puntos w₀, w₁, …, w_pasos que visita un optimizador (arreglo (pasos + 1, 2)).

    ``metodo`` es ``'sgd'``, ``'momento'``, ``'rmsprop'``, ``'adam'`` o una función de paso;
    ``hiperparametros`` son los suyos (``tasa``, ``beta``, …). ``tasa`` puede ser un número o
    una función del paso t (un calendario de la tasa de aprendizaje). Si la norma de w supera
    ``limite`` (el método diverge), se detiene antes y la trayectoria es más corta.
    """
    w, paso, pasos, alfa = _revisar(inicio, metodo, pasos, hiperparametros)
    estado: dict = {}
    puntos = [w]
    for t in range(pasos):
        g = np.asarray(gradiente(w), dtype=float)                 # ∇L(w_t)
        w = paso(w, g, estado, tasa=alfa(t), **hiperparametros)   # w_{t+1}
        puntos.append(w)
        if not np.isfinite(w).all() or np.linalg.norm(w) > limite:
            break
    return np.array(puntos)


def _revisar(inicio, metodo, pasos, hiperparametros):
    if "tasa" not in hiperparametros:
        raise ValueError("Falta la tasa de aprendizaje: pasa tasa=…, por ejemplo tasa=0.1.")
    tasa = hiperparametros.pop("tasa")
    if callable(tasa):
        alfa = lambda t: validacion.tasa_aprendizaje(tasa(t))  # noqa: E731
    else:
        alfa = lambda t, constante=validacion.tasa_aprendizaje(tasa): constante  # noqa: E731
    return validacion.punto(inicio, "inicio"), _metodo(metodo), validacion.entero(pasos, "pasos"), alfa


def graficar_trayectorias(perdida: Callable[[np.ndarray], np.ndarray],
                          trayectorias: dict[str, np.ndarray],
                          limites: tuple[float, float, float, float] = (-3, 3, -3, 3),
                          minimo=None, juntas: str | None = None):
    """Curvas de nivel de la pérdida con una trayectoria de descenso por panel.

    Con ``juntas`` (el título del panel) dibuja todas las trayectorias en un solo panel, cada
    una con su color y su nombre en la leyenda. ``minimo`` marca el punto óptimo; si se omite,
    se marcan ``perdida.minimos`` cuando existen.
    """
    if not trayectorias:
        raise ValueError("Pasa al menos una trayectoria en un diccionario título → puntos (k, 2).")
    x0, x1, y0, y1 = limites
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"limites debe ser (x_min, x_max, y_min, y_max) con mínimos menores; recibí {limites}.")
    malla_x, malla_y = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 200))
    valores = perdida(np.stack([malla_x, malla_y], axis=-1))
    minimos = [minimo] if minimo is not None else getattr(perdida, "minimos", [])
    niveles = np.unique(np.quantile(valores, np.linspace(0.0, 0.9, 12) ** 2))
    paneles = [(juntas, trayectorias)] if juntas else [(t, {t: p}) for t, p in trayectorias.items()]
    fig, ejes = plt.subplots(1, len(paneles), figsize=(3.7 * len(paneles) + (1.6 if juntas else 0), 3.9),
                             squeeze=False)
    colores = iter(COLORES * len(trayectorias))
    for eje, (titulo, grupo) in zip(ejes[0], paneles):
        eje.contour(malla_x, malla_y, valores, levels=niveles, cmap="Greys", linewidths=0.9)
        for nombre, puntos in grupo.items():
            puntos = np.asarray(puntos, dtype=float)
            if puntos.ndim != 2 or puntos.shape[1] != 2:
                raise ValueError(
                    f"La trayectoria «{nombre}» debe tener forma (k, 2); recibí la forma {puntos.shape}."
                )
            eje.plot(puntos[:, 0], puntos[:, 1], "-o", color=next(colores), markersize=3,
                     linewidth=1.4, label=nombre if juntas else None)
        eje.plot(*puntos[0], marker="*", markersize=13, color="black", linestyle="none",
                 label="inicio")
        for k, punto in enumerate(minimos):
            eje.plot(*validacion.punto(punto, "minimo"), marker="P", markersize=10, color="black",
                     markerfacecolor="white", linestyle="none", label="mínimo" if k == 0 else None,
                     zorder=4)
        eje.set_xlim(x0, x1)
        eje.set_ylim(y0, y1)
        eje.set_aspect("equal")
        eje.set_title(titulo)
        eje.set_xlabel("$w_1$")
        eje.set_ylabel("$w_2$")
    if juntas:
        ejes[0][0].legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9)
    else:
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
