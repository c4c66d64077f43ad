"""Lo que comparten las partes interactivas del sitio: se cargan solo donde se usan, son ligeras,
tienen versión estática (sin JavaScript y al imprimir), etiquetas en español, pasan axe-core en
tema claro y oscuro, se usan en un teléfono sin que arrastrar desplace la página y funcionan
desde file:// sin pedir nada a otro servidor."""

import re
from pathlib import Path

import pytest

from .conftest import (HTML, TELEFONO, acercar, es_local, informe_axe, leer, nuevo_contexto, paginas_del_indice,
                       violaciones_graves)

# página → clases de las raíces de sus paneles, en orden
PANELES = {
    "book/02-perceptron": ["taller-laboratorio"],
    "book/03-redes-multicapa": ["taller-laboratorio"],
    "book/05-retropropagacion": ["taller-descenso", "taller-laboratorio"],
    "book/09-cnn": ["taller-cnn"],
    "book/11-dibuja": ["taller-dibujo"],
}
EXPLORABLES = [(p, c) for p, clases in PANELES.items() for c in clases if c != "taller-dibujo"]
SCRIPTS = {
    "taller-laboratorio": ["redes/azar.js", "redes/redes.js", "redes/datos_plano.js",
                           "explorables/comun.js", "explorables/laboratorio.js"],
    "taller-descenso": ["redes/descenso.js", "explorables/comun.js", "explorables/descenso_a_mano.js"],
    "taller-cnn": ["explorables/digitos_mnist.js", "redes/redes.js", "redes/trazo.js",
                   "explorables/comun.js", "explorables/dentro_cnn.js"],
    "taller-dibujo": ["redes/redes.js", "redes/trazo.js", "dibujo/dibujo.js"],  # la red, después
}
DATOS = {"cnn_mnist.js", "explorables/digitos_mnist.js"}  # pesos y dígitos: no cuentan en el tamaño
LIMITE = 100_000  # bytes de JavaScript propio de cada panel, sin minificar
ETIQUETAS = {
    "taller-laboratorio": ["Datos", "Ruido", "Capas ocultas", "Activación", "Tasa de aprendizaje α",
                           "Tamaño del lote", "Semilla"],
    "taller-descenso": ["Superficie", "Método", "Tasa de aprendizaje α", "Pasos", "Inicio w₁", "Inicio w₂"],
    "taller-cnn": ["Dígito de prueba", "Capa", "Mapa", "Fila", "Columna", "Núcleo"],
}
BOTONES = {
    "taller-laboratorio": ["Reproducir", "Un paso (una época)", "Reiniciar"],
    "taller-descenso": ["Reproducir", "Un paso", "Volver al inicio"],
    "taller-cnn": [],
}
JS_LISTO = "(clase) => document.querySelector('.' + clase).explorable !== undefined"


def _scripts(pagina: str) -> list[str]:
    """Los scripts de _static/ que carga la página, en orden, y si van diferidos."""
    return [(re.sub(r"^(\.\./)*_static/|\?v=\w+$", "", s["src"]), s.has_attr("defer"))
            for s in leer(pagina).select("script[src]") if "_static/" in s["src"]]


def _abrir(navegador, url, clase, **opciones):
    contexto = nuevo_contexto(navegador, **opciones)
    hoja = contexto.new_page()
    hoja.goto(url)
    acercar(hoja, f".{clase}")
    hoja.wait_for_function(JS_LISTO, arg=clase)
    return contexto, hoja


# --- Carga y tamaño ---------------------------------------------------------------------


def test_cada_pagina_carga_solo_los_scripts_de_sus_paneles(sitio):
    propios = {s for lista in SCRIPTS.values() for s in lista}
    for pagina in paginas_del_indice():
        cargados = _scripts(pagina)
        de_paneles = [s for s, _ in cargados if s in propios]
        esperados = list(dict.fromkeys(s for c in PANELES.get(pagina, []) for s in SCRIPTS[c]))
        assert de_paneles == esperados, pagina
        assert all(diferido for s, diferido in cargados if s in propios), f"{pagina}: sin defer"


def test_la_red_se_pide_despues_de_cargar(sitio):
    """La red (unos 140 KB) no bloquea la página: dibujo.js y comun.js la piden desde data-modelo
    (comun.js, además, solo cuando el lector se acerca al panel)."""
    for pagina, clase in (("book/11-dibuja", "taller-dibujo"), ("book/09-cnn", "taller-cnn")):
        panel = leer(pagina).select_one(f".{clase}")
        assert panel["data-modelo"] == "../_static/cnn_mnist.js", pagina
        assert (HTML / "book" / panel["data-modelo"]).resolve().is_file()


def test_un_panel_lejano_arranca_y_pide_su_red_solo_al_acercarse(navegador, servidor):
    """En 09, quien lee la teoría no calcula el panel ni descarga la red."""
    contexto = nuevo_contexto(navegador, viewport=TELEFONO, is_mobile=True)
    hoja = contexto.new_page()
    pedidos = []
    hoja.on("request", lambda r: pedidos.append(r.url.rsplit("/", 1)[-1].split("?")[0]))
    hoja.goto(f"{servidor}book/09-cnn.html", wait_until="load")
    hoja.wait_for_timeout(1500)
    lejos = (hoja.locator(".taller-interactivo--activo").count(), "cnn_mnist.js" in pedidos)
    acercar(hoja, ".taller-cnn")
    hoja.wait_for_function(JS_LISTO, arg="taller-cnn")
    contexto.close()
    assert lejos == (0, False)
    assert "cnn_mnist.js" in pedidos


@pytest.mark.parametrize("clase", list(SCRIPTS))
def test_el_javascript_de_cada_panel_es_ligero(sitio, clase):
    tamano = sum((HTML / "_static" / s).stat().st_size for s in SCRIPTS[clase] if s not in DATOS)
    assert tamano <= LIMITE, f"{clase}: {tamano} bytes de JavaScript propio"


# --- Versión estática, sin JavaScript y al imprimir ------------------------------------------


@pytest.mark.parametrize(("pagina", "clase"), EXPLORABLES)
def test_version_estatica_en_el_html(sitio, pagina, clase):
    raiz = leer(pagina).select_one(f".taller-interactivo.{clase}")
    estatico = raiz.select_one(".taller-interactivo__estatico")
    assert "Este explorable necesita JavaScript" in estatico.select_one("noscript").get_text()
    if clase == "taller-cnn":  # remite a la figura de los mapas de la misma página
        enlace = estatico.select_one("a[href]")
        assert enlace["href"].startswith("#fig-cnn-mapas") and enlace.get_text().startswith("la figura ")
    else:
        img = estatico.select_one("img")
        assert img["alt"].startswith(("Regiones de decisión", "Pérdida", "La cuadrática"))
        assert (HTML / pagina).parent.joinpath(img["src"]).resolve().stat().st_size > 5_000
        assert estatico.select_one("figcaption").get_text().startswith("Versión estática: ")


@pytest.mark.parametrize(("pagina", "clase"), EXPLORABLES)
def test_sin_javascript_se_ve_el_aviso_y_la_figura(navegador, servidor, pagina, clase):
    contexto = nuevo_contexto(navegador, java_script_enabled=False)
    hoja = contexto.new_page()
    hoja.goto(f"{servidor}{pagina}.html")
    estatico = hoja.locator(f".{clase} .taller-interactivo__estatico")
    estatico.scroll_into_view_if_needed()  # lo lejano se compone al acercarse (content-visibility)
    assert estatico.is_visible()
    assert "Este explorable necesita JavaScript" in estatico.inner_text()
    if clase != "taller-cnn":
        # la figura se pide al acercarse (loading="lazy"): decode() espera a que llegue
        assert estatico.locator("img").evaluate("async img => { await img.decode(); return img.naturalWidth; }") > 200
    assert hoja.locator(".taller-interactivo__vivo").count() == 0
    contexto.close()


@pytest.mark.parametrize(("pagina", "clase"), EXPLORABLES)
def test_con_javascript_el_panel_reemplaza_a_la_figura_salvo_al_imprimir(navegador, servidor, pagina, clase):
    contexto, hoja = _abrir(navegador, f"{servidor}{pagina}.html", clase)
    vivo, estatico = hoja.locator(f".{clase} .taller-interactivo__vivo"), hoja.locator(f".{clase} .taller-interactivo__estatico")
    assert vivo.is_visible() and not estatico.is_visible()
    hoja.emulate_media(media="print")
    assert estatico.is_visible() and not vivo.is_visible()
    contexto.close()


# --- Etiquetas, accesibilidad y teléfono ------------------------------------------------------


@pytest.mark.parametrize(("pagina", "clase"), EXPLORABLES)
def test_controles_con_etiquetas_en_espanol(navegador, servidor, pagina, clase):
    contexto, hoja = _abrir(navegador, f"{servidor}{pagina}.html", clase)
    panel = hoja.locator(f".{clase}")
    for etiqueta in ETIQUETAS[clase]:
        campo = panel.get_by_label(etiqueta, exact=True)
        assert campo.count() == 1 and campo.is_visible(), etiqueta
    for nombre in BOTONES[clase]:
        assert panel.get_by_role("button", name=nombre, exact=True).is_visible(), nombre
    # Cada control visible del panel tiene nombre accesible.
    sin_nombre = panel.locator("select, input, button").evaluate_all(
        "campos => campos.filter(c => c.offsetParent && !(c.labels && c.labels.length) && !c.getAttribute('aria-label')"
        " && !c.textContent.trim()).map(c => c.outerHTML)")
    assert sin_nombre == []
    contexto.close()


@pytest.mark.parametrize("esquema", ["light", "dark"])
@pytest.mark.parametrize("pagina", list(PANELES))
def test_axe_sin_violaciones_graves_con_los_paneles_activos(navegador, servidor, pagina, esquema):
    contexto = nuevo_contexto(navegador, color_scheme=esquema)
    hoja = contexto.new_page()
    hoja.goto(f"{servidor}{pagina}.html")
    acercar(hoja, ".taller-interactivo, .taller-dibujo")
    hoja.wait_for_function("() => document.querySelectorAll('.taller-interactivo--activo, .taller-dibujo--listo')"
                           f".length === {len(PANELES[pagina])}")
    assert hoja.locator("html").get_attribute("data-theme") == esquema
    violaciones = violaciones_graves(hoja)
    contexto.close()
    assert not violaciones, informe_axe(f"{pagina} ({esquema})", violaciones)


def _arrastrar_con_el_dedo(contexto, hoja, locator, distancia=120):
    """Un dedo que se apoya en el centro del elemento y sube `distancia` px; da dónde estaba el
    elemento en la pantalla antes y después (si la página se desplazó, el elemento subió).

    Se mide el elemento y no ``scrollY``: lo que taller.css deja para después (content-visibility)
    toma su altura real al acercarse, y el navegador corrige ``scrollY`` para que lo que se ve
    no se mueva."""
    locator.scroll_into_view_if_needed()
    hoja.wait_for_timeout(300)
    caja = locator.bounding_box()
    x, y = caja["x"] + caja["width"] / 2, caja["y"] + caja["height"] / 2
    cdp = contexto.new_cdp_session(hoja)
    antes = caja["y"]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(1, 13):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - distancia * i / 12}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    hoja.wait_for_timeout(300)
    return antes, locator.bounding_box()["y"]


SUPERFICIES = [
    ("book/05-retropropagacion", "taller-descenso", ".taller-descenso__mapa",
     "document.querySelector('.taller-descenso').explorable.estado.configuracion.inicio[1] > 1"),
    ("book/09-cnn", "taller-cnn", ".taller-cnn__lienzo",
     "document.querySelector('.taller-cnn .taller-lab__estado').innerText.startsWith('La red dice')"),
    ("book/11-dibuja", "taller-dibujo", ".taller-dibujo__lienzo", "window.tallerDibujo.probabilidades !== null"),
]


@pytest.mark.parametrize(("pagina", "clase", "superficie", "efecto"), SUPERFICIES)
def test_en_el_telefono_arrastrar_no_desplaza_la_pagina(navegador, servidor, pagina, clase, superficie, efecto):
    contexto = nuevo_contexto(navegador, viewport=TELEFONO, is_mobile=True, has_touch=True, device_scale_factor=2)
    hoja = contexto.new_page()
    hoja.goto(f"{servidor}{pagina}.html")
    acercar(hoja, f".{clase}")
    hoja.wait_for_function("() => document.querySelector('.taller-interactivo--activo, .taller-dibujo--listo')")
    if clase == "taller-cnn":
        hoja.locator(".taller-cnn").get_by_label("Dígito de prueba").select_option("dibujo")
    # Un dedo sobre el texto desplaza la página…
    antes, despues = _arrastrar_con_el_dedo(contexto, hoja, hoja.locator("article p").nth(3))
    assert despues < antes - 50
    # …y sobre la superficie, no: dibuja o mueve el punto.
    elemento = hoja.locator(superficie)
    assert elemento.evaluate("e => getComputedStyle(e).touchAction") == "none"
    antes, despues = _arrastrar_con_el_dedo(contexto, hoja, elemento)
    assert despues == pytest.approx(antes, abs=1)
    hoja.wait_for_function(efecto)
    assert elemento.evaluate("e => e.getBoundingClientRect().right") <= TELEFONO["width"]
    contexto.close()


# --- Desde el disco, sin red ---------------------------------------------------------------------


@pytest.mark.parametrize(("pagina", "clase"), [("book/03-redes-multicapa", "taller-laboratorio"),
                                               ("book/09-cnn", "taller-cnn")])
def test_funciona_desde_file_sin_pedir_nada_afuera(navegador, sitio, pagina, clase):
    ajenas, errores = [], []
    contexto = navegador.new_context()
    contexto.route("**/*", lambda r: r.continue_() if es_local(r.request.url)
                   else (ajenas.append(r.request.url), r.abort()))
    hoja = contexto.new_page()
    hoja.on("pageerror", lambda e: errores.append(str(e)))
    hoja.goto(Path(HTML, f"{pagina}.html").resolve().as_uri())
    acercar(hoja, f".{clase}")
    hoja.wait_for_function(JS_LISTO, arg=clase, timeout=20_000)
    if clase == "taller-laboratorio":
        assert hoja.evaluate(f"document.querySelector('.{clase}').explorable.pasos(3)") == 3
    else:
        assert hoja.locator(".taller-cnn .taller-lab__estado").inner_text().startswith("La red dice")
    contexto.close()
    assert ajenas == [] and errores == []
