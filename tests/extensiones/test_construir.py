"""Cuántas páginas lee a la vez el lanzador de ``make book`` (``book/_ext/construir.py``)."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "book" / "_ext"))
from construir import MAXIMO_DE_PROCESOS, procesos  # noqa: E402


def test_por_omision_tantos_como_nucleos_hasta_el_maximo(monkeypatch):
    monkeypatch.delenv("TALLER_PROCESOS", raising=False)
    assert procesos() == min(MAXIMO_DE_PROCESOS, os.cpu_count() or 1)


@pytest.mark.parametrize("valor, esperado", [("1", 1), ("3", 3), (" 2 ", 2)])
def test_la_variable_elige_el_numero(monkeypatch, valor, esperado):
    monkeypatch.setenv("TALLER_PROCESOS", valor)
    assert procesos() == esperado


@pytest.mark.parametrize("valor", ["0", "-1", "dos", "1.5"])
def test_un_valor_invalido_da_un_error_claro(monkeypatch, valor):
    monkeypatch.setenv("TALLER_PROCESOS", valor)
    with pytest.raises(SystemExit) as error:
        procesos()
    assert str(error.value) == (
        f"TALLER_PROCESOS debe ser un entero positivo (cuántas páginas leer a la vez); "
        f"recibí {valor!r}. Usa, por ejemplo, TALLER_PROCESOS=1 para leer en serie."
    )
