"""Pruebas de los datos de juguete del plano (los del «Laboratorio de redes»)."""

import math

import numpy as np
import pytest

from taller_keras.azar import Azar
from taller_keras.datos_plano import CONJUNTOS, PUERTAS, generar
from taller_keras.perceptron import datos_xor


def test_sin_ruido_xor_son_los_cuatro_casos_del_perceptron():
    X, y = generar("xor", n=4, ruido=0.0)
    x_xor, y_xor = datos_xor()
    np.testing.assert_array_equal(X, x_xor)
    np.testing.assert_array_equal(y, y_xor)


@pytest.mark.parametrize("nombre", list(PUERTAS))
def test_puertas_nubes_alrededor_de_las_esquinas(nombre):
    X, y = generar(nombre, n=400, ruido=0.1, semilla=3)
    esquinas = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    for k, esquina in enumerate(esquinas):
        nube = X[k::4]
        assert np.all(y[k::4] == PUERTAS[nombre][k])
        assert np.linalg.norm(nube.mean(axis=0) - esquina) < 0.03
        assert nube.std(axis=0) == pytest.approx([0.1, 0.1], abs=0.02)


def test_el_orden_de_los_numeros_al_azar_es_el_documentado():
    # Círculo: dos uniformes (radio, ángulo) y luego dos normales por punto.
    azar = Azar(11)
    X, y = generar("circulo", n=2, ruido=0.2, semilla=11)
    esperado = []
    for i in range(2):
        u_radio, u_angulo = azar.uniforme(), azar.uniforme()
        radio = 0.5 * u_radio if i % 2 else 0.7 + 0.3 * u_radio
        a = 2 * math.pi * u_angulo
        esperado.append([radio * math.cos(a) + 0.2 * azar.normal(), radio * math.sin(a) + 0.2 * azar.normal()])
    np.testing.assert_array_equal(X, esperado)
    assert y.tolist() == [0, 1]


def test_circulo_lunas_y_espiral_tienen_la_forma_esperada():
    X, y = generar("circulo", n=600, ruido=0.0)
    radio = np.linalg.norm(X, axis=1)
    assert radio[y == 1].max() <= 0.5 and radio[y == 0].min() >= 0.7 and radio.max() <= 1.0
    X, y = generar("lunas", n=600, ruido=0.0)
    # cada luna es media circunferencia de radio 1 alrededor de su centro
    for clase, centro in ((0, (-0.5, -0.25)), (1, (0.5, 0.25))):
        np.testing.assert_allclose(np.linalg.norm(X[y == clase] - centro, axis=1), 1.0)
    assert X[y == 0, 1].min() >= -0.25 and X[y == 1, 1].max() <= 0.25
    X, y = generar("espiral", n=600, ruido=0.0)
    assert np.linalg.norm(X, axis=1).max() < 1.0
    # brazo de la clase k: radio t y ángulo 3.5π t + kπ (el segundo, el primero girado media vuelta)
    for clase in (0, 1):
        P = X[y == clase] * (-1 if clase else 1)
        t = np.linalg.norm(P, axis=1)
        np.testing.assert_allclose(np.cos(np.arctan2(P[:, 1], P[:, 0]) - 3.5 * np.pi * t), 1, atol=1e-9)


@pytest.mark.parametrize("nombre", list(CONJUNTOS))
def test_misma_semilla_mismos_puntos_y_clases_alternadas(nombre):
    X, y = generar(nombre, n=101, ruido=0.3, semilla=5)
    X2, y2 = generar(nombre, n=101, ruido=0.3, semilla=5)
    X3, _ = generar(nombre, n=101, ruido=0.3, semilla=6)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, X3)
    assert X.shape == (101, 2) and X.dtype == np.float64 and y.dtype.kind == "i"
    assert set(y.tolist()) == {0, 1}


@pytest.mark.parametrize(("argumentos", "mensaje"), [
    ({"nombre": "luna"}, r"^Conjunto desconocido: 'luna'\. Los disponibles son 'and', 'or', 'xor', 'circulo', 'lunas', 'espiral'\.$"),
    ({"nombre": "xor", "n": 1}, r"^n debe ser un entero mayor o igual que 2; recibí 1\. Usa, por ejemplo, n=200\.$"),
    ({"nombre": "xor", "ruido": -0.1}, r"^ruido debe ser un número mayor o igual que 0 .*recibí -0\.1\. Prueba con 0\.1\.$"),
    ({"nombre": "xor", "ruido": float("nan")}, r"^ruido debe ser un número mayor o igual que 0"),
])
def test_errores_en_espanol(argumentos, mensaje):
    with pytest.raises(ValueError, match=mensaje):
        generar(**argumentos)
