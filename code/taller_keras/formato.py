"""Números y frases escritos como en un texto en español, para cualquier valor.

El texto de las páginas cita resultados de la ejecución; estas funciones cuidan los casos de
borde (un solo elemento, dos valores iguales, una lista vacía) para que la frase se lea bien
siempre.
"""

from __future__ import annotations


def miles(n: int) -> str:
    """Escribe un entero con espacio fino como separador de miles: 70 000."""
    return f"{int(n):,}".replace(",", "\u202f")


def porcentaje(fraccion: float, decimales: int = 1) -> str:
    """Escribe una fracción como porcentaje: 0.9781 → '97.8 %'."""
    return f"{100 * float(fraccion):.{decimales}f}\u00a0%"


def con_signo(x: float, decimales: int = 1) -> str:
    """Un cambio con su signo y el signo menos tipográfico: 4.6 → '+4.6', −0.62 → '−0.6'.

    Lo que al redondear queda en cero se escribe '+0.0', nunca '−0.0'."""
    redondeado = round(float(x), decimales) + 0.0  # + 0.0 convierte −0.0 en 0.0
    return f"{redondeado:+.{decimales}f}".replace("-", "\u2212")


def cantidad(n: int, singular: str, plural: str) -> str:
    """«1 imagen», «3 imágenes», «70 000 imágenes»: el número y la palabra que le toca."""
    return f"{miles(n)} {singular if int(n) == 1 else plural}"


def lista(elementos, conjuncion: str = "y", vacia: str = "ninguno") -> str:
    """Une textos como en una frase: «a», «a y b», «a, b y c»; ``vacia`` si no hay ninguno."""
    elementos = [str(e) for e in elementos]
    if not elementos:
        return vacia
    if len(elementos) == 1:
        return elementos[0]
    return ", ".join(elementos[:-1]) + f" {conjuncion} " + elementos[-1]


def entre(minimo: int, maximo: int, singular: str, plural: str) -> str:
    """«entre 400 y 450 imágenes» o, si son iguales, «exactamente 400 imágenes»."""
    if int(minimo) == int(maximo):
        return f"exactamente {cantidad(minimo, singular, plural)}"
    return f"entre {miles(minimo)} y {cantidad(maximo, singular, plural)}"
