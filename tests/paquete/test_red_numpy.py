"""Pruebas de la red de dos capas en NumPy: gradientes, entrenamiento, errores y figuras."""

import numpy as np
import pytest

from taller_keras import red_numpy as rn

X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y_XOR = np.array([0, 1, 1, 0])


def datos_aleatorios(n=9, entradas=3, clases=3, semilla=0):
    rng = np.random.default_rng(semilla)
    return rng.normal(size=(n, entradas)), rng.integers(0, clases, size=n)


def maximo(errores):
    return max(errores.values())


# --- Gradientes ---------------------------------------------------------------


@pytest.mark.parametrize("oculta", ["tanh", "sigmoide", "relu"])
@pytest.mark.parametrize("salidas", [1, 3])
def test_retropropagacion_igual_a_diferencias_finitas(oculta, salidas):
    X, y = datos_aleatorios(clases=max(2, salidas))
    red = rn.RedDensa((3, 5, salidas), oculta=oculta, semilla=1)
    _, exacto = red.gradientes(X, y)
    aproximado = rn.gradiente_numerico(red, X, y)
    assert maximo(rn.error_relativo(exacto, aproximado)) < 1e-6


@pytest.mark.parametrize("salidas", [1, 3])
def test_retropropagacion_igual_a_gradient_tape(salidas):
    X, y = datos_aleatorios(clases=max(2, salidas))
    red = rn.RedDensa((3, 4, salidas), oculta="tanh", semilla=2)
    perdida, exacto = red.gradientes(X, y)
    assert maximo(rn.error_relativo(exacto, rn.gradiente_tensorflow(red, X, y))) < 1e-12
    assert perdida == pytest.approx(red.perdida(X, y))


@pytest.mark.parametrize("capas", [(3, 2), (3, 5, 4, 1), (3, 4, 6, 5, 3)])
def test_cualquier_profundidad(capas):
    X, y = datos_aleatorios(clases=max(2, capas[-1]), semilla=4)
    red = rn.RedDensa(capas, oculta="tanh", semilla=3)
    assert red.profundidad == len(capas) - 1
    assert list(red.parametros) == [f"{p}{l}" for l in range(1, len(capas)) for p in "Wb"]
    assert red.numero_parametros() == sum(a * b + b for a, b in zip(capas, capas[1:]))
    perdida, exacto = red.gradientes(X, y)
    assert maximo(rn.error_relativo(exacto, rn.gradiente_numerico(red, X, y))) < 1e-6
    assert maximo(rn.error_relativo(exacto, rn.gradiente_tensorflow(red, X, y))) < 1e-12
    assert perdida == pytest.approx(red.perdida(X, y))


def test_sin_capa_oculta_es_regresion_logistica():
    red = rn.RedDensa((2, 1), semilla=0)
    W, b = red.parametros["W1"], red.parametros["b1"]
    esperado = 1 / (1 + np.exp(-(X_XOR @ W + b)))
    np.testing.assert_allclose(red.probabilidades(X_XOR), esperado[:, 0])


def test_pesos_iniciales_del_generador_del_curso():
    from taller_keras.azar import Azar

    red = rn.RedDensa((2, 3, 1), semilla=5)
    azar = Azar(5)
    np.testing.assert_array_equal(red.parametros["W1"], azar.normales((2, 3), 1 / np.sqrt(2)))
    np.testing.assert_array_equal(red.parametros["W2"], azar.normales((3, 1), 1 / np.sqrt(3)))
    np.testing.assert_array_equal(red.parametros["b1"], np.zeros(3))


def test_gradiente_numerico_deja_la_red_intacta():
    red = rn.RedDensa((2, 3, 1), semilla=0)
    antes = {k: v.copy() for k, v in red.parametros.items()}
    rn.gradiente_numerico(red, X_XOR, Y_XOR)
    for k in antes:
        np.testing.assert_array_equal(red.parametros[k], antes[k])


def test_perdida_es_la_entropia_cruzada():
    red = rn.RedDensa((2, 3, 1), semilla=0)
    p = red.probabilidades(X_XOR)
    esperado = -np.mean(Y_XOR * np.log(p) + (1 - Y_XOR) * np.log(1 - p))
    assert red.perdida(X_XOR, Y_XOR) == pytest.approx(esperado, rel=1e-12)
    assert red.numero_parametros() == 2 * 3 + 3 + 3 * 1 + 1


def test_error_relativo():
    a = {"W": np.array([3.0, 4.0])}
    b = {"W": np.array([3.0, 4.5])}
    assert rn.error_relativo(a, b)["W"] == pytest.approx(0.5 / np.hypot(3.0, 4.5))
    assert rn.error_relativo({"b": np.zeros(2)}, {"b": np.zeros(2)}) == {"b": 0.0}
    with pytest.raises(ValueError, match="mismos parámetros"):
        rn.error_relativo(a, {"V": np.zeros(2)})


# --- Entrenamiento ---------------------------------------------------------------


def test_resuelve_xor():
    red = rn.RedDensa((2, 4, 1), oculta="tanh", semilla=0)
    historial = red.entrenar(X_XOR, Y_XOR, tasa=0.5, epocas=1000)
    np.testing.assert_array_equal(red.predecir(X_XOR), Y_XOR)
    assert red.exactitud(X_XOR, Y_XOR) == 1.0
    assert len(historial) == 1000
    assert historial[-1] < 0.05 < np.log(2) - 0.05 < historial[0]


def test_minilotes_tambien_aprenden_y_son_reproducibles():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    resultados = []
    for _ in range(2):
        red = rn.RedDensa((2, 8, 1), semilla=3)
        resultados.append(red.entrenar(X, y, tasa=0.5, epocas=150, lote=10, semilla=4))
    assert resultados[0] == resultados[1]
    assert resultados[0][-1] < 0.5 * resultados[0][0]


def test_un_paso_de_lote_completo_es_descenso_de_gradiente():
    red = rn.RedDensa((2, 3, 1), semilla=5)
    antes = {k: v.copy() for k, v in red.parametros.items()}
    _, grads = red.gradientes(X_XOR, Y_XOR)
    red.entrenar(X_XOR, Y_XOR, tasa=0.1, epocas=1)
    for k in antes:
        np.testing.assert_allclose(red.parametros[k], antes[k] - 0.1 * grads[k])


def test_softmax_varias_clases():
    X, y = datos_aleatorios(n=30, entradas=2, clases=3, semilla=1)
    red = rn.RedDensa((2, 10, 3), semilla=0)
    P = red.probabilidades(X)
    assert P.shape == (30, 3)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    red.entrenar(X, y, tasa=1.0, epocas=400)
    assert red.exactitud(X, y) >= 0.8


# --- Entradas incorrectas ------------------------------------------------------------


def test_formas_que_no_cuadran():
    red = rn.RedDensa((2, 3, 1))
    with pytest.raises(ValueError) as error:
        red.gradientes(X_XOR, Y_XOR[:3])
    assert str(error.value) == (
        "y debe ser un vector (n,) de etiquetas enteras, una por ejemplo, 4 en total; recibí la "
        "forma (3,)."
    )
    with pytest.raises(ValueError) as error:
        red.perdida(np.zeros((4, 3)), Y_XOR)
    assert str(error.value) == (
        "X debe ser una matriz (n, 2) con un ejemplo por fila; recibí la forma (4, 3)."
    )


def test_nan_en_x():
    red = rn.RedDensa((2, 3, 1))
    X = X_XOR.copy()
    X[1, 0] = np.nan
    with pytest.raises(ValueError) as error:
        red.entrenar(X, Y_XOR, tasa=0.1, epocas=1)
    assert str(error.value) == (
        "X contiene valores NaN, infinitos o no numéricos; límpialos o quita esos ejemplos antes "
        "de usarlos."
    )


def test_etiquetas_fuera_de_rango():
    with pytest.raises(ValueError) as error:
        rn.RedDensa((2, 3, 1)).gradientes(X_XOR, np.array([0, 1, 2, 0]))
    assert str(error.value) == "Las etiquetas deben ser enteros entre 0 y 1; encontré 2."
    with pytest.raises(ValueError, match="entre 0 y 2; encontré -1."):
        rn.RedDensa((2, 3, 3)).perdida(X_XOR, np.array([0, 1, -1, 0]))
    with pytest.raises(ValueError, match="Las etiquetas deben ser enteros entre 0 y 1; encontré 0.5."):
        rn.RedDensa((2, 3, 1)).perdida(X_XOR, np.array([0.0, 0.5, 1.0, 0.0]))


@pytest.mark.parametrize("tasa", [0, -0.1, np.nan, "0.1"])
def test_tasa_no_positiva(tasa):
    with pytest.raises(ValueError) as error:
        rn.RedDensa((2, 3, 1)).entrenar(X_XOR, Y_XOR, tasa=tasa, epocas=5)
    assert str(error.value) == (
        f"La tasa de aprendizaje debe ser un número positivo; recibí {tasa!r}. "
        "Prueba con un valor como 0.1."
    )


def test_lote_epocas_y_arquitectura_invalidos():
    red = rn.RedDensa((2, 3, 1))
    with pytest.raises(ValueError) as error:
        red.entrenar(X_XOR, Y_XOR, tasa=0.1, epocas=5, lote=10)
    assert str(error.value) == (
        "lote debe ser un entero entre 1 y 4 (el número de ejemplos), o None para usar el lote "
        "completo; recibí 10."
    )
    with pytest.raises(ValueError, match="epocas debe ser un entero positivo; recibí 0"):
        red.entrenar(X_XOR, Y_XOR, tasa=0.1, epocas=0)
    with pytest.raises(ValueError, match=r"^cada capa debe ser un entero positivo \(número de neuronas\); recibí 0\.$"):
        rn.RedDensa((2, 0, 1))
    with pytest.raises(ValueError, match=r"^capas debe tener al menos dos números"):
        rn.RedDensa((2,))
    with pytest.raises(ValueError, match="Activación desconocida"):
        rn.RedDensa((2, 3, 1), oculta="seno")
    with pytest.raises(ValueError, match="El paso h debe ser un número positivo"):
        rn.gradiente_numerico(red, X_XOR, Y_XOR, h=0)


# --- Figuras ---------------------------------------------------------------------


def test_graficar_regiones():
    red = rn.RedDensa((2, 4, 1), semilla=0)
    red.entrenar(X_XOR, Y_XOR, tasa=0.5, epocas=1000)
    fig = rn.graficar_regiones({"NumPy": red.probabilidades, "Constante": lambda P: np.zeros(len(P))},
                               X_XOR, Y_XOR, resolucion=50)
    izquierda, derecha = fig.axes
    assert izquierda.get_title() == "NumPy"
    assert derecha.get_title() == "Constante"
    assert izquierda.get_xlabel() == "$x_1$" and izquierda.get_ylabel() == "$x_2$"
    assert [t.get_text() for t in derecha.get_legend().get_texts()] == ["clase 0", "clase 1"]
    with pytest.raises(ValueError, match=r"dos columnas \(x₁, x₂\); recibí la forma \(4, 3\)"):
        rn.graficar_regiones(red.probabilidades, np.zeros((4, 3)), Y_XOR)


def test_graficar_perdida_y_error_vs_paso():
    fig = rn.graficar_perdida({"Lote completo": [1.0, 0.5, 0.2], "Minilotes": [0.9, 0.3, 0.1]})
    (eje,) = fig.axes
    assert eje.get_yscale() == "log"
    assert eje.get_xlabel() == "Época"
    assert eje.get_ylabel() == "Pérdida (entropía cruzada)"
    np.testing.assert_array_equal(eje.lines[1].get_ydata(), [0.9, 0.3, 0.1])
    assert eje.yaxis.get_minor_formatter().format_ticks([0.3]) == ["0.3"]  # una década: rótulos menores
    # Muchas décadas (una tasa que diverge junto a una que converge): solo las marcas mayores.
    fig = rn.graficar_perdida({"α = 30": [0.6, 80.0, 20.0], "α = 3": [0.3, 0.01, 0.0004]})
    assert fig.axes[0].yaxis.get_minor_formatter().format_ticks([0.3, 3.0]) == ["", ""]
    fig = rn.graficar_error_vs_paso([1e-1, 1e-3, 1e-5], [1e-2, 1e-6, 1e-10])
    assert fig.axes[0].get_xlabel() == "Paso h de las diferencias finitas"
    with pytest.raises(ValueError, match="misma longitud"):
        rn.graficar_error_vs_paso([1e-1, 1e-2], [1e-3])


def test_esquema_red():
    fig = rn.esquema_red((2, 4, 1))
    (eje,) = fig.axes
    assert len(eje.patches) == 7  # una neurona por círculo
    assert len(eje.lines) == 2 * 4 + 4 * 1  # un peso por línea
    textos = [t.get_text() for t in eje.texts]
    assert {"Entrada", "Capa oculta", "Salida"} <= set(textos)
    with pytest.raises(ValueError, match="capas debe dar el número de neuronas"):
        rn.esquema_red((3,))


def test_juicio_gradiente():
    assert rn.juicio_gradiente(3e-10).startswith("excelente")
    assert rn.juicio_gradiente(2e-6).startswith("aceptable sólo si la red tiene funciones con picos")
    assert rn.juicio_gradiente(5e-3).startswith("sospechoso")
    assert rn.juicio_gradiente(0.3) == "casi seguro hay un error en la retropropagación"
    with pytest.raises(ValueError, match="no negativo"):
        rn.juicio_gradiente(-1.0)
