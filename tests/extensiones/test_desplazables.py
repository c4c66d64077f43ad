"""``book/_ext/desplazables.py``: las cajas que se desplazan, enfocables desde el HTML."""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

RAIZ = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RAIZ / "book" / "_ext"))
import desplazables  # noqa: E402


def test_cada_caja_que_se_desplaza_recibe_el_foco_una_vez():
    html = (
        '<div class="highlight"><pre><span></span>x = 1</pre></div>'
        '<pre style="white-space:pre">capa</pre>'
        '<pre tabindex="-1">ya tenía</pre>'
        '<div class="math"><span class="katex">…</span></div>'
        '<div class="pst-scrollable-table-container"><table></table></div>'
        '<div class="output text_html"><table class="dataframe"></table></div>'
        '<div class="output text_html"><pre>resumen</pre></div>'
        '<preformateado>no es un pre</preformateado>'
    )
    assert desplazables.cajas_enfocables(html) == (
        '<div class="highlight"><pre tabindex="0"><span></span>x = 1</pre></div>'
        '<pre tabindex="0" style="white-space:pre">capa</pre>'
        '<pre tabindex="-1">ya tenía</pre>'
        '<div class="math" tabindex="0"><span class="katex">…</span></div>'
        '<div class="pst-scrollable-table-container" tabindex="0"><table></table></div>'
        '<div class="output text_html" tabindex="0"><table class="dataframe"></table></div>'
        '<div class="output text_html"><pre tabindex="0">resumen</pre></div>'
        '<preformateado>no es un pre</preformateado>'
    )


def test_el_guion_del_tema_fijado_trae_la_medicion_que_se_quita():
    import pydata_sphinx_theme

    guion = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
             / "scripts" / "pydata-sphinx-theme.js")
    assert guion.read_text(encoding="utf-8").count(desplazables.MEDIR_AL_CARGAR) == 1


def _sitio(tmp_path, texto: str):
    guion = tmp_path / desplazables.GUION_DEL_TEMA
    guion.parent.mkdir(parents=True)
    guion.write_text(texto, encoding="utf-8")
    return SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format="html")), guion


def test_el_tema_deja_de_medir_al_cargar_y_repetirlo_no_cambia_nada(tmp_path):
    app, guion = _sitio(tmp_path, f"function I(){{}};{desplazables.MEDIR_AL_CARGAR}}})()")
    desplazables.no_medir_al_cargar(app, None)
    assert guion.read_text() == f"function I(){{}};{desplazables.SIN_MEDIR}}})()"
    desplazables.no_medir_al_cargar(app, None)
    assert guion.read_text() == f"function I(){{}};{desplazables.SIN_MEDIR}}})()"


def test_un_tema_distinto_detiene_la_construccion(tmp_path):
    app, _ = _sitio(tmp_path, "window.addEventListener('load', medirOtraCosa)")
    with pytest.raises(ExtensionError, match="ya no trae la medición"):
        desplazables.no_medir_al_cargar(app, None)
