"""Utilidades para revisar el sitio construido en _build/html."""

import os
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

RAIZ = Path(__file__).resolve().parents[2]
# TALLER_HTML permite revisar otra construcción (por ejemplo, una copia en /tmp).
HTML = Path(os.environ.get("TALLER_HTML", RAIZ / "_build" / "html"))


def paginas_del_indice() -> list[str]:
    """Las páginas de _toc.yml, en orden (por ejemplo 'book/07-mnist')."""
    toc = yaml.safe_load((RAIZ / "_toc.yml").read_text(encoding="utf-8"))
    paginas = [toc["root"]]
    pendientes = list(toc.get("parts", [])) + list(toc.get("chapters", []))
    while pendientes:
        nodo = pendientes.pop(0)
        if "file" in nodo:
            paginas.append(nodo["file"])
        pendientes[:0] = nodo.get("chapters", []) + nodo.get("sections", [])
    return paginas


@pytest.fixture(scope="session")
def sitio() -> Path:
    if not (HTML / "index.html").is_file():
        pytest.fail("No hay sitio construido en _build/html: ejecuta `make book` antes.")
    return HTML


def leer(pagina: str) -> BeautifulSoup:
    return BeautifulSoup((HTML / f"{pagina}.html").read_text(encoding="utf-8"), "html.parser")
