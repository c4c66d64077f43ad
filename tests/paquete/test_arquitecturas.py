"""Pruebas de las arquitecturas clásicas, los bloques modernos y la transferencia."""

import numpy as np
import pytest

from taller_keras import arquitecturas


@pytest.mark.parametrize(
    ("construir", "parametros"),
    [
        # Las cuentas a mano: capa por capa, pesos + sesgos.
        (arquitecturas.lenet5, 156 + 2_416 + 48_120 + 10_164 + 850),
        (arquitecturas.alexnet, 34_944 + 614_656 + 885_120 + 1_327_488 + 884_992
         + 37_752_832 + 16_781_312 + 4_097_000),
        # Las publicadas para las redes de keras.applications.
        (arquitecturas.vgg16, 138_357_544),
        (arquitecturas.resnet50, 25_636_712),
    ],
)
def test_parametros_de_las_clasicas(construir, parametros):
    assert construir().count_params() == parametros


@pytest.mark.parametrize("opciones", [{}, {"normalizacion": True}, {"promedio_global": True},
                                      {"residual": True}])
def test_cnn_pequena_con_cada_bloque(opciones):
    red = arquitecturas.cnn_pequena(filtros=4, **opciones)
    assert red.output_shape == (None, 10)
    nombres = [c.name for c in red.layers]
    assert ("normalizacion1_1" in nombres) == bool(opciones.get("normalizacion"))
    assert ("promedio_global" in nombres) == bool(opciones.get("promedio_global"))
    assert ("suma2" in nombres) == bool(opciones.get("residual"))
    probabilidades = red.predict(np.zeros((2, 28, 28, 1), dtype="float32"), verbose=0)
    np.testing.assert_allclose(probabilidades.sum(axis=1), 1.0, rtol=1e-5)


def test_promedio_global_ahorra_parametros_de_la_salida():
    plana = arquitecturas.cnn_pequena(filtros=8).get_layer("salida").count_params()
    promedio = arquitecturas.cnn_pequena(filtros=8, promedio_global=True).get_layer("salida").count_params()
    assert plana == 7 * 7 * 16 * 10 + 10
    assert promedio == 16 * 10 + 10


def test_la_conexion_residual_suma_la_entrada_del_bloque():
    import keras

    red = arquitecturas.cnn_pequena(filtros=4, residual=True)
    suma = red.get_layer("suma1")
    atajo, camino = suma.input
    x = np.random.default_rng(0).uniform(size=(1, 28, 28, 1)).astype("float32")
    partes = keras.Model(red.inputs, [atajo, camino, suma.output]).predict(x, verbose=0)
    np.testing.assert_allclose(partes[2], partes[0] + partes[1], rtol=1e-5, atol=1e-6)
    # Como en ResNet, se suma la salida de la convolución antes de su ReLU (tiene negativos),
    # y la ReLU va después de la suma.
    assert partes[1].min() < 0
    siguiente = red.get_layer("submuestreo1").input
    assert keras.Model(red.inputs, siguiente).predict(x, verbose=0).min() >= 0


@pytest.mark.parametrize("congelar", [True, False])
def test_cabeza_nueva_congela_o_ajusta_la_base(congelar):
    import keras

    from taller_keras.modelos import construir_cnn

    keras.utils.set_random_seed(0)
    original = construir_cnn(filtros=(4, 8, 8))
    nueva = arquitecturas.con_cabeza_nueva(original, clases=5, congelar=congelar)
    assert nueva.output_shape == (None, 5)
    antes = original.get_layer("conv1").get_weights()[0].copy()
    # La base empieza con los pesos de la original.
    np.testing.assert_array_equal(nueva.get_layer("conv1").get_weights()[0], antes)
    nueva.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    rng = np.random.default_rng(1)
    nueva.fit(rng.uniform(size=(32, 28, 28, 1)).astype("float32"), rng.integers(0, 5, size=32),
              epochs=2, verbose=0)
    # La base de la nueva cambia sólo con el ajuste fino, y la original nunca: es una copia.
    movida = not np.array_equal(nueva.get_layer("conv1").get_weights()[0], antes)
    assert movida != congelar
    np.testing.assert_array_equal(original.get_layer("conv1").get_weights()[0], antes)
    entrenables = {v.path for v in nueva.trainable_variables}
    assert any("salida_nueva" in p for p in entrenables)
    assert any("conv1" in p for p in entrenables) != congelar
