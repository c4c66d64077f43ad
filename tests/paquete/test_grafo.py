"""Pruebas de la retropropagación a mano sobre el grafo de una neurona."""

import numpy as np
import pytest

from taller_keras.grafo import graficar_grafo, neurona_a_mano


@pytest.mark.parametrize("y", [0, 1])
def test_derivadas_iguales_a_las_de_tensorflow_y_a_diferencias_finitas(y):
    import tensorflow as tf

    x, w, b = 1.5, 0.8, -0.5
    grafo = neurona_a_mano(x, w, b, y)
    variables = {k: tf.Variable(v, dtype=tf.float64) for k, v in {"x": x, "w": w, "b": b}.items()}
    with tf.GradientTape() as cinta:
        z = variables["w"] * variables["x"] + variables["b"]
        perdida = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(float(y), tf.float64), logits=z)
    de_tf = cinta.gradient(perdida, variables)
    for nombre in ("x", "w", "b"):
        assert grafo.atras[nombre] == pytest.approx(float(de_tf[nombre]), rel=1e-12)
    h = 1e-6
    numerica = (neurona_a_mano(x, w + h, b, y).adelante["l"] - neurona_a_mano(x, w - h, b, y).adelante["l"]) / (2 * h)
    assert grafo.gradiente["w"] == pytest.approx(numerica, rel=1e-7)
    assert grafo.atras["z"] == pytest.approx(grafo.adelante["a"] - y)  # ∂ℓ/∂z = a − y
    assert grafo.adelante["l"] == pytest.approx(float(perdida))


def test_valores_hacia_adelante():
    grafo = neurona_a_mano(2.0, 0.5, 1.0, 1)
    assert grafo.adelante["q"] == 1.0 and grafo.adelante["z"] == 2.0
    assert grafo.adelante["a"] == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert grafo.locales["dq/dw"] == 2.0 and grafo.locales["dq/dx"] == 0.5


def test_grafico_y_entradas_invalidas():
    fig = graficar_grafo(neurona_a_mano(1.5, 0.8, -0.5, 1))
    textos = [t.get_text() for t in fig.axes[0].texts]
    assert "w = 0.800" in textos and "q = 1.200" in textos and "y = 1" in textos
    assert any(t.startswith("∂ℓ/∂w = ") for t in textos)
    with pytest.raises(ValueError, match="^y es la clase correcta y debe ser 0 o 1; recibí 2."):
        neurona_a_mano(1.0, 1.0, 0.0, 2)
    with pytest.raises(ValueError, match="NaN"):
        neurona_a_mano(np.nan, 1.0, 0.0, 1)
