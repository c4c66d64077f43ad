"""Pruebas de semillas, formato de números y del enlace con el texto del libro."""

import json

import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from taller_keras.cuaderno import pegar
from taller_keras.entorno import fijar_semillas
from taller_keras.formato import cantidad, con_signo, entre, lista, miles, porcentaje


def test_miles_y_porcentaje():
    assert miles(70000) == "70\u202f000"
    assert miles(999) == "999"
    assert porcentaje(0.9781) == "97.8\u00a0%"
    assert porcentaje(0.5, decimales=0) == "50\u00a0%"
    assert con_signo(4.6) == "+4.6" and con_signo(-0.62) == "\u22120.6" and con_signo(0.153, 2) == "+0.15"
    assert con_signo(-0.04) == "+0.0" and con_signo(-0.004, 2) == "+0.00" and con_signo(-0.05) == "\u22120.1"


def test_frases_para_cualquier_valor():
    assert cantidad(1, "imagen", "imágenes") == "1 imagen"
    assert cantidad(3200, "imagen", "imágenes") == "3\u202f200 imágenes"
    assert cantidad(0, "error", "errores") == "0 errores"
    assert lista([]) == "ninguno"
    assert lista([], vacia="ninguna confusión") == "ninguna confusión"
    assert lista(["un 4 por un 9"]) == "un 4 por un 9"
    assert lista(["a", "b"]) == "a y b"
    assert lista(["a", "b", "c"], conjuncion="o") == "a, b o c"
    assert entre(400, 400, "imagen", "imágenes") == "exactamente 400 imágenes"
    assert entre(5421, 6742, "imagen", "imágenes") == "entre 5\u202f421 y 6\u202f742 imágenes"
    assert entre(1, 1, "época", "épocas") == "exactamente 1 época"


def test_semillas_reproducibles():
    import keras

    fijar_semillas(7)
    a = keras.random.uniform((3,)).numpy()
    b = np.random.rand()
    fijar_semillas(7)
    assert np.array_equal(a, keras.random.uniform((3,)).numpy())
    assert b == np.random.rand()


@pytest.mark.parametrize("semilla", [-1, 1.5, "0", True])
def test_semilla_invalida(semilla):
    with pytest.raises(ValueError, match="La semilla debe ser un entero no negativo"):
        fijar_semillas(semilla)


def test_pegar_publica_el_valor_para_el_libro():
    InteractiveShell.instance()
    with capture_output() as salida:
        pegar("precision", "97.8 %")
    (publicado,) = salida.outputs
    assert publicado.metadata["scrapbook"]["name"] == "precision"
    assert publicado.data == {"application/papermill.record/text/plain": "'97.8 %'"}
    assert json.dumps(publicado.metadata["scrapbook"])  # serializable en el cuaderno


def test_importar_el_paquete_calla_los_avisos_de_tensorflow():
    """Con taller_keras importado antes, predecir con muchas redes no deja avisos de «retracing»,
    tampoco en una sesión interactiva como la de Jupyter (donde TensorFlow pasa su registro a INFO)."""
    import subprocess
    import sys

    programa = (
        "import sys\n"
        "sys.ps1 = '>>> '  # como en Jupyter\n"
        "import taller_keras, keras, numpy as np\n"
        "for _ in range(7):\n"
        "    red = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n"
        "    red.predict(np.zeros((2, 3)), verbose=0)\n"
        "print('listo')\n"
    )
    corrida = subprocess.run([sys.executable, "-c", programa], capture_output=True, text=True, timeout=300)
    assert corrida.stdout.strip() == "listo"
    assert "WARNING:tensorflow" not in corrida.stderr and "retracing" not in corrida.stderr, corrida.stderr
