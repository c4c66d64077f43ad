"""Pruebas del descenso de gradiente en dos dimensiones y de sus figuras."""

import numpy as np
import pytest

from taller_keras.descenso import (Cuadratica, DobleValle, graficar_convergencia, graficar_trayectorias,
                                  trayectoria)

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
    puntos = trayectoria(cuadratica.gradiente, INICIO, 40, tasa=0.2)
    assert puntos.shape == (41, 2)
    np.testing.assert_array_equal(puntos[0], INICIO)
    assert np.linalg.norm(puntos[-1]) < 1e-6
    # Cada paso multiplica el error por a lo sumo max(|1 − 0.2 · 2|, |1 − 0.2 · 7|) = 0.6.
    assert cuadratica(puntos[-1]) < 1e-12


def test_tasa_muy_pequena_avanza_lento(cuadratica):
    puntos = trayectoria(cuadratica.gradiente, INICIO, 20, tasa=0.02)
    assert 0.5 < np.linalg.norm(puntos[-1]) < np.linalg.norm(INICIO)


def test_diverge_con_tasa_grande(cuadratica):
    puntos = trayectoria(cuadratica.gradiente, INICIO, 40, tasa=0.3)
    valores = cuadratica(puntos)
    # |1 − 0.3 · 7| = 1.1 > 1: la componente de mayor curvatura crece 10 % en cada paso.
    assert valores[-1] > 100 * valores[0]
    assert len(puntos) == 41
    larga = trayectoria(cuadratica.gradiente, INICIO, 10_000, tasa=0.3, limite=1e3)
    assert len(larga) < 200  # se detiene en cuanto ‖w‖ supera el límite
    assert np.linalg.norm(larga[-1]) > 1e3


def test_un_paso_es_w_menos_alfa_gradiente(cuadratica):
    puntos = trayectoria(cuadratica.gradiente, INICIO, 1, tasa=0.1)
    np.testing.assert_allclose(puntos[1], np.array(INICIO) - 0.1 * cuadratica.gradiente(INICIO))


@pytest.mark.parametrize("tasa", [0, -0.5])
def test_tasa_no_positiva(cuadratica, tasa):
    with pytest.raises(ValueError) as error:
        trayectoria(cuadratica.gradiente, INICIO, 5, tasa=tasa)
    assert str(error.value) == (
        f"La tasa de aprendizaje debe ser un número positivo; recibí {tasa!r}. "
        "Prueba con un valor como 0.1."
    )


def test_entradas_invalidas(cuadratica):
    with pytest.raises(ValueError) as error:
        trayectoria(cuadratica.gradiente, (1.0, 2.0, 3.0), 5, tasa=0.1)
    assert str(error.value) == (
        "inicio debe ser un punto del plano con dos coordenadas (w₁, w₂); recibí la forma (3,)."
    )
    with pytest.raises(ValueError, match="inicio contiene valores NaN o infinitos"):
        trayectoria(cuadratica.gradiente, (np.nan, 0.0), 5, tasa=0.1)
    with pytest.raises(ValueError, match="pasos debe ser un entero positivo; recibí 0"):
        trayectoria(cuadratica.gradiente, INICIO, 0, tasa=0.1)
    with pytest.raises(ValueError, match="A debe ser simétrica"):
        Cuadratica(((1.0, 2.0), (0.0, 1.0)))
    with pytest.raises(ValueError, match="A debe ser definida positiva"):
        Cuadratica(((1.0, 0.0), (0.0, -1.0)))


def test_graficar_trayectorias(cuadratica):
    trayectorias = {
        f"α = {a}": trayectoria(cuadratica.gradiente, INICIO, 10, tasa=a) for a in (0.02, 0.2, 0.3)
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
    puntos = trayectoria(cuadratica.gradiente, INICIO, 10, tasa=0.2)
    fig = graficar_convergencia(cuadratica, {"α = 0.2": puntos})
    (eje,) = fig.axes
    assert eje.get_yscale() == "log"
    assert eje.get_xlabel() == "Paso $i$"
    np.testing.assert_allclose(eje.lines[0].get_ydata(), cuadratica(puntos))


# --- Optimizadores ------------------------------------------------------------------


def test_cuadratica_mal_condicionada():
    larga = Cuadratica(((1.0, 0.0), (0.0, 25.0)))
    assert larga.condicion == pytest.approx(25.0)
    assert Cuadratica().condicion == pytest.approx(3.5)


def test_doble_valle_tiene_dos_minimos():
    valle = DobleValle(0.3)
    global_, local = valle.minimos
    for minimo in (global_, local):
        np.testing.assert_allclose(valle.gradiente(minimo), 0.0, atol=1e-12)
    assert global_[0] < 0 < local[0]
    assert valle(global_) < valle(local)
    np.testing.assert_array_equal(valle.centro, global_)
    h = 1e-6
    w = np.array([0.7, -0.4])
    numerico = [(valle(w + h * e) - valle(w - h * e)) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(valle.gradiente(w), numerico, rtol=1e-7)
    with pytest.raises(ValueError, match=r"^inclinacion debe estar en \[0, 1\)"):
        DobleValle(2.0)


KERAS = {
    "sgd": ("SGD", {}, {}),
    "momento": ("SGD", {"momentum": 0.9}, {"beta": 0.9}),
    "rmsprop": ("RMSprop", {"rho": 0.9}, {"rho": 0.9}),
    "adam": ("Adam", {}, {}),
}


@pytest.mark.parametrize("metodo", list(KERAS))
def test_optimizadores_dan_los_pasos_de_keras(cuadratica, metodo):
    """Las mismas reglas que los optimizadores de Keras, aplicadas a la misma pérdida."""
    import keras
    import tensorflow as tf

    clase, opciones_keras, opciones = KERAS[metodo]
    tasa = 0.05
    puntos = trayectoria(cuadratica.gradiente, INICIO, 30, metodo=metodo, tasa=tasa, **opciones)
    w = keras.Variable(np.array(INICIO), dtype="float64")
    optimizador = getattr(keras.optimizers, clase)(learning_rate=tasa, **opciones_keras)
    A = tf.constant(cuadratica.A)
    de_keras = [np.array(INICIO)]
    for _ in range(30):
        with tf.GradientTape() as cinta:
            perdida = 0.5 * tf.tensordot(w, tf.linalg.matvec(A, w), 1)
        optimizador.apply_gradients([(cinta.gradient(perdida, w), w)])
        de_keras.append(w.numpy().copy())
    # Keras guarda sus hiperparámetros en float32 (0.9 es 0.899999976…): coinciden hasta ~1e-6.
    np.testing.assert_allclose(puntos, np.array(de_keras), rtol=1e-5, atol=1e-7)


def test_momento_sale_del_valle_local_y_sgd_no():
    valle = DobleValle(0.3)
    local = valle.minimos[1]
    inicio = (1.9, 1.0)
    sgd = trayectoria(valle.gradiente, inicio, 600, tasa=0.02)
    momento = trayectoria(valle.gradiente, inicio, 300, metodo="momento", tasa=0.02, beta=0.9)
    np.testing.assert_allclose(sgd[-1], local, atol=1e-3)
    np.testing.assert_allclose(momento[-1], valle.minimos[0], atol=1e-2)


def test_un_paso_de_cada_optimizador_a_mano():
    g = np.array([2.0, -4.0])
    w = np.array([1.0, 1.0])
    uno = lambda metodo, **h: trayectoria(lambda _: g, w, 1, metodo=metodo, **h)[1]  # noqa: E731
    np.testing.assert_allclose(uno("sgd", tasa=0.1), w - 0.1 * g)
    np.testing.assert_allclose(uno("momento", tasa=0.1, beta=0.5), w - 0.1 * g)
    # RMSprop: s = 0.1 g²; paso α g / √s = α · signo(g) / √0.1 (con ε despreciable).
    np.testing.assert_allclose(uno("rmsprop", tasa=0.1, rho=0.9), w - 0.1 * np.sign(g) / np.sqrt(0.1), rtol=1e-6)
    # Adam: en el primer paso m̂ = g y v̂ = g², así que avanza α en cada coordenada.
    np.testing.assert_allclose(uno("adam", tasa=0.1), w - 0.1 * np.sign(g), rtol=1e-6)


def test_optimizador_desconocido_o_sin_tasa(cuadratica):
    with pytest.raises(ValueError) as error:
        trayectoria(cuadratica.gradiente, INICIO, 5, metodo="nesterov", tasa=0.1)
    assert str(error.value) == (
        "Optimizador desconocido: 'nesterov'. Los disponibles son 'sgd', 'momento', 'rmsprop', 'adam'."
    )
    with pytest.raises(ValueError, match="^Falta la tasa de aprendizaje"):
        trayectoria(cuadratica.gradiente, INICIO, 5)


def test_calendario_de_la_tasa(cuadratica):
    """Una tasa que depende del paso: cada paso usa la suya."""
    calendario = lambda t: 0.2 / (1 + t)  # noqa: E731
    puntos = trayectoria(cuadratica.gradiente, INICIO, 3, tasa=calendario)
    w = np.array(INICIO)
    for t in range(3):
        w = w - calendario(t) * cuadratica.gradiente(w)
        np.testing.assert_allclose(puntos[t + 1], w)
    with pytest.raises(ValueError, match="La tasa de aprendizaje debe ser un número positivo; recibí -1"):
        trayectoria(cuadratica.gradiente, INICIO, 3, tasa=lambda t: -1)


def test_graficar_trayectorias_juntas(cuadratica):
    trayectorias = {m: trayectoria(cuadratica.gradiente, INICIO, 10, metodo=m, tasa=0.1)
                    for m in ("sgd", "adam")}
    fig = graficar_trayectorias(cuadratica, trayectorias, juntas="Dos optimizadores")
    (eje,) = fig.axes
    assert eje.get_title() == "Dos optimizadores"
    assert [t.get_text() for t in eje.get_legend().get_texts()] == ["sgd", "adam", "inicio", "mínimo"]
    np.testing.assert_allclose(eje.lines[1].get_xydata(), trayectorias["adam"])
