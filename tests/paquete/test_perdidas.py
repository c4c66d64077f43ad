"""Pruebas de las pérdidas: iguales a keras.losses, errores claros y figuras."""

import numpy as np
import pytest

from taller_keras import perdidas
from taller_keras.perdidas import ajustar_recta, entropia_cruzada, mse

import keras  # noqa: E402  (después de taller_keras: TensorFlow en silencio)


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("forma", [(7,), (20, 1), (15, 4)])
def test_mse_igual_a_keras(forma):
    rng = np.random.default_rng(1)
    y, y_est = rng.normal(size=forma), rng.normal(size=forma)
    assert abs(mse(y, y_est) - float(keras.losses.MeanSquaredError()(y, y_est))) < 1e-6
    # Por ejemplo: Keras promedia el último eje; un vector (n,) son n ejemplos de una salida.
    y2, y_est2 = (y[:, None], y_est[:, None]) if y.ndim == 1 else (y, y_est)
    por_keras = keras.ops.convert_to_numpy(keras.losses.mean_squared_error(y2, y_est2))
    np.testing.assert_allclose(mse(y, y_est, por_ejemplo=True), por_keras, atol=1e-6)


def test_mse_a_mano():
    assert mse([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]) == pytest.approx(4 / 3)
    assert mse(np.zeros(4), np.zeros(4)) == 0.0


@pytest.mark.parametrize("n, clases", [(1, 2), (8, 3), (64, 10)])
def test_entropia_cruzada_igual_a_keras(n, clases):
    rng = np.random.default_rng(n)
    p = _softmax(3 * rng.normal(size=(n, clases)))
    y = rng.integers(0, clases, size=n)
    uno = np.eye(clases)[y]
    ec_enteras = entropia_cruzada(y, p)
    assert ec_enteras == pytest.approx(entropia_cruzada(uno, p), abs=1e-12)
    assert abs(ec_enteras - float(keras.losses.SparseCategoricalCrossentropy()(y, p))) < 1e-6
    assert abs(ec_enteras - float(keras.losses.CategoricalCrossentropy()(uno, p))) < 1e-6
    por_ejemplo = entropia_cruzada(y, p, por_ejemplo=True)
    np.testing.assert_allclose(por_ejemplo, -np.log(p[np.arange(n), y]), rtol=1e-6)


def test_entropia_cruzada_recorta_como_keras():
    p = np.array([[1.0, 0.0], [0.0, 1.0]])
    y = np.array([1, 1])
    esperado = float(keras.losses.SparseCategoricalCrossentropy()(y, p))
    assert abs(entropia_cruzada(y, p) - esperado) < 1e-6
    assert np.isfinite(entropia_cruzada(y, p))


def test_ajustar_recta():
    rng = np.random.default_rng(0)
    x = rng.uniform(-3, 3, 200)
    y = 1.5 * x - 0.7 + rng.normal(0, 0.3, 200)
    a, b = ajustar_recta(x, y)
    a_np, b_np = np.polyfit(x, y, 1)
    assert a == pytest.approx(a_np, rel=1e-10) and b == pytest.approx(b_np, rel=1e-10)
    # Es el mínimo: moverse en cualquier dirección aumenta el MSE.
    base = mse(y, a * x + b)
    for da, db in [(1e-3, 0), (-1e-3, 0), (0, 1e-3), (0, -1e-3)]:
        assert mse(y, (a + da) * x + b + db) > base
    assert ajustar_recta([0, 1, 2], [1, 3, 5]) == pytest.approx((2.0, 1.0))


P_BIEN = np.array([[0.2, 0.8], [0.6, 0.4]])


@pytest.mark.parametrize(
    "funcion, argumentos, mensaje",
    [
        (mse, ([1.0, 2.0, 3.0], [[1.0], [2.0], [3.0]]),
         "y y y_estimada deben tener la misma forma; recibí (3,) y (3, 1). Compara cada valor "
         "correcto con su estimación: (n,) y (n, 1) no son la misma forma."),
        (mse, ([1.0, np.nan], [1.0, 2.0]),
         "y contiene NaN o valores infinitos; revisa los datos o la salida de la red."),
        (mse, ([1.0, 2.0], [np.inf, 2.0]),
         "y_estimada contiene NaN o valores infinitos; revisa los datos o la salida de la red."),
        (mse, ([], []), "y está vacío; hace falta al menos un ejemplo."),
        (mse, (["a", "b"], [1.0, 2.0]), "y debe contener números; recibí dtype <U1."),
        (entropia_cruzada, ([0, 1], np.array([0.2, 0.8])),
         "probabilidades debe ser una matriz (n, clases) con una fila por ejemplo, como la que "
         "devuelve model.predict(...); recibí la forma (2,)."),
        (entropia_cruzada, ([0, 1], np.array([[0.2, np.nan], [0.6, 0.4]])),
         "probabilidades contiene NaN o valores infinitos; revisa los datos o la salida de la red."),
        (entropia_cruzada, ([0, 1], np.array([[-1.5, 2.5], [3.0, -2.0]])),
         "Las probabilidades deben estar entre 0 y 1; encontré valores de -2 a 3. ¿Olvidaste "
         "aplicar softmax a la salida de la red?"),
        (entropia_cruzada, ([0, 1], np.array([[0.2, 0.8], [0.3, 0.3]])),
         "Cada fila de probabilidades debe sumar 1; la fila 1 suma 0.6. Aplica softmax a la "
         "salida de la red (activation='softmax')."),
        (entropia_cruzada, ([0, 1, 1], P_BIEN),
         "y debe ser un vector (n,) de etiquetas enteras, una por ejemplo, 2 en total; recibí la "
         "forma (3,)."),
        (entropia_cruzada, ([0, 2], P_BIEN),
         "Las etiquetas deben ser enteros entre 0 y 1; encontré 2."),
        (entropia_cruzada, ([-1, 0.5], P_BIEN),
         "Las etiquetas deben ser enteros entre 0 y 1; encontré -1, 0.5."),
        (entropia_cruzada, ([np.nan, 1], P_BIEN),
         "Las etiquetas deben ser enteros entre 0 y 1; encontré nan."),
        (entropia_cruzada, (np.ones((2, 3)) / 3, P_BIEN),
         "y debe ser un vector (n,) de clases enteras o una matriz (2, 2) one-hot, con la forma de "
         "probabilidades; recibí la forma (2, 3)."),
        (entropia_cruzada, (np.array([[1.0, 0.0], [2.0, -1.0]]), P_BIEN),
         "Cada fila de y debe ser one-hot (valores entre 0 y 1 que suman 1); la fila 1 no lo es. "
         "Para etiquetas enteras pasa un vector (n,)."),
        (ajustar_recta, ([1.0, 1.0, 1.0], [0.0, 1.0, 2.0]),
         "Todos los valores de x son iguales: hay infinitas rectas con el mismo error. Hacen falta "
         "al menos dos valores distintos de x."),
        (ajustar_recta, ([1.0, 2.0], [0.0, 1.0, 2.0]),
         "x y y deben ser vectores (n,) del mismo largo; recibí (2,) y (3,)."),
        (ajustar_recta, ([1.0, np.nan], [0.0, 1.0]),
         "x contiene NaN o valores infinitos; revisa los datos o la salida de la red."),
    ],
)
def test_entrada_invalida(funcion, argumentos, mensaje):
    with pytest.raises(ValueError) as error:
        funcion(*argumentos)
    assert str(error.value) == mensaje


# --- Figuras ------------------------------------------------------------------


def test_comparar_perdidas():
    fig = perdidas.comparar_perdidas()
    eje1, eje2 = fig.axes
    assert eje1.get_ylabel() == "Pérdida"
    assert eje2.get_ylabel() == "Tamaño del gradiente $|\\partial L / \\partial z|$"
    assert eje1.get_xlabel() == "Probabilidad asignada a la clase correcta, $p$"
    p, ec = eje1.lines[0].get_data()
    np.testing.assert_allclose(ec, -np.log(p))
    np.testing.assert_allclose(eje1.lines[1].get_ydata(), (1 - p) ** 2)
    # Los tamaños de gradiente dibujados coinciden con diferencias finitas respecto a z.
    z = np.log(p / (1 - p))
    h = 1e-6
    sig = lambda t: 1 / (1 + np.exp(-t))  # noqa: E731
    d_ec = (-np.log(sig(z + h)) + np.log(sig(z - h))) / (2 * h)
    d_mse = ((1 - sig(z + h)) ** 2 - (1 - sig(z - h)) ** 2) / (2 * h)
    np.testing.assert_allclose(eje2.lines[0].get_ydata(), np.abs(d_ec), atol=1e-6)
    np.testing.assert_allclose(eje2.lines[1].get_ydata(), np.abs(d_mse), atol=1e-6)


def test_recta_y_mse():
    x = np.linspace(0, 1, 20)
    y = 2 * x + 1 + 0.1 * np.sin(13 * x)
    a, b = ajustar_recta(x, y)
    fig = perdidas.recta_y_mse(x, y, a, b)
    eje1, eje2 = fig.axes
    assert eje1.get_title() == "Recta ajustada" and eje1.get_xlabel() == "$x$"
    assert eje2.get_ylabel() == "MSE"
    pendientes, errores = eje2.lines[0].get_data()
    assert pendientes[np.argmin(errores)] == pytest.approx(a, abs=0.02)
    fig = perdidas.recta_y_mse(x, y, a, b, nombre_x="IMC", nombre_y="Avance")
    assert (fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()) == ("IMC", "Avance")
