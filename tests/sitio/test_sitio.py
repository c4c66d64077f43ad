"""Pruebas sobre el sitio construido: páginas, idioma, salidas limpias y datos."""

import re

import pytest

from taller_keras.datos import cargar_mnist

from .conftest import HTML, RAIZ, leer, paginas_del_indice

PAGINAS = paginas_del_indice()

# Rastros de registros de TensorFlow/absl/CUDA y de barras de progreso.
RUIDO = re.compile(
    r"(oneDNN|cuda|cuDNN|absl::|tensorflow/core|WARNING:tensorflow|retracing|I0000|W0000|E0000|"
    r"This TensorFlow binary|Could not find|\x08|\r|\x1b\[)",
    re.IGNORECASE,
)


def test_el_indice_tiene_las_paginas_esperadas():
    assert PAGINAS[0] == "book/index"
    assert "book/06-mnist" in PAGINAS


@pytest.mark.parametrize("pagina", PAGINAS)
def test_cada_pagina_existe_en_espanol(sitio, pagina):
    sopa = leer(pagina)
    assert sopa.html["lang"] == "es"
    assert sopa.find("h1") is not None
    buscador = sopa.find("input", attrs={"name": "q"})
    assert buscador["placeholder"] == "Buscar en el curso…"


@pytest.mark.parametrize("pagina", PAGINAS)
def test_sin_errores_ni_stderr(sitio, pagina):
    sopa = leer(pagina)
    assert not sopa.select(".output.stderr, .output.traceback, .output.error")
    texto = sopa.get_text()
    assert "Traceback" not in texto
    assert not RUIDO.search(texto), RUIDO.search(texto)


@pytest.mark.parametrize("pagina", PAGINAS)
def test_sin_rutas_de_la_maquina(sitio, pagina):
    html = (HTML / f"{pagina}.html").read_text(encoding="utf-8")
    for ruta in (str(RAIZ), "/root/", "/home/", "site-packages"):
        assert ruta not in html, ruta


@pytest.mark.parametrize("pagina", PAGINAS)
def test_figuras_con_texto_alternativo(sitio, pagina):
    for img in leer(pagina).select("article img"):
        alt = img.get("alt", "").strip()
        assert alt and not alt.endswith(".png"), img
        assert (HTML / pagina).parent.joinpath(img["src"]).resolve().is_file(), img["src"]


def test_pagina_mnist_dice_sus_datos(sitio):
    datos = cargar_mnist()
    sopa = leer("book/06-mnist")
    texto = " ".join(sopa.get_text().split())
    assert " ".join(f"Esta página se construyó en {datos.resumen}.".split()) in texto
    (x_ent, _), (x_pru, _) = datos
    formas = sopa.find(string=re.compile(r"x_train\s+forma="))
    assert f"forma={x_ent.shape}" in formas and f"forma={x_pru.shape}" in formas
    assert len(sopa.select("figure img")) == 5
    leyendas = [f.get_text(" ", strip=True) for f in sopa.select("figure figcaption")]
    assert any("Los primeros 30 dígitos de entrenamiento" in l for l in leyendas)
    assert any("Las 20 primeras imágenes de prueba del dígito 7" in l for l in leyendas)


def test_pagina_mnist_muestra_el_error_en_espanol(sitio):
    texto = leer("book/06-mnist").get_text()
    assert "ValueError: escalar() espera imágenes uint8 con valores de 0 a 255" in texto


def test_citas_resueltas(sitio):
    for pagina in PAGINAS:
        texto = leer(pagina).get_text()
        assert "{cite" not in texto and "{glue" not in texto, pagina
    referencias = leer("book/referencias").get_text()
    assert "Gradient-based learning applied to document recognition" in referencias
