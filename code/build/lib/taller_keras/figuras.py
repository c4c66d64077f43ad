"""Estilo común de las figuras del curso."""

import matplotlib.pyplot as plt

AZUL, NARANJA = "#1f5a96", "#d9822b"


def cerrar_figura(fig):
    """Ajusta los márgenes, cierra la figura para pyplot y la devuelve.

    Así, en un cuaderno, la figura se muestra una sola vez: cuando es la última expresión
    de la celda.
    """
    fig.tight_layout()
    plt.close(fig)
    return fig
