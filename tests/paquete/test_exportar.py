"""Pruebas de la exportación de redes para el navegador (taller_keras.navegador)."""

import base64
import json

import keras
import numpy as np
import pytest

from taller_keras.entorno import fijar_semillas
from taller_keras.navegador import exportar_para_navegador


def leer(ruta) -> dict:
    texto = ruta.read_text(encoding="utf-8")
    assert texto.startswith("window.TALLER_MODELO = ") and texto.endswith(";\n")
    datos = json.loads(texto[len("window.TALLER_MODELO = ") : -2])
    datos["pesos"] = np.frombuffer(base64.b64decode(datos["pesos"]), dtype="<f4")
    return datos


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
        "relleno": "same", "pesos": {"inicio": 0, "forma": [3, 3, 1, 4]}, "sesgo": {"inicio": 36, "forma": [4]},
    }
    assert pool == {"tipo": "maxpool", "ventana": [2, 2], "paso": [2, 2]}
    assert densa["pesos"] == {"inicio": 40, "forma": [64, 3]} and densa["activacion"] == "softmax"
    assert datos["pesos"].size == red.count_params() == 40 + 64 * 3 + 3
    nucleo, sesgo = red.layers[-1].get_weights()
    np.testing.assert_array_equal(datos["pesos"][40 : 40 + 192].reshape(64, 3), nucleo)
    np.testing.assert_array_equal(datos["pesos"][232:], sesgo)


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
