"""Pruebas de las activaciones: valores, derivadas frente a diferencias finitas, errores y figuras."""

import numpy as np
import pytest

from taller_keras import activaciones as act

# Puntos lejos de 0, donde el escalón y ReLU no son derivables.
Z = np.array([-3.7, -2.0, -0.9, -0.31, 0.27, 0.8, 1.6, 3.3])
H = 1e-6


def diferencia_central(f, z, h=H):
    return (f(z + h) - f(z - h)) / (2 * h)


def test_valores_conocidos():
    np.testing.assert_array_equal(act.escalon([-1.0, 0.0, 2.0]), [0.0, 1.0, 1.0])
    np.testing.assert_allclose(act.sigmoide(0.0), 0.5)
    np.testing.assert_allclose(act.sigmoide(np.log(3.0)), 0.75)
    np.testing.assert_allclose(act.tanh(0.5), np.tanh(0.5))
    np.testing.assert_array_equal(act.relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0])
    np.testing.assert_allclose(act.derivada_sigmoide(0.0), 0.25)
    np.testing.assert_allclose(act.derivada_tanh(0.0), 1.0)
    np.testing.assert_array_equal(act.derivada_relu([-1.0, 0.0, 1.0]), [0.0, 0.0, 1.0])


def test_sigmoide_sin_desbordes():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        valores = act.sigmoide(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(valores, [0.0, 1.0])


@pytest.mark.parametrize("nombre", ["escalon", "sigmoide", "tanh", "relu"])
def test_derivadas_igual_a_diferencias_finitas(nombre):
    f, df = act.activacion(nombre)
    np.testing.assert_allclose(df(Z), diferencia_central(f, Z), rtol=1e-7, atol=1e-9)


def test_softmax_suma_uno_y_es_estable():
    z = np.array([[1000.0, 1001.0, 999.0], [0.0, 0.0, 0.0]])
    s = act.softmax(z)
    np.testing.assert_allclose(s.sum(axis=1), [1.0, 1.0])
    np.testing.assert_allclose(s[1], [1 / 3] * 3)
    e = np.exp([1.0, 2.0, 0.0])
    np.testing.assert_allclose(s[0], e / e.sum())


def test_softmax_coincide_con_keras():
    import keras

    z = np.array([[0.3, -1.2, 2.5, 0.0]], dtype="float32")
    np.testing.assert_allclose(act.softmax(z), keras.activations.softmax(z).numpy(), rtol=1e-6)


def test_jacobiano_softmax_igual_a_diferencias_finitas():
    z = np.array([0.5, -1.0, 2.0, 0.1])
    numerico = np.empty((4, 4))
    for j in range(4):
        e = np.zeros(4)
        e[j] = H
        numerico[:, j] = (act.softmax(z + e) - act.softmax(z - e)) / (2 * H)
    np.testing.assert_allclose(act.jacobiano_softmax(z), numerico, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(act.jacobiano_softmax(z).sum(axis=0), 0.0, atol=1e-15)


def test_activacion_desconocida():
    with pytest.raises(ValueError) as error:
        act.activacion("softplus")
    assert str(error.value) == (
        "Activación desconocida: 'softplus'. Las disponibles son 'escalon', 'sigmoide', 'tanh', 'relu'."
    )


def test_rechaza_nan():
    with pytest.raises(ValueError) as error:
        act.sigmoide([0.0, np.nan])
    assert str(error.value) == (
        "z contiene valores NaN; revisa los datos o los pesos antes de aplicar la activación."
    )


def test_rechaza_texto():
    with pytest.raises(ValueError, match="z debe contener números reales; recibí str"):
        act.relu("hola")


def test_softmax_y_jacobiano_rechazan_formas_vacias():
    with pytest.raises(ValueError, match=r"softmax necesita un vector .* recibí la forma \(\)\."):
        act.softmax(3.0)
    with pytest.raises(ValueError) as error:
        act.jacobiano_softmax(np.zeros((2, 3)))
    assert str(error.value) == (
        "jacobiano_softmax espera un vector z con forma (k,); recibí la forma (2, 3)."
    )


def test_graficar_activaciones():
    fig = act.graficar_activaciones()
    assert [eje.get_title() for eje in fig.axes] == [
        "Escalón", "Sigmoide", "Tangente hiperbólica", "ReLU"
    ]
    eje = fig.axes[1]
    assert eje.get_xlabel() == "z"
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["función", "derivada"]
    funcion, derivada = eje.lines[-2:]
    np.testing.assert_allclose(funcion.get_ydata(), act.sigmoide(funcion.get_xdata()))
    np.testing.assert_allclose(derivada.get_ydata(), act.derivada_sigmoide(derivada.get_xdata()))


def test_graficar_activaciones_rechaza_nombres_e_intervalos():
    with pytest.raises(ValueError, match="Activación desconocida: 'seno'"):
        act.graficar_activaciones(("sigmoide", "seno"))
    with pytest.raises(ValueError) as error:
        act.graficar_activaciones(intervalo=(2.0, -2.0))
    assert str(error.value) == "El intervalo debe ir de menor a mayor; recibí (2.0, -2.0)."


def test_graficar_softmax():
    z = np.array([2.0, 1.0, 0.1])
    fig = act.graficar_softmax(z)
    puntajes, probabilidades, jacobiano = fig.axes[:3]
    assert puntajes.get_title() == "Puntajes z"
    assert probabilidades.get_title() == "Probabilidades softmax(z)"
    assert probabilidades.get_xlabel() == "clase"
    np.testing.assert_allclose([p.get_height() for p in probabilidades.patches], act.softmax(z))
    np.testing.assert_allclose(jacobiano.images[0].get_array(), act.jacobiano_softmax(z))
    with pytest.raises(ValueError, match="al menos dos puntajes"):
        act.graficar_softmax(np.array([1.0]))


def test_esquema_neurona():
    fig = act.esquema_neurona()
    bio, art = fig.axes
    assert bio.get_title() == "Neurona biológica"
    assert art.get_title() == "Neurona artificial"
    textos = " ".join(t.get_text() for t in bio.texts)
    for palabra in ("dendritas", "soma", "axón", "sinapsis"):
        assert palabra in textos
    assert any("sesgo" in t.get_text() for t in art.texts)
