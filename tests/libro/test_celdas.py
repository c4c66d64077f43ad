"""Revisión estática de los capítulos: el código que ve el lector funciona tal como se muestra.

Quien copie las celdas visibles de un capítulo, en orden, debe poder ejecutarlas: ninguna celda
visible usa un nombre que sólo define una celda oculta (``remove-cell`` o ``remove-input``), y
la contabilidad que no es para el lector (los valores pegados con ``pegar``) vive sólo en celdas
ocultas.
"""

import builtins
import re
import symtable
from pathlib import Path

import jupytext
import pytest

RAIZ = Path(__file__).resolve().parents[2]
CAPITULOS = sorted(p for p in (RAIZ / "book").glob("*.md")
                   if "kernelspec:" in p.read_text(encoding="utf-8").split("\n---", 1)[0])
OCULTAS = {"remove-cell", "remove-input"}
# Lo que Jupyter define en cada cuaderno además de las funciones de Python.
DE_JUPYTER = {"display", "get_ipython", "In", "Out", "_"}
CONOCIDOS = set(dir(builtins)) | DE_JUPYTER
CONTABILIDAD = re.compile(r"\b(pegar|glue)\b")


def celdas(capitulo: Path) -> list[tuple[bool, str]]:
    """(¿visible?, código) de cada celda de código del capítulo, en orden."""
    cuaderno = jupytext.read(capitulo)
    return [
        (not OCULTAS & set(c.metadata.get("tags", [])), c.source)
        for c in cuaderno.cells
        if c.cell_type == "code"
    ]


def _sin_magias(codigo: str) -> str:
    return "\n".join("" if l.lstrip().startswith(("%", "!")) else l for l in codigo.split("\n"))


def nombres(codigo: str) -> tuple[set[str], set[str]]:
    """(nombres que la celda lee de fuera, nombres que define) según las tablas de símbolos."""
    tabla = symtable.symtable(_sin_magias(codigo), "<celda>", "exec")
    definidos = {s.get_name() for s in tabla.get_symbols() if s.is_assigned() or s.is_imported()}
    leidos = {s.get_name() for s in tabla.get_symbols() if s.is_referenced()}
    pendientes = list(tabla.get_children())
    while pendientes:  # funciones, clases y comprensiones: lo que leen del módulo
        hija = pendientes.pop()
        pendientes += hija.get_children()
        for s in hija.get_symbols():
            if s.is_global() and s.is_referenced():
                leidos.add(s.get_name())
            if s.is_declared_global() and s.is_assigned():
                definidos.add(s.get_name())
    return leidos - definidos, definidos


def faltantes(capitulo: Path) -> list[str]:
    """Nombres que una celda visible usa sin que una celda visible anterior los defina."""
    definidos = set(CONOCIDOS)
    problemas = []
    for numero, (visible, codigo) in enumerate(celdas(capitulo), start=1):
        if not visible:
            continue
        leidos, propios = nombres(codigo)
        for nombre in sorted(leidos - definidos):
            problemas.append(f"celda {numero}: «{nombre}»")
        definidos |= propios
    return problemas


def test_hay_capitulos():
    assert {"01-keras", "09-cnn", "12-aplicaciones"} <= {p.stem for p in CAPITULOS}


def test_el_revisor_ve_lo_que_debe():
    leidos, definidos = nombres(
        "import numpy as np\nx = np.ones(3)\ndef f(a):\n    return a + y + len(a)\n"
        "print([z for z in x if z > umbral])\n%timeit f(x)\n"
    )
    assert leidos == {"y", "umbral", "len", "print"}
    assert definidos == {"np", "x", "f"}


@pytest.mark.parametrize("capitulo", CAPITULOS, ids=lambda p: p.stem)
def test_las_celdas_visibles_se_bastan_solas(capitulo):
    problemas = faltantes(capitulo)
    assert not problemas, (
        f"{capitulo.name}: estas celdas visibles usan nombres que sólo define una celda oculta "
        "(o ninguna anterior):\n  " + "\n  ".join(problemas)
    )


@pytest.mark.parametrize("capitulo", CAPITULOS, ids=lambda p: p.stem)
def test_los_valores_pegados_viven_en_celdas_ocultas(capitulo):
    visibles = [n for n, (visible, codigo) in enumerate(celdas(capitulo), start=1)
                if visible and CONTABILIDAD.search(codigo)]
    assert not visibles, (
        f"{capitulo.name}: las celdas visibles {visibles} usan pegar/glue; esa contabilidad no es "
        "para el lector y va en una celda con la etiqueta remove-cell."
    )
