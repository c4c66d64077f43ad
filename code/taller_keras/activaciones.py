"""Funciones de activación, sus derivadas y las figuras de la neurona artificial."""

from __future__ import annotations

from typing import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch

from .figuras import AZUL, NARANJA, cerrar_figura

VERDE = "#3a8a4f"

Funcion = Callable[[np.ndarray], np.ndarray]


def _validar(z, nombre: str = "z") -> np.ndarray:
    """Convierte ``z`` en un arreglo de flotantes y rechaza valores NaN."""
    try:
        z = np.asarray(z, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{nombre} debe contener números reales; recibí {type(z).__name__}. "
            "Pasa un número o un arreglo numérico de NumPy."
        ) from None
    if np.isnan(z).any():
        raise ValueError(
            f"{nombre} contiene valores NaN; revisa los datos o los pesos antes de aplicar "
            "la activación."
        )
    return z


# --- Activaciones elemento a elemento ----------------------------------------


def escalon(z) -> np.ndarray:
    """Escalón de Heaviside: 1 si z ≥ 0 y 0 si z < 0 (la neurona de McCulloch y Pitts)."""
    z = _validar(z)
    return (z >= 0).astype(float)


def derivada_escalon(z) -> np.ndarray:
    """Derivada del escalón: 0 en todas partes (en z = 0 no existe; se toma 0)."""
    z = _validar(z)
    return np.zeros_like(z)


def sigmoide(z) -> np.ndarray:
    """Sigmoide logística 1 / (1 + e^(−z)), calculada sin desbordes."""
    z = _validar(z)
    e = np.exp(-np.abs(z))  # nunca desborda: |z| ≥ 0
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def derivada_sigmoide(z) -> np.ndarray:
    """Derivada de la sigmoide: σ(z) · (1 − σ(z))."""
    s = sigmoide(z)
    return s * (1.0 - s)


def tanh(z) -> np.ndarray:
    """Tangente hiperbólica (e^z − e^(−z)) / (e^z + e^(−z)), con valores en (−1, 1)."""
    return np.tanh(_validar(z))


def derivada_tanh(z) -> np.ndarray:
    """Derivada de la tangente hiperbólica: 1 − tanh²(z)."""
    return 1.0 - tanh(z) ** 2


def relu(z) -> np.ndarray:
    """Unidad lineal rectificada (ReLU): max(0, z)."""
    return np.maximum(0.0, _validar(z))


def derivada_relu(z) -> np.ndarray:
    """Derivada de ReLU: 1 si z > 0 y 0 si z ≤ 0 (en z = 0 se toma 0, como Keras)."""
    return (_validar(z) > 0).astype(float)


ACTIVACIONES: dict[str, tuple[Funcion, Funcion]] = {
    "escalon": (escalon, derivada_escalon),
    "sigmoide": (sigmoide, derivada_sigmoide),
    "tanh": (tanh, derivada_tanh),
    "relu": (relu, derivada_relu),
}

TITULOS = {
    "escalon": "Escalón",
    "sigmoide": "Sigmoide",
    "tanh": "Tangente hiperbólica",
    "relu": "ReLU",
}


def activacion(nombre: str) -> tuple[Funcion, Funcion]:
    """Devuelve el par (función, derivada) de la activación llamada ``nombre``."""
    if nombre not in ACTIVACIONES:
        validas = ", ".join(f"'{n}'" for n in ACTIVACIONES)
        raise ValueError(
            f"Activación desconocida: {nombre!r}. Las disponibles son {validas}."
        )
    return ACTIVACIONES[nombre]


# --- Softmax ----------------------------------------------------------------


def softmax(z, eje: int = -1) -> np.ndarray:
    """Softmax a lo largo de ``eje``: exponenciales normalizadas que suman 1."""
    z = _validar(z)
    if z.ndim == 0 or z.shape[eje] == 0:
        raise ValueError(
            "softmax necesita un vector (o una matriz) con al menos un elemento en el eje "
            f"indicado; recibí la forma {z.shape}."
        )
    e = np.exp(z - z.max(axis=eje, keepdims=True))  # restar el máximo evita desbordes
    return e / e.sum(axis=eje, keepdims=True)


def jacobiano_softmax(z) -> np.ndarray:
    """Matriz de derivadas ∂s_k/∂z_m = s_k (δ_km − s_m) de la softmax de un vector z."""
    z = _validar(z)
    if z.ndim != 1 or z.size == 0:
        raise ValueError(
            f"jacobiano_softmax espera un vector z con forma (k,); recibí la forma {z.shape}."
        )
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


# --- Figuras ----------------------------------------------------------------


def graficar_activaciones(
    nombres: tuple[str, ...] = ("escalon", "sigmoide", "tanh", "relu"),
    intervalo: tuple[float, float] = (-4.0, 4.0),
):
    """Dibuja cada activación (línea continua) junto a su derivada (línea discontinua)."""
    for nombre in nombres:
        activacion(nombre)
    if not len(nombres):
        raise ValueError("Indica al menos una activación que dibujar, por ejemplo ('sigmoide',).")
    inicio, fin = intervalo
    if not inicio < fin:
        raise ValueError(
            f"El intervalo debe ir de menor a mayor; recibí ({inicio}, {fin})."
        )
    z = np.linspace(inicio, fin, 801)
    fig, ejes = plt.subplots(1, len(nombres), figsize=(3.1 * len(nombres), 3.0), squeeze=False)
    for eje, nombre in zip(ejes[0], nombres):
        f, df = activacion(nombre)
        eje.axhline(0, color="0.75", linewidth=0.8)
        eje.axvline(0, color="0.75", linewidth=0.8)
        eje.plot(z, f(z), color=AZUL, linewidth=2, label="función")
        eje.plot(z, df(z), color=NARANJA, linewidth=2, linestyle="--", label="derivada")
        eje.set_title(TITULOS[nombre])
        eje.set_xlabel("z")
        eje.set_ylim(-1.2, max(1.2, min(fin, 4.0) + 0.2) if nombre == "relu" else 1.2)
        eje.grid(alpha=0.3)
    ejes[0][0].set_ylabel("valor")
    ejes[0][0].legend(loc="upper left", fontsize=9)
    return cerrar_figura(fig)


def graficar_softmax(z) -> plt.Figure:
    """Puntajes z, probabilidades softmax(z) y el jacobiano de la softmax, en tres paneles."""
    z = _validar(z)
    if z.ndim != 1 or z.size < 2:
        raise ValueError(
            f"graficar_softmax espera un vector z con al menos dos puntajes; recibí la forma {z.shape}."
        )
    s = softmax(z)
    jac = jacobiano_softmax(z)
    clases = np.arange(z.size)
    fig, (e1, e2, e3) = plt.subplots(1, 3, figsize=(10.5, 3.1))
    e1.bar(clases, z, color=AZUL)
    e1.axhline(0, color="0.5", linewidth=0.8)
    e1.set_title("Puntajes z")
    e2.bar(clases, s, color=NARANJA)
    e2.set_ylim(0, 1)
    e2.set_title("Probabilidades softmax(z)")
    for eje in (e1, e2):
        eje.set_xticks(clases)
        eje.set_xlabel("clase")
    cota = np.abs(jac).max()
    imagen = e3.imshow(jac, cmap="RdBu_r", vmin=-cota, vmax=cota)
    e3.set_xticks(clases)
    e3.set_yticks(clases)
    e3.set_xlabel("m (puntaje que cambia)")
    e3.set_ylabel("k (probabilidad)")
    e3.set_title(r"Derivadas $\partial s_k / \partial z_m$")
    fig.colorbar(imagen, ax=e3, fraction=0.046, pad=0.04)
    return cerrar_figura(fig)


def _flecha(eje, inicio, fin, color="0.2", **opciones) -> None:
    eje.add_patch(
        FancyArrowPatch(inicio, fin, arrowstyle="-|>", mutation_scale=12, color=color,
                        linewidth=1.4, **opciones)
    )


def esquema_neurona() -> plt.Figure:
    """Esquema de una neurona biológica junto a la neurona artificial que la imita."""
    fig, (bio, art) = plt.subplots(1, 2, figsize=(11, 3.9))
    for eje in (bio, art):
        eje.set_xlim(0, 10)
        eje.set_ylim(0, 6)
        eje.set_aspect("equal")
        eje.set_axis_off()

    # Neurona biológica: dendritas → soma → axón → terminales.
    bio.set_title("Neurona biológica")
    rng = np.random.default_rng(3)
    for angulo in np.linspace(110, 250, 5):
        a = np.radians(angulo)
        base = np.array([2.6, 3.0]) + 0.75 * np.array([np.cos(a), np.sin(a)])
        punta = base + 1.3 * np.array([np.cos(a), np.sin(a)])
        bio.plot(*zip(base, punta), color=AZUL, linewidth=2.2, solid_capstyle="round")
        for giro in (-30, 30):
            b = a + np.radians(giro + rng.uniform(-8, 8))
            rama = punta + 0.6 * np.array([np.cos(b), np.sin(b)])
            bio.plot(*zip(punta, rama), color=AZUL, linewidth=1.5, solid_capstyle="round")
    bio.add_patch(Ellipse((2.6, 3.0), 1.7, 1.5, color=NARANJA, alpha=0.85))
    bio.add_patch(Circle((2.6, 3.0), 0.28, color="#8a4b12"))
    bio.plot([3.45, 8.0], [3.0, 3.0], color=VERDE, linewidth=2.4)
    for x in np.arange(4.0, 7.6, 0.95):
        bio.add_patch(FancyBboxPatch((x, 2.83), 0.7, 0.34, boxstyle="round,pad=0.02",
                                     color=VERDE, alpha=0.55))
    for dy in (-0.7, 0.0, 0.7):
        bio.plot([8.0, 8.8], [3.0, 3.0 + dy], color=VERDE, linewidth=1.6)
        bio.add_patch(Circle((8.85, 3.0 + dy), 0.13, color=VERDE))
    bio.text(0.3, 5.45, "dendritas\n(reciben señales)", color=AZUL, fontsize=10)
    bio.text(3.1, 1.75, "soma\n(integra y decide)", color="#8a4b12", fontsize=10)
    bio.text(5.7, 3.55, "axón (transmite)", color=VERDE, fontsize=10, ha="center")
    bio.text(8.5, 4.35, "terminales\n(sinapsis)", color=VERDE, fontsize=10, ha="center")

    # Neurona artificial: entradas x_i con pesos w_i → Σ y f → salida.
    art.set_title("Neurona artificial")
    centro = np.array([5.4, 3.0])
    for i, y in enumerate((4.8, 3.0, 1.2), start=1):
        entrada = np.array([1.3, y])
        direccion = (centro - entrada) / np.linalg.norm(centro - entrada)
        art.add_patch(Circle(entrada, 0.42, facecolor="white", edgecolor=AZUL, linewidth=2))
        art.text(*entrada, f"$x_{i}$", ha="center", va="center", fontsize=12)
        _flecha(art, entrada + 0.45 * direccion, centro - 0.97 * direccion, color=AZUL)
        medio = (entrada + centro) / 2 + 0.32 * np.array([-direccion[1], direccion[0]])
        art.text(*medio, f"$w_{i}$", color=AZUL, fontsize=12, ha="center", va="center")
    art.add_patch(Circle(centro, 0.95, facecolor=NARANJA, alpha=0.85))
    art.plot([centro[0], centro[0]], [centro[1] - 0.95, centro[1] + 0.95], color="white", linewidth=1.5)
    art.text(centro[0] - 0.47, centro[1], "Σ", ha="center", va="center", fontsize=17, color="white")
    art.text(centro[0] + 0.47, centro[1], "$f$", ha="center", va="center", fontsize=16, color="white")
    art.text(centro[0], 5.2, "sesgo $b$", ha="center", fontsize=11, color="#8a4b12")
    _flecha(art, (centro[0], 4.95), (centro[0], 3.97), color="#8a4b12")
    _flecha(art, (centro[0] + 0.97, centro[1]), (8.6, centro[1]), color=VERDE)
    art.text(8.95, centro[1], r"$\hat{y}$", ha="center", va="center", fontsize=14, color=VERDE)
    art.text(5.0, 0.35, r"$\hat{y} = f\left(\sum_i w_i x_i + b\right)$", ha="center", fontsize=13)
    art.text(0.2, 5.5, "entradas", color=AZUL, fontsize=10)
    art.text(6.7, 3.3, "salida", color=VERDE, fontsize=10)
    return cerrar_figura(fig)
