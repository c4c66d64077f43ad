"""Pruebas del generador Mulberry32 que comparten el paquete y los explorables del sitio."""

import numpy as np
import pytest

from taller_keras.azar import Azar


def test_coincide_con_el_algoritmo_de_referencia():
    # Los tres primeros números de mulberry32(2018) en la versión original en JavaScript.
    azar = Azar(2018)
    assert [azar.uniforme() for _ in range(3)] == [
        0.34892102400772274, 0.029196409275755286, 0.370916863437742,
    ]


def test_misma_semilla_mismos_numeros_y_otra_semilla_otros():
    a, b, c = Azar(7), Azar(7), Azar(8)
    primeros = [a.uniforme() for _ in range(5)]
    assert primeros == [b.uniforme() for _ in range(5)]
    assert primeros != [c.uniforme() for _ in range(5)]


def test_uniformes_y_normales_tienen_la_distribucion_esperada():
    azar = Azar(0)
    u = azar.uniformes(20_000)
    assert u.min() >= 0 and u.max() < 1
    assert u.mean() == pytest.approx(0.5, abs=0.01)
    assert u.var() == pytest.approx(1 / 12, abs=0.005)
    z = azar.normales((100, 200), desviacion=2.0)
    assert z.shape == (100, 200)
    assert z.mean() == pytest.approx(0.0, abs=0.05)
    assert z.std() == pytest.approx(2.0, abs=0.05)
    intervalo = azar.uniformes((3, 4), bajo=-1.0, alto=1.0)
    assert intervalo.shape == (3, 4) and np.abs(intervalo).max() <= 1


def test_permutacion():
    orden = Azar(3).permutacion(50)
    assert sorted(orden.tolist()) == list(range(50))
    assert orden.tolist() != list(range(50))
    assert Azar(3).permutacion(50).tolist() == orden.tolist()
    assert Azar(1).permutacion(0).tolist() == []


@pytest.mark.parametrize("semilla", [-1, 1.5, True, "2"])
def test_semilla_invalida(semilla):
    with pytest.raises(ValueError, match="^semilla debe ser un entero mayor o igual que 0; recibí"):
        Azar(semilla)
