"""Pruebas de las figuras: paneles, rótulos en español y errores claros."""

import numpy as np
import pytest

from taller_keras import graficas
from taller_keras.datos import cargar_mnist


@pytest.fixture(scope="module")
def muestra():
    return cargar_mnist("muestra")


def test_cuadricula(muestra):
    (x, y), _ = muestra
    fig = graficas.cuadricula_digitos(x[:12], y[:12], columnas=5)
    assert len(fig.axes) == 15  # 3 filas de 5
    titulos = [eje.get_title() for eje in fig.axes]
    assert titulos[:12] == [str(e) for e in y[:12]]
    assert titulos[12:] == ["", "", ""]
    assert np.array_equal(fig.axes[0].images[0].get_array(), x[0])


def test_cuadricula_etiquetas_que_no_cuadran(muestra):
    (x, y), _ = muestra
    with pytest.raises(ValueError) as error:
        graficas.cuadricula_digitos(x[:5], y[:4])
    assert str(error.value) == (
        "Se esperaban 5 etiquetas (una por imagen) en un vector (n,); recibí la forma (4,)."
    )


def test_barras_por_clase(muestra):
    (_, y), (_, yp) = muestra
    fig = graficas.barras_por_clase(y, yp)
    (eje,) = fig.axes
    assert eje.get_xlabel() == "Dígito"
    assert eje.get_ylabel() == "Número de imágenes"
    assert [t.get_text() for t in eje.get_legend().get_texts()] == ["Entrenamiento", "Prueba"]
    alturas = [p.get_height() for p in eje.patches]
    assert alturas == [400] * 10 + [100] * 10


def test_barras_rechaza_etiquetas_no_enteras():
    with pytest.raises(ValueError, match="y_prueba debe ser un vector de etiquetas enteras"):
        graficas.barras_por_clase(np.array([1, 2]), np.array([0.5, 1.0]))


def test_promedios_por_clase(muestra):
    (x, y), _ = muestra
    fig = graficas.promedios_por_clase(x, y)
    assert len(fig.axes) == 10
    assert fig.axes[3].get_title() == "Promedio 3"
    np.testing.assert_allclose(fig.axes[3].images[0].get_array(), x[y == 3].mean(axis=0))


def test_histograma_intensidades(muestra):
    (x, _), _ = muestra
    fig = graficas.histograma_intensidades(x)
    (eje,) = fig.axes
    assert eje.get_yscale() == "log"
    assert eje.get_xlabel() == "Intensidad del píxel (0 = fondo, 255 = tinta)"
    assert sum(p.get_height() for p in eje.patches) == x.size


def test_histograma_forma_incorrecta():
    with pytest.raises(ValueError, match=r"imagenes debe tener forma \(n, 28, 28\)"):
        graficas.histograma_intensidades(np.zeros((4, 784), dtype=np.uint8))
