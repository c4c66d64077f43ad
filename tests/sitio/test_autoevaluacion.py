"""Autoevaluaciones: una en cada capítulo, y en Chromium responden, guardan y reinician bien."""

import re
import sys

import nbformat
import pytest

from .conftest import (HTML, JS_DESBORDE, RAIZ, TELEFONO, informe_axe, leer, nuevo_contexto,
                       paginas_del_indice, violaciones_graves)

sys.path.insert(0, str(RAIZ / "book" / "_ext"))
from preguntas import numero  # noqa: E402

# Páginas del índice que no son capítulos con contenido que evaluar, y por qué.
SIN_AUTOEVALUACION = {
    "book/index": "portada: presenta el curso",
    "book/11-dibuja": "panel interactivo para usar la red de 09-cnn, sin teoría nueva",
    "book/cuadernos": "consulta: lista de cuadernos descargables",
    "book/progreso": "consulta: la tabla de progreso de las autoevaluaciones",
    "book/notacion": "consulta: la tabla de símbolos",
    "book/repaso": "consulta: el repaso de matemáticas que piden los capítulos",
    "book/glosario": "consulta",
    "book/referencias": "consulta",
}
CAPITULOS = [p for p in paginas_del_indice() if p not in SIN_AUTOEVALUACION]
MINIMO_DE_PREGUNTAS = 5
FINAL = "cuestionario-autoevaluacion"  # el cuestionario de la sección final «Autoevaluación»
PAGINA = "book/07-mlp"  # tiene preguntas de los tres tipos, y una numérica con valor pegado
CLAVE = "taller-keras:autoevaluacion"


def test_las_exclusiones_existen():
    assert set(SIN_AUTOEVALUACION) <= set(paginas_del_indice())
    assert len(CAPITULOS) >= 10, CAPITULOS


@pytest.mark.parametrize("pagina", CAPITULOS)
def test_cada_capitulo_termina_con_su_autoevaluacion(sitio, pagina):
    sopa = leer(pagina)
    final = sopa.find(id=FINAL)
    assert final is not None, f"{pagina} no tiene la autoevaluación final (## Autoevaluación)"
    seccion = final.find_parent("section")
    assert seccion.find(["h2"]).get_text(strip=True).rstrip("#") == "Autoevaluación"
    assert seccion.find_next_sibling("section") is None, f"en {pagina} la autoevaluación no es la última sección"
    preguntas = final.select(".taller-pregunta")
    assert len(preguntas) >= MINIMO_DE_PREGUNTAS, f"{pagina}: sólo {len(preguntas)} preguntas"
    tipos = {p["data-tipo"] for p in sopa.select(".taller-pregunta")}
    assert tipos == {"unica", "multiple", "numerica"}, f"{pagina} no mezcla los tres tipos: {tipos}"


@pytest.mark.parametrize("pagina", CAPITULOS)
def test_cada_respuesta_se_explica(sitio, pagina):
    for pregunta in leer(pagina).select(".taller-pregunta"):
        enunciado = pregunta.select_one(".taller-pregunta__enunciado").get_text(" ", strip=True)
        assert enunciado, pregunta["id"]
        retros = [r.get_text(strip=True) for r in pregunta.select(".taller-solucion__retro")]
        assert all(retros), f"{pregunta['id']}: una opción sin explicación"
        assert not any(r in ("Correcto", "Incorrecto", "Sí", "No") for r in retros)
        if pregunta["data-tipo"] == "numerica":
            assert pregunta.select_one(".taller-solucion__explicacion").get_text(strip=True)
            escrito = pregunta.select_one(".taller-solucion__valor").get_text()
            assert numero(escrito) == float(pregunta["data-respuesta"]), escrito
        else:
            correctas = [o["data-correcta"] for o in pregunta.select(".taller-opcion")].count("si")
            assert len(pregunta.select(".taller-opcion")) >= 2
            assert correctas == 1 if pregunta["data-tipo"] == "unica" else correctas >= 1


@pytest.mark.parametrize("pagina", CAPITULOS)
def test_el_cuaderno_trae_las_preguntas_con_respuestas_plegadas(sitio, pagina):
    cuaderno = nbformat.read(HTML / "_sources" / f"{pagina}.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in cuaderno.cells if c.cell_type == "markdown")
    en_la_pagina = len(leer(pagina).select(".taller-pregunta"))
    assert len(re.findall(r"^\*\*Pregunta \d+\.\*\*", markdown, re.MULTILINE)) == en_la_pagina
    assert markdown.count("<details><summary>Respuesta</summary>") == en_la_pagina
    assert ":::" not in markdown and "{pregunta}" not in markdown and "[x]" not in markdown


def test_progreso_lista_todos_los_cuestionarios_en_orden(sitio):
    filas = leer("book/progreso").select("table.taller-progreso tr[data-quiz]")
    esperadas = []
    for pagina in paginas_del_indice():
        if (HTML / f"{pagina}.html").is_file():
            for caja in leer(pagina).select(".taller-quiz"):
                claves = " ".join(p["data-clave"] for p in caja.select(".taller-pregunta"))
                esperadas.append((caja["data-quiz"], claves))
    assert [(f["data-quiz"], f["data-claves"]) for f in filas] == esperadas
    assert all(f"{p}#{FINAL}" in [q for q, _ in esperadas] for p in CAPITULOS)


# --- En Chromium --------------------------------------------------------------------------------


def _pregunta(hoja, tipo: str, cual: int = 0):
    return hoja.locator(f"#{FINAL} .taller-pregunta[data-tipo={tipo}]").nth(cual)


def _retro_de(pregunta, indice: int) -> str:
    """El texto de la explicación de la opción ``indice`` (la del bloque «Ver la respuesta»)."""
    return " ".join(
        pregunta.locator(f'[data-opcion="{indice}"] .taller-solucion__retro').text_content().split()
    )


def _retro(pregunta) -> str:
    """La retroalimentación a la vista (texto del DOM, comparable con el de la solución)."""
    partes = pregunta.locator(".taller-pregunta__retro > *").all_text_contents()
    return " ".join(" ".join(partes).split())


ESPERAR_MATEMATICAS = "async () => { if (window.MathJax) { await MathJax.startup.promise; } }"


def _estado(hoja) -> str:
    return hoja.locator(f"#{FINAL} .taller-quiz__estado").inner_text()


def _guardado(hoja) -> dict:
    return hoja.evaluate(f"() => JSON.parse(localStorage.getItem('{CLAVE}') || '{{}}')")


@pytest.fixture()
def hoja(navegador, servidor):
    errores = []
    contexto = nuevo_contexto(navegador)
    pagina = contexto.new_page()
    pagina.on("pageerror", lambda e: errores.append(str(e)))
    pagina.on("console", lambda m: m.type == "error" and errores.append(m.text))
    pagina.goto(f"{servidor}{PAGINA}.html")
    pagina.wait_for_selector(f"#{FINAL} .taller-quiz__estado")
    pagina.evaluate(ESPERAR_MATEMATICAS)
    yield pagina
    contexto.close()
    assert errores == []


def test_eleccion_unica_bien_y_mal(hoja):
    pregunta = _pregunta(hoja, "unica")
    opciones = pregunta.locator("input[type=radio]")
    correcta = [o.get_attribute("data-correcta") for o in opciones.all()].index("si")
    incorrecta = 0 if correcta else 1
    opciones.nth(incorrecta).check()
    pregunta.get_by_role("button", name="Comprobar").click()
    assert _retro(pregunta) == f"No es correcto. {_retro_de(pregunta, incorrecta)}"
    assert "taller-pregunta--incorrecta" in pregunta.get_attribute("class")
    opciones.nth(correcta).check()
    pregunta.get_by_role("button", name="Comprobar").click()
    assert _retro(pregunta) == f"Correcto. {_retro_de(pregunta, correcta)}"
    assert "taller-pregunta--correcta" in pregunta.get_attribute("class")


def test_eleccion_multiple_pide_todas_las_correctas(hoja):
    pregunta = _pregunta(hoja, "multiple")
    casillas = pregunta.locator("input[type=checkbox]")
    marcas = [c.get_attribute("data-correcta") == "si" for c in casillas.all()]
    assert sum(marcas) >= 2
    casillas.nth(marcas.index(True)).check()  # sólo una de las correctas
    pregunta.get_by_role("button", name="Comprobar").click()
    faltan = sum(marcas) - 1
    esperado = "Te falta marcar una opción correcta." if faltan == 1 else f"Te faltan {faltan} opciones correctas."
    assert _retro(pregunta) == f"No es correcto. {esperado}"
    mala = marcas.index(False)
    casillas.nth(mala).check()
    pregunta.get_by_role("button", name="Comprobar").click()
    assert _retro_de(pregunta, mala) in _retro(pregunta)
    for i, correcta in enumerate(marcas):
        casillas.nth(i).set_checked(correcta)
    pregunta.get_by_role("button", name="Comprobar").click()
    assert _retro(pregunta).startswith("Correcto: marcaste todas las correctas y ninguna más.")


def test_numerica_con_valor_pegado(hoja):
    pregunta = _pregunta(hoja, "numerica")
    campo = pregunta.get_by_label("Tu respuesta:")
    escrito = pregunta.locator(".taller-solucion__valor").text_content()
    frecuente = pregunta.locator("[data-valor]").first
    campo.fill("abc")
    campo.press("Enter")
    assert _retro(pregunta).startswith("No entiendo «abc» como número")
    assert _estado(hoja).startswith("0 de ")
    assert _guardado(hoja) == {}  # lo que no se pudo evaluar no se guarda
    campo.fill(frecuente.get_attribute("data-valor").removesuffix(".0"))
    campo.press("Enter")
    retro_frecuente = " ".join(frecuente.locator(".taller-solucion__retro").text_content().split())
    assert retro_frecuente in _retro(pregunta) and _retro(pregunta).startswith("No es correcto")
    campo.fill(escrito)  # tal como lo escribe la página, con su separador de miles
    pregunta.get_by_role("button", name="Comprobar").click()
    assert _retro(pregunta).startswith(f"Correcto: {' '.join(escrito.split())}.")


def test_el_progreso_sobrevive_a_la_recarga_y_se_reinicia(hoja):
    total = hoja.locator(f"#{FINAL} .taller-pregunta").count()
    assert _estado(hoja) == f"0 de {total} correctas"
    unica = _pregunta(hoja, "unica")
    radios = unica.locator("input[type=radio]")
    correcta = [o.get_attribute("data-correcta") for o in radios.all()].index("si")
    radios.nth(correcta).check()
    unica.get_by_role("button", name="Comprobar").click()
    numerica = _pregunta(hoja, "numerica")
    numerica.get_by_label("Tu respuesta:").fill("3")
    numerica.get_by_role("button", name="Comprobar").click()
    assert _estado(hoja) == f"1 de {total} correctas"
    guardado = _guardado(hoja)[f"{PAGINA}#{FINAL}"]
    assert guardado[unica.get_attribute("data-clave")] == {"correcta": True, "respuesta": [correcta]}
    assert guardado[numerica.get_attribute("data-clave")] == {"correcta": False, "respuesta": "3"}

    hoja.reload()
    hoja.wait_for_selector(f"#{FINAL} .taller-quiz__estado")
    unica, numerica = _pregunta(hoja, "unica"), _pregunta(hoja, "numerica")
    assert _estado(hoja) == f"1 de {total} correctas"
    assert unica.locator("input[type=radio]").nth(correcta).is_checked()
    assert _retro(unica).startswith("Correcto.")
    assert numerica.get_by_label("Tu respuesta:").input_value() == "3"
    assert _retro(numerica).startswith("No es correcto")

    hoja.locator(f"#{FINAL}").get_by_role("button", name="Reiniciar").click()
    assert _estado(hoja) == f"0 de {total} correctas"
    assert f"{PAGINA}#{FINAL}" not in _guardado(hoja)
    assert not unica.locator("input[type=radio]").nth(correcta).is_checked()
    assert _retro(unica) == "" and numerica.get_by_label("Tu respuesta:").input_value() == ""
    hoja.reload()
    assert _estado(hoja) == f"0 de {total} correctas"


def test_se_responde_solo_con_el_teclado(hoja):
    pregunta = _pregunta(hoja, "unica")
    radios = pregunta.locator("input[type=radio]")
    radios.first.focus()
    hoja.keyboard.press("Space")
    hoja.keyboard.press("ArrowDown")  # las flechas recorren el grupo y eligen la siguiente
    assert radios.nth(1).is_checked()
    hoja.keyboard.press("Tab")
    assert hoja.evaluate("document.activeElement.textContent") == "Comprobar"
    hoja.keyboard.press("Enter")
    assert _retro(pregunta).endswith(_retro_de(pregunta, 1))
    pregunta.locator("summary").focus()
    hoja.keyboard.press("Enter")
    assert pregunta.locator("details").get_attribute("open") is not None


def test_la_pagina_de_progreso_cuenta_y_borra(navegador, servidor):
    contexto = nuevo_contexto(navegador)
    try:
        hoja = contexto.new_page()
        hoja.goto(f"{servidor}{PAGINA}.html")
        pregunta = _pregunta(hoja, "unica")
        radios = pregunta.locator("input[type=radio]")
        radios.nth([o.get_attribute("data-correcta") for o in radios.all()].index("si")).check()
        pregunta.get_by_role("button", name="Comprobar").click()
        total = hoja.locator(f"#{FINAL} .taller-pregunta").count()
        hoja.goto(f"{servidor}book/progreso.html")
        fila = hoja.locator(f'tr[data-quiz="{PAGINA}#{FINAL}"]')
        assert fila.locator(".taller-progreso__estado").inner_text() == f"1 de {total} correctas"
        otra = hoja.locator('tr[data-quiz="book/01-keras#cuestionario-autoevaluacion"]')
        assert otra.locator(".taller-progreso__estado").inner_text() == "sin empezar (5 preguntas)"
        todas = sum(len(f.get_attribute("data-claves").split()) for f in hoja.locator("tr[data-quiz]").all())
        assert hoja.locator(".taller-progreso__total").inner_text() == f"En total: 1 de {todas} correctas."
        hoja.get_by_role("button", name="Borrar todo mi progreso").click()
        assert fila.locator(".taller-progreso__estado").inner_text().startswith("sin empezar")
        assert hoja.evaluate(f"localStorage.getItem('{CLAVE}')") == "{}"
    finally:
        contexto.close()


def test_funciona_desde_file(navegador):
    contexto = navegador.new_context()
    try:
        hoja = contexto.new_page()
        hoja.goto((HTML / f"{PAGINA}.html").as_uri())
        pregunta = _pregunta(hoja, "multiple")
        for casilla in pregunta.locator("input[type=checkbox]").all():
            casilla.set_checked(casilla.get_attribute("data-correcta") == "si")
        pregunta.get_by_role("button", name="Comprobar").click()
        hoja.reload()
        assert _estado(hoja).startswith("1 de ")
        assert _retro(_pregunta(hoja, "multiple")).startswith("Correcto")
    finally:
        contexto.close()


def test_leer_numero_como_python(hoja):
    """El JavaScript lee como el paquete las cifras que escribe la página, y lo que teclea un lector."""
    escritos = {}
    for pagina in CAPITULOS:
        for p in leer(pagina).select(".taller-pregunta[data-tipo=numerica]"):
            escritos[p.select_one(".taller-solucion__valor").get_text()] = float(p["data-respuesta"])
    casos = {
        **escritos, "0,25": 0.25, "0.25": 0.25, "401 920": 401920, "1,500": 1500, "401,920": 401920,
        "1.234,5": 1234.5, "−0.5": -0.5, "97.8 %": 97.8, "2e-3": 0.002, "abc": None, "1,2,3": None, "": None,
    }
    leidos = hoja.evaluate("(textos) => textos.map((t) => tallerAutoevaluacion.leerNumero(t))", list(casos))
    assert dict(zip(casos, leidos)) == casos
    assert all(numero(t) == v for t, v in escritos.items())


def test_sin_javascript_se_leen_las_preguntas_y_las_respuestas_quedan_plegadas(navegador, servidor):
    contexto = nuevo_contexto(navegador, java_script_enabled=False)
    try:
        hoja = contexto.new_page()
        hoja.goto(f"{servidor}{PAGINA}.html")
        caja = hoja.locator(f"#{FINAL}")
        assert caja.locator("input, button").count() == 0
        primera = caja.locator(".taller-pregunta").first
        assert primera.locator(".taller-pregunta__enunciado").is_visible()
        assert primera.locator(".taller-solucion").is_hidden()
        primera.locator("summary").click()
        assert primera.locator(".taller-solucion").is_visible()
        hoja.goto(f"{servidor}book/progreso.html")
        assert "necesita JavaScript" in hoja.locator("article").inner_text()
    finally:
        contexto.close()


@pytest.mark.parametrize("esquema", ["light", "dark"])
@pytest.mark.parametrize("pagina", [PAGINA, "book/progreso"])
def test_respondida_en_telefono_sin_desborde_y_sin_violaciones_axe(navegador, servidor, pagina, esquema):
    contexto = nuevo_contexto(navegador, viewport=TELEFONO, is_mobile=True, has_touch=True, color_scheme=esquema)
    try:
        hoja = contexto.new_page()
        hoja.goto(f"{servidor}{PAGINA}.html")
        for pregunta in hoja.locator(".taller-pregunta").all():  # respuestas con retroalimentación a la vista
            casillas = pregunta.locator("input[type=radio], input[type=checkbox]")
            if casillas.count():
                casillas.first.check()
            else:
                pregunta.locator("input").fill("12")
            pregunta.get_by_role("button", name="Comprobar").click()
        if pagina != PAGINA:
            hoja.goto(f"{servidor}{pagina}.html")
        hoja.evaluate(ESPERAR_MATEMATICAS)
        assert hoja.locator("html").get_attribute("data-theme") == esquema
        desborde = hoja.evaluate(JS_DESBORDE)
        violaciones = violaciones_graves(hoja)
    finally:
        contexto.close()
    assert desborde["ancho"] <= TELEFONO["width"], desborde["culpables"]
    assert not violaciones, informe_axe(f"{pagina} respondida ({esquema})", violaciones)
