"""Números escritos como en un texto en español."""


def miles(n: int) -> str:
    """Escribe un entero con espacio fino como separador de miles: 70 000."""
    return f"{int(n):,}".replace(",", "\u202f")


def porcentaje(fraccion: float, decimales: int = 1) -> str:
    """Escribe una fracción como porcentaje: 0.9781 → '97.8 %'."""
    return f"{100 * float(fraccion):.{decimales}f}\u00a0%"
