"""Pruebas de la exportación de redes para el navegador (taller_keras.navegador)."""

import base64
import json

import keras
import numpy as np
import pytest

from taller_keras.entorno import fijar_semillas
from taller_keras.navegador import con_pesos_del_navegador, cuantizar, exportar_para_navegador


def leer(ruta) -> dict:
    texto = ruta.read_text(encoding="utf-8")
    assert texto.startswith("window.TALLER_MODELO = ") and texto.endswith(";\n")
    datos = json.loads(texto[len("window.TALLER_MODELO = ") : -2])
    datos["enteros"] = np.frombuffer(base64.b64decode(datos["enteros"]), dtype="i1")
    datos["reales"] = np.frombuffer(base64.b64decode(datos["reales"]), dtype="<f4")
    return datos


def trozo(datos: dict, lista: str, d: dict) -> np.ndarray:
    return datos[lista][d["inicio"] : d["inicio"] + int(np.prod(d["forma"]))].reshape(d["forma"])


@pytest.fixture
def red():
    fijar_semillas(1)
    return keras.Sequential([
        keras.Input((8, 8, 1)),
        keras.layers.Conv2D(4, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(3, activation="softmax"),
    ])


def test_capas_y_pesos(red, tmp_path):
    ruta = exportar_para_navegador(red, tmp_path / "sub" / "red.js")
    datos = leer(ruta)
    assert datos["entrada"] == [8, 8, 1]
    assert [c["tipo"] for c in datos["capas"]] == ["conv2d", "maxpool", "aplanar", "densa"]
    conv, pool, _, densa = datos["capas"]
    assert conv == {
        "tipo": "conv2d", "activacion": "relu", "filtros": 4, "nucleo": [3, 3], "paso": [1, 1],
        "relleno": "same", "pesos": {"inicio": 0, "forma": [3, 3, 1, 4]},
        "escala": {"inicio": 0, "forma": [4]}, "sesgo": {"inicio": 4, "forma": [4]},
    }
    assert pool == {"tipo": "maxpool", "ventana": [2, 2], "paso": [2, 2]}
    assert densa["pesos"] == {"inicio": 36, "forma": [64, 3]} and densa["activacion"] == "softmax"
    assert densa["escala"] == {"inicio": 8, "forma": [3]} and densa["sesgo"] == {"inicio": 11, "forma": [3]}
    # un byte por peso de los núcleos; escalas y sesgos en float32
    assert datos["enteros"].size == 36 + 64 * 3 and datos["reales"].size == 4 + 4 + 3 + 3
    for capa, descripcion in ((red.layers[0], conv), (red.layers[-1], densa)):
        nucleo, sesgo = capa.get_weights()
        enteros, escala = trozo(datos, "enteros", descripcion["pesos"]), trozo(datos, "reales", descripcion["escala"])
        assert np.abs(enteros).max(axis=tuple(range(nucleo.ndim - 1))).tolist() == [127] * nucleo.shape[-1]
        assert np.all(np.abs(enteros * escala - nucleo) <= escala / 2 * (1 + 1e-5))  # al entero más cercano
        np.testing.assert_array_equal(trozo(datos, "reales", descripcion["sesgo"]), sesgo)


def test_cuantizar_columnas_y_ceros():
    nucleo = np.array([[0.5, 0.0, -2.0], [-0.25, 0.0, 1.0]], dtype=np.float32)
    enteros, escala = cuantizar(nucleo)
    assert enteros.dtype == np.int8 and enteros.tolist() == [[127, 0, -127], [-64, 0, 64]]
    np.testing.assert_allclose(escala, [0.5 / 127, 1.0, 2.0 / 127])  # una columna de ceros queda en cero


def test_con_pesos_del_navegador_da_la_red_que_calcula_el_navegador(red, tmp_path):
    datos = leer(exportar_para_navegador(red, tmp_path / "red.js"))
    copia = con_pesos_del_navegador(red)
    conv, densa = copia.layers[0].get_weights()[0], copia.layers[-1].get_weights()[0]
    for nucleo, d in ((conv, datos["capas"][0]), (densa, datos["capas"][-1])):
        np.testing.assert_array_equal(nucleo, trozo(datos, "enteros", d["pesos"]) * trozo(datos, "reales", d["escala"]))
    assert not np.array_equal(conv, red.layers[0].get_weights()[0]), "la original queda como estaba"
    x = np.random.default_rng(0).random((16, 8, 8, 1), dtype=np.float32)
    np.testing.assert_allclose(copia.predict(x, verbose=0), red.predict(x, verbose=0), atol=0.02)


def test_capa_no_soportada(tmp_path):
    red = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.Flatten(), keras.layers.Dense(2, activation="tanh", name="oculta")])
    with pytest.raises(ValueError) as error:
        exportar_para_navegador(red, tmp_path / "red.js")
    assert str(error.value) == (
        "La capa «oculta» (Dense) no se puede exportar al navegador: la activación «tanh» no está "
        "implementada. Usa solo Conv2D, MaxPooling2D, Flatten, Dense, Dropout con activaciones "
        "linear, relu, softmax."
    )
    red = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.BatchNormalization(name="bn")])
    with pytest.raises(ValueError, match="La capa «bn» \\(BatchNormalization\\) no se puede exportar"):
        exportar_para_navegador(red, tmp_path / "red.js")


def test_ruta_y_forma_invalidas(red, tmp_path):
    with pytest.raises(ValueError) as error:
        exportar_para_navegador(red, tmp_path / "red.json")
    assert str(error.value) == "La ruta debe terminar en .js (es un script); recibí «red.json»."
    plana = keras.Sequential([keras.Input((5,)), keras.layers.Dense(2)])
    with pytest.raises(ValueError, match=r"forma fija \(alto, ancho, canales\); recibe \(5,\)"):
        exportar_para_navegador(plana, tmp_path / "red.js")
