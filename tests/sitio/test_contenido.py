"""Pruebas del contenido construido: soluciones con su resultado, glosario enlazado, referencias en español."""

import re

import pytest

from .conftest import leer, paginas_del_indice

PAGINAS = paginas_del_indice()
CAPITULOS = [p for p in PAGINAS if re.match(r"book/\d\d-", p)]


@pytest.mark.parametrize("pagina", CAPITULOS)
def test_cada_solucion_con_codigo_muestra_su_resultado(sitio, pagina):
    """El código de una solución se ejecuta al construir el libro y se ve lo que da."""
    for solucion in leer(pagina).select("div.solution"):
        titulo = solucion.select_one(".admonition-title").get_text(" ", strip=True)
        # Código suelto (sin ejecutar) en una solución: el lector no vería su resultado.
        assert not solucion.select("div.highlight-python, div.highlight-default"), titulo
        for celda in solucion.select("div.cell"):
            salida = celda.select_one("div.cell_output")
            assert salida is not None and salida.get_text(strip=True) or salida.select("img"), titulo


def test_cada_termino_del_glosario_se_usa_en_algun_capitulo(sitio):
    glosario = leer("book/glosario")
    for ancla in glosario.select("dl.glossary dt a.headerlink"):
        ancla.decompose()
    terminos = {dt["id"]: dt.get_text(" ", strip=True) for dt in glosario.select("dl.glossary dt")}
    assert len(terminos) > 60
    enlazados = set()
    for pagina in PAGINAS:
        if pagina == "book/glosario":
            continue
        for enlace in leer(pagina).select('a[href*="glosario.html#term-"]'):
            enlazados.add(enlace["href"].split("#", 1)[1])
    sin_uso = sorted(terminos[t] for t in set(terminos) - enlazados)
    assert sin_uso == [], f"Términos del glosario que ningún capítulo enlaza: {sin_uso}"


def test_referencias_en_espanol(sitio):
    texto = " ".join(leer("book/referencias").select_one("article").get_text(" ").split())
    # Las palabras fijas que pybtex escribe en inglés (los títulos de las obras no se traducen).
    for ingles in (r"\. In ", r"\bedition\b", r"\bthesis\b", r"Technical Report", r"\bothers\b",
                   r"\bvolume \d", r"\bpages\b",
                   r"\b(January|February|March|April|June|July|August|September|October|"
                   r"November|December)\b"):
        assert not re.search(ingles, texto), re.search(ingles, texto)
    assert "François Chollet y colaboradores. Keras." in texto
    assert "2.ª edición, 2021" in texto
    assert "Tesis de maestría, University of Helsinki, 1970" in texto
    assert "Tesis de doctorado, Harvard University, 1974" in texto
    assert "En Medical Image Computing and Computer-Assisted Intervention (MICCAI'98)" in texto
    assert "volumen 1496 de Lecture Notes in Computer Science" in texto


@pytest.mark.parametrize("pagina", PAGINAS)
def test_citas_en_espanol(sitio, pagina):
    """Las citas del texto unen a los autores con «y» («Rivera Meraz y Reyes Figueroa, 2018»)."""
    citas = [a.get_text(" ", strip=True) for a in leer(pagina).select('a[href*="referencias.html#"]')]
    assert not [c for c in citas if re.search(r"\band\b|\bothers\b", c)], citas
