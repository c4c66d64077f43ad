"""Hojas y guiones por página (``book/_ext/recursos.py``) con los objetos de Sphinx de verdad."""

import sys
from pathlib import Path
from types import SimpleNamespace

from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "book" / "_ext"))
from recursos import guiones_diferidos, solo_donde_aparezca, solo_los_necesarios  # noqa: E402


def _contexto(cuerpo: str) -> dict:
    return {
        "body": cuerpo,
        "css_files": [_CascadingStyleSheet("_static/taller.css"), _CascadingStyleSheet("_static/cuestionario.css?v=1")],
        "script_files": [
            _JavaScript("_static/documentation_options.js"),
            _JavaScript(None, body="DOCUMENTATION_OPTIONS.pagename = 'x';"),
            _JavaScript("_static/cuestionario.js"),
            _JavaScript("_static/sphinx-thebe.js", **{"async": "async"}),
        ],
    }


def _nombres(contexto: dict, lista: str) -> list[str]:
    return [str(r.filename) for r in contexto[lista]]


def test_los_archivos_de_una_extension_solo_donde_aparece_su_marca():
    app = SimpleNamespace()
    solo_donde_aparezca(app, 'class="cuestionario', "cuestionario.css", "cuestionario.js")
    con, sin = _contexto('<div class="cuestionario">¿…?</div>'), _contexto("<p>Texto.</p>")
    for contexto in (con, sin):
        solo_los_necesarios(app, "pagina", "page.html", contexto, None)
    assert _nombres(con, "css_files") == ["_static/taller.css", "_static/cuestionario.css?v=1"]
    assert "_static/cuestionario.js" in _nombres(con, "script_files")
    assert _nombres(sin, "css_files") == ["_static/taller.css"]
    assert _nombres(sin, "script_files") == ["_static/documentation_options.js", "None", "_static/sphinx-thebe.js"]


def test_guiones_diferidos_salvo_el_que_usan_los_guiones_en_linea():
    contexto = _contexto("")
    originales = list(contexto["script_files"])
    guiones_diferidos(None, "pagina", "page.html", contexto, None)
    atributos = {str(js.filename): js.attributes for js in contexto["script_files"]}
    assert atributos["_static/documentation_options.js"] == {}
    assert atributos["None"] == {"body": "DOCUMENTATION_OPTIONS.pagename = 'x';"}
    assert atributos["_static/cuestionario.js"] == {"defer": "defer"}
    assert atributos["_static/sphinx-thebe.js"] == {"async": "async"}
    assert originales[2].attributes == {}, "los objetos de Sphinx, compartidos por todas las páginas, quedan igual"


def test_la_busqueda_no_difiere_sus_guiones():
    contexto = _contexto("")
    guiones_diferidos(None, "search", "search.html", contexto, None)
    assert all("defer" not in js.attributes for js in contexto["script_files"])
