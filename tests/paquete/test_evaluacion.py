"""Pruebas de la evaluación: curvas, matriz de confusión, errores, probabilidades y tablas."""

import matplotlib.colors as mcolors
import numpy as np
import pytest

from taller_keras import evaluacion
from taller_keras.datos import a_one_hot, aplanar, cargar_mnist, escalar
from taller_keras.entorno import fijar_semillas
from taller_keras.figuras import AZUL, NARANJA
from taller_keras.modelos import construir_mlp


@pytest.fixture(scope="module")
def muestra():
    return cargar_mnist("muestra")


@pytest.fixture(scope="module")
def prueba(muestra):
    """20 dígitos de prueba con probabilidades inventadas: 3 errores conocidos."""
    _, (x, y) = muestra
    x, y = x[:20], y[:20]
    p = np.full((20, 10), 0.01)
    p[np.arange(20), y] = 0.91
    # Errores en las posiciones 3, 7 y 11 con confianzas 0.6, 0.9 y 0.8.
    for i, confianza in ((3, 0.6), (7, 0.9), (11, 0.8)):
        equivocado = (y[i] + 1) % 10
        p[i] = (1 - confianza) / 9
        p[i, equivocado] = confianza
    return x, y, p


HISTORIA = {
    "loss": [0.9, 0.5, 0.3, 0.2],
    "accuracy": [0.7, 0.85, 0.9, 0.95],
    "val_loss": [0.6, 0.45, 0.4, 0.42],
    "val_accuracy": [0.8, 0.86, 0.88, 0.88],
}


# --- Curvas -------------------------------------------------------------------


def test_curvas_desde_un_diccionario():
    fig = evaluacion.curvas_entrenamiento(HISTORIA)
    perdida, precision = fig.axes
    assert [perdida.get_title(), precision.get_title()] == ["Pérdida", "Exactitud"]
    assert perdida.get_xlabel() == precision.get_xlabel() == "Época"
    assert [t.get_text() for t in perdida.get_legend().get_texts()] == ["Entrenamiento", "Validación"]
    entrenamiento, validacion = perdida.get_lines()
    assert list(entrenamiento.get_xdata()) == [1, 2, 3, 4]
    assert list(validacion.get_ydata()) == HISTORIA["val_loss"]
    assert list(precision.get_lines()[0].get_ydata()) == HISTORIA["accuracy"]


def test_curvas_con_epoca_marcada():
    fig = evaluacion.curvas_entrenamiento(HISTORIA, epoca_marcada=3)
    leyenda = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert leyenda == ["Entrenamiento", "Validación", "Época 3"]
    assert list(fig.axes[1].get_lines()[-1].get_xdata()) == [3, 3]


def test_curvas_desde_un_history_real(muestra):
    (x, y), _ = muestra
    fijar_semillas()
    modelo = construir_mlp(unidades=16)
    historia = modelo.fit(aplanar(escalar(x[:200])), a_one_hot(y[:200]), epochs=2,
                          validation_split=0.2, verbose=0)
    fig = evaluacion.curvas_entrenamiento(historia)
    assert len(fig.axes) == 2
    assert list(fig.axes[0].get_lines()[1].get_ydata()) == pytest.approx(historia.history["val_loss"])


def test_curvas_sin_validacion_dibuja_solo_entrenamiento():
    fig = evaluacion.curvas_entrenamiento({"loss": [1.0, 0.5], "accuracy": [0.5, 0.7]})
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Entrenamiento"]


@pytest.mark.parametrize(
    ("historia", "mensaje"),
    [
        ([0.5, 0.4], "historia debe ser lo que devuelve model.fit(...) o un diccionario como "
                     "historia.history; recibí list."),
        ({"loss": [0.5]}, "A la historia le falta la serie 'accuracy' (tiene ['loss']). "
                          "Compila el modelo con metrics=['accuracy']."),
        ({"loss": [0.5, 0.4], "accuracy": [0.8]}, "Todas las series de la historia deben tener el "
                                                  "mismo número de épocas; encontré longitudes [1, 2]."),
        ({"loss": [], "accuracy": []}, "La historia está vacía: entrena al menos una época."),
    ],
)
def test_curvas_rechazan_historias_invalidas(historia, mensaje):
    with pytest.raises(ValueError) as error:
        evaluacion.curvas_entrenamiento(historia)
    assert str(error.value) == mensaje


def test_curvas_rechazan_epoca_fuera_de_rango():
    with pytest.raises(ValueError) as error:
        evaluacion.curvas_entrenamiento(HISTORIA, epoca_marcada=0)
    assert str(error.value) == (
        "epoca_marcada debe ser un entero entre 1 y 4 (las épocas se cuentan desde 1); recibí 0."
    )


# --- Matriz de confusión ----------------------------------------------------------


def test_matriz_de_confusion_cuenta_bien():
    verdadero = np.array([0, 0, 1, 1, 1, 7, 7, 9])
    predicho = np.array([0, 6, 1, 7, 7, 7, 1, 9])
    matriz = evaluacion.matriz_confusion(verdadero, predicho)
    assert matriz.shape == (10, 10)
    assert matriz.sum() == 8 and np.trace(matriz) == 4
    assert matriz[1, 7] == 2 and matriz[0, 6] == 1 and matriz[7, 1] == 1
    assert evaluacion.pares_confundidos(verdadero, predicho, n=5) == [(1, 7, 2), (0, 6, 1), (7, 1, 1)]


def test_grafica_matriz_de_confusion(prueba):
    _, y, p = prueba
    fig = evaluacion.grafica_matriz_confusion(y, p.argmax(axis=1))
    eje, barra = fig.axes
    assert eje.get_title() == "Matriz de confusión"
    assert eje.get_xlabel() == "Dígito predicho"
    assert eje.get_ylabel() == "Dígito verdadero"
    assert barra.get_ylabel() == "Número de imágenes"
    np.testing.assert_array_equal(eje.images[0].get_array(),
                                  evaluacion.matriz_confusion(y, p.argmax(axis=1)))
    assert len(eje.texts) == 100


def test_matriz_rechaza_longitudes_distintas():
    with pytest.raises(ValueError) as error:
        evaluacion.matriz_confusion(np.arange(5), np.arange(4))
    assert str(error.value) == (
        "y_verdadero y y_predicho deben tener la misma longitud (uno por imagen); recibí 5 y 4."
    )


def test_matriz_rechaza_etiquetas_one_hot(muestra):
    (_, y), _ = muestra
    with pytest.raises(ValueError) as error:
        evaluacion.matriz_confusion(a_one_hot(y[:5]), y[:5])
    assert str(error.value) == (
        "y_verdadero debe ser un vector (n,) de etiquetas enteras, una por ejemplo; recibí la "
        "forma (5, 10). Si es one-hot, conviértelo con y.argmax(axis=1)."
    )


def test_matriz_rechaza_digitos_fuera_de_rango():
    with pytest.raises(ValueError, match="^Las etiquetas deben ser enteros entre 0 y 9; encontré 10.$"):
        evaluacion.matriz_confusion(np.array([0, 1]), np.array([0, 10]))


# --- Errores y probabilidades ---------------------------------------------------


def test_galeria_de_errores_ordenada_por_confianza(prueba):
    x, y, p = prueba
    fig = evaluacion.galeria_errores(x, y, p)
    titulos = [eje.get_title() for eje in fig.axes]
    assert len(titulos) == 3  # tres errores, una fila
    esperados = [f"real {y[i]}\npred. {(y[i] + 1) % 10} ({c}\u00a0%)"
                 for i, c in ((7, "90.0"), (11, "80.0"), (3, "60.0"))]
    assert titulos == esperados
    np.testing.assert_array_equal(fig.axes[0].images[0].get_array(), x[7])


def test_galeria_acepta_vectores_aplanados_y_limita(prueba):
    x, y, p = prueba
    fig = evaluacion.galeria_errores(aplanar(escalar(x)), y, p, maximo=2, columnas=5)
    assert len(fig.axes) == 2
    assert fig.axes[0].images[0].get_array().shape == (28, 28)


def test_galeria_sin_errores(prueba):
    x, y, _ = prueba
    fig = evaluacion.galeria_errores(x, y, a_one_hot(y))
    assert fig.axes[0].texts[0].get_text() == "Ningún error: todas las imágenes se clasificaron bien."


def test_galeria_rechaza_imagenes_con_forma_equivocada(prueba):
    x, y, p = prueba
    with pytest.raises(ValueError) as error:
        evaluacion.galeria_errores(x[:, :, :27], y, p)
    assert str(error.value) == (
        "imagenes debe tener forma (n, 28, 28) o (n, 784); recibí la forma (20, 28, 27)."
    )


def test_galeria_rechaza_etiquetas_que_no_cuadran(prueba):
    x, y, p = prueba
    with pytest.raises(ValueError) as error:
        evaluacion.galeria_errores(x, y[:19], p)
    assert str(error.value) == (
        "imagenes y y_verdadero deben tener la misma longitud (uno por imagen); recibí 20 y 19."
    )


def test_barras_de_probabilidades(prueba):
    x, y, p = prueba
    fig = evaluacion.barras_probabilidades(x[[0, 7]], y[[0, 7]], p[[0, 7]])
    assert len(fig.axes) == 4  # dos imágenes arriba, dos gráficas de barras abajo
    imagen_0, imagen_7, barras_0, barras_7 = fig.axes
    assert imagen_0.get_title() == f"Real: {y[0]}"
    assert barras_0.get_title() == f"Predicción: {y[0]} (91.0\u00a0%)"
    assert barras_0.get_ylabel() == "Probabilidad" and barras_0.get_xlabel() == "Dígito"
    alturas = [barra.get_height() for barra in barras_7.patches]
    np.testing.assert_allclose(alturas, p[7])
    # Acierto en azul, error en naranja; las demás barras en gris.
    assert mcolors.to_hex(barras_0.patches[y[0]].get_facecolor()) == AZUL
    equivocado = (y[7] + 1) % 10
    assert mcolors.to_hex(barras_7.patches[equivocado].get_facecolor()) == NARANJA
    assert mcolors.to_hex(barras_7.patches[y[7]].get_facecolor()) == evaluacion.GRIS


def test_barras_rechazan_demasiadas_imagenes(muestra):
    _, (x, y) = muestra
    with pytest.raises(ValueError) as error:
        evaluacion.barras_probabilidades(x[:11], y[:11], a_one_hot(y[:11]))
    assert str(error.value) == (
        "barras_probabilidades muestra de 1 a 10 imágenes; recibí 11. "
        "Elige unas cuantas, por ejemplo x[:5]."
    )


@pytest.mark.parametrize(
    ("probabilidades", "mensaje"),
    [
        (np.full((3, 9), 1 / 9), "probabilidades debe ser una matriz (n, 10) con una fila por ejemplo, "
                                 "como la que devuelve model.predict(...); recibí la forma (3, 9)."),
        (np.full((2, 10), 0.1), "Hay 2 filas de probabilidades y 3 ejemplos; deben corresponder una a una."),
        (np.array([[0.2] * 10] * 3), "Cada fila de probabilidades debe sumar 1; la fila 0 suma 2. "
                                     "Aplica softmax a la salida de la red (activation='softmax')."),
        (np.array([[-0.1, 0.3] + [0.1] * 8] * 3), "Las probabilidades deben estar entre 0 y 1; encontré "
                                                  "valores de -0.1 a 0.3. ¿Olvidaste aplicar softmax a "
                                                  "la salida de la red?"),
    ],
)
def test_probabilidades_invalidas(prueba, probabilidades, mensaje):
    x, y, _ = prueba
    with pytest.raises(ValueError) as error:
        evaluacion.barras_probabilidades(x[:3], y[:3], probabilidades)
    assert str(error.value) == mensaje


# --- Tabla y gráfica de una búsqueda ------------------------------------------------


RESULTADOS = [
    {"tasa_aprendizaje": 1e-3, "unidades": 512, "lote": 128, "abandono": 0.0, "exactitud_val": 0.92},
    {"tasa_aprendizaje": 3e-3, "unidades": 256, "lote": 32, "abandono": 0.3, "exactitud_val": 0.95},
    {"tasa_aprendizaje": 3e-4, "unidades": 128, "lote": 128, "abandono": 0.3, "exactitud_val": 0.90},
]


def test_tabla_de_resultados_ordenada():
    tabla = evaluacion.tabla_resultados(RESULTADOS)
    assert list(tabla.columns) == ["prueba", "tasa de aprendizaje", "unidades", "lote", "abandono",
                                   "exactitud (validación)"]
    assert tabla.index.name == "puesto" and list(tabla.index) == [1, 2, 3]
    assert list(tabla["prueba"]) == [2, 1, 3]
    assert list(tabla["exactitud (validación)"]) == [0.95, 0.92, 0.90]


@pytest.mark.parametrize(
    ("resultados", "mensaje"),
    [
        ([], "resultados debe ser una lista no vacía de diccionarios, uno por configuración probada."),
        ([{"unidades": 8}], "Los resultados no tienen la métrica 'exactitud_val' para ordenarlos; "
                            "claves: ['unidades']."),
        ([{"unidades": 8, "exactitud_val": 0.9}, {"unidades": 8}],
         "Todos los resultados deben tener las mismas claves; el 2.º tiene ['unidades'] y el primero "
         "['exactitud_val', 'unidades']."),
    ],
)
def test_tabla_rechaza_resultados_invalidos(resultados, mensaje):
    with pytest.raises(ValueError) as error:
        evaluacion.tabla_resultados(resultados)
    assert str(error.value) == mensaje


def test_grafica_de_busqueda():
    fig = evaluacion.grafica_busqueda(evaluacion.tabla_resultados(RESULTADOS))
    assert [eje.get_xlabel() for eje in fig.axes] == ["Tasa de aprendizaje", "Unidades", "Lote", "Abandono"]
    assert fig.axes[0].get_ylabel() == "Exactitud de validación (%)"
    assert [t.get_text() for t in fig.axes[1].get_xticklabels()] == ["128", "256", "512"]
    otros, mejor = fig.axes[1].collections
    assert mejor.get_offsets()[0][1] == pytest.approx(95.0)
    assert sorted(otros.get_offsets()[:, 1]) == pytest.approx([90.0, 92.0])


def test_grafica_de_busqueda_pide_la_tabla_correcta():
    import pandas as pd

    with pytest.raises(ValueError) as error:
        evaluacion.grafica_busqueda(pd.DataFrame({"unidades": [8]}))
    assert str(error.value) == (
        "La tabla no tiene la columna 'tasa_aprendizaje'; usa la tabla que devuelve tabla_resultados(...)."
    )


# --- Frases, informe por clase, fiabilidad y plantillas --------------------------------------


def test_frase_errores_para_cualquier_resultado():
    y = np.array([4, 4, 9, 9, 3, 3, 5])
    assert evaluacion.frase_errores(y, y) == "La red no se equivocó en ninguna imagen."
    assert evaluacion.frase_errores(y, np.array([9, 9, 9, 9, 3, 3, 5])) == (
        "De los 2 errores, la confusión más repetida fue tomar un 4 por un 9 (2 veces)."
    )
    empate = np.array([9, 4, 4, 9, 5, 3, 3])
    assert evaluacion.frase_errores(y, empate) == (
        "De los 4 errores, las confusiones más repetidas fueron tomar un 3 por un 5, un 4 por un 9, "
        "un 5 por un 3 y un 9 por un 4 (1 vez cada una)."
    )


def test_informe_por_clase_es_el_de_scikit_learn(prueba):
    from sklearn.metrics import classification_report

    _, y, p = prueba
    pred = p.argmax(axis=1)
    tabla = evaluacion.informe_por_clase(y, pred)
    referencia = classification_report(y, pred, labels=range(10), output_dict=True, zero_division=0)
    for d in range(10):
        assert tabla.loc[str(d), "precisión"] == pytest.approx(referencia[str(d)]["precision"])
        assert tabla.loc[str(d), "exhaustividad"] == pytest.approx(referencia[str(d)]["recall"])
        assert tabla.loc[str(d), "F1"] == pytest.approx(referencia[str(d)]["f1-score"])
        assert tabla.loc[str(d), "imágenes"] == referencia[str(d)]["support"]
    assert tabla.loc["promedio", "F1"] == pytest.approx(referencia["macro avg"]["f1-score"])
    assert list(tabla.columns) == ["precisión", "exhaustividad", "F1", "imágenes"]


def test_fiabilidad_con_probabilidades_calibradas_a_mano():
    # 100 predicciones con confianza 0.85 (acierta 85) y 100 con 0.55 (acierta 40): ECE conocido.
    y = np.zeros(200, dtype=int)
    p = np.full((200, 10), 0.0)
    p[:100, 0], p[:100, 1] = 0.85, 0.15
    p[100:, 0], p[100:, 1] = 0.55, 0.45
    p[85:100] = p[85:100][:, [1, 0, 2, 3, 4, 5, 6, 7, 8, 9]]  # 15 errores con confianza 0.85
    p[140:200] = p[140:200][:, [1, 0, 2, 3, 4, 5, 6, 7, 8, 9]]  # 60 errores con confianza 0.55
    tabla, ece = evaluacion.fiabilidad(y, p, intervalos=10)
    fila_85 = tabla[tabla["predicciones"] == 100].set_index("desde")
    assert fila_85.loc[0.8, "exactitud"] == pytest.approx(0.85)
    assert fila_85.loc[0.8, "confianza media"] == pytest.approx(0.85)
    assert fila_85.loc[0.5, "exactitud"] == pytest.approx(0.40)
    assert ece == pytest.approx(0.5 * 0 + 0.5 * 0.15)
    fig = evaluacion.diagrama_fiabilidad(tabla, ece)
    assert fig.axes[0].get_title() == "Fiabilidad (error de calibración esperado: 7.5\u00a0%)"
    perfecta, _ = evaluacion.fiabilidad(y, np.eye(10)[y])
    assert perfecta["predicciones"].sum() == 200


def test_plantillas_de_la_primera_capa():
    w = np.zeros((784, 5))
    w[:, 3] = np.linspace(-1, 1, 784)
    fig = evaluacion.plantillas(w, cuantas=2, columnas=2)
    assert [e.get_title() for e in fig.axes] == ["neurona 3", "neurona 0"]
    np.testing.assert_allclose(fig.axes[0].images[0].get_array(), w[:, 3].reshape(28, 28))
    with pytest.raises(ValueError, match=r"pesos debe tener forma \(784, unidades\)"):
        evaluacion.plantillas(np.zeros((10, 5)))


def test_galeria_sin_errores_ni_imagenes():
    vacia = evaluacion.galeria_errores(np.zeros((0, 28, 28)), np.zeros(0, dtype=int), np.zeros((0, 10)))
    assert vacia.axes[0].texts[0].get_text() == "Ningún error: todas las imágenes se clasificaron bien."
