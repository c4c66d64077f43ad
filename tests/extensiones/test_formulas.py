"""El servidor de KaTeX de ``book/_ext/formulas.py``: conecta por un socket Unix, con reintentos."""

import socket
import sys
from pathlib import Path

import pytest
import sphinxcontrib.katex as katex

RAIZ = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RAIZ / "book" / "_ext"))
import formulas  # noqa: E402

KATEX_NPM = RAIZ / "node_modules" / "katex" / "dist" / "katex.min.js"


@pytest.fixture
def servidor(monkeypatch):
    if not KATEX_NPM.is_file():
        pytest.skip("Falta KaTeX en node_modules/: `npm ci` (make book lo instala).")
    monkeypatch.setattr(katex.KaTeXServer, "start_server_process", katex.KaTeXServer.start_server_process)
    monkeypatch.setattr(katex.KaTeXServer, "katex_path", str(KATEX_NPM))
    monkeypatch.setattr(katex.KaTeXServer, "katex_server", None)
    formulas._conectar_con_reintentos()
    servidor = katex.KaTeXServer.get()
    yield servidor
    servidor.sock.close()
    servidor.process.kill()
    servidor.process.wait()


def test_dibuja_por_un_socket_unix(servidor):
    """Por TCP (el camino de Windows), cada fórmula esperaba unos 85 ms al acuse retardado."""
    assert servidor.sock.family == socket.AF_UNIX
    for latex in (r"\frac{a}{b}", r"x_{1} > 0"):
        html = servidor.render({"latex": latex, "katex_options": {"throwOnError": False}}, 5)["html"]
        assert 'class="katex"' in html and "<math" in html
    assert "<mfrac>" in servidor.render({"latex": r"\frac{a}{b}", "katex_options": {}}, 5)["html"]


def test_precarga_de_fuentes_solo_si_hay_formulas_en_la_primera_pantalla():
    formula = '<span class="katex"><span class="katex-html">x</span></span>'
    cerca = f"<p>{'palabra ' * 100}{formula}</p>"  # 800 caracteres antes: en la primera pantalla
    lejos = f"<p>{'palabra ' * 200}{formula}</p>"  # 1 600: más abajo
    pathto = lambda ruta, recurso: f"../{ruta}"  # noqa: E731
    contextos = {nombre: {"body": cuerpo, "pathto": pathto} for nombre, cuerpo in
                 (("cerca", cerca), ("lejos", lejos), ("sin", "<p>Texto.</p>"))}
    for contexto in contextos.values():
        formulas.precargar_y_avisar(None, "p", "page.html", contexto, None)
    assert contextos["cerca"]["metatags"] == "".join(
        f'\n<link rel="preload" href="../_static/katex/fonts/{fuente}" as="font" type="font/woff2" '
        'crossorigin fetchpriority="low">' for fuente in ("KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2"))
    assert "metatags" not in contextos["lejos"] and "metatags" not in contextos["sin"]
