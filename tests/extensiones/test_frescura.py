"""Un cambio del paquete vuelve a ejecutar solo las páginas que usan lo que cambió.

Construye un libro mínimo con la extensión del curso (``book/_ext/taller.py``) y el mismo
lanzador que ``make book`` (``book/_ext/construir.py``, que lee en paralelo), y mira en la caché
de ejecución qué páginas se ejecutaron tras cada tipo de cambio.
"""

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from jupyter_cache import get_cache

import taller_keras

RAIZ = Path(__file__).resolve().parents[2]
CONSTRUIR = RAIZ / "book" / "_ext" / "construir.py"
# Sphinx lee en paralelo si hay más de cinco páginas; entonces informa lotes («a .. c»).
LECTURA_EN_LOTES = re.compile(r"reading sources\.\.\. .*\S \.\. \S")
CABECERA = textwrap.dedent(
    """\
    ---
    jupytext:
      text_representation:
        extension: .md
        format_name: myst
    kernelspec:
      display_name: Python 3
      language: python
      name: python3
    ---
    """
)


def pagina(titulo: str, prosa: str, codigo: str) -> str:
    return f"{CABECERA}\n# {titulo}\n\n{prosa}\n\n```{{code-cell}} ipython3\n{codigo}\n```\n"


@pytest.fixture
def libro(tmp_path):
    paquete = tmp_path / "paquete"
    shutil.copytree(Path(taller_keras.__file__).parent, paquete, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "_config.yml").write_text(
        textwrap.dedent(
            f"""\
            title: Frescura
            only_build_toc_files: true
            execute:
              execute_notebooks: cache
              raise_on_error: true
            sphinx:
              local_extensions:
                taller: {RAIZ / "book" / "_ext"}
              config:
                taller_paquete: {paquete}
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nchapters:\n  - file: 1-prologo\n  - file: 2-guia\n"
        "  - file: a\n  - file: b\n  - file: c\n  - file: d\n",
        encoding="utf-8",
    )
    (tmp_path / "index.md").write_text("# Inicio\n", encoding="utf-8")
    # Dos páginas sin código: con siete páginas Sphinx lee en lotes de tres.
    (tmp_path / "1-prologo.md").write_text("# Prólogo\n\nSolo prosa.\n", encoding="utf-8")
    (tmp_path / "2-guia.md").write_text("# Guía\n\nSolo prosa.\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(
        pagina("A", "Usa formato.", "from taller_keras.formato import miles\nprint(miles(70000))"), encoding="utf-8"
    )
    (tmp_path / "b.md").write_text(
        pagina("B", "Usa entorno.", "from taller_keras.entorno import SEMILLA\nprint(SEMILLA)"), encoding="utf-8"
    )
    (tmp_path / "c.md").write_text(pagina("C", "Sin el paquete.", "print(1 + 1)"), encoding="utf-8")
    (tmp_path / "d.md").write_text(
        pagina("D", "Usa una subcarpeta del paquete.",
               "from taller_keras import aplicaciones as apl\nprint(apl.IMAGENES_SR[0])"),
        encoding="utf-8",
    )
    return tmp_path, paquete


def construir(carpeta: Path, en_lotes: bool = False) -> set[str]:
    """Construye y devuelve qué páginas se ejecutaron (registros nuevos en la caché)."""
    cache = carpeta / "_build" / ".jupyter_cache"
    antes = {r.pk for r in get_cache(cache).list_cache_records()} if cache.exists() else set()
    entorno = {**os.environ, "TALLER_MNIST": "muestra", "TALLER_PROCESOS": "2"}
    resultado = subprocess.run(
        [sys.executable, str(CONSTRUIR), "build", str(carpeta), "-W", "-n"],
        capture_output=True, text=True, env=entorno, timeout=600,
    )
    assert resultado.returncode == 0, resultado.stdout[-3000:] + resultado.stderr[-3000:]
    if en_lotes:
        assert LECTURA_EN_LOTES.search(resultado.stdout), resultado.stdout[-3000:]
    return {Path(r.uri).stem for r in get_cache(cache).list_cache_records() if r.pk not in antes}


def editar(archivo: Path, viejo: str, nuevo: str) -> None:
    texto = archivo.read_text(encoding="utf-8")
    assert viejo in texto
    archivo.write_text(texto.replace(viejo, nuevo, 1), encoding="utf-8")


def test_solo_se_ejecuta_lo_que_cambio(libro):
    carpeta, paquete = libro
    # Leída en paralelo: lo que cada proceso anota de sus páginas llega al principal.
    assert construir(carpeta, en_lotes=True) == {"a", "b", "c", "d"}
    assert construir(carpeta) == set()  # nada cambió
    editar(carpeta / "a.md", "Usa formato.", "Usa formato del paquete.")
    assert construir(carpeta) == set()  # solo prosa
    editar(paquete / "formato.py", '"""Números', '"""Los números')
    assert construir(carpeta) == {"a"}  # a usa formato; b y c no
    editar(carpeta / "c.md", "print(1 + 1)", "print(2 + 2)")
    assert construir(carpeta) == {"c"}  # una celda de código
    editar(paquete / "entorno.py", '"""Reproducibilidad', '"""Reproducibilidad del curso')
    assert construir(carpeta) == {"b"}
    editar(paquete / "aplicaciones" / "metricas.py", '"""Métricas', '"""Las métricas')
    assert construir(carpeta) == {"d"}  # un módulo de la subcarpeta aplicaciones/
    editar(paquete / "validacion.py", '"""Revisión', '"""La revisión')
    assert construir(carpeta) == {"d"}  # aplicaciones importa validacion con «from .. import»
