"""«Descenso de gradiente a mano»: en Chromium, los puntos de cada optimizador sobre cada
superficie son los de taller_keras.descenso, y el punto de partida se arrastra o se escribe."""

import numpy as np
import pytest

from taller_keras import descenso

from .conftest import pagina_abierta

PAGINA = "book/05-retropropagacion"
DESCENSO = "document.querySelector('.taller-descenso').explorable"

SUPERFICIES = {
    "cuadratica": descenso.Cuadratica([[3.0, 2.0], [2.0, 6.0]]),
    "mal-condicionada": descenso.Cuadratica([[1.0, 0.0], [0.0, 25.0]]),
    "doble-valle": descenso.DobleValle(0.3),
}
METODOS = {
    "sgd": {"tasa": 0.2},
    "momento": {"tasa": 0.05, "beta": 0.9},
    "rmsprop": {"tasa": 0.1, "rho": 0.8},
    "adam": {"tasa": 0.3, "beta1": 0.85, "beta2": 0.99},
}
INICIOS = [(-2.5, 0.5), (1.7, -2.2)]

JS_TRAYECTORIA = """([superficie, inicio, pasos, metodo, h]) => {
    const d = document.querySelector('.taller-descenso');
    const s = JSON.parse(d.dataset.config).superficies[superficie];
    const f = s.tipo === 'cuadratica' ? new Taller.descenso.Cuadratica(s.A, s.centro)
                                      : new Taller.descenso.DobleValle(s.inclinacion);
    const puntos = Taller.descenso.trayectoria((w) => f.gradiente(w), inicio, pasos, metodo, h);
    return {puntos, valores: puntos.map((w) => f.valor(w)), minimos: f.minimos,
            tasaMaxima: f.tasaMaxima ?? null};
}"""


@pytest.fixture(scope="module")
def hoja(navegador, servidor):
    with pagina_abierta(navegador, f"{servidor}{PAGINA}.html", f"{DESCENSO} !== undefined", ".taller-descenso") as pagina:
        yield pagina


def _cerca(a, b, tolerancia):
    """|a − b| ≤ tolerancia · max(1, |b|): absoluta cerca de 0, relativa en puntos lejanos."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape, (a.shape, b.shape)
    np.testing.assert_array_less(np.abs(a - b), tolerancia * np.maximum(1.0, np.abs(b)) + 1e-300)


@pytest.mark.parametrize("superficie", list(SUPERFICIES))
@pytest.mark.parametrize("metodo", list(METODOS))
@pytest.mark.parametrize("inicio", INICIOS)
def test_trayectorias_iguales_al_paquete(hoja, superficie, metodo, inicio):
    js = hoja.evaluate(JS_TRAYECTORIA, [superficie, list(inicio), 60, metodo, METODOS[metodo]])
    f = SUPERFICIES[superficie]
    esperada = descenso.trayectoria(f.gradiente, inicio, 60, metodo, **METODOS[metodo])
    assert len(js["puntos"]) == len(esperada)
    _cerca(js["puntos"], esperada, 1e-12)
    _cerca(js["valores"], f(esperada), 1e-12)
    _cerca(js["minimos"], f.minimos, 1e-12)
    if isinstance(f, descenso.Cuadratica):
        assert js["tasaMaxima"] == pytest.approx(f.tasa_maxima, rel=1e-12)


def test_si_diverge_se_detiene_como_el_paquete(hoja):
    f = SUPERFICIES["cuadratica"]
    esperada = descenso.trayectoria(f.gradiente, (-2.5, 0.5), 200, "sgd", tasa=0.35)
    assert len(esperada) < 201  # la norma pasó de 1e6 y se detuvo antes
    js = hoja.evaluate(JS_TRAYECTORIA, ["cuadratica", [-2.5, 0.5], 200, "sgd", {"tasa": 0.35}])
    _cerca(js["puntos"], esperada, 1e-12)


def test_el_panel_muestra_la_trayectoria_del_capitulo(hoja):
    estado = hoja.evaluate(f"{DESCENSO}.estado")
    c = estado["configuracion"]
    assert (c["superficie"], c["metodo"], c["tasa"], c["inicio"], c["pasos"]) == (
        "cuadratica", "sgd", 0.2, [-2.5, 0.5], 20)
    esperada = descenso.trayectoria(SUPERFICIES["cuadratica"].gradiente, (-2.5, 0.5), 20, tasa=0.2)
    _cerca(estado["puntos"], esperada, 1e-12)
    nota = hoja.inner_text(".taller-descenso .taller-lab__nota")
    assert nota == "En esta cuadrática el descenso de gradiente converge si α < 2/λ_max = 0.286."


def test_arrastrar_el_punto_de_partida(hoja):
    mapa = hoja.locator(".taller-descenso__mapa")
    mapa.scroll_into_view_if_needed()
    caja = mapa.bounding_box()
    # (w₁, w₂) = (1.5, 2.0) en el cuadrado [−3, 3]²
    x, y = caja["x"] + caja["width"] * (1.5 + 3) / 6, caja["y"] + caja["height"] * (3 - 2.0) / 6
    hoja.mouse.move(caja["x"] + 10, caja["y"] + 10)
    hoja.mouse.down()
    hoja.mouse.move(x, y, steps=8)
    hoja.mouse.up()
    estado = hoja.evaluate(f"{DESCENSO}.estado")
    assert estado["configuracion"]["inicio"] == pytest.approx([1.5, 2.0], abs=0.05)
    assert estado["puntos"][0] == estado["configuracion"]["inicio"]
    assert hoja.get_by_label("Inicio w₁").input_value() == f"{estado['configuracion']['inicio'][0]:.2f}"


def test_controles_con_el_teclado(hoja):
    panel = hoja.locator(".taller-descenso")
    panel.get_by_label("Inicio w₁").fill("-1")
    panel.get_by_label("Inicio w₂").fill("2")
    panel.get_by_label("Método").select_option("momento")
    assert panel.get_by_label("Momento β").is_visible()
    assert not panel.get_by_label("β₂ de Adam").is_visible()
    tasa = panel.get_by_label("Tasa de aprendizaje α")
    tasa.focus()
    hoja.keyboard.press("ArrowLeft")  # un paso del deslizador, en escala logarítmica
    estado = hoja.evaluate(f"{DESCENSO}.estado")
    c = estado["configuracion"]
    assert c["inicio"] == [-1, 2] and c["metodo"] == "momento"
    assert c["tasa"] == 0.19  # 10^(−0.70 − 0.01), con dos cifras
    assert tasa.get_attribute("aria-valuetext") == f"{c['tasa']:g}"
    esperada = descenso.trayectoria(SUPERFICIES["cuadratica"].gradiente, (-1, 2), 20, "momento",
                                    tasa=c["tasa"], beta=0.9)
    _cerca(estado["puntos"], esperada, 1e-12)
    panel.get_by_role("button", name="Volver al inicio").press("Enter")
    panel.get_by_role("button", name="Un paso").press("Enter")
    assert hoja.evaluate(f"{DESCENSO}.estado.actual") == 1
    assert panel.locator(".taller-lab__estado").inner_text().startswith("Paso 1 de 20 · w = (")
