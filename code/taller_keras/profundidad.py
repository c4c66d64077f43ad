"""Redes profundas: cómo viajan las activaciones y los gradientes capa por capa.

Una red de muchas capas densas iguales sirve para ver qué hace la inicialización: con la escala
equivocada, las activaciones se apagan o se saturan y los gradientes se desvanecen (o explotan)
al retropropagarse; con la de Glorot (para sigmoides y tanh) o la de He (para ReLU) llegan con un
tamaño parecido a todas las capas.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from . import validacion
from .figuras import cerrar_figura

COLORES = ("#1f5a96", "#d9822b", "#3a8a4f", "#7a4fa0", "#b00020")


def inicializador(nombre: str):
    """El inicializador de Keras de cada nombre del curso: ceros, normal, glorot o he."""
    import keras

    opciones = {
        "ceros": keras.initializers.Zeros(),
        "normal": keras.initializers.RandomNormal(stddev=1.0),
        "glorot": keras.initializers.GlorotUniform(),
        "he": keras.initializers.HeNormal(),
    }
    if nombre not in opciones:
        validos = ", ".join(f"'{n}'" for n in opciones)
        raise ValueError(f"Inicialización desconocida: {nombre!r}. Las disponibles son {validos}.")
    return opciones[nombre]


def red_profunda(capas: int = 10, unidades: int = 64, activacion: str = "relu",
                 inicializacion: str = "he", entradas: int = 784, clases: int = 10):
    """Red densa sin compilar: ``capas`` capas ocultas de ``unidades`` neuronas y una salida softmax."""
    import keras

    capas = validacion.entero(capas, "capas", ejemplo=10)
    unidades = validacion.entero(unidades, "unidades", ejemplo=64)
    piezas = [keras.Input(shape=(validacion.entero(entradas, "entradas"),))]
    for l in range(1, capas + 1):
        piezas.append(keras.layers.Dense(unidades, activation=activacion, name=f"oculta{l}",
                                         kernel_initializer=inicializador(inicializacion)))
    piezas.append(keras.layers.Dense(validacion.entero(clases, "clases"), activation="softmax",
                                     name="salida", kernel_initializer=inicializador(inicializacion)))
    return keras.Sequential(piezas, name=f"profunda_{activacion}_{inicializacion}")


def estadisticas_por_capa(modelo, x, y):
    """Para un lote (x, y): la desviación típica de la salida de cada capa y la norma del gradiente
    de la pérdida respecto a sus pesos. Devuelve una tabla de pandas con una fila por capa."""
    import keras
    import pandas as pd
    import tensorflow as tf

    x = validacion.ejemplos(x, "x").astype("float32")
    y = validacion.etiquetas(y, len(x), clases=modelo.output_shape[-1])
    with tf.GradientTape() as cinta:
        salida, activaciones = x, []
        for capa in modelo.layers:
            salida = capa(salida)
            activaciones.append(salida)
        perdida = keras.ops.mean(keras.losses.sparse_categorical_crossentropy(y, salida))
    gradientes = cinta.gradient(perdida, [capa.kernel for capa in modelo.layers])
    return pd.DataFrame(
        {
            "capa": [capa.name for capa in modelo.layers],
            "desviación de la salida": [float(np.std(a)) for a in activaciones],
            "norma del gradiente": [float(np.linalg.norm(g)) for g in gradientes],
        },
        index=pd.RangeIndex(1, len(modelo.layers) + 1, name="l"),
    )


def graficar_estadisticas(tablas: dict):
    """Dos paneles contra la capa: desviación de las activaciones y norma del gradiente (log)."""
    if not tablas:
        raise ValueError("Pasa al menos una tabla de estadisticas_por_capa en un diccionario título → tabla.")
    fig, (izq, der) = plt.subplots(1, 2, figsize=(10.5, 3.8))
    ceros = []
    for i, (titulo, tabla) in enumerate(tablas.items()):
        color = COLORES[i % len(COLORES)]
        capas = np.asarray(tabla.index)
        izq.plot(capas, tabla["desviación de la salida"], "o-", color=color, markersize=4, label=titulo)
        normas = tabla["norma del gradiente"].to_numpy()
        if np.all(normas[:-1] == 0):
            ceros.append(titulo)
            continue
        der.plot(capas, np.where(normas > 0, normas, np.nan), "o-", color=color, markersize=4,
                 label=titulo)
    izq.set_title("Activaciones")
    izq.set_ylabel("Desviación típica de la salida")
    der.set_title("Gradientes de los pesos")
    der.set_ylabel("Norma del gradiente (escala log)")
    der.set_yscale("log")
    for eje in (izq, der):
        eje.set_xlabel("Capa $l$ (la última es la salida)")
        eje.grid(alpha=0.3, which="both")
    izq.legend(fontsize=8)
    if ceros:
        der.text(0.02, 0.02, "Gradiente cero en todas las capas ocultas: " + ", ".join(ceros),
                 transform=der.transAxes, fontsize=8)
    return cerrar_figura(fig)
