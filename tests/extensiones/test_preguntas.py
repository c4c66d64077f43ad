"""Pruebas de la sintaxis de las preguntas de autoevaluación (book/_ext/preguntas.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "book" / "_ext"))

from preguntas import Opcion, leer_pregunta, numero, pegado, revisar  # noqa: E402


def test_enunciado_opciones_retroalimentacion_y_explicacion():
    lineas = [
        "", "¿Qué forma?", "", "```python", "- [x] esto es código", "> también", "```", "",
        "- [x] $784 \\times 512$", "  > Sí: porque.", "  >", "  > Otro párrafo.",
        "- [ ] otra", "  > No.", "", "> Explicación", "> en dos líneas.", "",
    ]
    p = leer_pregunta(lineas)
    assert p.enunciado == ["¿Qué forma?", "", "```python", "- [x] esto es código", "> también", "```"]
    assert p.opciones == [
        Opcion("$784 \\times 512$", True, ["Sí: porque.", "", "Otro párrafo."]),
        Opcion("otra", False, ["No."]),
    ]
    assert p.explicacion == ["Explicación", "en dos líneas."]
    assert p.problemas == [] and revisar(p, multiple=False, numerica=False) == []


@pytest.mark.parametrize(
    "lineas, multiple, numerica, problema",
    [
        (["¿?", "- [x] a", "  > x", "- [x] b", "  > y"], False, False,
         "tiene 2 opciones correctas; una pregunta de elección única lleva exactamente una [x] "
         "(o usa :multiple:)"),
        (["¿?", "- [ ] a", "  > x", "- [ ] b", "  > y"], True, False,
         "con :multiple:, al menos una opción debe ser correcta ([x])"),
        (["¿?", "- [x] a", "  > x"], False, False, "hacen falta al menos dos opciones («- [x] ...», «- [ ] ...»)"),
        (["¿?", "- [x] a", "- [ ] b", "  > y"], False, False, "la opción «a» no explica por qué es correcta o no («  > ...»)"),
        (["¿Cuánto?"], False, True, "una pregunta numérica necesita una explicación («> ...» al final)"),
        (["¿?", "- [x] a", "  retro sin cita", "- [ ] b", "  > y"], False, False,
         "línea 3: la retroalimentación de una opción va en líneas «  > ...»"),
        (["¿?", "- [x] a", "  > x", "- [ ] b", "  > y", "suelto"], False, False,
         "línea 6: texto fuera de lugar después de las opciones: 'suelto'"),
    ],
)
def test_lo_que_falta_se_explica(lineas, multiple, numerica, problema):
    assert problema in revisar(leer_pregunta(lineas), multiple, numerica)


@pytest.mark.parametrize(
    "texto, valor",
    [("401\u202f920", 401920.0), ("'97.8\u00a0%'".strip("'"), 97.8), ("\u22120.5", -0.5), ("1e-3", 0.001),
     ("abc", None), ("", None)],
)
def test_numero(texto, valor):
    assert numero(texto) == valor


def test_pegado():
    assert pegado("{glue}`mlp_param_oculta`") == ("mlp_param_oculta", "")
    assert pegado(" {glue:text}`precision:.2f` ") == ("precision", ".2f")
    assert pegado("401920") is None
