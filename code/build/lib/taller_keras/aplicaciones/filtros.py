"""Diseño de filtros: una sola capa ``Conv2D`` aprende un filtro clásico (Sobel, gaussiano) a partir de ejemplos."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import validacion
from ..figuras import cerrar_figura
from .imagenes import en_grises, mostrar, posiciones_al_azar


def nucleo_clasico(nombre: str) -> np.ndarray:
    """Núcleo de un filtro clásico: ``'sobel'`` (bordes verticales, 3×3) o ``'gauss'`` (5×5, σ = 1)."""
    if nombre == "sobel":
        return np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float32) / 4
    if nombre == "gauss":
        t = np.arange(-2, 3, dtype=np.float32)
        g = np.exp(-(t[:, None] ** 2 + t[None, :] ** 2) / 2)
        return (g / g.sum()).astype(np.float32)
    raise ValueError(f"Filtro desconocido: {nombre!r}. Usa 'sobel' o 'gauss'.")


def filtrar(imagen: np.ndarray, nucleo: np.ndarray) -> np.ndarray:
    """Correlación «válida» de una imagen con un núcleo: lo mismo que calcula ``Conv2D`` sin relleno."""
    from scipy.signal import correlate2d

    imagen = en_grises(imagen, "imagen")
    nucleo = en_grises(nucleo, "nucleo")
    if nucleo.shape[0] > imagen.shape[0] or nucleo.shape[1] > imagen.shape[1]:
        raise ValueError(
            f"El núcleo {nucleo.shape} es más grande que la imagen {imagen.shape}; "
            "usa una imagen mayor o un núcleo menor."
        )
    return correlate2d(imagen, nucleo, mode="valid").astype(np.float32)


def estandarizar(imagen: np.ndarray) -> np.ndarray:
    """Resta la media y divide entre la desviación estándar: valores centrados en 0, de orden 1."""
    imagen = en_grises(imagen, "imagen")
    desviacion = float(imagen.std())
    if desviacion == 0:
        raise ValueError("La imagen es constante (desviación estándar 0): no se puede estandarizar.")
    return (imagen - imagen.mean()) / desviacion


def pares_filtro(imagenes, nucleo: np.ndarray, n: int = 256, lado: int = 32, semilla: int = 0):
    """Parches estandarizados (n, lado, lado, 1) y su versión filtrada (salida «válida») para entrenar."""
    nucleo = en_grises(nucleo, "nucleo")
    imagenes = [estandarizar(im) for im in imagenes]
    n = validacion.entero(n, "n")
    lado = validacion.entero(lado, "lado", minimo=nucleo.shape[0])
    rng = np.random.default_rng(semilla)
    x = np.stack([imagenes[k][i : i + lado, j : j + lado]
                  for k, i, j in posiciones_al_azar(rng, [im.shape for im in imagenes], n, lado)])
    y = np.stack([filtrar(p, nucleo) for p in x])
    return x[..., None], y[..., None]


def modelo_filtro(tam: int):
    """Una sola capa ``Conv2D`` de un filtro tam×tam, sin sesgo ni activación: un filtro lineal."""
    import keras

    tam = validacion.entero(tam, "tam")
    return keras.Sequential(
        [keras.Input(shape=(None, None, 1)),
         keras.layers.Conv2D(1, tam, use_bias=False, name="filtro")],
        name="filtro_aprendido",
    )


def nucleo_de(modelo) -> np.ndarray:
    """Los pesos del único filtro de ``modelo_filtro`` como una matriz tam×tam."""
    pesos = modelo.get_layer("filtro").get_weights()[0]
    return pesos[:, :, 0, 0]


def nucleo_minimos_cuadrados(x: np.ndarray, y: np.ndarray, tam: int) -> np.ndarray:
    """Solución clásica: el núcleo tam×tam que mejor lleva x a y por mínimos cuadrados."""
    from numpy.lib.stride_tricks import sliding_window_view

    x = validacion.arreglo(x, "x")
    y = validacion.arreglo(y, "y")
    if x.ndim != 4 or y.ndim != 4 or y.shape[1] != x.shape[1] - tam + 1:
        raise ValueError(
            "x y y deben venir de pares_filtro: (n, lado, lado, 1) y "
            f"(n, lado - tam + 1, lado - tam + 1, 1); recibí {x.shape} y {y.shape}."
        )
    ventanas = sliding_window_view(x[..., 0], (tam, tam), axis=(1, 2)).reshape(-1, tam * tam)
    solucion, *_ = np.linalg.lstsq(ventanas.astype(np.float64), y.reshape(-1).astype(np.float64), rcond=None)
    return solucion.reshape(tam, tam).astype(np.float32)


def _pinta_nucleo(eje, nucleo: np.ndarray, titulo: str, limite: float) -> None:
    eje.imshow(nucleo, cmap="RdBu_r", vmin=-limite, vmax=limite)
    letra = 9 if nucleo.shape[0] <= 3 else 6.5
    for (i, j), v in np.ndenumerate(nucleo):
        v = 0.0 if abs(v) < 0.005 else float(v)  # sin «-0.00»
        color = "white" if abs(v) > 0.6 * limite else "black"
        eje.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=letra, color=color)
    eje.set_title(titulo, fontsize=10)
    eje.set_xticks([])
    eje.set_yticks([])


def grafica_filtro(objetivo: np.ndarray, aprendido: np.ndarray, imagen: np.ndarray, nombre: str = ""):
    """Núcleo objetivo y aprendido, y sus salidas sobre una imagen de prueba."""
    objetivo = en_grises(objetivo, "objetivo")
    aprendido = en_grises(aprendido, "aprendido")
    validacion.misma_forma(objetivo, aprendido, "objetivo", "aprendido")
    imagen = en_grises(imagen, "imagen")
    limite = float(np.abs(objetivo).max())
    salida_obj, salida_red = filtrar(imagen, objetivo), filtrar(imagen, aprendido)
    escala = float(np.abs(salida_obj).max()) or 1.0
    fig, ejes = plt.subplots(1, 5, figsize=(13, 2.9), gridspec_kw={"width_ratios": [1, 1, 1.3, 1.3, 1.3]})
    _pinta_nucleo(ejes[0], objetivo, f"Núcleo {nombre} (objetivo)".replace("  ", " "), limite)
    _pinta_nucleo(ejes[1], aprendido, "Núcleo aprendido", limite)
    mostrar(ejes[2], imagen, "Imagen de prueba")
    minimo = -escala if objetivo.min() < 0 else 0
    mostrar(ejes[3], salida_obj, "Salida del filtro clásico", cmap="gray", vmin=minimo, vmax=escala)
    mostrar(ejes[4], salida_red, "Salida de la red", cmap="gray", vmin=minimo, vmax=escala)
    return cerrar_figura(fig)
