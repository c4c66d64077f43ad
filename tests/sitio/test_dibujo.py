"""«Dibuja un dígito»: la red del curso en el navegador da lo mismo que Keras."""

import numpy as np
import pytest

from taller_keras.datos import cargar_mnist

from .conftest import nuevo_contexto, pagina_abierta, trazar_con_el_raton

PAGINA = "book/11-dibuja"
DIGITOS = 200

JS_PREDECIR_TODOS = """(imagenes) => imagenes.map((pixeles) => {
    tallerDibujo.pintar(pixeles);
    tallerDibujo.predecir();
    return [tallerDibujo.entrada, tallerDibujo.probabilidades];
})"""


@pytest.fixture(scope="module")
def pagina(navegador, servidor):
    with pagina_abierta(navegador, f"{servidor}{PAGINA}.html", "window.tallerDibujo !== undefined") as hoja:
        yield hoja


def test_navegador_y_keras_coinciden(pagina, modelo_cnn, modelo_del_navegador):
    _, (x_prueba, y_prueba) = cargar_mnist("muestra")
    imagenes = x_prueba[:DIGITOS].reshape(DIGITOS, -1).tolist()
    resultados = pagina.evaluate(JS_PREDECIR_TODOS, imagenes)
    entradas = np.array([r[0] for r in resultados], dtype=np.float32).reshape(-1, 28, 28, 1)
    navegador_p = np.array([r[1] for r in resultados])
    # Las mismas cuentas que Keras con los mismos pesos (en 8 bits)...
    keras_p = modelo_del_navegador.predict(entradas, verbose=0)
    assert navegador_p.shape == keras_p.shape == (DIGITOS, 10)
    assert np.abs(navegador_p - keras_p).max() < 1e-4
    # ...y la misma clase que la red original, con los pesos en float32.
    original_p = modelo_cnn.predict(entradas, verbose=0)
    assert np.array_equal(navegador_p.argmax(axis=1), original_p.argmax(axis=1))
    assert np.abs(navegador_p - original_p).max() < 0.1
    # Recortar, escalar y centrar de nuevo un dígito de MNIST apenas cambia lo que acierta la red.
    originales = modelo_cnn.predict(x_prueba[:DIGITOS, ..., None] / 255.0, verbose=0)
    acierto_original = np.mean(originales.argmax(axis=1) == y_prueba[:DIGITOS])
    acierto_lienzo = np.mean(navegador_p.argmax(axis=1) == y_prueba[:DIGITOS])
    assert acierto_lienzo >= acierto_original - 0.05


def test_preprocesamiento_como_mnist(pagina):
    _, (x_prueba, _) = cargar_mnist("muestra")
    # un trazo pequeño y descentrado: se recorta, se escala a 20 px y se centra
    pequeno = np.zeros((28, 28), dtype=np.uint8)
    pequeno[2:8, 20:23] = 255
    pagina.evaluate("(p) => { tallerDibujo.pintar(p); tallerDibujo.predecir(); }", pequeno.ravel().tolist())
    entrada = np.array(pagina.evaluate("tallerDibujo.entrada")).reshape(28, 28)
    filas, columnas = np.nonzero(entrada > 0.05)
    assert filas.max() - filas.min() + 1 <= 21 and filas.max() - filas.min() + 1 >= 18
    masa = entrada.sum()
    centro = (np.arange(28) @ entrada.sum(axis=1) / masa, np.arange(28) @ entrada.sum(axis=0) / masa)
    assert abs(centro[0] - 14) <= 0.6 and abs(centro[1] - 14) <= 0.6
    assert 0.0 <= entrada.min() and entrada.max() <= 1.0


def test_borrar_y_texto(pagina):
    pagina.click("text=Borrar")
    assert pagina.evaluate("tallerDibujo.entrada") is None
    assert pagina.inner_text(".taller-dibujo__prediccion") == "Dibuja un dígito del 0 al 9 en el recuadro."


def test_dibujar_con_el_raton(pagina):
    pagina.click("text=Borrar")
    trazar_con_el_raton(pagina, pagina.locator(".taller-dibujo__lienzo"))
    pagina.wait_for_function("tallerDibujo.probabilidades !== null")
    probabilidades = pagina.evaluate("tallerDibujo.probabilidades")
    assert abs(sum(probabilidades) - 1) < 1e-5
    assert pagina.inner_text(".taller-dibujo__prediccion").startswith("La red ve un ")


def test_sin_javascript(navegador, servidor):
    contexto = nuevo_contexto(navegador, java_script_enabled=False)
    pagina = contexto.new_page()
    pagina.goto(f"{servidor}{PAGINA}.html")
    assert "Este panel necesita JavaScript" in pagina.inner_text("article")
    contexto.close()
