"""Pruebas de los constructores de modelos y del entrenamiento medido (Keras real, MNIST real)."""

import re
from pathlib import Path

import numpy as np
import pytest

from taller_keras.datos import a_one_hot, aplanar, cargar_mnist, escalar
from taller_keras.entorno import fijar_semillas
from taller_keras.modelos import PASOS_POR_LLAMADA, construir_mlp, entrenar, parametros_mlp

import keras  # después de taller_keras: TensorFlow en silencio

PAGINA_MLP = Path(__file__).resolve().parents[2] / "book" / "07-mlp.md"


@pytest.fixture(scope="module")
def lote_pequeno():
    """256 dígitos reales de la muestra, listos para una red densa."""
    (x, y), _ = cargar_mnist("muestra")
    return aplanar(escalar(x[:256])), a_one_hot(y[:256])


def formas_de_salida(modelo):
    return [tuple(capa.output.shape) for capa in modelo.layers]


def test_mlp_por_omision_es_la_de_chollet():
    modelo = construir_mlp()
    assert modelo.name == "mlp"
    assert [capa.name for capa in modelo.layers] == ["oculta", "salida"]
    assert formas_de_salida(modelo) == [(None, 512), (None, 10)]
    assert [capa.count_params() for capa in modelo.layers] == [784 * 512 + 512, 512 * 10 + 10]
    assert modelo.count_params() == 407_050 == parametros_mlp()
    assert modelo.get_layer("oculta").activation.__name__ == "relu"
    assert modelo.get_layer("salida").activation.__name__ == "softmax"


def test_mlp_compilado_con_rmsprop_y_entropia_cruzada():
    modelo = construir_mlp(tasa_aprendizaje=3e-4)
    assert isinstance(modelo.optimizer, keras.optimizers.RMSprop)
    assert float(modelo.optimizer.learning_rate) == pytest.approx(3e-4)
    assert modelo.loss == "categorical_crossentropy"
    assert modelo.compiled and not construir_mlp(compilar=False).compiled


def test_mlp_con_abandono_y_menos_unidades():
    modelo = construir_mlp(unidades=128, abandono=0.3)
    assert [capa.name for capa in modelo.layers] == ["oculta", "abandono", "salida"]
    assert formas_de_salida(modelo) == [(None, 128), (None, 128), (None, 10)]
    assert modelo.get_layer("abandono").rate == pytest.approx(0.3)
    assert modelo.count_params() == 101_770 == parametros_mlp(128)


def test_parametros_mlp_con_otra_entrada():
    assert parametros_mlp(512, entradas=1024) == 529_930


@pytest.mark.parametrize(
    ("opciones", "mensaje"),
    [
        ({"unidades": 0}, "unidades debe ser un entero positivo; recibí 0. Usa, por ejemplo, unidades=512."),
        ({"unidades": 51.2}, "unidades debe ser un entero positivo; recibí 51.2. Usa, por ejemplo, unidades=512."),
        ({"abandono": 1.0}, "abandono es la fracción de neuronas que se apagan y debe estar en [0, 1); "
                            "recibí 1.0. Usa 0 para no aplicar abandono."),
        ({"tasa_aprendizaje": 0}, "La tasa de aprendizaje debe ser un número entre 0 y 1 (sin incluirlos); "
                                  "recibí 0. Valores típicos: 1e-3 o 3e-4."),
    ],
)
def test_construir_mlp_rechaza_valores_invalidos(opciones, mensaje):
    with pytest.raises(ValueError) as error:
        construir_mlp(**opciones)
    assert str(error.value) == mensaje


def _celdas_de_codigo(texto: str) -> list[str]:
    return re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", texto, flags=re.DOTALL)


def test_la_pagina_arma_la_misma_red_que_construir_mlp():
    """La red escrita a mano en 07-mlp.md y construir_mlp() no deben separarse."""
    celdas = _celdas_de_codigo(PAGINA_MLP.read_text(encoding="utf-8"))
    armado = next(c for c in celdas if "keras.Sequential(" in c)
    compilado = next(c for c in celdas if "modelo.compile(" in c)
    espacio = {"keras": keras}
    exec(armado.replace("modelo.summary()", ""), espacio)
    exec(compilado, espacio)
    de_la_pagina, del_paquete = espacio["modelo"], construir_mlp()

    def descripcion(modelo):
        return [
            (type(c).__name__, c.name, c.units, c.activation.__name__, tuple(c.output.shape))
            for c in modelo.layers
        ]

    assert descripcion(de_la_pagina) == descripcion(del_paquete)
    assert de_la_pagina.name == del_paquete.name
    assert de_la_pagina.count_params() == del_paquete.count_params()
    def compilacion(modelo):
        config = modelo.get_compile_config()
        del config["optimizer"]["config"]["name"]  # Keras numera los nombres: rm_sprop_3, ...
        return config

    assert compilacion(de_la_pagina) == compilacion(del_paquete)


def test_una_red_pequena_aprende(lote_pequeno):
    x, y = lote_pequeno
    fijar_semillas()
    modelo = construir_mlp(unidades=32)
    historia, segundos = entrenar(modelo, x, y, epochs=8, batch_size=32)
    perdidas = historia.history["loss"]
    assert len(perdidas) == 8
    assert perdidas[-1] < 0.5 * perdidas[0]
    assert historia.history["accuracy"][-1] > 0.8
    assert segundos > 0


def test_dos_entrenamientos_con_la_misma_semilla_coinciden(lote_pequeno):
    x, y = lote_pequeno
    historias = []
    for _ in range(2):
        fijar_semillas()
        historia, _ = entrenar(construir_mlp(unidades=16), x, y, epochs=2, batch_size=64,
                               validation_split=0.25)
        historias.append(historia.history)
    assert historias[0] == historias[1]


def test_entrenar_rechaza_longitudes_distintas(lote_pequeno):
    x, y = lote_pequeno
    with pytest.raises(ValueError) as error:
        entrenar(construir_mlp(unidades=8), x[:10], y[:9], epochs=1)
    assert str(error.value) == (
        "x e y deben tener el mismo número de ejemplos; recibí 10 entradas y 9 valores esperados."
    )


def test_entrenar_un_modelo_con_dos_salidas():
    """Con varias salidas, y es un diccionario; cada salida debe tener tantos ejemplos como x."""
    entrada = keras.Input(shape=(3,))
    modelo = keras.Model(entrada, {"a": keras.layers.Dense(1, name="a")(entrada),
                                   "b": keras.layers.Dense(2, activation="softmax", name="b")(entrada)})
    modelo.compile(optimizer="adam", loss={"a": "mse", "b": "sparse_categorical_crossentropy"})
    x = np.zeros((6, 3), np.float32)
    historia, segundos = entrenar(modelo, x, {"a": np.zeros(6), "b": np.zeros(6, int)}, epochs=2)
    assert len(historia.history["loss"]) == 2 and segundos > 0
    with pytest.raises(ValueError) as error:
        entrenar(modelo, x, {"a": np.zeros(6), "b": np.zeros(5, int)}, epochs=1)
    assert str(error.value) == (
        "x e y['b'] deben tener el mismo número de ejemplos; recibí 6 entradas y 5 valores esperados."
    )


def test_agrupar_pasos_no_cambia_lo_que_aprende(lote_pequeno):
    """steps_per_execution (PASOS_POR_LLAMADA) sólo ahorra tiempo: los pesos salen idénticos."""
    x, y = lote_pequeno
    pesos = []
    for pasos in (1, PASOS_POR_LLAMADA):
        fijar_semillas()
        modelo = construir_mlp(unidades=16, compilar=False)
        modelo.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-3),
                       loss="categorical_crossentropy", steps_per_execution=pasos)
        modelo.fit(x, y, epochs=2, batch_size=8, verbose=0)  # 32 lotes por época
        pesos.append(modelo.get_weights())
    assert construir_mlp().steps_per_execution == PASOS_POR_LLAMADA == 32
    for uno, agrupado in zip(*pesos):
        np.testing.assert_array_equal(uno, agrupado)


def test_construir_mlp_con_l2_y_normalizacion():
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    red = construir_mlp(unidades=16, l2=1e-3, normalizacion=True, abandono=0.2)
    assert [c.name for c in red.layers] == ["oculta", "normalizacion", "relu", "abandono", "salida"]
    # La pérdida de la regularización es l2 · Σ w² de la capa oculta.
    pesos = red.get_layer("oculta").get_weights()[0]
    red(np.zeros((1, 784), dtype="float32"))
    assert float(sum(red.losses)) == pytest.approx(1e-3 * float(np.sum(pesos**2)), rel=1e-5)
    assert construir_mlp(unidades=16).losses == []
    with pytest.raises(ValueError, match=r"^l2 es el peso de la regularización L2 y debe ser un número ≥ 0"):
        construir_mlp(l2=-1.0)
