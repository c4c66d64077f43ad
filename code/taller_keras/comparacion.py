"""Comparar dos modelos con los mismos ejemplos: ¿la diferencia es real o es azar?

Dos clasificadores medidos sobre las mismas imágenes no son muestras independientes: se
comparan por las imágenes en que discrepan, con la prueba exacta de McNemar (una prueba
binomial sobre esos pares, ``scipy.stats.binomtest``) y con el error estándar de la diferencia
pareada. Para una medida continua por ejemplo (la PSNR de cada imagen, por ejemplo) se usa la
prueba t pareada (``scipy.stats.ttest_rel``). Cada resultado trae la frase en español que lo
cuenta, también cuando no hay diferencia alguna.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import validacion
from .formato import cantidad

NIVEL = 0.05  # por debajo de este p-valor, la diferencia es difícil de atribuir al azar


def _mayuscula(texto: str) -> str:
    return texto[:1].upper() + texto[1:]


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def _veredicto(p: float) -> str:
    if p < NIVEL:
        return "es difícil de atribuir sólo al azar"
    return "está dentro del ruido: con estos datos no se puede decir cuál es mejor"


@dataclass(frozen=True)
class Comparacion:
    """Dos clasificadores sobre los mismos n ejemplos (ver ``comparar``)."""

    nombre_a: str
    nombre_b: str
    n: int
    exactitud_a: float
    exactitud_b: float
    solo_a: int  # ejemplos que A acierta y B falla
    solo_b: int  # ejemplos que B acierta y A falla
    error_estandar: float  # de la diferencia de exactitudes, pareada
    p_valor: float  # prueba exacta de McNemar

    @property
    def diferencia(self) -> float:
        """Exactitud de A menos exactitud de B (una fracción)."""
        return self.exactitud_a - self.exactitud_b

    @property
    def significativa(self) -> bool:
        """¿El p-valor de McNemar es menor que 0.05?"""
        return self.p_valor < NIVEL

    @property
    def frase(self) -> str:
        """Lo que dice la comparación, en una frase que se lee bien para cualquier resultado."""
        a, b = self.nombre_a, self.nombre_b
        if self.solo_a == self.solo_b == 0:
            return _mayuscula(f"{a} y {b} aciertan y fallan exactamente los mismos "
                              f"{cantidad(self.n, 'ejemplo', 'ejemplos')}: no hay diferencia que medir.")
        return _mayuscula(
            f"{a} acierta {cantidad(self.solo_a, 'ejemplo', 'ejemplos')} que {b} falla, y {b} "
            f"{cantidad(self.solo_b, 'ejemplo', 'ejemplos')} que {a} falla: una diferencia de "
            f"{100 * self.diferencia:+.1f} ± {100 * self.error_estandar:.1f} puntos de exactitud "
            f"(± un error estándar; McNemar, {_p(self.p_valor)}), que {_veredicto(self.p_valor)}."
        )


def comparar(y, prediccion_a, prediccion_b, nombre_a: str = "A", nombre_b: str = "B") -> Comparacion:
    """Compara dos clasificadores por sus aciertos en los mismos ejemplos (prueba de McNemar)."""
    from scipy.stats import binomtest

    y = np.asarray(y)
    if y.ndim != 1 or len(y) == 0:
        raise ValueError(
            "y debe ser un vector (n,) no vacío con la clase verdadera de cada ejemplo; "
            f"recibí la forma {y.shape}."
        )
    acierta_a = _aciertos(prediccion_a, y, "prediccion_a")
    acierta_b = _aciertos(prediccion_b, y, "prediccion_b")
    solo_a = int(np.sum(acierta_a & ~acierta_b))
    solo_b = int(np.sum(acierta_b & ~acierta_a))
    discordantes = solo_a + solo_b
    p = 1.0 if discordantes == 0 else float(binomtest(solo_a, discordantes, 0.5).pvalue)
    d = acierta_a.astype(float) - acierta_b.astype(float)
    error = float(d.std(ddof=1) / np.sqrt(len(d))) if len(d) > 1 else 0.0
    return Comparacion(nombre_a, nombre_b, len(y), float(acierta_a.mean()), float(acierta_b.mean()),
                       solo_a, solo_b, error, p)


def _aciertos(prediccion, y: np.ndarray, nombre: str) -> np.ndarray:
    prediccion = np.asarray(prediccion)
    if prediccion.shape != y.shape:
        pista = " Pasa las clases predichas, por ejemplo probabilidades.argmax(axis=1)." \
            if prediccion.ndim == 2 else ""
        raise ValueError(
            f"{nombre} debe tener una clase predicha por ejemplo, forma {y.shape}; recibí la "
            f"forma {prediccion.shape}.{pista}"
        )
    return prediccion == y


@dataclass(frozen=True)
class DiferenciaPareada:
    """Una medida continua de dos métodos sobre los mismos n casos (ver ``diferencia_pareada``)."""

    nombre_a: str
    nombre_b: str
    unidad: str
    n: int
    media: float  # promedio de (a − b)
    error_estandar: float
    p_valor: float  # prueba t pareada
    mejores: int  # casos en que A supera a B
    casos: tuple[str, str] = ("caso", "casos")  # cómo se llaman los casos, en singular y en plural

    @property
    def significativa(self) -> bool:
        """¿El p-valor de la prueba t pareada es menor que 0.05?"""
        return self.p_valor < NIVEL

    @property
    def frase(self) -> str:
        """Lo que dice la comparación, en una frase que se lee bien para cualquier resultado."""
        a, b = self.nombre_a, self.nombre_b
        casos = cantidad(self.n, *self.casos)
        if self.error_estandar == 0 and self.media == 0:
            return _mayuscula(f"{a} y {b} dan exactamente lo mismo en los {casos}.")
        return (
            f"En los {casos}, {a} menos {b} da en promedio {self.media:+.2f} ± "
            f"{self.error_estandar:.2f}{' ' + self.unidad if self.unidad else ''} "
            f"(± un error estándar; {a} es mejor en "
            f"{self.mejores}; prueba t pareada, {_p(self.p_valor)}): una diferencia que "
            f"{_veredicto(self.p_valor)}."
        )


def diferencia_pareada(a, b, nombre_a: str = "A", nombre_b: str = "B", unidad: str = "",
                       casos: tuple[str, str] = ("caso", "casos")) -> DiferenciaPareada:
    """Compara dos métodos por una medida continua en los mismos casos (prueba t pareada).

    ``casos`` nombra los casos en la frase, en singular y en plural (por ejemplo
    ``("bloque", "bloques")``).
    """
    from scipy.stats import ttest_rel

    a = validacion.numerico(a, "a")
    b = validacion.numerico(b, "b")
    validacion.misma_forma(a, b, "a", "b")
    if a.ndim != 1 or len(a) < 2:
        raise ValueError(
            f"a y b deben ser vectores (n,) con al menos dos casos; recibí la forma {a.shape}."
        )
    d = a - b
    error = float(d.std(ddof=1) / np.sqrt(len(d)))
    p = 1.0 if error == 0 else float(ttest_rel(a, b).pvalue)
    return DiferenciaPareada(nombre_a, nombre_b, unidad, len(d), float(d.mean()), error, p,
                             int(np.sum(d > 0)), casos)
