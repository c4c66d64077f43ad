"""Imágenes de scikit-image y las operaciones que comparten las demostraciones: mostrar, recortar, reducir y ampliar."""

from __future__ import annotations

import numpy as np

from .. import validacion


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


def en_grises(x, nombre: str) -> np.ndarray:
    """Una imagen en escala de grises (alto, ancho) como float32."""
    return validacion.imagen_2d(x, nombre).astype(np.float32)


def lote(x, nombre: str) -> np.ndarray:
    """Un lote de imágenes en escala de grises (n, alto, ancho)."""
    x = validacion.arreglo(x, nombre)
    if x.ndim != 3:
        raise ValueError(
            f"{nombre} debe ser un lote de imágenes con forma (n, alto, ancho); "
            f"recibí la forma {x.shape}."
        )
    return x


def mostrar(eje, imagen, titulo: str, **opciones) -> None:
    """Dibuja una imagen sin ejes, con su título (en grises si es 2D, con valores en [0, 1])."""
    if imagen.ndim == 2:
        opciones = {"cmap": "gray", "vmin": 0, "vmax": 1, **opciones}
    eje.imshow(imagen, interpolation="nearest", **opciones)
    eje.set_title(titulo, fontsize=10)
    eje.set_axis_off()


def posiciones_al_azar(rng, formas, n: int, lado: int):
    """``n`` recortes al azar de lado×lado: (imagen elegida, fila, columna) para imágenes de las formas dadas."""
    for _ in range(n):
        k = int(rng.integers(len(formas)))
        alto, ancho = formas[k]
        yield k, int(rng.integers(0, alto - lado + 1)), int(rng.integers(0, ancho - lado + 1))


def recortar_multiplo(imagen: np.ndarray, factor: int) -> np.ndarray:
    """Recorta abajo y a la derecha para que alto y ancho sean múltiplos de ``factor``."""
    imagen = validacion.arreglo(imagen, "imagen")
    factor = validacion.entero(factor, "factor")
    alto, ancho = (imagen.shape[0] // factor) * factor, (imagen.shape[1] // factor) * factor
    return imagen[:alto, :ancho]


def reducir(imagen: np.ndarray, factor: int) -> np.ndarray:
    """Baja la resolución promediando bloques factor×factor, como un sensor con píxeles más grandes."""
    from skimage.transform import downscale_local_mean

    imagen = en_grises(imagen, "imagen")
    factor = validacion.entero(factor, "factor", minimo=2)
    return downscale_local_mean(recortar_multiplo(imagen, factor), (factor, factor)).astype(np.float32)


def ampliar_bicubica(baja: np.ndarray, factor: int) -> np.ndarray:
    """Interpolación bicúbica (skimage, orden 3) al tamaño factor veces mayor, recortada a [0, 1]."""
    from skimage.transform import resize

    baja = en_grises(baja, "baja")
    factor = validacion.entero(factor, "factor", minimo=2)
    alta = resize(baja, (baja.shape[0] * factor, baja.shape[1] * factor), order=3)
    return np.clip(alta, 0, 1).astype(np.float32)


def recortar_borde(imagen: np.ndarray, borde: int = 8) -> np.ndarray:
    """Quita ``borde`` píxeles de cada lado (allí ningún método tiene vecinos completos)."""
    imagen = validacion.arreglo(imagen, "imagen")
    borde = validacion.entero(borde, "borde", minimo=0)
    if 2 * borde >= min(imagen.shape[:2]):
        raise ValueError(f"Un borde de {borde} no deja nada de una imagen de forma {imagen.shape}.")
    return imagen[borde : imagen.shape[0] - borde, borde : imagen.shape[1] - borde] if borde else imagen


def aplicar_a_imagen(modelo, imagen: np.ndarray) -> np.ndarray:
    """Pasa una imagen (alto, ancho) completa por un modelo convolucional y devuelve (alto, ancho)."""
    imagen = en_grises(imagen, "imagen")
    # Llamada directa (no predict): cada tamaño de imagen nuevo no obliga a recompilar la función.
    salida = modelo(imagen[None, ..., None], training=False)
    return np.asarray(salida)[0, ..., 0]
