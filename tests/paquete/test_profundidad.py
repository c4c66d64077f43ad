"""Pruebas de las redes profundas y de sus estadísticas por capa."""

import numpy as np
import pytest

from taller_keras.profundidad import estadisticas_por_capa, graficar_estadisticas, red_profunda


@pytest.fixture(scope="module")
def lote():
    rng = np.random.default_rng(0)
    return rng.uniform(0, 1, size=(64, 784)), rng.integers(0, 10, size=64)


def test_tabla_por_capa_con_gradientes_reales(lote):
    import keras
    import tensorflow as tf

    x, y = lote
    keras.utils.set_random_seed(1)
    modelo = red_profunda(capas=4, unidades=16, activacion="relu", inicializacion="he")
    tabla = estadisticas_por_capa(modelo, x, y)
    assert list(tabla["capa"]) == ["oculta1", "oculta2", "oculta3", "oculta4", "salida"]
    assert list(tabla.index) == [1, 2, 3, 4, 5]
    h = x.astype("float32")
    for l, capa in enumerate(modelo.layers, start=1):
        h = capa(h)
        assert tabla.loc[l, "desviación de la salida"] == pytest.approx(float(np.std(h)), rel=1e-5)
    with tf.GradientTape() as cinta:
        perdida = keras.ops.mean(keras.losses.sparse_categorical_crossentropy(y, modelo(x.astype("float32"))))
    g = cinta.gradient(perdida, modelo.layers[0].kernel)
    assert tabla.loc[1, "norma del gradiente"] == pytest.approx(float(np.linalg.norm(g)), rel=1e-5)


def test_sigmoides_desvanecen_y_ceros_no_aprenden(lote):
    import keras

    x, y = lote
    keras.utils.set_random_seed(2)
    sigmoide = estadisticas_por_capa(red_profunda(10, 32, "sigmoid", "glorot"), x, y)
    relu = estadisticas_por_capa(red_profunda(10, 32, "relu", "he"), x, y)
    ceros = estadisticas_por_capa(red_profunda(10, 32, "relu", "ceros"), x, y)
    g_sig, g_relu = sigmoide["norma del gradiente"], relu["norma del gradiente"]
    assert g_sig.iloc[0] < 0.05 * g_sig.iloc[9]  # la primera capa recibe mucho menos que la décima
    assert g_relu.iloc[0] > 0.1 * g_relu.iloc[9]
    assert (ceros["norma del gradiente"].iloc[:-1] == 0).all()
    fig = graficar_estadisticas({"sigmoide": sigmoide, "ReLU": relu, "ceros": ceros})
    izquierda, derecha = fig.axes
    assert derecha.get_yscale() == "log"
    assert len(izquierda.lines) == 3 and len(derecha.lines) == 2  # los ceros no caben en escala log
    assert "ceros" in derecha.texts[0].get_text()


def test_inicializacion_desconocida():
    with pytest.raises(ValueError, match="^Inicialización desconocida: 'uniforme'"):
        red_profunda(inicializacion="uniforme")
