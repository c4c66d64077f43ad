"""Enlace entre los cuadernos y el texto del libro."""

from __future__ import annotations


def pegar(nombre: str, valor, mostrar: bool = False) -> None:
    """Guarda ``valor`` con ``nombre`` para citarlo en el texto (``glue`` de myst-nb).

    Fuera de la construcción del libro (por ejemplo en Colab, sin myst-nb) solo lo
    muestra si ``mostrar`` es verdadero.
    """
    try:
        from myst_nb import glue
    except ImportError:
        if mostrar:
            from IPython.display import display

            display(valor)
        return
    glue(nombre, valor, display=mostrar)
