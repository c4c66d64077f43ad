"""Pruebas de la comparación de dos modelos sobre los mismos ejemplos."""

import numpy as np
import pytest
from scipy.stats import binomtest

from taller_keras.comparacion import comparar, diferencia_pareada


def predicciones(solo_a, solo_b, ambas, ninguna):
    """Etiquetas y predicciones de A y B con esos conteos de aciertos."""
    y = np.zeros(solo_a + solo_b + ambas + ninguna, dtype=int)
    a = np.concatenate([np.zeros(solo_a), np.ones(solo_b), np.zeros(ambas), np.ones(ninguna)])
    b = np.concatenate([np.ones(solo_a), np.zeros(solo_b), np.zeros(ambas), np.ones(ninguna)])
    return y, a.astype(int), b.astype(int)


def test_mcnemar_exacta_y_error_estandar_pareado():
    y, a, b = predicciones(solo_a=10, solo_b=2, ambas=80, ninguna=8)
    c = comparar(y, a, b, "la CNN", "la MLP")
    assert (c.n, c.solo_a, c.solo_b) == (100, 10, 2)
    assert c.exactitud_a == pytest.approx(0.90) and c.exactitud_b == pytest.approx(0.82)
    assert c.diferencia == pytest.approx(0.08)
    assert c.p_valor == pytest.approx(binomtest(10, 12, 0.5).pvalue)
    assert c.p_valor == pytest.approx(0.03857, abs=1e-5)
    d = np.r_[np.ones(10), -np.ones(2), np.zeros(88)]
    assert c.error_estandar == pytest.approx(d.std(ddof=1) / 10)
    assert c.significativa
    assert c.frase == (
        "La CNN acierta 10 ejemplos que la MLP falla, y la MLP 2 ejemplos que la CNN falla: una "
        "diferencia de +8.0 ± 3.4 puntos de exactitud (± un error estándar; McNemar, p = 0.039), "
        "que es difícil de atribuir sólo al azar."
    )


def test_diferencia_dentro_del_ruido():
    y, a, b = predicciones(solo_a=4, solo_b=3, ambas=90, ninguna=3)
    c = comparar(y, a, b)
    assert not c.significativa and c.p_valor == pytest.approx(1.0)
    assert c.frase.endswith("que está dentro del ruido: con estos datos no se puede decir cuál es mejor.")
    assert "A acierta 4 ejemplos que B falla, y B 3 ejemplos que A falla" in c.frase


def test_sin_discordancias_ni_errores():
    y = np.array([0, 1, 2, 3])
    c = comparar(y, y, y, "A", "B")
    assert (c.solo_a, c.solo_b, c.p_valor, c.error_estandar) == (0, 0, 1.0, 0.0)
    assert c.frase == "A y B aciertan y fallan exactamente los mismos 4 ejemplos: no hay diferencia que medir."
    uno = comparar(np.array([1]), np.array([1]), np.array([0]))
    assert uno.frase.startswith("A acierta 1 ejemplo que B falla, y B 0 ejemplos")


def test_entradas_invalidas():
    y = np.array([0, 1, 1])
    with pytest.raises(ValueError) as error:
        comparar(y, np.eye(3), y)
    assert str(error.value) == (
        "prediccion_a debe tener una clase predicha por ejemplo, forma (3,); recibí la forma (3, 3). "
        "Pasa las clases predichas, por ejemplo probabilidades.argmax(axis=1)."
    )
    with pytest.raises(ValueError, match=r"^y debe ser un vector \(n,\) no vacío"):
        comparar(np.array([]), np.array([]), np.array([]))


def test_diferencia_pareada():
    a = np.array([30.1, 28.4, 25.0, 31.2])
    b = np.array([30.0, 28.5, 24.8, 31.0])
    r = diferencia_pareada(a, b, "la red", "la bicúbica", "dB")
    d = a - b
    assert r.media == pytest.approx(d.mean())
    assert r.error_estandar == pytest.approx(d.std(ddof=1) / 2)
    assert r.mejores == 3 and r.n == 4
    from scipy.stats import ttest_rel

    assert r.p_valor == pytest.approx(ttest_rel(a, b).pvalue)
    assert r.frase.startswith("En los 4 casos, la red menos la bicúbica da en promedio +0.10 ± 0.07 dB")
    sin_unidad = diferencia_pareada(a, b, "la red", "la bicúbica")
    assert sin_unidad.frase.startswith("En los 4 casos, la red menos la bicúbica da en promedio "
                                       "+0.10 ± 0.07 (± un error estándar; la red es mejor en 3;")
    bloques = diferencia_pareada(a, b, "la red", "la bicúbica", "dB", casos=("bloque", "bloques"))
    assert bloques.frase.startswith("En los 4 bloques, la red menos la bicúbica")
    igual = diferencia_pareada(a, a)
    assert igual.frase == "A y B dan exactamente lo mismo en los 4 casos."
    with pytest.raises(ValueError, match="al menos dos casos"):
        diferencia_pareada([1.0], [2.0])
