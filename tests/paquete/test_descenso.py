"""Pruebas del descenso de gradiente en dos dimensiones y de sus figuras."""

import numpy as np
import pytest

from taller_keras.descenso import Cuadratica, descenso_gradiente, graficar_convergencia, graficar_trayectorias

INICIO = (-2.5, 0.5)


@pytest.fixture
def cuadratica():
    return Cuadratica(((3.0, 2.0), (2.0, 6.0)))


def test_cuadratica_valor_gradiente_y_curvaturas(cuadratica):
    np.testing.assert_allclose(cuadratica.valores_propios, [2.0, 7.0])
    assert cuadratica.tasa_maxima == pytest.approx(2 / 7)
    w = np.array([1.0, -2.0])
    assert cuadratica(w) == pytest.approx(0.5 * (3 - 8 + 24))
    # Gradiente frente a diferencias centrales (exactas para una cuadrática, salvo redondeo).
    h = 1e-6
    numerico = [(cuadratica(w + h * e) - cuadratica(w - h * e)) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(cuadratica.gradiente(w), numerico, rtol=1e-8)
    malla = np.zeros((5, 4, 2))
    assert cuadratica(malla).shape == (5, 4)


def test_converge_con_tasa_pequena(cuadratica):
    trayectoria = descenso_gradiente(cuadratica.gradiente, INICIO, tasa=0.2, pasos=40)
    assert trayectoria.shape == (41, 2)
    np.testing.assert_array_equal(trayectoria[0], INICIO)
    assert np.linalg.norm(trayectoria[-1]) < 1e-6
    # Cada paso multiplica el error por a lo sumo max(|1 − 0.2 · 2|, |1 − 0.2 · 7|) = 0.6.
    assert cuadratica(trayectoria[-1]) < 1e-12


def test_tasa_muy_pequena_avanza_lento(cuadratica):
    trayectoria = descenso_gradiente(cuadratica.gradiente, INICIO, tasa=0.02, pasos=20)
    assert 0.5 < np.linalg.norm(trayectoria[-1]) < np.linalg.norm(INICIO)


def test_diverge_con_tasa_grande(cuadratica):
    trayectoria = descenso_gradiente(cuadratica.gradiente, INICIO, tasa=0.3, pasos=40)
    valores = cuadratica(trayectoria)
    # |1 − 0.3 · 7| = 1.1 > 1: la componente de mayor curvatura crece 10 % en cada paso.
    assert valores[-1] > 100 * valores[0]
    assert len(trayectoria) == 41
    larga = descenso_gradiente(cuadratica.gradiente, INICIO, tasa=0.3, pasos=10_000, limite=1e3)
    assert len(larga) < 200  # se detiene en cuanto ‖w‖ supera el límite
    assert np.linalg.norm(larga[-1]) > 1e3


def test_un_paso_es_w_menos_alfa_gradiente(cuadratica):
    trayectoria = descenso_gradiente(cuadratica.gradiente, INICIO, tasa=0.1, pasos=1)
    np.testing.assert_allclose(trayectoria[1], np.array(INICIO) - 0.1 * cuadratica.gradiente(INICIO))


@pytest.mark.parametrize("tasa", [0, -0.5])
def test_tasa_no_positiva(cuadratica, tasa):
    with pytest.raises(ValueError) as error:
        descenso_gradiente(cuadratica.gradiente, INICIO, tasa=tasa, pasos=5)
    assert str(error.value) == (
        f"La tasa de aprendizaje debe ser un número positivo; recibí {tasa!r}. "
        "Prueba con un valor como 0.1."
    )


def test_entradas_invalidas(cuadratica):
    with pytest.raises(ValueError) as error:
        descenso_gradiente(cuadratica.gradiente, (1.0, 2.0, 3.0), tasa=0.1, pasos=5)
    assert str(error.value) == (
        "inicio debe ser un punto del plano con dos coordenadas (w₁, w₂); recibí la forma (3,)."
    )
    with pytest.raises(ValueError, match="inicio contiene valores NaN o infinitos"):
        descenso_gradiente(cuadratica.gradiente, (np.nan, 0.0), tasa=0.1, pasos=5)
    with pytest.raises(ValueError, match="pasos debe ser un entero positivo; recibí 0"):
        descenso_gradiente(cuadratica.gradiente, INICIO, tasa=0.1, pasos=0)
    with pytest.raises(ValueError, match="A debe ser simétrica"):
        Cuadratica(((1.0, 2.0), (0.0, 1.0)))
    with pytest.raises(ValueError, match="A debe ser definida positiva"):
        Cuadratica(((1.0, 0.0), (0.0, -1.0)))


def test_graficar_trayectorias(cuadratica):
    trayectorias = {
        f"α = {a}": descenso_gradiente(cuadratica.gradiente, INICIO, a, 10) for a in (0.02, 0.2, 0.3)
    }
    fig = graficar_trayectorias(cuadratica, trayectorias)
    assert [eje.get_title() for eje in fig.axes] == ["α = 0.02", "α = 0.2", "α = 0.3"]
    eje = fig.axes[1]
    assert eje.get_xlabel() == "$w_1$" and eje.get_ylabel() == "$w_2$"
    np.testing.assert_allclose(eje.lines[0].get_xydata(), trayectorias["α = 0.2"])
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["inicio", "mínimo"]
    with pytest.raises(ValueError, match="Pasa al menos una trayectoria"):
        graficar_trayectorias(cuadratica, {})


def test_graficar_convergencia(cuadratica):
    puntos = descenso_gradiente(cuadratica.gradiente, INICIO, 0.2, 10)
    fig = graficar_convergencia(cuadratica, {"α = 0.2": puntos})
    (eje,) = fig.axes
    assert eje.get_yscale() == "log"
    assert eje.get_xlabel() == "Paso $i$"
    np.testing.assert_allclose(eje.lines[0].get_ydata(), cuadratica(puntos))
