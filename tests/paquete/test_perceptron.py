"""Pruebas del perceptrón: puertas lógicas, regla de Rosenblatt, XOR y figuras."""

import numpy as np
import pytest

from taller_keras import perceptron
from taller_keras.perceptron import (
    cota_novikoff,
    datos_separables,
    datos_xor,
    entrenar_perceptron,
    neurona_mcp,
    paso_rosenblatt,
    tabla_verdad,
)


# --- McCulloch–Pitts ----------------------------------------------------------


@pytest.mark.parametrize(
    "puerta, salidas",
    [("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("NOT", [1, 0]), ("and", [0, 0, 0, 1])],
)
def test_tablas_de_verdad_exactas(puerta, salidas):
    tabla = tabla_verdad(puerta)
    assert tabla["salida"].tolist() == salidas
    entradas = tabla.filter(like="x").to_numpy()
    assert len(tabla) == 2 ** entradas.shape[1]
    if puerta.upper() == "AND":
        assert (tabla["salida"].to_numpy() == (entradas[:, 0] & entradas[:, 1])).all()
    if puerta.upper() == "OR":
        assert (tabla["salida"].to_numpy() == (entradas[:, 0] | entradas[:, 1])).all()
    if puerta.upper() == "NOT":
        assert (tabla["salida"].to_numpy() == 1 - entradas[:, 0]).all()


def test_tabla_columnas():
    tabla = tabla_verdad("OR")
    assert list(tabla.columns) == ["x₁", "x₂", "suma ponderada", "umbral", "salida"]
    assert tabla["suma ponderada"].tolist() == [0, 1, 1, 2]
    assert tabla[["x₁", "x₂"]].to_numpy().tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]


def test_xor_no_es_una_puerta_de_una_neurona():
    with pytest.raises(ValueError) as error:
        tabla_verdad("xor")
    assert str(error.value) == (
        "Puerta desconocida: 'xor'. Las puertas disponibles son AND, OR y NOT. XOR no se puede "
        "calcular con una sola neurona de umbral: ninguna recta separa sus casos."
    )
    with pytest.raises(ValueError, match=r"^Puerta desconocida: 'NAND'\. Las puertas disponibles son AND, OR y NOT\.$"):
        tabla_verdad("NAND")


def test_neurona_mcp_errores():
    with pytest.raises(ValueError) as error:
        neurona_mcp(np.array([[0, 1, 1]]), (1, 1), 2)
    assert str(error.value) == (
        "x debe tener 2 entradas por ejemplo (una por peso), en un vector o en una matriz (n, 2); "
        "recibí la forma (1, 3)."
    )
    with pytest.raises(ValueError) as error:
        neurona_mcp(np.array([0.5, 1]), (1, 1), 2)
    assert str(error.value) == (
        "Las entradas de una neurona de McCulloch–Pitts son binarias: cada valor de x debe ser 0 o 1."
    )
    assert neurona_mcp(np.array([1, 1]), (1, 1), 2) == 1


# --- Rosenblatt ---------------------------------------------------------------


def test_paso_corrige_solo_si_se_equivoca():
    pesos, sesgo = np.array([0.0, 0.0]), 0.0
    x_i = np.array([1.0, 2.0])
    # Con pesos en cero predice 1: si la etiqueta es 1, no cambia nada.
    p, s, corrigio = paso_rosenblatt(pesos, sesgo, x_i, 1, 0.5)
    assert not corrigio and np.array_equal(p, pesos) and s == sesgo
    # Si la etiqueta es 0, resta tasa · x y tasa al sesgo.
    p, s, corrigio = paso_rosenblatt(pesos, sesgo, x_i, 0, 0.5)
    assert corrigio and np.allclose(p, [-0.5, -1.0]) and s == -0.5


@pytest.mark.parametrize("semilla", range(6))
def test_converge_en_datos_separables(semilla):
    x, y = datos_separables(n=50, margen=0.08, semilla=semilla)
    resultado = entrenar_perceptron(x, y, max_epocas=100)
    assert resultado.convergio
    assert 1 <= resultado.epocas <= 30
    assert resultado.errores[-1] == 0 and resultado.errores[0] > 0
    assert np.array_equal(resultado.predecir(x), y)
    # Teorema de Novikoff: las correcciones no pasan de (R/γ)².
    assert resultado.actualizaciones <= cota_novikoff(x, y, (1.0, -2.0), 0.3)
    assert len(resultado.historial) == len(resultado.errores) == resultado.epocas + 1
    assert resultado.ciclo is None
    assert resultado.resumen == (
        f"Convergió en {resultado.epocas} época{'' if resultado.epocas == 1 else 's'} "
        f"({resultado.actualizaciones} correcciones de los pesos): clasifica bien los 50 puntos."
    )


def test_aprende_and_y_or():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    for puerta in ("AND", "OR"):
        y = tabla_verdad(puerta)["salida"].to_numpy()
        resultado = entrenar_perceptron(x, y, tasa=0.1, max_epocas=50)
        assert resultado.convergio
        assert resultado.predecir(x).tolist() == y.tolist()


def test_la_tasa_no_importa_si_se_empieza_en_cero():
    x, y = datos_separables(semilla=3)
    a = entrenar_perceptron(x, y, tasa=1.0)
    b = entrenar_perceptron(x, y, tasa=0.01)
    assert a.epocas == b.epocas and a.actualizaciones == b.actualizaciones
    assert np.allclose(a.pesos * 0.01, b.pesos) and np.isclose(a.sesgo * 0.01, b.sesgo)


def test_xor_no_converge():
    x, y = datos_xor()
    resultado = entrenar_perceptron(x, y, max_epocas=40)
    assert not resultado.convergio
    assert resultado.epocas == 40
    assert min(resultado.errores) >= 1
    assert resultado.resumen == (
        f"No convergió en 40 épocas: con los pesos finales quedan {resultado.errores[-1]} "
        "de 4 puntos mal clasificados."
    )
    inicio, periodo = resultado.ciclo
    assert periodo >= 1 and inicio + periodo <= 40


def test_convergencia_sin_entrenar():
    x = np.array([[1.0, 0.0], [-1.0, 0.0]])
    resultado = entrenar_perceptron(x, np.array([1, 0]), pesos_iniciales=[1.0, 0.0])
    assert resultado.convergio and resultado.epocas == 0
    assert resultado.resumen == (
        "Convergió sin entrenar: los pesos iniciales ya clasifican bien los 2 puntos."
    )


X_BIEN = np.array([[0.0, 1.0], [1.0, 0.0]])
Y_BIEN = np.array([0, 1])


@pytest.mark.parametrize(
    "argumentos, mensaje",
    [
        (dict(x=np.array([1.0, 2.0]), y=Y_BIEN),
         "x debe ser una matriz (n, d) con un ejemplo por fila; recibí la forma (2,)."),
        (dict(x=np.empty((0, 2)), y=np.array([])), "x no tiene ejemplos; hace falta al menos uno."),
        (dict(x=np.array([[np.nan, 1.0], [1.0, 0.0]]), y=Y_BIEN),
         "x contiene valores NaN, infinitos o no numéricos; límpialos o quita esos ejemplos "
         "antes de usarlos."),
        (dict(x=X_BIEN, y=np.array([0, 1, 1])),
         "y debe ser un vector (n,) de etiquetas enteras, una por ejemplo, 2 en total; recibí la "
         "forma (3,)."),
        (dict(x=X_BIEN, y=np.array([-1, 1])),
         "Las etiquetas deben ser enteros entre 0 y 1; encontré -1. Si tus clases son -1 y 1, "
         "conviértelas con (y > 0).astype(int)."),
        (dict(x=X_BIEN, y=np.array([0.0, np.nan])),
         "Las etiquetas deben ser enteros entre 0 y 1; encontré nan. Si tus clases son -1 y 1, "
         "conviértelas con (y > 0).astype(int)."),
        (dict(x=X_BIEN, y=Y_BIEN, tasa=0),
         "La tasa de aprendizaje debe ser un número positivo; recibí 0. Prueba con un valor como 0.1."),
        (dict(x=X_BIEN, y=Y_BIEN, tasa=-0.5),
         "La tasa de aprendizaje debe ser un número positivo; recibí -0.5. Prueba con un valor "
         "como 0.1."),
        (dict(x=X_BIEN, y=Y_BIEN, max_epocas=0),
         "max_epocas debe ser un entero positivo; recibí 0."),
        (dict(x=X_BIEN, y=Y_BIEN, pesos_iniciales=[1.0, 2.0, 3.0]),
         "pesos_iniciales debe tener 2 valores finitos, uno por columna de x; recibí la forma (3,)."),
    ],
)
def test_entrada_invalida(argumentos, mensaje):
    with pytest.raises(ValueError) as error:
        entrenar_perceptron(**argumentos)
    assert str(error.value) == mensaje


def test_cota_rechaza_recta_que_no_separa():
    x, y = datos_separables(semilla=1)
    with pytest.raises(ValueError) as error:
        cota_novikoff(x, y, (-1.0, 2.0), -0.3)
    assert str(error.value) == (
        "La recta dada no separa los datos (algún punto queda del lado equivocado o sobre ella); "
        "la cota de Novikoff sólo vale para datos separables."
    )


def test_datos_separables():
    x, y = datos_separables(n=30, margen=0.1, semilla=5)
    assert x.shape == (30, 2) and y.shape == (30,)
    assert np.abs(x).max() <= 1
    distancia = (x @ np.array([1.0, -2.0]) + 0.3) / np.sqrt(5)
    assert np.abs(distancia).min() >= 0.1
    assert np.array_equal(y, (distancia > 0).astype(int))
    x2, y2 = datos_separables(n=30, margen=0.1, semilla=5)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    with pytest.raises(ValueError, match=r"^margen debe estar entre 0 y 0\.5; recibí 0\.7\.$"):
        datos_separables(margen=0.7)


# --- Figuras ------------------------------------------------------------------


def test_puertas_en_el_plano():
    fig = perceptron.puertas_en_el_plano()
    assert len(fig.axes) == 3
    titulos = [eje.get_title() for eje in fig.axes]
    assert titulos[2] == "XOR: ninguna recta sirve"
    assert titulos[0].startswith("AND") and titulos[1].startswith("OR")
    assert fig.axes[0].get_xlabel() == "$x_1$"


def test_fronteras_por_epoca():
    x, y = datos_separables(n=50, margen=0.08, semilla=4)
    resultado = entrenar_perceptron(x, y)
    fig = perceptron.fronteras_por_epoca(x, y, resultado, columnas=3)
    paneles = resultado.epocas + 1
    filas = -(-paneles // 3)
    assert len(fig.axes) == 3 * filas
    visibles = [eje for eje in fig.axes if eje.axison]
    assert len(visibles) == paneles
    assert visibles[0].get_title() == f"Época 0: {resultado.errores[0]} errores"
    assert visibles[-1].get_title() == f"Época {resultado.epocas}: 0 errores"
    with pytest.raises(ValueError) as error:
        perceptron.fronteras_por_epoca(x, y, resultado, epocas=[0, 99])
    assert str(error.value) == (
        f"Las épocas a dibujar deben estar entre 0 y {resultado.epocas}; recibí [0, 99]."
    )


def test_fronteras_elige_a_lo_mas_ocho_epocas():
    x, y = datos_xor()
    resultado = entrenar_perceptron(x, y, max_epocas=30)
    fig = perceptron.fronteras_por_epoca(x, y, resultado)
    titulos = [eje.get_title() for eje in fig.axes if eje.axison]
    assert len(titulos) == 8
    assert titulos[0].startswith("Época 0:") and titulos[-1].startswith("Época 30:")


def test_errores_por_epoca_y_dispersion():
    x, y = datos_separables(semilla=4)
    xo, yo = datos_xor()
    resultados = {"Separables": entrenar_perceptron(x, y), "XOR": entrenar_perceptron(xo, yo, max_epocas=10)}
    fig = perceptron.errores_por_epoca(resultados)
    (eje,) = fig.axes
    assert eje.get_xlabel() == "Época"
    assert eje.get_ylabel() == "Puntos mal clasificados (%)"
    assert [t.get_text() for t in eje.get_legend().get_texts()] == ["Separables", "XOR"]
    assert np.allclose(eje.lines[1].get_ydata(), 100 * np.array(resultados["XOR"].errores) / 4)
    fig = perceptron.dispersion_clases(x, y)
    assert len(fig.axes) == 1 and fig.axes[0].get_title() == "Datos de entrenamiento"
    with pytest.raises(ValueError, match=r"^Sólo se pueden dibujar datos de dos columnas"):
        perceptron.dispersion_clases(np.zeros((3, 3)), np.array([0, 1, 0]))
