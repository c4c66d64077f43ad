"""Cuadernos descargables, Colab, lectura sin conexión e interfaz en español (sitio construido)."""

import re
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
import yaml
from jupyter_cache import get_cache
from nbclient import NotebookClient

from taller_keras.datos import cargar_mnist

from .conftest import HTML, RAIZ, leer, paginas_del_indice
from .test_sitio import RUIDO

sys.path.insert(0, str(RAIZ / "book" / "_ext"))
from cuadernos import MIDE_TIEMPO, valores_pegados  # noqa: E402
from myst_a_markdown import restos_de_myst  # noqa: E402

CONFIG = yaml.safe_load((RAIZ / "_config.yml").read_text(encoding="utf-8"))
REPOSITORIO = CONFIG["repository"]["url"]


def _es_cuaderno(pagina: str) -> bool:
    cabecera = (RAIZ / f"{pagina}.md").read_text(encoding="utf-8").split("\n---", 1)[0]
    return "kernelspec:" in cabecera


CAPITULOS = [p for p in paginas_del_indice() if _es_cuaderno(p)]


def cuaderno(pagina: str) -> nbformat.NotebookNode:
    return nbformat.read(HTML / "_sources" / f"{pagina}.ipynb", as_version=4)


def test_hay_capitulos_con_cuaderno():
    assert "book/06-mnist" in CAPITULOS
    assert "book/index" not in CAPITULOS


@pytest.mark.parametrize("pagina", CAPITULOS)
def test_cuaderno_valido_y_sin_myst(sitio, pagina):
    nb = cuaderno(pagina)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    for celda in nb.cells:
        if celda.cell_type == "markdown":
            assert restos_de_myst(celda.source) == [], celda.source[:200]
            assert not re.search(r"\{(glue|cite|term|ref|doc|numref)[:}]", celda.source)


@pytest.mark.parametrize("pagina", CAPITULOS)
def test_primera_celda_instala_el_paquete(sitio, pagina):
    nb = cuaderno(pagina)
    codigo = [c for c in nb.cells if c.cell_type == "code"]
    assert codigo[0].metadata["tags"] == ["instalacion"]
    assert f"git+{REPOSITORIO}.git#subdirectory=code" in codigo[0].source
    assert codigo[0].outputs == []  # no se ejecuta al construir


@pytest.mark.parametrize("pagina", CAPITULOS)
def test_salidas_limpias(sitio, pagina):
    texto = (HTML / "_sources" / f"{pagina}.ipynb").read_text(encoding="utf-8")
    for prohibido in (str(RAIZ), "/root/", "/home/", "site-packages", "papermill.record", "taller-huella"):
        assert prohibido not in texto, prohibido
    for celda in cuaderno(pagina).cells:
        for salida in celda.get("outputs", []):
            assert not (salida.output_type == "stream" and salida.name == "stderr")
            assert salida.output_type != "error"
            if salida.output_type == "stream":
                assert not RUIDO.search(salida.text), salida.text


def test_valores_pegados_son_los_de_la_construccion(sitio):
    nb = cuaderno("book/06-mnist")
    texto = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
    resumen = " ".join(cargar_mnist().resumen.split())
    assert f"Esta página se construyó en {resumen}." in texto
    assert "](https://" in texto  # las referencias internas apuntan al sitio publicado


@pytest.mark.parametrize("pagina", CAPITULOS)
def test_boton_colab_y_descarga(sitio, pagina):
    sopa = leer(pagina)
    colab = sopa.find("a", href=re.compile(r"^https://colab\.research\.google\.com/"))
    assert colab is not None and "Abrir en Colab" in colab.get_text()
    ruta = re.search(r"/blob/gh-pages/(.+)$", colab["href"]).group(1)
    assert (HTML / ruta).is_file(), ruta  # lo que publica el flujo de GitHub Pages
    descarga = sopa.find("a", href=re.compile(r"\.ipynb$"), title="Descargar como cuaderno de Jupyter")
    assert (HTML / pagina).parent.joinpath(descarga["href"]).resolve() == (HTML / ruta).resolve()


def test_pagina_de_cuadernos_y_zip(sitio):
    sopa = leer("book/cuadernos")
    enlaces = {a["href"] for a in sopa.select("article a[href^='../_sources/']")}
    assert enlaces == {f"../_sources/{p}.ipynb" for p in CAPITULOS}
    with zipfile.ZipFile(HTML / "taller-keras-cuadernos.zip") as zf:
        assert sorted(zf.namelist()) == sorted(Path(p).name + ".ipynb" for p in CAPITULOS)
        for nombre in zf.namelist():
            nbformat.validate(nbformat.reads(zf.read(nombre).decode("utf-8"), as_version=4))
    with zipfile.ZipFile(HTML / "taller-keras-sitio.zip") as zf:
        nombres = set(zf.namelist())
    assert "taller-keras/index.html" in nombres
    assert "taller-keras/_static/katex/katex.min.css" in nombres  # las fórmulas, sin conexión
    assert "taller-keras/_static/katex/fonts/KaTeX_Main-Regular.woff2" in nombres
    assert all(f"taller-keras/{p}.html" in nombres for p in paginas_del_indice())


ATRIBUTOS_DE_RECURSO = [("script", "src"), ("link", "href"), ("img", "src"), ("source", "src"), ("iframe", "src")]


def test_ningun_recurso_de_terceros(sitio):
    externos = []
    for archivo in HTML.rglob("*.html"):
        sopa = leer(archivo.relative_to(HTML).with_suffix("").as_posix())
        for etiqueta, atributo in ATRIBUTOS_DE_RECURSO:
            for nodo in sopa.find_all(etiqueta):
                valor = nodo.get(atributo, "")
                if etiqueta == "link" and "canonical" in nodo.get("rel", []):
                    continue  # la dirección pública de la página, no un recurso
                if re.match(r"^(https?:)?//", valor):
                    externos.append((archivo.name, etiqueta, valor))
    for css in HTML.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?((?:https?:)?//[^)'\"]+)", css.read_text(encoding="utf-8", errors="ignore")):
            externos.append((css.name, "css", url))
    assert externos == []


INGLES = ["Toggle primary sidebar", "Toggle secondary sidebar", "Link to this heading", "Suggest edit",
          "Open issue", "Launch interactive content", "Download this page", "© Copyright", "Show code cell"]


@pytest.mark.parametrize("pagina", paginas_del_indice())
def test_interfaz_en_espanol(sitio, pagina):
    html = (HTML / f"{pagina}.html").read_text(encoding="utf-8")
    assert [t for t in INGLES if t in html] == []
    assert "© 2018–2026" in html


@pytest.mark.parametrize("pagina", CAPITULOS)
def test_cuaderno_se_ejecuta_solo(sitio, pagina, tmp_path, monkeypatch):
    """El cuaderno descargado corre de principio a fin en un kernel nuevo (modo muestra)."""
    monkeypatch.setenv("TALLER_MNIST", "muestra")
    nb = cuaderno(pagina)
    nb.cells = [c for c in nb.cells if "instalacion" not in c.metadata.get("tags", [])]
    NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    salidas = [s for c in nb.cells for s in c.get("outputs", [])]
    assert [s for s in salidas if s.output_type == "error"] == []
    assert [s.text for s in salidas if s.output_type == "stream" and s.name == "stderr"] == []
    # Reproducible: esta segunda ejecución pega exactamente las cifras de la construcción.
    construccion, ahora = pegados_en_la_construccion(pagina), valores_pegados(nb)
    assert construccion.keys() == ahora.keys()
    diferentes = {k: (construccion[k], ahora[k]) for k in construccion
                  if not MIDE_TIEMPO.search(k) and construccion[k] != ahora[k]}
    assert diferentes == {}


def pegados_en_la_construccion(pagina: str) -> dict[str, str]:
    """Los valores pegados por la ejecución más reciente de la página en la caché de la construcción."""
    cache = get_cache(HTML.parent / ".jupyter_cache")
    registros = [r for r in cache.list_cache_records() if Path(r.uri) == RAIZ / f"{pagina}.md"]
    assert registros, f"{pagina} no está en la caché de ejecución"
    ultimo = max(registros, key=lambda r: r.created)
    return valores_pegados(cache.get_cache_bundle(ultimo.pk).nb)
