"""Convolución y submuestreo máximo a mano con NumPy, y figuras de lo que ve una red convolucional.

``convolucion_2d`` y ``submuestreo_maximo`` hacen, con ciclos explícitos, lo mismo que
las capas ``Conv2D`` y ``MaxPooling2D`` de Keras sobre una imagen de un solo canal. Las
funciones de gráficas devuelven una ``matplotlib.figure.Figure`` ya cerrada para pyplot,
igual que las de ``figuras``.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np

from . import validacion
from .figuras import cerrar_figura

RELLENOS = ("valid", "same")


# --- Validación ---------------------------------------------------------------


def _validar_relleno(relleno) -> str:
    if relleno not in RELLENOS:
        raise ValueError(
            f"relleno debe ser 'valid' (sin relleno) o 'same' (salida del mismo tamaño); "
            f"recibí {relleno!r}."
        )
    return relleno


# --- Convolución y submuestreo --------------------------------------------------


def tamano_salida(lado: int, nucleo: int, relleno: str = "valid", paso: int = 1) -> int:
    """Lado de la salida de una convolución (o submuestreo) sobre una entrada de lado ``lado``.

    Con ``'valid'`` la ventana nunca sale de la imagen: ``(lado - nucleo) // paso + 1``.
    Con ``'same'`` se rellena con ceros y el resultado es ``ceil(lado / paso)``.
    """
    lado = validacion.entero(lado, "lado")
    nucleo = validacion.entero(nucleo, "nucleo")
    paso = validacion.entero(paso, "paso")
    relleno = _validar_relleno(relleno)
    if relleno == "same":
        return -(-lado // paso)
    if nucleo > lado:
        raise ValueError(
            f"Un núcleo de {nucleo} no cabe en una entrada de lado {lado} sin relleno; "
            "usa relleno='same' o un núcleo más pequeño."
        )
    return (lado - nucleo) // paso + 1


def _relleno_same(lado: int, nucleo: int, paso: int) -> tuple[int, int]:
    """Ceros antes y después de un eje con relleno 'same' (como Keras: el sobrante va al final)."""
    salida = -(-lado // paso)
    total = max((salida - 1) * paso + nucleo - lado, 0)
    return total // 2, total - total // 2


def convolucion_2d(imagen: np.ndarray, nucleo: np.ndarray, relleno: str = "valid",
                   paso: int = 1) -> np.ndarray:
    """Desliza ``nucleo`` sobre ``imagen`` y suma productos en cada posición, como ``Conv2D``.

    Como en Keras (y en casi todas las bibliotecas de redes), el núcleo no se voltea: en
    rigor es una correlación cruzada.
    """
    x, k, relleno, paso = _revisar_convolucion(imagen, nucleo, relleno, paso)
    kh, kw = k.shape
    if relleno == "same":  # ceros alrededor para que la salida tenga ⌈lado / paso⌉
        x = np.pad(x, (_relleno_same(x.shape[0], kh, paso), _relleno_same(x.shape[1], kw, paso)))
    alto = (x.shape[0] - kh) // paso + 1
    ancho = (x.shape[1] - kw) // paso + 1
    salida = np.zeros((alto, ancho))
    for f in range(alto):
        for c in range(ancho):
            ventana = x[f * paso : f * paso + kh, c * paso : c * paso + kw]
            salida[f, c] = np.sum(ventana * k)
    return salida


def _revisar_convolucion(imagen, nucleo, relleno, paso):
    x = validacion.imagen_2d(imagen, "imagen")
    k = validacion.imagen_2d(nucleo, "nucleo")
    relleno = _validar_relleno(relleno)
    if relleno == "valid" and (k.shape[0] > x.shape[0] or k.shape[1] > x.shape[1]):
        raise ValueError(
            f"El núcleo {k.shape} es más grande que la imagen {x.shape}; "
            "usa relleno='same' o un núcleo más pequeño."
        )
    return x, k, relleno, validacion.entero(paso, "paso")


def submuestreo_maximo(mapa: np.ndarray, tamano: int = 2, paso: int | None = None) -> np.ndarray:
    """Conserva el máximo de cada ventana de ``tamano`` × ``tamano``, como ``MaxPooling2D``.

    Por omisión el paso es igual al tamaño (ventanas sin traslape) y, como en Keras, las
    filas o columnas que no completan una ventana se descartan.
    """
    x, tamano, paso = _revisar_submuestreo(mapa, tamano, paso)
    alto = (x.shape[0] - tamano) // paso + 1
    ancho = (x.shape[1] - tamano) // paso + 1
    salida = np.zeros((alto, ancho))
    for f in range(alto):
        for c in range(ancho):
            salida[f, c] = x[f * paso : f * paso + tamano, c * paso : c * paso + tamano].max()
    return salida


def _revisar_submuestreo(mapa, tamano, paso):
    x = validacion.imagen_2d(mapa, "mapa")
    tamano = validacion.entero(tamano, "tamano")
    if tamano > min(x.shape):
        raise ValueError(
            f"La ventana de {tamano} × {tamano} no cabe en un mapa de forma {x.shape}; "
            "usa una ventana más pequeña."
        )
    return x, tamano, tamano if paso is None else validacion.entero(paso, "paso")


def mapas_de_caracteristicas(modelo, imagen: np.ndarray) -> dict[str, np.ndarray]:
    """Salidas de cada capa ``Conv2D`` y ``MaxPooling2D`` de ``modelo`` para una imagen (28, 28, 1).

    Devuelve un diccionario ``{nombre de la capa: arreglo (alto, ancho, canales)}`` en el
    orden de las capas.
    """
    import keras

    x = _una_imagen(imagen)
    capas = [c for c in modelo.layers if isinstance(c, (keras.layers.Conv2D, keras.layers.MaxPooling2D))]
    if not capas:
        raise ValueError(
            "El modelo no tiene capas Conv2D ni MaxPooling2D: no hay mapas de características que mostrar."
        )
    extractor = keras.Model(inputs=modelo.inputs, outputs=[c.output for c in capas])
    salidas = extractor.predict(x[np.newaxis], verbose=0)
    return {c.name: np.asarray(s[0]) for c, s in zip(capas, salidas)}


def grad_cam(modelo, imagen: np.ndarray, capa: str = "conv2", clase: int | None = None) -> np.ndarray:
    """Mapa Grad-CAM (alto × ancho de la imagen, de 0 a 1): qué zonas empujaron a la red hacia ``clase``.

    Pesa cada mapa de características de ``capa`` por el promedio del gradiente del puntaje de
    la clase (antes de la softmax) respecto a él, suma los mapas y se queda con lo positivo. Sin
    ``clase``, usa la que predice la red. La última capa del modelo debe ser una ``Dense``.
    """
    import keras
    import tensorflow as tf

    x = _una_imagen(imagen)
    ultima = modelo.layers[-1]
    extractor = keras.Model(modelo.inputs[0], [modelo.get_layer(capa).output, ultima.input])
    with tf.GradientTape() as cinta:
        mapas, entrada_ultima = extractor(x[np.newaxis])
        puntajes = keras.ops.matmul(entrada_ultima, ultima.kernel) + ultima.bias  # antes de softmax
        clase = int(np.argmax(puntajes[0])) if clase is None else validacion.entero(clase, "clase", minimo=0)
        puntaje = puntajes[0, clase]
    gradientes = cinta.gradient(puntaje, mapas)[0]              # ∂ puntaje / ∂ mapas
    pesos = tf.reduce_mean(gradientes, axis=(0, 1))            # un peso por mapa
    mapa = tf.nn.relu(tf.reduce_sum(mapas[0] * pesos, axis=-1))  # combinación, sólo lo positivo
    mapa = tf.image.resize(mapa[..., tf.newaxis], x.shape[:2], method="bilinear")[..., 0].numpy()
    tope = float(mapa.max())
    return mapa / tope if tope > 0 else mapa


def _una_imagen(imagen) -> np.ndarray:
    x = np.asarray(imagen, dtype=np.float32)
    if x.ndim == 2:
        x = x[..., np.newaxis]
    if x.ndim != 3 or x.shape[-1] != 1:
        raise ValueError(
            f"imagen debe ser una sola imagen (alto, ancho, 1) o (alto, ancho); recibí la forma "
            f"{np.shape(imagen)}. Para la primera de un lote, usa x[0]."
        )
    return x


# --- Figuras -------------------------------------------------------------------


def _imagen_2d(imagen, nombre: str = "imagen") -> np.ndarray:
    x = np.asarray(imagen)
    if x.ndim == 3 and x.shape[-1] == 1:
        x = x[..., 0]
    return validacion.imagen_2d(x, nombre)


def _escala_simetrica(valores: np.ndarray) -> float:
    tope = float(np.max(np.abs(valores)))
    return tope if tope > 0 else 1.0


def graficar_convolucion(imagen: np.ndarray, nucleos: Mapping[str, np.ndarray],
                         relleno: str = "valid"):
    """La imagen y, para cada núcleo, el núcleo con sus pesos escritos y el resultado de aplicarlo.

    ``nucleos`` es un diccionario ``{nombre: matriz}``; la figura tiene 1 + 2 × len(nucleos) paneles.
    """
    x = _imagen_2d(imagen)
    if not isinstance(nucleos, Mapping) or not nucleos:
        raise ValueError(
            "nucleos debe ser un diccionario no vacío {nombre: matriz}, por ejemplo "
            "{'Bordes verticales': np.array([[-1, 0, 1]] * 3)}."
        )
    resultados = {nombre: convolucion_2d(x, np.asarray(k), relleno) for nombre, k in nucleos.items()}
    n = len(nucleos)
    anchos = [1.0] + [0.6, 1.0] * n
    fig, ejes = plt.subplots(1, 1 + 2 * n, figsize=(2.3 * sum(anchos), 2.9),
                             gridspec_kw={"width_ratios": anchos})
    ejes[0].imshow(x, cmap="gray_r")
    ejes[0].set_title("Imagen", fontsize=10)
    for i, (nombre, k) in enumerate(nucleos.items()):
        k = validacion.imagen_2d(np.asarray(k), "nucleo")
        eje_k, eje_r = ejes[1 + 2 * i], ejes[2 + 2 * i]
        tope = _escala_simetrica(k)
        eje_k.imshow(k, cmap="RdBu_r", vmin=-tope, vmax=tope)
        for (f, c), valor in np.ndenumerate(k):
            eje_k.text(c, f, f"{valor:g}", ha="center", va="center", fontsize=9)
        eje_k.set_title(f"Núcleo\n{nombre}", fontsize=9)
        r = resultados[nombre]
        tope = _escala_simetrica(r)
        eje_r.imshow(r, cmap="RdBu_r", vmin=-tope, vmax=tope)
        eje_r.set_title(f"Resultado {r.shape[0]}×{r.shape[1]}", fontsize=10)
    for eje in ejes:
        eje.set_xticks([])
        eje.set_yticks([])
    return cerrar_figura(fig)


def graficar_filtros(pesos: np.ndarray, columnas: int = 8):
    """Los núcleos de una capa ``Conv2D`` de un canal de entrada, uno por panel.

    ``pesos`` es el primer arreglo de ``capa.get_weights()``, de forma
    (alto, ancho, 1, filtros). Rojo = peso positivo, azul = negativo, blanco = cero.
    """
    w = np.asarray(pesos)
    if w.ndim != 4 or w.shape[2] != 1:
        raise ValueError(
            "pesos debe tener forma (alto, ancho, 1, filtros), como capa.get_weights()[0] de una "
            f"Conv2D que recibe imágenes de un canal; recibí la forma {w.shape}."
        )
    columnas = validacion.entero(columnas, "columnas")
    filtros = w.shape[3]
    columnas = min(columnas, filtros)
    filas = -(-filtros // columnas)
    tope = _escala_simetrica(w)
    fig, ejes = plt.subplots(filas, columnas, figsize=(1.15 * columnas, 1.3 * filas), squeeze=False)
    for k, eje in enumerate(ejes.flat):
        eje.set_axis_off()
        if k < filtros:
            eje.imshow(w[:, :, 0, k], cmap="RdBu_r", vmin=-tope, vmax=tope)
            eje.set_title(f"Filtro {k + 1}", fontsize=8)
    return cerrar_figura(fig)


def graficar_mapas(mapas: Mapping[str, np.ndarray], canales: int = 8):
    """Una fila por capa con sus primeros ``canales`` mapas de características.

    ``mapas`` es un diccionario ``{nombre: arreglo (alto, ancho, canales)}``, como el que
    devuelve ``mapas_de_caracteristicas``. Cada fila dice la capa y la forma de su salida.
    """
    if not isinstance(mapas, Mapping) or not mapas:
        raise ValueError(
            "mapas debe ser un diccionario no vacío {nombre de la capa: arreglo (alto, ancho, canales)}, "
            "como el que devuelve mapas_de_caracteristicas(modelo, imagen)."
        )
    canales = validacion.entero(canales, "canales")
    arreglos = {}
    for nombre, mapa in mapas.items():
        m = np.asarray(mapa)
        if m.ndim != 3:
            raise ValueError(
                f"El mapa {nombre!r} debe tener forma (alto, ancho, canales); recibí la forma {m.shape}."
            )
        arreglos[nombre] = m
    columnas = min(canales, max(m.shape[2] for m in arreglos.values()))
    filas = len(arreglos)
    fig, ejes = plt.subplots(filas, columnas, figsize=(1.25 * columnas, 1.45 * filas), squeeze=False)
    for fila, (nombre, m) in zip(ejes, arreglos.items()):
        for k, eje in enumerate(fila):
            eje.set_xticks([])
            eje.set_yticks([])
            for borde in eje.spines.values():
                borde.set_visible(False)
            if k < m.shape[2]:
                eje.imshow(m[:, :, k], cmap="viridis")
                if m.shape[2] > 1:
                    eje.set_title(f"canal {k + 1}", fontsize=7)
        alto, ancho, n = m.shape
        fila[0].set_ylabel(f"{nombre}\n{alto}×{ancho}×{n}", fontsize=8, rotation=0, ha="right",
                           va="center")
    return cerrar_figura(fig)


def graficar_lado_a_lado(mapas: Mapping[str, np.ndarray]):
    """Varios mapas 2D en una fila, del mismo tamaño en pantalla, cada uno con su nombre y su forma.

    Sirve para comparar un mapa con su versión submuestreada: el reducido se ve más tosco.
    """
    if not isinstance(mapas, Mapping) or not mapas:
        raise ValueError(
            "mapas debe ser un diccionario no vacío {nombre: matriz 2D}, por ejemplo "
            "{'Antes': mapa, 'Después': submuestreo_maximo(mapa)}."
        )
    matrices = {nombre: _imagen_2d(m, f"el mapa {nombre!r}") for nombre, m in mapas.items()}
    fig, ejes = plt.subplots(1, len(matrices), figsize=(3.0 * len(matrices), 3.2), squeeze=False)
    for eje, (nombre, m) in zip(ejes[0], matrices.items()):
        eje.imshow(m, cmap="viridis")
        eje.set_title(f"{nombre}\n{m.shape[0]}×{m.shape[1]}", fontsize=10)
        eje.set_xticks([])
        eje.set_yticks([])
    return cerrar_figura(fig)


def graficar_grad_cam(imagenes, mapas, titulos):
    """Cada dígito con su mapa Grad-CAM encima, en transparencia, y un título."""
    if not (len(imagenes) == len(mapas) == len(titulos)) or len(imagenes) == 0:
        raise ValueError(
            "Hacen falta tantas imágenes como mapas y títulos, y al menos una; recibí "
            f"{len(imagenes)}, {len(mapas)} y {len(titulos)}."
        )
    columnas = min(len(imagenes), 8)
    filas = -(-len(imagenes) // columnas)
    fig, ejes = plt.subplots(filas, columnas, figsize=(1.5 * columnas, 1.8 * filas), squeeze=False)
    for k, eje in enumerate(ejes.flat):
        eje.set_axis_off()
        if k < len(imagenes):
            eje.imshow(_imagen_2d(imagenes[k]), cmap="gray_r")
            eje.imshow(_imagen_2d(mapas[k], "mapa"), cmap="jet", alpha=0.45, vmin=0, vmax=1)
            eje.set_title(titulos[k], fontsize=8)
    return cerrar_figura(fig)
