"""Aplicaciones de las redes neuronales al procesamiento de imágenes.

Demostraciones pequeñas (segundos en una CPU) del capítulo de aplicaciones:

- métricas: PSNR e IoU (de máscaras y de cajas);
- diseño de filtros: una sola capa ``Conv2D`` aprende un filtro clásico;
- super-resolución: una red convolucional pequeña amplía ×2 y ×4;
- segmentación: una red totalmente convolucional separa monedas del fondo;
- detección: una red localiza y reconoce un dígito de MNIST en un lienzo;
- figuras de las demás aplicaciones (retina, lesiones, fusión satelital,
  colorización, transferencia de estilo, autos autónomos).

Todas las imágenes son sintéticas, de MNIST o de las que trae ``skimage.data``:
nada se descarga.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from .datos import _como_arreglo as _arreglo
from .figuras import AZUL, NARANJA, cerrar_figura

# --- Validación ----------------------------------------------------------------


def _imagen_2d(x, nombre: str) -> np.ndarray:
    x = _arreglo(x, nombre)
    if x.ndim != 2:
        raise ValueError(
            f"{nombre} debe ser una imagen en escala de grises con forma (alto, ancho); "
            f"recibí la forma {x.shape}."
        )
    return x.astype(np.float32)


def _lote_2d(x, nombre: str) -> np.ndarray:
    x = _arreglo(x, nombre)
    if x.ndim != 3:
        raise ValueError(
            f"{nombre} debe ser un lote de imágenes con forma (n, alto, ancho); "
            f"recibí la forma {x.shape}."
        )
    return x


def _entero_positivo(valor, nombre: str, minimo: int = 1) -> int:
    if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)) or valor < minimo:
        raise ValueError(f"{nombre} debe ser un entero mayor o igual que {minimo}; recibí {valor!r}.")
    return int(valor)


def _misma_forma(a: np.ndarray, b: np.ndarray, nombre_a: str, nombre_b: str) -> None:
    if a.shape != b.shape:
        raise ValueError(
            f"{nombre_a} y {nombre_b} deben tener la misma forma; recibí {a.shape} y {b.shape}. "
            "Recorta o interpola una de ellas antes de compararlas."
        )


# --- Métricas ------------------------------------------------------------------


def psnr(referencia: np.ndarray, estimada: np.ndarray, rango: float = 1.0) -> float:
    """Relación señal a ruido de pico, en decibeles: 10·log10(rango² / ECM). Mayor es mejor."""
    from skimage.metrics import peak_signal_noise_ratio

    referencia = _arreglo(referencia, "referencia")
    estimada = _arreglo(estimada, "estimada")
    _misma_forma(referencia, estimada, "referencia", "estimada")
    if not rango > 0:
        raise ValueError(
            f"rango debe ser positivo (1.0 para imágenes en [0, 1], 255 para uint8); recibí {rango!r}."
        )
    referencia = referencia.astype(np.float64)
    estimada = estimada.astype(np.float64)
    if np.array_equal(referencia, estimada):
        return float("inf")  # imágenes idénticas: error cero
    return float(peak_signal_noise_ratio(referencia, estimada, data_range=rango))


def iou_mascaras(verdad: np.ndarray, prediccion: np.ndarray) -> float:
    """Intersección sobre unión de dos máscaras booleanas; 1.0 si ambas están vacías."""
    verdad = _arreglo(verdad, "verdad")
    prediccion = _arreglo(prediccion, "prediccion")
    _misma_forma(verdad, prediccion, "verdad", "prediccion")
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


def _validar_cajas(cajas, nombre: str) -> np.ndarray:
    cajas = _arreglo(cajas, nombre).astype(np.float64)
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
    _misma_forma(a, b, "verdad", "prediccion")
    comun = _area(np.concatenate([np.maximum(a[..., :2], b[..., :2]),
                                  np.minimum(a[..., 2:], b[..., 2:])], axis=-1))
    comun = np.where((_area(a) > 0) & (_area(b) > 0), comun, 0.0)
    union = _area(a) + _area(b) - comun
    iou = np.where(union > 0, comun / np.where(union > 0, union, 1), 1.0)
    return float(iou) if iou.ndim == 0 else iou


# --- Imágenes de scikit-image -----------------------------------------------------

IMAGENES_SKIMAGE = (
    "astronaut", "brick", "camera", "cat", "cell", "chelsea", "coffee", "coins", "grass",
    "gravel", "hubble_deep_field", "immunohistochemistry", "microaneurysms", "moon", "page",
    "retina", "rocket", "text",
)


def imagen_skimage(nombre: str, gris: bool = True) -> np.ndarray:
    """Una imagen de ``skimage.data`` en float32 con valores en [0, 1] (en grises o en color)."""
    from skimage import color, data

    if nombre not in IMAGENES_SKIMAGE:
        raise ValueError(
            f"No conozco la imagen {nombre!r}. Elige una de skimage.data: "
            + ", ".join(IMAGENES_SKIMAGE)
            + "."
        )
    imagen = getattr(data, nombre)()
    imagen = imagen.astype(np.float32) / 255.0 if imagen.dtype == np.uint8 else imagen.astype(np.float32)
    if gris and imagen.ndim == 3:
        imagen = color.rgb2gray(imagen[..., :3]).astype(np.float32)
    return imagen


def _mostrar(eje, imagen, titulo: str, **opciones) -> None:
    if imagen.ndim == 2:
        opciones = {"cmap": "gray", "vmin": 0, "vmax": 1, **opciones}
    eje.imshow(imagen, interpolation="nearest", **opciones)
    eje.set_title(titulo, fontsize=10)
    eje.set_axis_off()


# --- Diseño de filtros -------------------------------------------------------------


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

    imagen = _imagen_2d(imagen, "imagen")
    nucleo = _imagen_2d(nucleo, "nucleo")
    if nucleo.shape[0] > imagen.shape[0] or nucleo.shape[1] > imagen.shape[1]:
        raise ValueError(
            f"El núcleo {nucleo.shape} es más grande que la imagen {imagen.shape}; "
            "usa una imagen mayor o un núcleo menor."
        )
    return correlate2d(imagen, nucleo, mode="valid").astype(np.float32)


def _posiciones(rng, formas, n: int, lado: int):
    for _ in range(n):
        k = int(rng.integers(len(formas)))
        alto, ancho = formas[k]
        yield k, int(rng.integers(0, alto - lado + 1)), int(rng.integers(0, ancho - lado + 1))


def estandarizar(imagen: np.ndarray) -> np.ndarray:
    """Resta la media y divide entre la desviación estándar: valores centrados en 0, de orden 1."""
    imagen = _imagen_2d(imagen, "imagen")
    desviacion = float(imagen.std())
    if desviacion == 0:
        raise ValueError("La imagen es constante (desviación estándar 0): no se puede estandarizar.")
    return (imagen - imagen.mean()) / desviacion


def pares_filtro(imagenes, nucleo: np.ndarray, n: int = 256, lado: int = 32, semilla: int = 0):
    """Parches estandarizados (n, lado, lado, 1) y su versión filtrada (salida «válida») para entrenar."""
    nucleo = _imagen_2d(nucleo, "nucleo")
    imagenes = [estandarizar(im) for im in imagenes]
    n = _entero_positivo(n, "n")
    lado = _entero_positivo(lado, "lado", minimo=nucleo.shape[0])
    rng = np.random.default_rng(semilla)
    x = np.stack([imagenes[k][i : i + lado, j : j + lado]
                  for k, i, j in _posiciones(rng, [im.shape for im in imagenes], n, lado)])
    y = np.stack([filtrar(p, nucleo) for p in x])
    return x[..., None], y[..., None]


def modelo_filtro(tam: int):
    """Una sola capa ``Conv2D`` de un filtro tam×tam, sin sesgo ni activación: un filtro lineal."""
    import keras

    tam = _entero_positivo(tam, "tam")
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

    x = _arreglo(x, "x")
    y = _arreglo(y, "y")
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
    objetivo = _imagen_2d(objetivo, "objetivo")
    aprendido = _imagen_2d(aprendido, "aprendido")
    _misma_forma(objetivo, aprendido, "objetivo", "aprendido")
    imagen = _imagen_2d(imagen, "imagen")
    limite = float(np.abs(objetivo).max())
    salida_obj, salida_red = filtrar(imagen, objetivo), filtrar(imagen, aprendido)
    escala = float(np.abs(salida_obj).max()) or 1.0
    fig, ejes = plt.subplots(1, 5, figsize=(13, 2.9), gridspec_kw={"width_ratios": [1, 1, 1.3, 1.3, 1.3]})
    _pinta_nucleo(ejes[0], objetivo, f"Núcleo {nombre} (objetivo)".replace("  ", " "), limite)
    _pinta_nucleo(ejes[1], aprendido, "Núcleo aprendido", limite)
    _mostrar(ejes[2], imagen, "Imagen de prueba")
    minimo = -escala if objetivo.min() < 0 else 0
    _mostrar(ejes[3], salida_obj, "Salida del filtro clásico", cmap="gray", vmin=minimo, vmax=escala)
    _mostrar(ejes[4], salida_red, "Salida de la red", cmap="gray", vmin=minimo, vmax=escala)
    return cerrar_figura(fig)


# --- Super-resolución ----------------------------------------------------------------

IMAGENES_SR = ("camera", "astronaut", "brick", "text", "page", "moon", "rocket", "grass")


def recortar_multiplo(imagen: np.ndarray, factor: int) -> np.ndarray:
    """Recorta abajo y a la derecha para que alto y ancho sean múltiplos de ``factor``."""
    imagen = _arreglo(imagen, "imagen")
    factor = _entero_positivo(factor, "factor")
    alto, ancho = (imagen.shape[0] // factor) * factor, (imagen.shape[1] // factor) * factor
    return imagen[:alto, :ancho]


def reducir(imagen: np.ndarray, factor: int) -> np.ndarray:
    """Baja la resolución promediando bloques factor×factor, como un sensor con píxeles más grandes."""
    from skimage.transform import downscale_local_mean

    imagen = _imagen_2d(imagen, "imagen")
    factor = _entero_positivo(factor, "factor", minimo=2)
    return downscale_local_mean(recortar_multiplo(imagen, factor), (factor, factor)).astype(np.float32)


def ampliar_bicubica(baja: np.ndarray, factor: int) -> np.ndarray:
    """Interpolación bicúbica (skimage, orden 3) al tamaño factor veces mayor, recortada a [0, 1]."""
    from skimage.transform import resize

    baja = _imagen_2d(baja, "baja")
    factor = _entero_positivo(factor, "factor", minimo=2)
    alta = resize(baja, (baja.shape[0] * factor, baja.shape[1] * factor), order=3)
    return np.clip(alta, 0, 1).astype(np.float32)


def ejemplo_superresolucion(imagen: np.ndarray, factor: int):
    """``(baja, bicubica, original)``: la imagen reducida, su ampliación bicúbica y el original recortado."""
    imagen = recortar_multiplo(_imagen_2d(imagen, "imagen"), _entero_positivo(factor, "factor", 2))
    baja = reducir(imagen, factor)
    return baja, ampliar_bicubica(baja, factor), imagen


def parches_superresolucion(imagenes, factores=(2, 4), n: int = 2000, lado: int = 24, semilla: int = 0):
    """Parches (n, lado, lado, 1): entrada = ampliación bicúbica, salida = original; mezcla los factores."""
    imagenes = [_imagen_2d(im, "cada imagen") for im in imagenes]
    n = _entero_positivo(n, "n")
    lado = _entero_positivo(lado, "lado", minimo=4)
    pares = [ejemplo_superresolucion(im, f)[1:] for f in factores for im in imagenes]
    rng = np.random.default_rng(semilla)
    x = np.empty((n, lado, lado, 1), np.float32)
    y = np.empty_like(x)
    for m, (k, i, j) in enumerate(_posiciones(rng, [p[1].shape for p in pares], n, lado)):
        x[m, ..., 0] = pares[k][0][i : i + lado, j : j + lado]
        y[m, ..., 0] = pares[k][1][i : i + lado, j : j + lado]
    return x, y


def modelo_superresolucion(filtros: int = 32):
    """Red de tres capas al estilo SRCNN que aprende el detalle que le falta a la ampliación bicúbica."""
    import keras
    from keras import layers

    filtros = _entero_positivo(filtros, "filtros", minimo=2)
    entrada = keras.Input(shape=(None, None, 1), name="bicubica")
    h = layers.Conv2D(filtros, 5, padding="same", activation="relu", name="rasgos")(entrada)
    h = layers.Conv2D(filtros // 2, 1, activation="relu", name="mapeo")(h)
    detalle = layers.Conv2D(1, 3, padding="same", name="detalle")(h)
    salida = layers.Add(name="bicubica_mas_detalle")([entrada, detalle])
    return keras.Model(entrada, salida, name="superresolucion")


def aplicar_a_imagen(modelo, imagen: np.ndarray) -> np.ndarray:
    """Pasa una imagen (alto, ancho) completa por un modelo convolucional y devuelve (alto, ancho)."""
    imagen = _imagen_2d(imagen, "imagen")
    # Llamada directa (no predict): cada tamaño de imagen nuevo no obliga a recompilar la función.
    salida = modelo(imagen[None, ..., None], training=False)
    return np.asarray(salida)[0, ..., 0]


def recortar_borde(imagen: np.ndarray, borde: int = 8) -> np.ndarray:
    """Quita ``borde`` píxeles de cada lado (allí ningún método tiene vecinos completos)."""
    imagen = _arreglo(imagen, "imagen")
    borde = _entero_positivo(borde, "borde", minimo=0)
    if 2 * borde >= min(imagen.shape[:2]):
        raise ValueError(f"Un borde de {borde} no deja nada de una imagen de forma {imagen.shape}.")
    return imagen[borde : imagen.shape[0] - borde, borde : imagen.shape[1] - borde] if borde else imagen


def grafica_superresolucion(filas, ventana: tuple[int, int, int]):
    """Una fila por factor: baja resolución, bicúbica, red y original, ampliados en la misma ventana.

    ``filas`` es una lista de ``(factor, baja, bicubica, red, original)``;
    ``ventana`` es ``(fila, columna, lado)`` en píxeles de la imagen original.
    """
    if not filas:
        raise ValueError("Hace falta al menos una fila (factor, baja, bicubica, red, original).")
    f0, c0, lado = ventana
    fig, ejes = plt.subplots(len(filas), 4, figsize=(11, 2.95 * len(filas)), squeeze=False)
    for fila, (factor, baja, bicubica, red, original) in zip(ejes, filas):
        b = slice(f0 // factor, (f0 + lado) // factor), slice(c0 // factor, (c0 + lado) // factor)
        v = slice(f0, f0 + lado), slice(c0, c0 + lado)
        _mostrar(fila[0], baja[b], f"Baja resolución (×{factor} menos)")
        r = recortar_borde
        _mostrar(fila[1], bicubica[v], f"Bicúbica: {psnr(r(original), r(bicubica)):.2f} dB")
        red = np.clip(red, 0, 1)
        _mostrar(fila[2], red[v], f"Red: {psnr(r(original), r(red)):.2f} dB")
        _mostrar(fila[3], original[v], "Original")
    return cerrar_figura(fig)


# --- Segmentación -------------------------------------------------------------------------


def monedas_sinteticas(n: int, lado: int = 48, semilla: int = 0):
    """Imágenes (n, lado, lado) de «monedas» sobre un fondo con iluminación desigual, y sus máscaras.

    Cada moneda es un disco algo más claro que el fondo que la rodea, pero el fondo
    cambia tanto de un lado a otro que ningún umbral global separa bien todas las monedas.
    """
    n = _entero_positivo(n, "n")
    lado = _entero_positivo(lado, "lado", minimo=16)
    rng = np.random.default_rng(semilla)
    filas, cols = np.mgrid[0:lado, 0:lado].astype(np.float32) / lado
    imagenes = np.empty((n, lado, lado), np.float32)
    mascaras = np.zeros((n, lado, lado), bool)
    for k in range(n):
        angulo = rng.uniform(0, 2 * np.pi)
        rampa = np.cos(angulo) * (cols - 0.5) + np.sin(angulo) * (filas - 0.5)
        fondo = 0.45 + rng.uniform(0.3, 0.5) * rampa
        imagen = fondo.copy()
        for _ in range(int(rng.integers(2, 5))):
            radio = rng.uniform(0.07, 0.16) * lado
            cy, cx = rng.uniform(radio, lado - radio, size=2)
            d2 = (filas * lado - cy) ** 2 + (cols * lado - cx) ** 2
            disco = d2 <= radio**2
            relieve = 1 - 0.35 * (d2 / radio**2)  # borde un poco más oscuro, como una moneda
            imagen[disco] = fondo[disco] + rng.uniform(0.15, 0.3) * relieve[disco]
            mascaras[k] |= disco
        imagenes[k] = imagen + rng.normal(0, 0.03, size=imagen.shape)
    return np.clip(imagenes, 0, 1), mascaras


def segmentar_otsu(imagenes: np.ndarray) -> np.ndarray:
    """Segmentación clásica: un umbral de Otsu por imagen (claro = objeto)."""
    from skimage.filters import threshold_otsu

    imagenes = _lote_2d(imagenes, "imagenes")
    return np.stack([im > threshold_otsu(im) for im in imagenes])


def modelo_segmentacion(filtros: int = 8):
    """Red totalmente convolucional tipo U-Net mínima: probabilidad de «objeto» en cada píxel.

    Un camino baja la resolución (ve el contexto: ¿qué tan claro está el fondo por aquí?)
    y otro la conserva (ve los bordes finos); al final se juntan. El alto y el ancho de
    la imagen deben ser múltiplos de 4.
    """
    import keras
    from keras import layers

    filtros = _entero_positivo(filtros, "filtros")
    entrada = keras.Input(shape=(None, None, 1), name="imagen")
    fino = layers.Conv2D(filtros, 3, padding="same", activation="relu", name="detalle")(entrada)
    h = layers.MaxPooling2D(2)(fino)
    h = layers.Conv2D(2 * filtros, 3, padding="same", activation="relu")(h)
    h = layers.MaxPooling2D(2)(h)
    h = layers.Conv2D(2 * filtros, 3, padding="same", activation="relu", name="contexto")(h)
    h = layers.UpSampling2D(4)(h)
    h = layers.Concatenate()([fino, h])
    salida = layers.Conv2D(1, 3, padding="same", activation="sigmoid", name="mascara")(h)
    return keras.Model(entrada, salida, name="segmentacion")


def iou_promedio(verdad: np.ndarray, prediccion: np.ndarray) -> float:
    """IoU promedio sobre un lote de máscaras (n, alto, ancho)."""
    verdad = _lote_2d(verdad, "verdad")
    prediccion = _lote_2d(prediccion, "prediccion")
    _misma_forma(verdad, prediccion, "verdad", "prediccion")
    return float(np.mean([iou_mascaras(v, p) for v, p in zip(verdad, prediccion)]))


def grafica_segmentacion(imagenes, verdad, otsu, red):
    """Una fila por ejemplo: imagen, máscara verdadera, umbral de Otsu y red (con su IoU)."""
    imagenes = _lote_2d(imagenes, "imagenes")
    n = len(imagenes)
    fig, ejes = plt.subplots(n, 4, figsize=(8.4, 2.2 * n), squeeze=False)
    for k in range(n):
        _mostrar(ejes[k, 0], imagenes[k], "Imagen")
        _mostrar(ejes[k, 1], verdad[k], "Máscara verdadera")
        _mostrar(ejes[k, 2], otsu[k], f"Otsu (IoU {iou_mascaras(verdad[k], otsu[k]):.2f})")
        _mostrar(ejes[k, 3], red[k], f"Red (IoU {iou_mascaras(verdad[k], red[k]):.2f})")
    return cerrar_figura(fig)


def grafica_segmentacion_real(imagen: np.ndarray, otsu: np.ndarray, red: np.ndarray):
    """Una foto real sin máscara verdadera: la imagen, el umbral de Otsu y la red."""
    fig, ejes = plt.subplots(1, 3, figsize=(10, 2.9))
    _mostrar(ejes[0], _imagen_2d(imagen, "imagen"), "Monedas reales (skimage)")
    _mostrar(ejes[1], otsu, "Umbral de Otsu")
    _mostrar(ejes[2], red, "Red entrenada con sintéticas")
    return cerrar_figura(fig)


# --- Detección ----------------------------------------------------------------------------


def caja_de_mascara(mascara: np.ndarray) -> np.ndarray:
    """La caja (fila0, col0, fila1, col1) más pequeña que contiene los píxeles verdaderos."""
    mascara = _arreglo(mascara, "mascara")
    if mascara.ndim != 2:
        raise ValueError(f"mascara debe ser 2D (alto, ancho); recibí la forma {mascara.shape}.")
    filas, cols = np.nonzero(mascara)
    if len(filas) == 0:
        return np.zeros(4, np.float32)
    return np.array([filas.min(), cols.min(), filas.max() + 1, cols.max() + 1], np.float32)


def lienzos_mnist(digitos: np.ndarray, etiquetas: np.ndarray, lado: int = 40,
                  distractores: int = 2, semilla: int = 0):
    """Coloca cada dígito al azar en un lienzo lado×lado con trazos sueltos de otros dígitos.

    Devuelve ``(lienzos, cajas, etiquetas)``: lienzos float32 (n, lado, lado) en [0, 1],
    cajas (n, 4) en píxeles y las etiquetas del dígito completo.
    """
    digitos = _lote_2d(digitos, "digitos")
    etiquetas = _arreglo(etiquetas, "etiquetas")
    if digitos.shape[1:] != (28, 28) or digitos.dtype != np.uint8:
        raise ValueError(
            "digitos debe tener forma (n, 28, 28) y dtype uint8, como las imágenes de cargar_mnist(); "
            f"recibí {digitos.shape} y {digitos.dtype}."
        )
    if etiquetas.shape != (len(digitos),):
        raise ValueError(f"Se esperaban {len(digitos)} etiquetas en un vector (n,); recibí {etiquetas.shape}.")
    lado = _entero_positivo(lado, "lado", minimo=28)
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
    lienzos = _lote_2d(lienzos, "lienzos")
    return np.stack([caja_de_mascara(l > umbral) for l in lienzos])


def modelo_deteccion(lado: int = 40, clases: int = 10):
    """Red convolucional con dos salidas: la caja del dígito (normalizada a [0, 1]) y su clase."""
    import keras
    from keras import layers

    lado = _entero_positivo(lado, "lado", minimo=8)
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
    lienzos = _lote_2d(lienzos, "lienzos")
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


# --- Imágenes médicas: vasos de la retina ---------------------------------------------------


def campo_de_vision(retina_rgb: np.ndarray) -> np.ndarray:
    """Máscara del círculo iluminado de una foto de fondo de ojo (fuera de él todo es negro)."""
    retina_rgb = _arreglo(retina_rgb, "retina_rgb")
    if retina_rgb.ndim != 3 or retina_rgb.shape[2] < 3:
        raise ValueError(f"retina_rgb debe ser una imagen a color (alto, ancho, 3); recibí {retina_rgb.shape}.")
    from scipy.ndimage import binary_erosion
    from skimage.morphology import disk

    return binary_erosion(retina_rgb[..., 0] > 0.1, structure=disk(4))


def vasos_frangi(retina_rgb: np.ndarray, fraccion: float = 0.12):
    """Segmentación clásica de vasos: filtro de Frangi sobre el canal verde y umbral por cuantil.

    Devuelve ``(verde, realce, vasos)``; ``fraccion`` es la parte del campo de visión
    que se marca como vaso.
    """
    from skimage.filters import frangi

    if not 0 < fraccion < 1:
        raise ValueError(f"fraccion debe estar entre 0 y 1; recibí {fraccion!r}.")
    dentro = campo_de_vision(retina_rgb)
    verde = retina_rgb[..., 1].astype(np.float32)
    realce = frangi(verde, sigmas=(1, 2, 3), black_ridges=True) * dentro
    umbral = np.quantile(realce[dentro], 1 - fraccion)
    return verde, realce.astype(np.float32), (realce > umbral) & dentro


def grafica_retina(retina_rgb: np.ndarray, verde, realce, vasos):
    """Fondo de ojo, su canal verde, el realce de vasos de Frangi y la segmentación resultante."""
    fig, ejes = plt.subplots(1, 4, figsize=(12, 3.3))
    _mostrar(ejes[0], retina_rgb, "Fondo de ojo")
    _mostrar(ejes[1], verde, "Canal verde")
    escala = float(np.quantile(realce, 0.995)) or 1.0
    _mostrar(ejes[2], np.sqrt(np.clip(realce / escala, 0, 1)), "Realce de vasos (Frangi)", cmap="magma")
    _mostrar(ejes[3], vasos, "Vasos: umbral del realce")
    return cerrar_figura(fig)


# --- Diagnóstico: lesiones rojas -------------------------------------------------------------


def candidatos_lesiones_rojas(imagen: np.ndarray, radio: int = 6, umbral: float = 0.1, area_minima: int = 4):
    """Método clásico de candidatos: *top-hat* negro (manchas oscuras más pequeñas que ``radio``).

    Devuelve ``(respuesta, centros)``: el mapa del *top-hat* y una lista de (fila, columna).
    """
    from skimage.measure import label, regionprops
    from skimage.morphology import black_tophat, disk

    imagen = _imagen_2d(imagen, "imagen")
    respuesta = black_tophat(imagen, disk(_entero_positivo(radio, "radio")))
    regiones = regionprops(label(respuesta > umbral))
    centros = [r.centroid for r in regiones if r.area >= area_minima]
    return respuesta.astype(np.float32), centros


def grafica_lesiones(imagen: np.ndarray, respuesta: np.ndarray, centros, radio: float = 6):
    """La imagen, la respuesta del detector clásico y los candidatos marcados con círculos."""
    from matplotlib.patches import Circle

    fig, ejes = plt.subplots(1, 3, figsize=(9.6, 3.4))
    _mostrar(ejes[0], imagen, "Retina con microaneurismas")
    _mostrar(ejes[1], respuesta / (respuesta.max() or 1), "Manchas oscuras (top-hat)", cmap="magma")
    _mostrar(ejes[2], imagen, f"Candidatos: {len(centros)}")
    for fila, col in centros:
        ejes[2].add_patch(Circle((col, fila), radio, fill=False, edgecolor=NARANJA, linewidth=1.8))
    return cerrar_figura(fig)


# --- Fusión de imágenes satelitales -----------------------------------------------------------


def reducir_color(imagen: np.ndarray, factor: int) -> np.ndarray:
    """Reduce cada canal de una imagen a color promediando bloques factor×factor."""
    imagen = _arreglo(imagen, "imagen")
    if imagen.ndim != 3:
        raise ValueError(f"imagen debe ser a color (alto, ancho, canales); recibí {imagen.shape}.")
    return np.stack([reducir(imagen[..., c], factor) for c in range(imagen.shape[2])], axis=-1)


def ampliar_color(imagen: np.ndarray, factor: int) -> np.ndarray:
    """Ampliación bicúbica de cada canal de una imagen a color."""
    imagen = _arreglo(imagen, "imagen")
    return np.stack([ampliar_bicubica(imagen[..., c], factor) for c in range(imagen.shape[2])], axis=-1)


def fusion_brovey(multiespectral_ampliada: np.ndarray, pancromatica: np.ndarray) -> np.ndarray:
    """Fusión clásica de Brovey: cada banda se multiplica por pancromática / intensidad de las bandas."""
    ms = _arreglo(multiespectral_ampliada, "multiespectral_ampliada").astype(np.float32)
    pan = _imagen_2d(pancromatica, "pancromatica")
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
    referencia = _arreglo(imagen_color, "imagen_color")
    if referencia.ndim != 3 or referencia.shape[2] != 3:
        raise ValueError(f"imagen_color debe ser RGB (alto, ancho, 3); recibí {referencia.shape}.")
    factor = _entero_positivo(factor, "factor", minimo=2)
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
    _mostrar(ejes[0], multiespectral[b], f"Color grueso (×{factor})")
    _mostrar(ejes[1], pancromatica[v], "Pancromática fina")
    _mostrar(ejes[2], bicubica[v], f"Bicúbica: {psnr(referencia, bicubica):.1f} dB")
    _mostrar(ejes[3], fusionada[v], f"Fusión: {psnr(referencia, fusionada):.1f} dB")
    _mostrar(ejes[4], referencia[v], "Referencia")
    return cerrar_figura(fig)


# --- Colorización ----------------------------------------------------------------------------


def separar_lab(imagen_color: np.ndarray):
    """Separa una imagen RGB en luminancia L (lo que ve la red) y color a, b (lo que debe predecir)."""
    from skimage.color import rgb2lab

    imagen_color = _arreglo(imagen_color, "imagen_color")
    if imagen_color.ndim != 3 or imagen_color.shape[2] != 3:
        raise ValueError(f"imagen_color debe ser RGB (alto, ancho, 3); recibí {imagen_color.shape}.")
    lab = rgb2lab(imagen_color)
    return lab[..., 0], lab[..., 1], lab[..., 2]


def unir_lab(luminancia: np.ndarray, a, b) -> np.ndarray:
    """Vuelve a RGB desde L, a y b (a y b pueden ser números: un mismo color en toda la imagen)."""
    from skimage.color import lab2rgb

    luminancia = _arreglo(luminancia, "luminancia")
    lab = np.stack(np.broadcast_arrays(luminancia, a, b), axis=-1).astype(np.float64)
    return np.clip(lab2rgb(lab), 0, 1).astype(np.float32)


def grafica_colorizacion(imagen_color: np.ndarray):
    """Lo que recibe una red colorizadora (L), lo que debe producir (a, b) y el color promedio."""
    luminancia, a, b = separar_lab(imagen_color)
    promedio = unir_lab(luminancia, float(a.mean()), float(b.mean()))
    fig, ejes = plt.subplots(1, 5, figsize=(13, 2.6))
    _mostrar(ejes[0], luminancia / 100, "Entrada: luminancia L")
    limite = float(np.quantile(np.abs(np.concatenate([a.ravel(), b.ravel()])), 0.99))
    _mostrar(ejes[1], a, "Salida: a (verde–rojo)", cmap="RdYlGn_r", vmin=-limite, vmax=limite)
    _mostrar(ejes[2], b, "Salida: b (azul–amarillo)", cmap="RdYlBu_r", vmin=-limite, vmax=limite)
    _mostrar(ejes[3], promedio, "L + color promedio")
    _mostrar(ejes[4], imagen_color, "Original")
    return cerrar_figura(fig)


# --- Transferencia de estilo -----------------------------------------------------------------


def matriz_gram(mapas: np.ndarray) -> np.ndarray:
    """Matriz de Gram de unos mapas (alto, ancho, canales): correlación entre canales, sin posición."""
    mapas = _arreglo(mapas, "mapas")
    if mapas.ndim != 3:
        raise ValueError(f"mapas debe tener forma (alto, ancho, canales); recibí {mapas.shape}.")
    planos = mapas.reshape(-1, mapas.shape[2]).astype(np.float64)
    return planos.T @ planos / len(planos)


def transferir_color(contenido: np.ndarray, estilo: np.ndarray) -> np.ndarray:
    """El «estilo» más simple: iguala el histograma de cada canal del contenido al del estilo."""
    from skimage.exposure import match_histograms

    contenido = _arreglo(contenido, "contenido")
    estilo = _arreglo(estilo, "estilo")
    if contenido.ndim != 3 or estilo.ndim != 3 or contenido.shape[2] != estilo.shape[2]:
        raise ValueError(
            "contenido y estilo deben ser imágenes a color con el mismo número de canales; "
            f"recibí {contenido.shape} y {estilo.shape}."
        )
    return np.clip(match_histograms(contenido, estilo, channel_axis=-1), 0, 1).astype(np.float32)


def grafica_estilo(contenido: np.ndarray, estilo: np.ndarray, resultado: np.ndarray):
    """Contenido, estilo, resultado y la matriz de Gram de color de cada uno."""
    fig, ejes = plt.subplots(2, 3, figsize=(10, 6.2), gridspec_kw={"height_ratios": [1.35, 1]})
    for k, (imagen, titulo) in enumerate(((contenido, "Contenido"), (estilo, "Estilo"),
                                          (resultado, "Contenido con la paleta del estilo"))):
        _mostrar(ejes[0, k], imagen, titulo)
        gram = matriz_gram(imagen)
        ejes[1, k].imshow(gram, cmap="viridis", vmin=0, vmax=0.6)
        for (i, j), v in np.ndenumerate(gram):
            ejes[1, k].text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=9,
                            color="white" if v < 0.35 else "black")
        ejes[1, k].set_xticks(range(3), ["R", "G", "B"])
        ejes[1, k].set_yticks(range(3), ["R", "G", "B"])
        ejes[1, k].set_title("Matriz de Gram del color", fontsize=10)
    return cerrar_figura(fig)


# --- Autos autónomos --------------------------------------------------------------------------


def caminos_sinteticos(n: int, lado: int = 64, semilla: int = 0):
    """Vistas sintéticas de una carretera desde el auto y el ángulo de volante que le corresponde.

    La curvatura del camino va de -1 (curva a la izquierda) a 1 (a la derecha); el ángulo
    «correcto» es proporcional a ella, en grados. Devuelve ``(imagenes RGB, angulos)``.
    """
    n = _entero_positivo(n, "n")
    lado = _entero_positivo(lado, "lado", minimo=16)
    rng = np.random.default_rng(semilla)
    filas, cols = np.mgrid[0:lado, 0:lado].astype(np.float32) / (lado - 1)
    horizonte = 0.4
    profundidad = np.clip((filas - horizonte) / (1 - horizonte), 1e-3, 1)  # 0 en el horizonte
    curvaturas = rng.uniform(-1, 1, size=n).astype(np.float32)
    imagenes = np.empty((n, lado, lado, 3), np.float32)
    for k, curva in enumerate(curvaturas):
        desplazamiento = rng.normal(0, 0.03)
        centro = 0.5 + desplazamiento + 0.35 * curva * (1 - profundidad) ** 2
        medio_ancho = 0.04 + 0.42 * profundidad
        distancia = np.abs(cols - centro) / medio_ancho
        cielo = np.array([0.55, 0.75, 0.95]) - 0.25 * filas[..., None]
        pasto = np.array([0.35, 0.6, 0.25]) * (0.85 + 0.15 * rng.random((lado, lado, 1)))
        imagen = np.where((filas < horizonte)[..., None], cielo, pasto)
        asfalto = (distancia < 1) & (filas >= horizonte)
        imagen[asfalto] = 0.35
        raya = (np.abs(distancia - 0.92) < 0.07) | ((distancia < 0.05) & (np.sin(40 * profundidad) > 0))
        imagen[raya & asfalto] = (0.95, 0.9, 0.6)
        imagenes[k] = imagen
    return np.clip(imagenes, 0, 1), 25.0 * curvaturas


def grafica_caminos(imagenes: np.ndarray, angulos: np.ndarray):
    """Cada vista del camino con el ángulo de volante que la red debería dar."""
    imagenes = _arreglo(imagenes, "imagenes")
    n = len(imagenes)
    fig, ejes = plt.subplots(1, n, figsize=(2.0 * n, 2.5), squeeze=False)
    for eje, imagen, angulo in zip(ejes[0], imagenes, angulos):
        _mostrar(eje, imagen, f"Volante: {angulo:+.0f}°")
    return cerrar_figura(fig)
