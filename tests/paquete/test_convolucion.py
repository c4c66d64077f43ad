"""Pruebas de la convolución a mano, del constructor de la red convolucional y de sus figuras."""

import warnings

import numpy as np
import pytest

from taller_keras import convolucion
from taller_keras.convolucion import (
    convolucion_2d,
    graficar_convolucion,
    graficar_filtros,
    graficar_mapas,
    mapas_de_caracteristicas,
    submuestreo_maximo,
    tamano_salida,
)
from taller_keras.datos import cargar_mnist, escalar
from taller_keras.modelos import construir_cnn

import keras  # noqa: E402  (después de taller_keras, que silencia a TensorFlow)

VERTICAL = np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], dtype=float)


@pytest.fixture(scope="module")
def digito():
    (x, _), _ = cargar_mnist("muestra")
    return escalar(x[:1])[0]


@pytest.fixture(scope="module")
def cnn():
    keras.utils.set_random_seed(0)
    return construir_cnn()


# --- Convolución y submuestreo a mano ------------------------------------------


@pytest.mark.parametrize(
    "lado, nucleo, relleno, paso, esperado",
    [(28, 3, "valid", 1, 26), (28, 3, "same", 1, 28), (28, 3, "valid", 2, 13),
     (28, 3, "same", 2, 14), (26, 2, "valid", 2, 13), (11, 2, "valid", 2, 5), (5, 5, "valid", 1, 1)],
)
def test_tamano_salida(lado, nucleo, relleno, paso, esperado):
    assert tamano_salida(lado, nucleo, relleno, paso) == esperado


def test_convolucion_calculada_a_mano():
    imagen = np.arange(16, dtype=float).reshape(4, 4)
    # Cada ventana 3×3 de esta imagen crece 1 por columna: la columna derecha menos la
    # izquierda suma 3 × 2 = 6 en todas las posiciones.
    np.testing.assert_array_equal(convolucion_2d(imagen, VERTICAL), np.full((2, 2), 6.0))
    suma = np.ones((3, 3))
    np.testing.assert_array_equal(convolucion_2d(imagen, suma), [[45, 54], [81, 90]])
    # Con 'same' la salida conserva el tamaño; la esquina sólo ve 2 × 2 píxeles reales.
    mismo = convolucion_2d(imagen, suma, relleno="same")
    assert mismo.shape == (4, 4)
    assert mismo[0, 0] == 0 + 1 + 4 + 5


@pytest.mark.parametrize("relleno", ["valid", "same"])
@pytest.mark.parametrize("paso", [1, 2])
def test_convolucion_igual_a_conv2d(digito, relleno, paso):
    nucleo = np.array([[0.5, -1, 0.25], [2, 0, -0.5], [-1, 1, 0.75]])
    capa = keras.layers.Conv2D(1, 3, padding=relleno, strides=paso, use_bias=False)
    capa.build((None, 28, 28, 1))
    capa.set_weights([nucleo.reshape(3, 3, 1, 1).astype("float32")])
    de_keras = capa(digito[np.newaxis, :, :, np.newaxis]).numpy()[0, :, :, 0]
    a_mano = convolucion_2d(digito, nucleo, relleno=relleno, paso=paso)
    lado = tamano_salida(28, 3, relleno, paso)
    assert a_mano.shape == de_keras.shape == (lado, lado)
    assert np.max(np.abs(a_mano - de_keras)) < 1e-5


def test_submuestreo_en_un_arreglo_conocido():
    mapa = np.array([[1, 3, 2, 0], [4, 2, 1, 1], [0, 1, 5, 6], [2, 2, 7, 3]])
    np.testing.assert_array_equal(submuestreo_maximo(mapa), [[4, 2], [2, 7]])
    # Como en Keras, la última fila y columna de un mapa impar se descartan.
    impar = np.arange(25).reshape(5, 5)
    np.testing.assert_array_equal(submuestreo_maximo(impar), [[6, 8], [16, 18]])
    np.testing.assert_array_equal(submuestreo_maximo(impar, tamano=3, paso=1)[0], [12, 13, 14])


def test_submuestreo_igual_a_maxpooling2d(digito):
    mapa = np.maximum(convolucion_2d(digito, VERTICAL), 0)
    de_keras = keras.layers.MaxPooling2D(2)(mapa[np.newaxis, :, :, np.newaxis].astype("float32"))
    a_mano = submuestreo_maximo(mapa)
    assert a_mano.shape == (13, 13)
    assert np.max(np.abs(a_mano - de_keras.numpy()[0, :, :, 0])) < 1e-6


def test_errores_en_espanol_de_la_convolucion(digito):
    with pytest.raises(ValueError) as error:
        convolucion_2d(digito[..., np.newaxis], VERTICAL)
    assert str(error.value) == (
        "imagen debe ser una matriz 2D (alto, ancho); recibí la forma (28, 28, 1). "
        "Para una imagen con canal (alto, ancho, 1), usa imagen[..., 0]."
    )
    with pytest.raises(ValueError, match="relleno debe ser 'valid' \\(sin relleno\\) o 'same'"):
        convolucion_2d(digito, VERTICAL, relleno="full")
    with pytest.raises(ValueError, match="^paso debe ser un entero positivo; recibí 0.$"):
        convolucion_2d(digito, VERTICAL, paso=0)
    with pytest.raises(ValueError, match="nucleo debe ser un arreglo de NumPy; recibí list"):
        convolucion_2d(digito, [[1, 0], [0, 1]])
    with pytest.raises(ValueError) as error:
        convolucion_2d(np.ones((2, 2)), VERTICAL)
    assert str(error.value) == (
        "El núcleo (3, 3) es más grande que la imagen (2, 2); "
        "usa relleno='same' o un núcleo más pequeño."
    )
    with pytest.raises(ValueError, match="imagen debe contener sólo números finitos"):
        convolucion_2d(np.full((4, 4), np.nan), VERTICAL)
    with pytest.raises(ValueError, match="La ventana de 3 × 3 no cabe en un mapa de forma \\(2, 2\\)"):
        submuestreo_maximo(np.ones((2, 2)), tamano=3)


# --- La red convolucional --------------------------------------------------------


def test_construir_cnn_formas_y_parametros(cnn):
    formas = [capa.output.shape[1:] for capa in cnn.layers]
    assert formas == [(26, 26, 32), (13, 13, 32), (11, 11, 64), (5, 5, 64), (3, 3, 128),
                      (1152,), (10,)]
    assert [capa.name for capa in cnn.layers] == [
        "conv1", "submuestreo1", "conv2", "submuestreo2", "conv3", "aplanar", "salida"]
    # k·k·canales·filtros + filtros en cada Conv2D; 1152·10 + 10 en la salida.
    assert [capa.count_params() for capa in cnn.layers] == [320, 0, 18496, 0, 73856, 0, 11530]
    assert cnn.count_params() == 104_202
    assert cnn.loss == "categorical_crossentropy"
    assert isinstance(cnn.optimizer, keras.optimizers.RMSprop)
    assert float(cnn.optimizer.learning_rate) == pytest.approx(1e-3)


def test_construir_cnn_variante():
    red = construir_cnn(filtros=(8, 16), tamano_nucleo=5, compilar=False)
    assert [capa.output.shape[1:] for capa in red.layers] == [
        (24, 24, 8), (12, 12, 8), (8, 8, 16), (1024,), (10,)]
    assert getattr(red, "optimizer", None) is None  # sin compilar
    assert red.get_layer("salida").activation.__name__ == "softmax"


def test_construir_cnn_errores_en_espanol():
    with pytest.raises(ValueError) as error:
        construir_cnn(filtros=())
    assert str(error.value) == (
        "filtros debe ser una lista no vacía con el número de filtros de cada capa "
        "convolucional; recibí (). Usa, por ejemplo, filtros=(32, 64, 128)."
    )
    with pytest.raises(ValueError, match=r"^Cada número de filtros debe ser un entero positivo; recibí 0"):
        construir_cnn(filtros=(32, 0))
    with pytest.raises(ValueError, match="^tamano_nucleo debe ser un entero positivo"):
        construir_cnn(tamano_nucleo=0)
    with pytest.raises(ValueError) as error:
        construir_cnn(filtros=(8, 8, 8, 8))
    assert str(error.value) == (
        "Con 4 capas convolucionales de núcleo 3×3 y submuestreo entre ellas, la imagen de "
        "28×28 se reduce a menos de un píxel; usa menos capas o un núcleo más pequeño."
    )
    with pytest.raises(ValueError, match="La tasa de aprendizaje debe ser un número entre 0 y 1"):
        construir_cnn(tasa_aprendizaje=2)


def test_mapas_de_caracteristicas(cnn, digito):
    mapas = mapas_de_caracteristicas(cnn, digito)
    assert list(mapas) == ["conv1", "submuestreo1", "conv2", "submuestreo2", "conv3"]
    assert [m.shape for m in mapas.values()] == [
        (26, 26, 32), (13, 13, 32), (11, 11, 64), (5, 5, 64), (3, 3, 128)]
    # El primer mapa es la convolución a mano más el sesgo, pasada por ReLU.
    pesos, sesgos = cnn.get_layer("conv1").get_weights()
    for k in (0, 5):
        a_mano = np.maximum(convolucion_2d(digito, pesos[:, :, 0, k]) + sesgos[k], 0)
        assert np.max(np.abs(a_mano - mapas["conv1"][:, :, k])) < 1e-5
    np.testing.assert_allclose(mapas["submuestreo1"][:, :, 3],
                               submuestreo_maximo(mapas["conv1"][:, :, 3]), atol=1e-6)


def test_mapas_errores(cnn):
    with pytest.raises(ValueError, match=r"imagen debe ser una sola imagen \(alto, ancho, 1\)"):
        mapas_de_caracteristicas(cnn, np.zeros((2, 28, 28, 1)))
    densa = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(10)])
    with pytest.raises(ValueError, match="El modelo no tiene capas Conv2D ni MaxPooling2D"):
        mapas_de_caracteristicas(densa, np.zeros((28, 28)))


# --- Figuras ------------------------------------------------------------------


def test_graficar_convolucion(digito):
    fig = graficar_convolucion(digito, {"verticales": VERTICAL, "horizontales": VERTICAL.T})
    assert len(fig.axes) == 1 + 2 * 2
    titulos = [eje.get_title() for eje in fig.axes]
    assert titulos == ["Imagen", "Núcleo\nverticales", "Resultado 26×26",
                       "Núcleo\nhorizontales", "Resultado 26×26"]
    # El núcleo lleva escritos sus nueve pesos; el resultado es la convolución a mano.
    assert [t.get_text() for t in fig.axes[1].texts] == ["-1", "0", "1"] * 3
    np.testing.assert_allclose(fig.axes[2].images[0].get_array(), convolucion_2d(digito, VERTICAL))
    with pytest.raises(ValueError, match="nucleos debe ser un diccionario no vacío"):
        graficar_convolucion(digito, [VERTICAL])


def test_graficar_filtros(cnn):
    pesos = cnn.get_layer("conv1").get_weights()[0]
    fig = graficar_filtros(pesos)
    assert len(fig.axes) == 32  # 4 filas de 8
    assert fig.axes[0].get_title() == "Filtro 1"
    assert fig.axes[31].get_title() == "Filtro 32"
    np.testing.assert_allclose(fig.axes[4].images[0].get_array(), pesos[:, :, 0, 4])
    assert len(graficar_filtros(pesos[..., :10], columnas=4).axes) == 12
    with pytest.raises(ValueError) as error:
        graficar_filtros(cnn.get_layer("conv2").get_weights()[0])
    assert str(error.value) == (
        "pesos debe tener forma (alto, ancho, 1, filtros), como capa.get_weights()[0] de una "
        "Conv2D que recibe imágenes de un canal; recibí la forma (3, 3, 32, 64)."
    )


def test_graficar_mapas(cnn, digito):
    mapas = mapas_de_caracteristicas(cnn, digito)
    fig = graficar_mapas(mapas, canales=6)
    assert len(fig.axes) == 5 * 6
    assert fig.axes[0].get_ylabel() == "conv1\n26×26×32"
    assert fig.axes[4 * 6].get_ylabel() == "conv3\n3×3×128"
    assert fig.axes[1].get_title() == "canal 2"
    np.testing.assert_allclose(fig.axes[6 + 2].images[0].get_array(), mapas["submuestreo1"][:, :, 2])
    # Un mapa de un solo canal ocupa una columna y no lleva título de canal.
    solo = graficar_mapas({"bordes": mapas["conv1"][:, :, :1]})
    assert len(solo.axes) == 1 and solo.axes[0].get_title() == ""
    with pytest.raises(ValueError, match=r"El mapa 'x' debe tener forma \(alto, ancho, canales\)"):
        graficar_mapas({"x": np.zeros((3, 3))})
    with pytest.raises(ValueError, match="mapas debe ser un diccionario no vacío"):
        graficar_mapas({})


def test_modulo_documentado_en_espanol():
    for nombre in ("convolucion_2d", "submuestreo_maximo", "tamano_salida", "graficar_filtros",
                   "graficar_mapas", "graficar_convolucion", "mapas_de_caracteristicas"):
        assert getattr(convolucion, nombre).__doc__


def test_graficar_lado_a_lado(digito):
    mapa = np.maximum(convolucion_2d(digito, VERTICAL), 0)
    fig = convolucion.graficar_lado_a_lado({"Bordes": mapa, "Submuestreo": submuestreo_maximo(mapa)})
    assert len(fig.axes) == 2
    assert [eje.get_title() for eje in fig.axes] == ["Bordes\n26×26", "Submuestreo\n13×13"]
    assert fig.axes[1].images[0].get_array().shape == (13, 13)
    with pytest.raises(ValueError) as error:
        convolucion.graficar_lado_a_lado({"x": np.zeros((1, 2, 3, 4))})
    assert str(error.value) == (
        "el mapa 'x' debe ser una matriz 2D (alto, ancho); recibí la forma (1, 2, 3, 4)."
    )


def test_grad_cam_senala_donde_mira_la_clase():
    """Una red hecha a mano: la clase 0 sólo cuenta la tinta de la mitad izquierda."""
    import keras

    from taller_keras.convolucion import grad_cam, graficar_grad_cam

    modelo = keras.Sequential([
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Conv2D(1, 1, use_bias=False, name="conv"),
        keras.layers.Flatten(),
        keras.layers.Dense(2, activation="softmax"),
    ])
    modelo.layers[0].set_weights([np.ones((1, 1, 1, 1))])
    izquierda = np.zeros((8, 8))
    izquierda[:, :4] = 1.0
    kernel = np.stack([izquierda.ravel(), np.zeros(64)], axis=1)
    modelo.layers[2].set_weights([kernel, np.zeros(2)])
    imagen = np.ones((8, 8, 1), dtype=np.float32)
    with warnings.catch_warnings(record=True) as avisos:  # sin avisos de Keras en las páginas
        warnings.simplefilter("always")
        mapa = grad_cam(modelo, imagen, capa="conv", clase=0)
    assert [str(a.message) for a in avisos] == []
    assert mapa.shape == (8, 8)
    assert mapa.max() == pytest.approx(1.0)
    assert mapa.min() >= 0
    # El peso del único mapa es positivo, así que Grad-CAM es la activación normalizada: todo 1.
    np.testing.assert_allclose(mapa, 1.0, atol=1e-6)
    # Para la clase 1, que no mira nada, el gradiente es cero y el mapa también.
    np.testing.assert_allclose(grad_cam(modelo, imagen, capa="conv", clase=1), 0.0, atol=1e-7)
    fig = graficar_grad_cam([imagen], [mapa], ["clase 0"])
    assert fig.axes[0].get_title() == "clase 0" and len(fig.axes[0].images) == 2
    with pytest.raises(ValueError, match="Hacen falta tantas imágenes como mapas y títulos"):
        graficar_grad_cam([imagen], [], ["x"])
