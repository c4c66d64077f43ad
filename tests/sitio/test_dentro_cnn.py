"""«Dentro de la red convolucional»: en Chromium, cada mapa de características es el de Keras para
los 50 dígitos de prueba, la cuenta que se muestra da el valor del mapa y el núcleo del lector
convoluciona como taller_keras.convolucion."""

import base64

import numpy as np
import pytest

from taller_keras.convolucion import convolucion_2d, mapas_de_caracteristicas
from taller_keras.datos import cargar_mnist, escalar

from .conftest import pagina_abierta, trazar_con_el_raton

PAGINA = "book/09-cnn"
CNN = "document.querySelector('.taller-cnn').explorable"
CAPAS = ["conv1", "submuestreo1", "conv2", "submuestreo2", "conv3"]


@pytest.fixture(scope="module")
def hoja(navegador, servidor):
    with pagina_abierta(navegador, f"{servidor}{PAGINA}.html", f"{CNN} !== undefined", ".taller-cnn") as pagina:
        yield pagina


@pytest.fixture(scope="module")
def digitos(hoja):
    """Los 50 dígitos que la construcción escribió para el navegador: los primeros de prueba."""
    datos = hoja.evaluate("window.TALLER_DIGITOS")
    imagenes = np.frombuffer(base64.b64decode(datos["imagenes"]), dtype=np.uint8).reshape(-1, 28, 28)
    _, (x_prueba, y_prueba) = cargar_mnist()
    assert len(imagenes) == 50
    np.testing.assert_array_equal(imagenes, x_prueba[:50])
    assert datos["etiquetas"] == y_prueba[:50].tolist()
    return imagenes


def test_los_mapas_son_los_de_keras_para_50_digitos(hoja, modelo_del_navegador, digitos):
    assert hoja.evaluate(f"{CNN}.nombres") == CAPAS
    peor = 0.0
    for k in range(len(digitos)):
        js = hoja.evaluate(f"{CNN}.mapas({k})")
        keras_mapas = mapas_de_caracteristicas(modelo_del_navegador, escalar(digitos[k]))
        assert list(keras_mapas) == CAPAS
        for capa, (nombre, esperado) in zip(js, keras_mapas.items()):
            assert tuple(capa["forma"]) == esperado.shape, nombre
            obtenido = np.reshape(capa["datos"], esperado.shape)
            peor = max(peor, float(np.abs(obtenido - esperado).max()))
    assert peor < 1e-4, peor


@pytest.mark.parametrize(("capa", "mapa", "fila", "columna", "canal"), [
    ("conv1", 7, 12, 9, 1), ("conv2", 20, 5, 6, 13), ("conv3", 100, 2, 3, 40),
    ("submuestreo1", 3, 7, 7, 1), ("submuestreo2", 60, 3, 2, 1),
])
def test_la_cuenta_mostrada_da_el_valor_del_mapa(hoja, capa, mapa, fila, columna, canal):
    indice = CAPAS.index(capa)  # las capas con mapas son las cinco primeras de la red
    hoja.evaluate(f"{CNN}.elegir({{digito: 3}})")
    hoja.evaluate(f"{CNN}.elegir({{capa: {indice}, mapa: {mapa}, fila: {fila}, columna: {columna}, canal: {canal}}})")
    assert hoja.evaluate(f"{CNN}.seleccion") == {"capa": indice, "mapa": mapa - 1, "fila": fila - 1,
                                                 "columna": columna - 1, "canal": canal - 1}
    mapas = hoja.evaluate(f"{CNN}.mapas(3)")
    forma = mapas[indice]["forma"]
    valor = np.reshape(mapas[indice]["datos"], forma)[fila - 1, columna - 1, mapa - 1]
    texto = hoja.evaluate(f"{CNN}.detalle")
    frase = f"el valor del mapa en la fila {fila}, columna {columna}."
    assert frase in texto
    if capa.startswith("conv"):
        relu = texto.split("ReLU(z) = ")[1].split(",")[0]
        assert float(relu) == pytest.approx(valor, rel=5e-3, abs=1e-3)  # el texto lleva 3 cifras
    else:
        maximo = texto.split("se queda con el mayor: ")[1].split(",")[0]
        assert float(maximo) == pytest.approx(valor, rel=5e-3, abs=1e-3)


def test_el_desglose_de_la_convolucion_suma_el_valor_exacto(hoja):
    # conv2 de un dígito: 32 canales de entrada × 3 × 3 productos, más el sesgo, por ReLU
    resultado = hoja.evaluate(f"""(() => {{
        const e = {CNN}, red = e.red;
        const d = window.TALLER_DIGITOS, bytes = Uint8Array.from(atob(d.imagenes), (c) => c.charCodeAt(0));
        const entrada = Float32Array.from(bytes.subarray(5 * 784, 6 * 784), (p) => p / 255);
        const salidas = red.propagar(entrada);
        const capa = red.capas[2], previa = salidas[1], x = salidas[2];
        const casos = [];
        for (const [oy, ox, fo] of [[0, 0, 0], [5, 5, 17], [10, 3, 63], [7, 9, 40]]) {{
            const detalle = Taller.redes.detalleConv(previa, capa, oy, ox, fo);
            const suma = detalle.canales.reduce((s, c) => s + c.ventana.reduce((t, v, i) => t + v * c.nucleo[i], 0), 0);
            casos.push([detalle.salida, x.datos[(oy * x.w + ox) * x.c + fo], suma, detalle.suma, detalle.canales.length]);
        }}
        return casos;
    }})()""")
    for salida, mapa, suma, suma_mostrada, canales in resultado:
        assert canales == 32
        assert salida == pytest.approx(mapa, abs=1e-5)
        assert suma == pytest.approx(suma_mostrada, abs=1e-9)


@pytest.mark.parametrize("nucleo", [
    [-1, 0, 1, -1, 0, 1, -1, 0, 1],
    [0.1, -0.25, 0.3, 2.5, 0, -1.75, 0.125, 0.5, -0.3],
])
def test_el_nucleo_del_lector_convoluciona_como_el_paquete(hoja, digitos, nucleo):
    for k in (0, 17, 49):
        js = np.reshape(hoja.evaluate(f"{CNN}.convolucion({k}, {nucleo})"), (26, 26))
        esperado = convolucion_2d(escalar(digitos[k]), np.reshape(nucleo, (3, 3)))
        np.testing.assert_allclose(js, esperado, rtol=0, atol=1e-12)


def test_editar_el_nucleo_y_elegir_con_el_teclado(hoja):
    panel = hoja.locator(".taller-cnn")
    panel.get_by_label("Núcleo", exact=True).select_option("bordes-horizontales")
    pesos = [panel.get_by_label(f"Peso de la fila {f}, columna {c}") for f in (1, 2, 3) for c in (1, 2, 3)]
    assert [p.input_value() for p in pesos] == ["-1", "-1", "-1", "0", "0", "0", "1", "1", "1"]
    antes = panel.locator(".taller-cnn__resultado").get_attribute("aria-label")
    pesos[4].fill("3")
    assert panel.locator(".taller-cnn__resultado").get_attribute("aria-label") != antes
    panel.get_by_label("Capa", exact=True).select_option(label="conv2")
    panel.get_by_label("Mapa", exact=True).fill("9")
    assert hoja.evaluate(f"{CNN}.seleccion")["mapa"] == 8
    assert panel.get_by_label("Canal de entrada").is_visible()
    assert "Sumando los 32 canales" in hoja.evaluate(f"{CNN}.detalle")
    panel.get_by_label("Dígito de prueba").select_option("12")
    texto = panel.locator(".taller-lab__estado").inner_text()
    assert texto.startswith("La red dice ") and "La etiqueta de MNIST es" in texto


def test_dibujar_un_digito_propio(hoja):
    panel = hoja.locator(".taller-cnn")
    panel.get_by_label("Dígito de prueba").select_option("dibujo")
    assert panel.locator(".taller-lab__estado").inner_text() == "Dibuja un dígito en el recuadro."
    trazar_con_el_raton(hoja, panel.locator(".taller-cnn__lienzo"))
    hoja.wait_for_function("document.querySelector('.taller-cnn .taller-lab__estado').innerText.startsWith('La red dice')")
    panel.get_by_role("button", name="Borrar").click()
    assert panel.locator(".taller-lab__estado").inner_text() == "Dibuja un dígito en el recuadro."
