"""Modelos de Keras del curso: constructores y entrenamiento medido.

Las páginas construyen cada red a la vista, pieza por pieza; estas funciones la
construyen igual para que la búsqueda de parámetros y los capítulos siguientes la
reutilicen sin copiar código.
"""

from __future__ import annotations

import time

import numpy as np

from . import validacion
from .datos import CLASES, LADO

ENTRADAS = LADO * LADO  # 784 píxeles por imagen aplanada
# Pasos de entrenamiento por llamada a TensorFlow: con redes pequeñas en CPU ahorra el ir y
# venir entre Python y TensorFlow de cada lote, sin cambiar lo que aprende la red.
PASOS_POR_LLAMADA = 32


def parametros_mlp(unidades: int = 512, entradas: int = ENTRADAS, clases: int = CLASES) -> int:
    """Número de pesos y sesgos de una red entrada → ``unidades`` → ``clases``."""
    unidades = validacion.entero(unidades, "unidades", ejemplo=512)
    entradas = validacion.entero(entradas, "entradas", ejemplo=784)
    clases = validacion.entero(clases, "clases", ejemplo=10)
    return (entradas * unidades + unidades) + (unidades * clases + clases)


def _compilar(modelo, tasa_aprendizaje: float):
    """RMSprop, entropía cruzada categórica (etiquetas one-hot) y la exactitud como métrica."""
    import keras

    modelo.compile(
        optimizer=keras.optimizers.RMSprop(learning_rate=tasa_aprendizaje),
        loss="categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=PASOS_POR_LLAMADA,
    )
    return modelo


def construir_mlp(
    unidades: int = 512,
    abandono: float = 0.0,
    tasa_aprendizaje: float = 1e-3,
    compilar: bool = True,
    l2: float = 0.0,
    normalizacion: bool = False,
):
    """Red multicapa: 784 entradas → Dense(unidades, ReLU) → [Dropout] → Dense(10, softmax).

    ``l2`` > 0 suma a la pérdida l2 · Σ w² de los pesos de la capa oculta (regularización L2);
    ``normalizacion=True`` pone una ``BatchNormalization`` entre la suma ponderada de la capa
    oculta y su ReLU. Con ``compilar=True`` la compila con RMSprop, entropía cruzada categórica
    (etiquetas one-hot) y la exactitud (``accuracy``) como métrica.
    """
    import keras

    unidades, abandono, tasa_aprendizaje, l2 = _revisar_mlp(unidades, abandono, tasa_aprendizaje, l2)
    regularizador = keras.regularizers.L2(l2) if l2 > 0 else None
    capas = [keras.Input(shape=(ENTRADAS,))]
    if normalizacion:
        capas += [
            keras.layers.Dense(unidades, name="oculta", kernel_regularizer=regularizador),
            keras.layers.BatchNormalization(name="normalizacion"),
            keras.layers.Activation("relu", name="relu"),
        ]
    else:
        capas.append(keras.layers.Dense(unidades, activation="relu", name="oculta",
                                        kernel_regularizer=regularizador))
    if abandono > 0:
        capas.append(keras.layers.Dropout(abandono, name="abandono"))
    capas.append(keras.layers.Dense(CLASES, activation="softmax", name="salida"))
    modelo = keras.Sequential(capas, name="mlp")

    return _compilar(modelo, tasa_aprendizaje) if compilar else modelo


def _revisar_mlp(unidades, abandono, tasa_aprendizaje, l2):
    if not (validacion._es_numero(l2) and l2 >= 0):
        raise ValueError(f"l2 es el peso de la regularización L2 y debe ser un número ≥ 0; recibí {l2!r}.")
    return (
        validacion.entero(unidades, "unidades", ejemplo=512),
        validacion.fraccion(abandono, "abandono", "la fracción de neuronas que se apagan",
                            " Usa 0 para no aplicar abandono."),
        validacion.tasa_aprendizaje(tasa_aprendizaje, maximo=1),
        float(l2),
    )


def entrenar(modelo, x: np.ndarray, y, **opciones):
    """Llama a ``modelo.fit(x, y, **opciones)``; devuelve la historia y los segundos que tardó.

    ``y`` es un arreglo, o un diccionario con uno por salida si el modelo tiene varias.

    Sin ``verbose`` explícito entrena en silencio (``verbose=0``).
    """
    salidas = y if isinstance(y, dict) else {"": y}  # un modelo con varias salidas recibe un dict
    for nombre, valores in salidas.items():
        if len(valores) != len(x):
            cual = f"y[{nombre!r}]" if nombre else "y"
            raise ValueError(
                f"x e {cual} deben tener el mismo número de ejemplos; recibí {len(x)} entradas "
                f"y {len(valores)} valores esperados."
            )
    if len(x) == 0:
        raise ValueError("No hay ejemplos para entrenar: x está vacío.")
    opciones.setdefault("verbose", 0)
    inicio = time.perf_counter()
    historia = modelo.fit(x, y, **opciones)
    return historia, time.perf_counter() - inicio


def construir_cnn(
    filtros=(32, 64, 128),
    tamano_nucleo: int = 3,
    tasa_aprendizaje: float = 1e-3,
    compilar: bool = True,
    clases: int = CLASES,
):
    """Red convolucional de Chollet: (Conv2D → MaxPooling2D) × 2 → Conv2D → Flatten → Dense(10, softmax).

    Hay una capa ``Conv2D`` (ReLU, sin relleno) por cada número de ``filtros`` y un
    submuestreo máximo de 2 × 2 entre cada par de ellas. Recibe imágenes (28, 28, 1). Con
    ``compilar=True`` la compila como ``construir_mlp``: RMSprop, entropía cruzada
    categórica (etiquetas one-hot) y la exactitud como métrica.
    """
    import keras

    filtros, tamano_nucleo, tasa_aprendizaje = _revisar_cnn(filtros, tamano_nucleo, tasa_aprendizaje)
    capas = [keras.Input(shape=(LADO, LADO, 1))]
    for i, f in enumerate(filtros, start=1):
        capas.append(keras.layers.Conv2D(f, tamano_nucleo, activation="relu", name=f"conv{i}"))
        if i < len(filtros):
            capas.append(keras.layers.MaxPooling2D(2, name=f"submuestreo{i}"))
    capas += [
        keras.layers.Flatten(name="aplanar"),
        keras.layers.Dense(validacion.entero(clases, "clases", ejemplo=10), activation="softmax",
                           name="salida"),
    ]
    modelo = keras.Sequential(capas, name="cnn")

    return _compilar(modelo, tasa_aprendizaje) if compilar else modelo


def _revisar_cnn(filtros, tamano_nucleo, tasa_aprendizaje):
    if isinstance(filtros, (str, bytes)) or not hasattr(filtros, "__len__") or len(filtros) == 0:
        raise ValueError(
            f"filtros debe ser una lista no vacía con el número de filtros de cada capa "
            f"convolucional; recibí {filtros!r}. Usa, por ejemplo, filtros=(32, 64, 128)."
        )
    filtros = [validacion.entero(f, "Cada número de filtros") for f in filtros]
    tamano_nucleo = validacion.entero(tamano_nucleo, "tamano_nucleo", detalle="el lado del núcleo",
                                      ejemplo=3)
    # Cada Conv2D sin relleno quita tamano_nucleo − 1 píxeles; cada submuestreo divide entre 2.
    lado = LADO
    for i in range(len(filtros)):
        lado -= tamano_nucleo - 1
        if lado >= 1 and i < len(filtros) - 1:
            lado //= 2
        if lado < 1:
            raise ValueError(
                f"Con {len(filtros)} capas convolucionales de núcleo {tamano_nucleo}×{tamano_nucleo} "
                f"y submuestreo entre ellas, la imagen de {LADO}×{LADO} se reduce a menos de un "
                "píxel; usa menos capas o un núcleo más pequeño."
            )
    return filtros, tamano_nucleo, validacion.tasa_aprendizaje(tasa_aprendizaje, maximo=1)
