"""Revisión de las entradas del paquete: cada comprobación y su mensaje, en un solo lugar.

Las funciones que enseñan un algoritmo la llaman en una línea y siguen con las cuentas. Cada
función de este módulo revisa una cosa, devuelve el valor ya convertido y, si algo está mal,
lanza ``ValueError`` con un mensaje en español que dice qué se recibió y cómo arreglarlo.
"""

from __future__ import annotations

import numpy as np


def _es_entero(valor) -> bool:
    return not isinstance(valor, bool) and isinstance(valor, (int, np.integer))


def _es_numero(valor) -> bool:
    return not isinstance(valor, bool) and isinstance(valor, (int, float, np.number))


def entero(valor, nombre: str, minimo: int = 1, detalle: str = "", ejemplo=None) -> int:
    """``valor`` como ``int`` si es un entero mayor o igual que ``minimo``."""
    if not _es_entero(valor) or valor < minimo:
        requisito = "un entero positivo" if minimo == 1 else f"un entero mayor o igual que {minimo}"
        detalle = f" ({detalle})" if detalle else ""
        pista = f" Usa, por ejemplo, {nombre}={ejemplo}." if ejemplo is not None else ""
        raise ValueError(f"{nombre} debe ser {requisito}{detalle}; recibí {valor!r}.{pista}")
    return int(valor)


def tasa_aprendizaje(tasa, maximo: float | None = None) -> float:
    """La tasa de aprendizaje α como ``float``: positiva, finita y, si se indica, menor que ``maximo``."""
    if _es_numero(tasa) and np.isfinite(tasa) and tasa > 0 and (maximo is None or tasa < maximo):
        return float(tasa)
    if maximo is None:
        raise ValueError(
            f"La tasa de aprendizaje debe ser un número positivo; recibí {tasa!r}. "
            "Prueba con un valor como 0.1."
        )
    raise ValueError(
        f"La tasa de aprendizaje debe ser un número entre 0 y {maximo:g} (sin incluirlos); "
        f"recibí {tasa!r}. Valores típicos: 1e-3 o 3e-4."
    )


def fraccion(valor, nombre: str, descripcion: str = "", pista: str = "") -> float:
    """``valor`` como ``float`` si está en [0, 1)."""
    if not _es_numero(valor) or not 0 <= valor < 1:
        que = f" es {descripcion} y" if descripcion else ""
        raise ValueError(f"{nombre}{que} debe estar en [0, 1); recibí {valor!r}.{pista}")
    return float(valor)


def arreglo(x, nombre: str) -> np.ndarray:
    """``x`` tal cual si es un arreglo de NumPy."""
    if not isinstance(x, np.ndarray):
        raise ValueError(
            f"{nombre} debe ser un arreglo de NumPy; recibí {type(x).__name__}. "
            "Conviértelo con np.asarray(...)."
        )
    return x


def numerico(valor, nombre: str) -> np.ndarray:
    """``valor`` como arreglo ``float64`` no vacío de números finitos."""
    x = np.asarray(valor)
    if not (np.issubdtype(x.dtype, np.number) or x.dtype == bool):
        raise ValueError(f"{nombre} debe contener números; recibí dtype {x.dtype}.")
    x = x.astype(np.float64)
    if x.size == 0:
        raise ValueError(f"{nombre} está vacío; hace falta al menos un ejemplo.")
    if not np.isfinite(x).all():
        raise ValueError(
            f"{nombre} contiene NaN o valores infinitos; revisa los datos o la salida de la red."
        )
    return x


def ejemplos(x, nombre: str = "x", columnas: int | None = None) -> np.ndarray:
    """``x`` como matriz ``float64`` (n, d), un ejemplo por fila, con n ≥ 1 y números finitos."""
    x = np.asarray(x)
    if x.ndim != 2 or (columnas is not None and x.shape[1] != columnas):
        d = "d" if columnas is None else columnas
        raise ValueError(
            f"{nombre} debe ser una matriz (n, {d}) con un ejemplo por fila; recibí la forma {x.shape}."
        )
    if len(x) == 0:
        raise ValueError(f"{nombre} no tiene ejemplos; hace falta al menos uno.")
    if not np.issubdtype(x.dtype, np.number) or not np.isfinite(x).all():
        raise ValueError(
            f"{nombre} contiene valores NaN, infinitos o no numéricos; límpialos o quita esos "
            "ejemplos antes de usarlos."
        )
    return x.astype(np.float64)


def etiquetas(y, n: int | None = None, clases: int = 2, nombre: str = "y", pista: str = "") -> np.ndarray:
    """``y`` como vector de enteros (n,) con valores de 0 a ``clases`` − 1."""
    y = np.asarray(y)
    if y.ndim != 1 or (n is not None and len(y) != n):
        cuantas = "una por ejemplo" if n is None else f"una por ejemplo, {n} en total"
        sugerencia = " Si es one-hot, conviértelo con y.argmax(axis=1)." if y.ndim == 2 else ""
        raise ValueError(
            f"{nombre} debe ser un vector (n,) de etiquetas enteras, {cuantas}; recibí la forma "
            f"{y.shape}.{sugerencia}"
        )
    if not (np.issubdtype(y.dtype, np.number) or y.dtype == bool):
        raise ValueError(
            f"Las etiquetas deben ser enteros entre 0 y {clases - 1}; recibí dtype {y.dtype}.{pista}"
        )
    valores = y.astype(np.float64)
    malas = np.unique(valores[~np.isin(valores, np.arange(clases))])
    if malas.size:
        lista = ", ".join(f"{v:g}" for v in malas[:5])
        raise ValueError(
            f"Las etiquetas deben ser enteros entre 0 y {clases - 1}; encontré {lista}.{pista}"
        )
    return y.astype(int)


def probabilidades(p, n: int | None = None, clases: int | None = None,
                   tolerancia: float = 1e-3) -> np.ndarray:
    """``p`` como matriz ``float64`` (n, clases) de probabilidades: una fila por ejemplo que suma 1."""
    p = np.asarray(p)
    if p.ndim != 2 or p.shape[1] < 2 or (clases is not None and p.shape[1] != clases):
        k = "clases" if clases is None else clases
        raise ValueError(
            f"probabilidades debe ser una matriz (n, {k}) con una fila por ejemplo, como la que "
            f"devuelve model.predict(...); recibí la forma {p.shape}."
        )
    p = numerico(p, "probabilidades")
    if n is not None and len(p) != n:
        raise ValueError(
            f"Hay {len(p)} filas de probabilidades y {n} ejemplos; deben corresponder una a una."
        )
    if p.min() < 0 or p.max() > 1:
        raise ValueError(
            f"Las probabilidades deben estar entre 0 y 1; encontré valores de {p.min():.3g} a "
            f"{p.max():.3g}. ¿Olvidaste aplicar softmax a la salida de la red?"
        )
    sumas = p.sum(axis=1)
    malas = np.flatnonzero(np.abs(sumas - 1) > tolerancia)
    if malas.size:
        raise ValueError(
            f"Cada fila de probabilidades debe sumar 1; la fila {malas[0]} suma {sumas[malas[0]]:.4g}. "
            "Aplica softmax a la salida de la red (activation='softmax')."
        )
    return p


def imagen_2d(x, nombre: str = "imagen") -> np.ndarray:
    """``x`` como matriz ``float64`` (alto, ancho) no vacía de números finitos."""
    x = arreglo(x, nombre)
    if x.ndim != 2:
        pista = ""
        if x.ndim == 3 and x.shape[-1] == 1:
            pista = " Para una imagen con canal (alto, ancho, 1), usa imagen[..., 0]."
        elif x.ndim == 3 and x.shape[-1] in (3, 4):
            pista = " Es una imagen a color: pásala a grises, por ejemplo con skimage.color.rgb2gray."
        raise ValueError(
            f"{nombre} debe ser una matriz 2D (alto, ancho); recibí la forma {x.shape}.{pista}"
        )
    if x.size == 0:
        raise ValueError(f"{nombre} está vacía: recibí la forma {x.shape}.")
    if not (np.issubdtype(x.dtype, np.number) and np.all(np.isfinite(x))):
        raise ValueError(f"{nombre} debe contener sólo números finitos.")
    return x.astype(np.float64)


def punto(w, nombre: str = "w") -> np.ndarray:
    """``w`` como vector (2,) de números finitos: un punto del plano (w₁, w₂)."""
    w = np.asarray(w, dtype=float)
    if w.shape != (2,):
        raise ValueError(
            f"{nombre} debe ser un punto del plano con dos coordenadas (w₁, w₂); "
            f"recibí la forma {w.shape}."
        )
    if not np.isfinite(w).all():
        raise ValueError(f"{nombre} contiene valores NaN o infinitos; usa un punto de partida finito.")
    return w


def misma_forma(a: np.ndarray, b: np.ndarray, nombre_a: str, nombre_b: str) -> None:
    """Comprueba que dos arreglos tengan la misma forma antes de compararlos."""
    if a.shape != b.shape:
        raise ValueError(
            f"{nombre_a} y {nombre_b} deben tener la misma forma; recibí {a.shape} y {b.shape}. "
            "Recorta o interpola una de ellas antes de compararlas."
        )
