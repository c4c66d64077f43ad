"""Las hojas de cada página, unidas en una (``book/_ext/hoja_unica.py``), con archivos de verdad."""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.builders.html._assets import _CascadingStyleSheet
from sphinx.errors import ExtensionError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "book" / "_ext"))
from hoja_unica import CARPETA, DEL_TEMA, completar_hojas, hojas_de, reubicar, una_hoja  # noqa: E402


def test_reubicar_corrige_las_rutas_relativas_y_deja_las_demas():
    css = ("a{background:url(fonts/A.woff2)} b{src:url('../vendor/f.woff2') format('woff2')}"
           ' c{x:url("img/p.png")} d{x:url(data:image/png;base64,AAA=)} e{x:url(#filtro)} f{x:url(/raiz.png)}')
    assert reubicar(css, "_static/katex", "_static/hojas") == (
        "a{background:url(../katex/fonts/A.woff2)} b{src:url('../vendor/f.woff2') format('woff2')}"
        ' c{x:url("../katex/img/p.png")} d{x:url(data:image/png;base64,AAA=)} e{x:url(#filtro)} f{x:url(/raiz.png)}'
    )
    assert reubicar("a{x:url(../vendor/w.woff2)}", "_static/styles", "_static/hojas") == "a{x:url(../vendor/w.woff2)}"


def _sitio(tmp_path: Path) -> SimpleNamespace:
    for hoja, texto in {
        "_static/basic.css": "body{margin:0}",
        "_static/styles/pydata-sphinx-theme.css": "i{font:url(../vendor/fa.woff2)}",
        "_static/taller.css": "p{color:red}",
        "_static/katex/katex.min.css": "@font-face{src:url(fonts/M.woff2)}",
    }.items():
        (tmp_path / hoja).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / hoja).write_text(texto, encoding="utf-8")
    return SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format="html"))


def _pagina(app, *hojas: str) -> dict:
    contexto = {"css_files": [_CascadingStyleSheet(h) for h in hojas]}
    una_hoja(app, "pagina", "page.html", contexto, None)
    return contexto


def test_una_hoja_por_lista_y_completa_al_terminar(tmp_path):
    app = _sitio(tmp_path)
    con = _pagina(app, "_static/taller.css?v=1", "_static/katex/katex.min.css?v=2")
    otra = _pagina(app, "_static/taller.css?v=1", "_static/katex/katex.min.css?v=2")
    sin = _pagina(app, "_static/taller.css?v=1")
    assert con["taller_hoja"] == otra["taller_hoja"] != sin["taller_hoja"]
    assert con["css_files"] == [] and con["taller_hoja"].startswith(f"{CARPETA}/")
    completar_hojas(app, None)
    texto = (tmp_path / con["taller_hoja"]).read_text(encoding="utf-8")
    assert hojas_de(texto) == [*DEL_TEMA, "_static/taller.css", "_static/katex/katex.min.css"]
    assert texto.splitlines()[1:] == [
        "body{margin:0}", "i{font:url(../vendor/fa.woff2)}", "p{color:red}", "@font-face{src:url(../katex/fonts/M.woff2)}",
    ]
    # una hoja que cambia sin que cambie ninguna página: la siguiente construcción la pone al día
    (tmp_path / "_static/taller.css").write_text("p{color:blue}", encoding="utf-8")
    completar_hojas(app, None)
    assert "p{color:blue}" in (tmp_path / con["taller_hoja"]).read_text(encoding="utf-8")


def test_errores_claros(tmp_path):
    app = _sitio(tmp_path)
    with pytest.raises(ExtensionError, match=r"atributos \(media, title…\).*impresion\.css"):
        una_hoja(app, "p", "page.html", {"css_files": [_CascadingStyleSheet("_static/impresion.css", media="print")]}, None)
    (tmp_path / "_static/importa.css").write_text('@import "basic.css";', encoding="utf-8")
    _pagina(app, "_static/importa.css")
    with pytest.raises(ExtensionError, match=r"La hoja _static/importa.css usa @import"):
        completar_hojas(app, None)
    for hoja in Path(tmp_path, CARPETA).glob("*.css"):
        hoja.unlink()
    _pagina(app, "_static/falta.css")
    with pytest.raises(ExtensionError, match=r"Falta la hoja de estilos _static/falta.css"):
        completar_hojas(app, None)
    Path(tmp_path, CARPETA, "rota.css").write_text("p{}", encoding="utf-8")
    with pytest.raises(ExtensionError, match=r"no empieza con su lista: borra _build/"):
        completar_hojas(app, None)
