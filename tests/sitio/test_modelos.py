"""El modelo que ofrece la página de la red multicapa se descarga, se carga y da la cifra publicada."""

import ast
import json
import re

import numpy as np
import pytest

from taller_keras.datos import a_one_hot, aplanar, cargar_mnist, escalar

from .conftest import HTML, leer

EJECUTADOS = HTML.parent / "jupyter_execute" / "book"


def valor_pegado(pagina: str, nombre: str) -> str:
    """El texto que la página pegó con pegar(nombre, ...) al ejecutarse."""
    archivo = EJECUTADOS / f"{pagina}.glue.json"
    if not archivo.is_file():
        pytest.fail(f"No encuentro {archivo.name} en _build/jupyter_execute: construye el libro antes.")
    pegados = json.loads(archivo.read_text(encoding="utf-8"))
    return ast.literal_eval(pegados[nombre]["data"]["text/plain"])


def como_fraccion(texto: str) -> float:
    """'94.4 %' → 0.944"""
    numero = re.fullmatch(r"([\d.]+)\u00a0%", texto)
    assert numero, texto
    return float(numero.group(1)) / 100


@pytest.fixture(scope="module")
def datos():
    return cargar_mnist()


@pytest.fixture(scope="module")
def archivo_del_modelo(sitio):
    enlaces = [a for a in leer("book/07-mlp").select("a.download") if a["href"].endswith(".keras")]
    assert len(enlaces) == 1, enlaces
    assert enlaces[0]["href"].startswith("../_downloads/")
    ruta = (HTML / "book" / enlaces[0]["href"]).resolve()
    assert ruta.is_file(), ruta
    assert ruta.name == "mlp_mnist.keras"
    return ruta


def test_el_modelo_descargado_da_la_exactitud_publicada(archivo_del_modelo, datos):
    import keras

    modelo = keras.models.load_model(archivo_del_modelo)
    assert [capa.name for capa in modelo.layers] == ["oculta", "salida"]
    assert modelo.count_params() == 407_050
    _, (x_test, y_test) = datos
    _, exactitud = modelo.evaluate(aplanar(escalar(x_test)), a_one_hot(y_test), verbose=0)
    publicada = como_fraccion(valor_pegado("07-mlp", "mlp_exactitud_prueba"))
    assert abs(exactitud - publicada) <= 0.005, (exactitud, publicada)
    texto = " ".join(leer("book/07-mlp").get_text().split())
    frase = f"La red acertó en {valor_pegado('07-mlp', 'mlp_exactitud_prueba')} de las imágenes"
    assert " ".join(frase.split()) in texto  # split() también separa en el espacio duro de «94.4 %»


def test_el_modelo_predice_probabilidades(archivo_del_modelo, datos):
    import keras

    modelo = keras.models.load_model(archivo_del_modelo)
    _, (x_test, _) = datos
    p = modelo.predict(aplanar(escalar(x_test[:8])), verbose=0)
    assert p.shape == (8, 10)
    np.testing.assert_allclose(p.sum(axis=1), 1, atol=1e-5)


@pytest.mark.parametrize(("pagina", "nombre"), [("07-mlp", "mlp_exactitud_prueba"),
                                                ("08-busqueda", "busq_exactitud_prueba")])
def test_exactitud_objetivo(sitio, datos, pagina, nombre):
    """Objetivo del curso: ≥ 93 % en modo muestra; con MNIST completo, cerca del 97.8 % de Chollet."""
    minimo = 0.93 if datos.modo == "muestra" else 0.97
    assert como_fraccion(valor_pegado(pagina, nombre)) >= minimo


@pytest.mark.parametrize("pagina", ["book/07-mlp", "book/08-busqueda"])
def test_paginas_dicen_sus_datos(sitio, datos, pagina):
    texto = " ".join(leer(pagina).get_text().split())
    assert " ".join(f"Esta página se construyó en {datos.resumen}.".split()) in texto


def test_pagina_mlp_figuras(sitio):
    sopa = leer("book/07-mlp")
    leyendas = [f.get_text(" ", strip=True) for f in sopa.select("figure figcaption")]
    assert len(sopa.select("figure img")) == 6
    for inicio in ("Pérdida y exactitud por época", "Matriz de confusión", "Diagrama de fiabilidad",
                   "Los errores de prueba", "Cinco imágenes de prueba", "Los pesos de 24 neuronas"):
        assert any(inicio in leyenda for leyenda in leyendas), inicio


def test_pagina_busqueda_tabla_y_figuras(sitio):
    sopa = leer("book/08-busqueda")
    assert len(sopa.select("figure img")) == 3
    tablas = [t for t in sopa.select("table.dataframe") if "exactitud (validación)" in t.get_text()
              and "tasa de aprendizaje" in t.get_text()]
    assert len(tablas) == 1
    filas = tablas[0].select("tbody tr")
    assert len(filas) == 8
    columnas = [th.get_text(strip=True) for th in tablas[0].select("thead th")]
    indice = columnas.index("exactitud (validación)") - 1  # la primera columna es el índice
    exactitudes = [float(f.select("td")[indice].get_text()) for f in filas]
    assert exactitudes == sorted(exactitudes, reverse=True)


# --- La red convolucional (capítulo «Redes convolucionales (CNN) en Keras») ---------

CAPAS_CNN = ["conv1", "submuestreo1", "conv2", "submuestreo2", "conv3", "aplanar", "salida"]


@pytest.fixture(scope="module")
def archivo_cnn(sitio):
    enlaces = [a for a in leer("book/09-cnn").select("a.download") if a["href"].endswith(".keras")]
    assert len(enlaces) == 1, enlaces
    assert enlaces[0]["href"].startswith("../_downloads/")
    ruta = (HTML / "book" / enlaces[0]["href"]).resolve()
    assert ruta.is_file(), ruta
    assert ruta.name == "cnn_mnist.keras"
    return ruta


def test_la_cnn_descargada_da_la_exactitud_publicada(archivo_cnn, datos):
    import keras

    from taller_keras.datos import agregar_canal

    modelo = keras.models.load_model(archivo_cnn)
    # Una red simple, sin capas de aumento: la que se exporta al navegador.
    assert [capa.name for capa in modelo.layers] == CAPAS_CNN
    assert modelo.count_params() == 104_202
    _, (x_test, y_test) = datos
    probabilidades = modelo.predict(agregar_canal(escalar(x_test)), verbose=0)
    np.testing.assert_allclose(probabilidades.sum(axis=1), 1, atol=1e-5)
    exactitud = float(np.mean(probabilidades.argmax(axis=1) == y_test))
    publicada = valor_pegado("09-cnn", "cnn_guardada_exactitud")
    assert abs(exactitud - como_fraccion(publicada)) <= 0.005, (exactitud, publicada)
    texto = " ".join(leer("book/09-cnn").get_text().split())
    # split() también separa en el espacio duro de «97.5 %»: se normalizan ambos lados.
    assert " ".join(f"que acierta en {publicada} de las imágenes de prueba".split()) in texto


def test_la_red_del_navegador_da_la_exactitud_publicada(modelo_cnn, modelo_del_navegador, datos):
    from taller_keras.datos import agregar_canal

    _, (x_test, y_test) = datos
    x = agregar_canal(escalar(x_test))
    clases = modelo_del_navegador.predict(x, verbose=0).argmax(axis=1)
    exactitud = float(np.mean(clases == y_test))
    publicada = valor_pegado("09-cnn", "cnn_navegador_exactitud")
    assert abs(exactitud - como_fraccion(publicada)) <= 0.005, (exactitud, publicada)
    cambian = int(np.sum(clases != modelo_cnn.predict(x, verbose=0).argmax(axis=1)))
    assert cambian <= 0.005 * len(y_test), "la cuantización a 8 bits no debería cambiar casi ninguna clase"
    assert valor_pegado("09-cnn", "cnn_navegador_cambian").split()[0] == str(cambian)
    archivo = HTML / "_static" / "cnn_mnist.js"
    assert valor_pegado("09-cnn", "cnn_js_tamano") == f"{archivo.stat().st_size / 1e3:.0f}\u00a0KB"


def test_exactitud_objetivo_cnn(sitio, datos):
    """Objetivo del capítulo: ≥ 97 % en modo muestra; ≥ 99 % con MNIST completo."""
    minimo = 0.97 if datos.modo == "muestra" else 0.99
    assert como_fraccion(valor_pegado("09-cnn", "cnn_guardada_exactitud")) >= minimo


def test_pagina_cnn_datos_tablas_y_figuras(sitio, datos):
    sopa = leer("book/09-cnn")
    texto = " ".join(sopa.get_text().split())
    assert " ".join(f"Esta página se construyó en {datos.resumen}.".split()) in texto
    # NumPy y Conv2D coinciden: la diferencia pegada es de redondeo.
    assert float(valor_pegado("09-cnn", "cnn_dif_conv")) < 1e-5
    tablas = [t.get_text(" ", strip=True) for t in sopa.select("table.dataframe")]
    assert any("Multicapa (MLP)" in t and "Convolucional (CNN)" in t for t in tablas)
    assert any("Sin aumento" in t and "Con aumento" in t for t in tablas)
    leyendas = [f.get_text(" ", strip=True) for f in sopa.select("figure figcaption")]
    assert len(sopa.select("figure img")) == 11
    for inicio in ("Un 4 de MNIST", "El mapa de bordes verticales", "Pérdida y exactitud por época",
                   "Matriz de confusión", "Dígitos de prueba que la red multicapa",
                   "Los 32 núcleos", "Los primeros ocho mapas", "Grad-CAM",
                   "Tres dígitos de entrenamiento", "Pérdida de validación por época"):
        assert any(inicio in leyenda for leyenda in leyendas), inicio
