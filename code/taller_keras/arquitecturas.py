"""Arquitecturas convolucionales: las clásicas, para contarlas, y bloques modernos pequeños.

- ``lenet5``, ``alexnet``, ``vgg16`` y ``resnet50`` arman (sin entrenar) las redes que marcaron
  la historia de la visión por computadora; las dos últimas son las de ``keras.applications``
  con ``weights=None``, así que no descargan nada.
- ``cnn_pequena`` arma una red convolucional pequeña para MNIST con los bloques modernos que se
  quieran: normalización por lotes, submuestreo promedio global o una conexión residual.
- ``con_cabeza_nueva`` reutiliza la base convolucional de una red entrenada para otra tarea
  (aprendizaje por transferencia).
"""

from __future__ import annotations

from . import validacion
from .datos import CLASES, LADO


def lenet5():
    """LeNet-5 (LeCun et al., 1998) para imágenes de 32 × 32 × 1, con tanh y submuestreo promedio."""
    import keras
    from keras import layers

    return keras.Sequential([
        keras.Input(shape=(32, 32, 1)),
        layers.Conv2D(6, 5, activation="tanh", name="C1"),
        layers.AveragePooling2D(2, name="S2"),
        layers.Conv2D(16, 5, activation="tanh", name="C3"),
        layers.AveragePooling2D(2, name="S4"),
        layers.Flatten(),
        layers.Dense(120, activation="tanh", name="C5"),
        layers.Dense(84, activation="tanh", name="F6"),
        layers.Dense(10, activation="softmax", name="salida"),
    ], name="lenet5")


def alexnet():
    """AlexNet (Krizhevsky et al., 2012) en una sola columna, para imágenes de 227 × 227 × 3."""
    import keras
    from keras import layers

    return keras.Sequential([
        keras.Input(shape=(227, 227, 3)),
        layers.Conv2D(96, 11, strides=4, activation="relu"),
        layers.MaxPooling2D(3, strides=2),
        layers.Conv2D(256, 5, padding="same", activation="relu"),
        layers.MaxPooling2D(3, strides=2),
        layers.Conv2D(384, 3, padding="same", activation="relu"),
        layers.Conv2D(384, 3, padding="same", activation="relu"),
        layers.Conv2D(256, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(3, strides=2),
        layers.Flatten(),
        layers.Dense(4096, activation="relu"),
        layers.Dense(4096, activation="relu"),
        layers.Dense(1000, activation="softmax"),
    ], name="alexnet")


def vgg16():
    """VGG-16 (Simonyan y Zisserman, 2015) de ``keras.applications``, sin pesos entrenados."""
    import keras

    return keras.applications.VGG16(weights=None)


def resnet50():
    """ResNet-50 (He et al., 2016) de ``keras.applications``, sin pesos entrenados."""
    import keras

    return keras.applications.ResNet50(weights=None)


def cnn_pequena(filtros: int = 16, normalizacion: bool = False, promedio_global: bool = False,
                residual: bool = False):
    """Red convolucional pequeña para MNIST (28 × 28 × 1 → 10 clases), sin compilar.

    Dos bloques de dos convoluciones de 3 × 3 (el segundo con el doble de filtros), con un
    submuestreo máximo después de cada bloque, y una capa de salida. Opciones:
    ``normalizacion`` pone ``BatchNormalization`` entre cada convolución y su ReLU;
    ``promedio_global`` cambia ``Flatten`` por ``GlobalAveragePooling2D``; ``residual`` suma a la
    salida de cada bloque su entrada (ajustada con una convolución de 1 × 1), antes de la última
    ReLU del bloque, como ResNet.
    """
    import keras
    from keras import layers

    filtros = validacion.entero(filtros, "filtros", ejemplo=16)
    entrada = keras.Input(shape=(LADO, LADO, 1))
    h = entrada
    for bloque, ancho in enumerate((filtros, 2 * filtros), start=1):
        atajo = h
        for k in (1, 2):
            h = layers.Conv2D(ancho, 3, padding="same", use_bias=not normalizacion,
                              name=f"conv{bloque}_{k}")(h)
            if normalizacion:
                h = layers.BatchNormalization(name=f"normalizacion{bloque}_{k}")(h)
            if k == 1 or not residual:
                h = layers.Activation("relu")(h)
        if residual:  # A + F(A), como en ResNet: se suma antes de la última ReLU
            h = layers.Add(name=f"suma{bloque}")([layers.Conv2D(ancho, 1, name=f"atajo{bloque}")(atajo), h])
            h = layers.Activation("relu")(h)
        h = layers.MaxPooling2D(2, name=f"submuestreo{bloque}")(h)
    h = layers.GlobalAveragePooling2D(name="promedio_global")(h) if promedio_global else layers.Flatten()(h)
    salida = layers.Dense(CLASES, activation="softmax", name="salida")(h)
    return keras.Model(entrada, salida, name="cnn_pequena")


def con_cabeza_nueva(red, clases: int, congelar: bool = True, nombre_base: str = "aplanar"):
    """Una red nueva: una copia de la base de ``red`` (hasta la capa ``nombre_base``) y una capa de salida nueva.

    La base empieza con los pesos de ``red``, pero es una copia: entrenar la red nueva no cambia
    ``red``. Con ``congelar=True`` sus pesos no se entrenan (la base se usa como extractor de
    rasgos); para el ajuste fino, después se pone ``trainable = True`` y se vuelve a compilar.
    """
    import keras

    clases = validacion.entero(clases, "clases", ejemplo=5)
    copia = keras.models.clone_model(red)
    copia.set_weights(red.get_weights())
    base = keras.Model(copia.inputs, copia.get_layer(nombre_base).output, name="base")
    base.trainable = not congelar
    salida = keras.layers.Dense(clases, activation="softmax", name="salida_nueva")(base.output)
    return keras.Model(base.inputs, salida, name="transferida")
