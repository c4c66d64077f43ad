"""Pruebas del módulo de aplicaciones: métricas, datos, modelos, figuras y errores en español."""

import math

import numpy as np
import pytest

from taller_keras import aplicaciones as apl
from taller_keras.datos import cargar_mnist


# --- Métricas ---------------------------------------------------------------------------


def test_psnr_valor_conocido():
    referencia = np.zeros((4, 4))
    estimada = np.full((4, 4), 0.1)
    # ECM = 0.01 → 10·log10(1 / 0.01) = 20 dB
    assert apl.psnr(referencia, estimada) == pytest.approx(20.0, abs=1e-9)
    # con rango 255 y ECM = 0.01: 10·log10(255² / 0.01)
    assert apl.psnr(referencia, estimada, rango=255) == pytest.approx(
        10 * math.log10(255**2 / 0.01), abs=1e-6
    )


def test_psnr_imagenes_iguales_es_infinito():
    imagen = np.random.default_rng(0).random((5, 5))
    assert apl.psnr(imagen, imagen.copy()) == math.inf


def test_psnr_formas_distintas():
    with pytest.raises(ValueError) as error:
        apl.psnr(np.zeros((4, 4)), np.zeros((4, 5)))
    assert str(error.value) == (
        "referencia y estimada deben tener la misma forma; recibí (4, 4) y (4, 5). "
        "Recorta o interpola una de ellas antes de compararlas."
    )


def test_psnr_rango_invalido_y_no_arreglo():
    with pytest.raises(ValueError, match="rango debe ser positivo"):
        apl.psnr(np.zeros(3), np.ones(3), rango=0)
    with pytest.raises(ValueError, match="referencia debe ser un arreglo de NumPy; recibí list"):
        apl.psnr([0, 1], np.zeros(2))


def test_psnr_por_bloques():
    referencia = np.zeros((70, 64))
    estimada = np.zeros((70, 64))
    estimada[:32, :32] = 0.1  # ECM 0.01 → 20 dB en el primer bloque
    estimada[:32, 32:] = 0.01  # ECM 0.0001 → 40 dB en el segundo
    estimada[32:64, :] = 0.1
    estimada[64:, :] = 0.5  # filas sobrantes: no cuentan
    bloques = apl.psnr_por_bloques(referencia, estimada, lado=32)
    assert bloques == pytest.approx([20.0, 40.0, 20.0, 20.0])
    with pytest.raises(ValueError) as error:
        apl.psnr_por_bloques(np.zeros((16, 16)), np.zeros((16, 16)), lado=32)
    assert str(error.value) == (
        "Las imágenes deben ser 2D (alto, ancho) y medir al menos 32 píxeles por lado; "
        "recibí la forma (16, 16). Usa un lado menor."
    )


def test_iou_mascaras_valor_conocido():
    verdad = np.array([[True, True, False, False]])
    prediccion = np.array([[False, True, True, False]])
    assert apl.iou_mascaras(verdad, prediccion) == pytest.approx(1 / 3)
    assert apl.iou_mascaras(verdad, verdad) == 1.0
    vacia = np.zeros((3, 3), bool)
    assert apl.iou_mascaras(vacia, vacia) == 1.0
    assert apl.iou_mascaras(verdad, ~verdad) == 0.0


def test_iou_mascaras_no_booleanas():
    with pytest.raises(ValueError) as error:
        apl.iou_mascaras(np.zeros((2, 2), bool), np.zeros((2, 2)))
    assert str(error.value) == (
        "prediccion debe ser una máscara booleana; recibí dtype float64. "
        "Umbrala primero, por ejemplo mascara = probabilidad > 0.5."
    )


def test_iou_promedio():
    verdad = np.array([[[True, True]], [[True, False]]])
    prediccion = np.array([[[True, False]], [[True, False]]])
    assert apl.iou_promedio(verdad, prediccion) == pytest.approx((0.5 + 1.0) / 2)


def test_iou_cajas_valores_conocidos():
    assert apl.iou_cajas(np.array([0, 0, 2, 2]), np.array([1, 1, 3, 3])) == pytest.approx(1 / 7)
    assert apl.iou_cajas(np.array([0, 0, 4, 4]), np.array([2, 2, 6, 6])) == pytest.approx(1 / 7)
    lote = apl.iou_cajas(
        np.array([[0, 0, 2, 2], [0, 0, 2, 2], [0, 0, 2, 4]]),
        np.array([[0, 0, 2, 2], [5, 5, 6, 6], [0, 0, 2, 2]]),
    )
    np.testing.assert_allclose(lote, [1.0, 0.0, 0.5])


def test_iou_cajas_errores():
    with pytest.raises(ValueError) as error:
        apl.iou_cajas(np.zeros((2, 3)), np.zeros((2, 3)))
    assert str(error.value) == (
        "verdad debe tener forma (4,) o (n, 4), cada caja como (fila0, col0, fila1, col1); "
        "recibí la forma (2, 3)."
    )
    with pytest.raises(ValueError, match="verdad y prediccion deben tener la misma forma"):
        apl.iou_cajas(np.zeros((2, 4)), np.zeros((3, 4)))


def test_iou_cajas_invertidas_cuentan_como_vacias():
    # una red puede predecir fila1 < fila0: esa caja no cubre nada
    assert apl.iou_cajas(np.array([0, 0, 2, 2]), np.array([3, 0, 1, 2])) == 0.0
    assert apl.iou_cajas(np.array([0, 0, 2, 2]), np.array([2, 2, 0, 0])) == 0.0
    assert apl.iou_cajas(np.array([1, 1, 1, 1]), np.array([3, 3, 2, 2])) == 1.0


# --- Imágenes y filtros -----------------------------------------------------------------


def test_imagen_skimage():
    camara = apl.imagen_skimage("camera")
    assert camara.shape == (512, 512) and camara.dtype == np.float32
    assert 0 <= camara.min() and camara.max() <= 1
    assert apl.imagen_skimage("coffee", gris=False).shape == (400, 600, 3)
    with pytest.raises(ValueError, match="No conozco la imagen 'lena'. Elige una de skimage.data"):
        apl.imagen_skimage("lena")


def test_nucleos_clasicos():
    sobel = apl.nucleo_clasico("sobel")
    np.testing.assert_allclose(sobel, [[-0.25, 0, 0.25], [-0.5, 0, 0.5], [-0.25, 0, 0.25]])
    gauss = apl.nucleo_clasico("gauss")
    assert gauss.shape == (5, 5)
    assert gauss.sum() == pytest.approx(1.0)
    assert gauss[2, 2] == gauss.max()
    with pytest.raises(ValueError, match="Filtro desconocido: 'prewitt'. Usa 'sobel' o 'gauss'."):
        apl.nucleo_clasico("prewitt")


def test_filtrar_es_correlacion_valida():
    imagen = np.arange(16, dtype=np.float32).reshape(4, 4)
    nucleo = np.array([[0, 0], [0, 1]], np.float32)  # toma el vecino de abajo a la derecha
    salida = apl.filtrar(imagen, nucleo)
    assert salida.shape == (3, 3)
    np.testing.assert_array_equal(salida, imagen[1:, 1:])
    with pytest.raises(ValueError, match="El núcleo .* es más grande que la imagen"):
        apl.filtrar(np.zeros((2, 2)), np.zeros((3, 3)))
    with pytest.raises(ValueError, match=r"imagen debe ser una matriz 2D \(alto, ancho\); recibí la forma \(4, 4, 3\)\. Es una imagen a color"):
        apl.filtrar(np.zeros((4, 4, 3)), nucleo)


def test_estandarizar():
    z = apl.estandarizar(np.array([[1.0, 3.0]]))
    np.testing.assert_allclose(z, [[-1.0, 1.0]])
    with pytest.raises(ValueError, match="La imagen es constante"):
        apl.estandarizar(np.ones((3, 3)))


def test_pares_filtro_y_minimos_cuadrados():
    sobel = apl.nucleo_clasico("sobel")
    x, y = apl.pares_filtro([apl.imagen_skimage("grass")], sobel, n=20, lado=12)
    assert x.shape == (20, 12, 12, 1) and y.shape == (20, 10, 10, 1)
    np.testing.assert_allclose(y[3, ..., 0], apl.filtrar(x[3, ..., 0], sobel), atol=1e-6)
    np.testing.assert_allclose(apl.nucleo_minimos_cuadrados(x, y, 3), sobel, atol=1e-5)
    with pytest.raises(ValueError, match="x y y deben venir de pares_filtro"):
        apl.nucleo_minimos_cuadrados(x, y, 5)
    with pytest.raises(ValueError, match="lado debe ser un entero mayor o igual que 3; recibí 2."):
        apl.pares_filtro([apl.imagen_skimage("grass")], sobel, lado=2)


def test_modelo_filtro_aprende_sobel():
    import keras

    from taller_keras.entorno import fijar_semillas

    fijar_semillas(0)
    sobel = apl.nucleo_clasico("sobel")
    x, y = apl.pares_filtro([apl.imagen_skimage("grass")], sobel, n=256, lado=16)
    modelo = apl.modelo_filtro(3)
    assert modelo.predict(x[:2], verbose=0).shape == (2, 14, 14, 1)
    assert modelo.count_params() == 9
    modelo.compile(optimizer=keras.optimizers.Adam(learning_rate=0.03), loss="mse")
    modelo.fit(x, y, epochs=5, batch_size=8, verbose=0)
    assert np.abs(apl.nucleo_de(modelo) - sobel).max() < 0.01


# --- Super-resolución -------------------------------------------------------------------


def test_reducir_y_ampliar():
    imagen = np.arange(36, dtype=np.float32).reshape(6, 6) / 36
    baja = apl.reducir(imagen, 2)
    assert baja.shape == (3, 3)
    assert baja[0, 0] == pytest.approx(np.mean([0, 1, 6, 7]) / 36)
    assert apl.ampliar_bicubica(baja, 2).shape == (6, 6)
    with pytest.raises(ValueError, match="factor debe ser un entero mayor o igual que 2; recibí 1."):
        apl.reducir(imagen, 1)


def test_ejemplo_superresolucion_recorta_a_multiplo():
    baja, bicubica, original = apl.ejemplo_superresolucion(np.zeros((303, 384), np.float32), 4)
    assert baja.shape == (75, 96)
    assert bicubica.shape == original.shape == (300, 384)


def test_recortes():
    assert apl.recortar_multiplo(np.zeros((7, 10)), 4).shape == (4, 8)
    assert apl.recortar_borde(np.zeros((20, 30)), 8).shape == (4, 14)
    with pytest.raises(ValueError, match="Un borde de 8 no deja nada de una imagen de forma"):
        apl.recortar_borde(np.zeros((16, 30)), 8)


def test_parches_superresolucion():
    imagenes = [apl.imagen_skimage("camera"), apl.imagen_skimage("moon")]
    x, y = apl.parches_superresolucion(imagenes, factores=(2, 4), n=30, lado=16, semilla=3)
    assert x.shape == y.shape == (30, 16, 16, 1)
    assert x.dtype == np.float32 and 0 <= x.min() and x.max() <= 1
    # la entrada es una versión suavizada de la salida: menos variación entre vecinos
    assert np.abs(np.diff(x, axis=2)).mean() < np.abs(np.diff(y, axis=2)).mean()


def test_modelo_superresolucion_formas():
    modelo = apl.modelo_superresolucion(filtros=8)
    assert modelo.predict(np.zeros((1, 20, 24, 1), np.float32), verbose=0).shape == (1, 20, 24, 1)
    # conv 5×5 (1→8) + conv 1×1 (8→4) + conv 3×3 (4→1), con sesgos
    assert modelo.count_params() == (25 * 8 + 8) + (8 * 4 + 4) + (9 * 4 + 1)
    assert apl.aplicar_a_imagen(modelo, np.zeros((12, 16), np.float32)).shape == (12, 16)


# --- Segmentación -----------------------------------------------------------------------


def test_monedas_sinteticas():
    imagenes, mascaras = apl.monedas_sinteticas(5, lado=32, semilla=7)
    assert imagenes.shape == mascaras.shape == (5, 32, 32)
    assert imagenes.dtype == np.float32 and mascaras.dtype == bool
    assert 0 <= imagenes.min() and imagenes.max() <= 1
    assert all(m.any() and not m.all() for m in mascaras)
    otra, _ = apl.monedas_sinteticas(5, lado=32, semilla=7)
    np.testing.assert_array_equal(imagenes, otra)
    with pytest.raises(ValueError, match="lado debe ser un entero mayor o igual que 16; recibí 8."):
        apl.monedas_sinteticas(2, lado=8)


def test_segmentar_otsu():
    imagenes = np.zeros((2, 4, 4), np.float32)
    imagenes[:, :2] = 1.0
    mascaras = apl.segmentar_otsu(imagenes)
    assert mascaras.dtype == bool and mascaras.shape == (2, 4, 4)
    assert mascaras[:, :2].all() and not mascaras[:, 2:].any()
    with pytest.raises(ValueError, match=r"imagenes debe ser un lote de imágenes con forma \(n, alto, ancho\)"):
        apl.segmentar_otsu(np.zeros((4, 4)))


def test_modelo_segmentacion_formas():
    modelo = apl.modelo_segmentacion(filtros=4)
    salida = modelo.predict(np.zeros((2, 16, 24, 1), np.float32), verbose=0)
    assert salida.shape == (2, 16, 24, 1)
    assert 0 <= salida.min() and salida.max() <= 1


# --- Detección --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def muestra():
    return cargar_mnist("muestra")


def test_caja_de_mascara():
    mascara = np.zeros((6, 6), bool)
    mascara[1:3, 2:5] = True
    np.testing.assert_array_equal(apl.caja_de_mascara(mascara), [1, 2, 3, 5])
    np.testing.assert_array_equal(apl.caja_de_mascara(np.zeros((3, 3), bool)), [0, 0, 0, 0])


def test_lienzos_mnist(muestra):
    (x, y), _ = muestra
    lienzos, cajas, etiquetas = apl.lienzos_mnist(x[:50], y[:50], lado=48, distractores=0, semilla=4)
    assert lienzos.shape == (50, 48, 48) and lienzos.dtype == np.float32
    assert cajas.shape == (50, 4)
    np.testing.assert_array_equal(etiquetas, y[:50])
    assert (cajas[:, :2] >= 0).all() and (cajas[:, 2:] <= 48).all()
    assert ((cajas[:, 2:] - cajas[:, :2]) <= 28).all()
    # sin distractores, la caja por umbral coincide exactamente con la verdadera
    np.testing.assert_array_equal(apl.cajas_por_umbral(lienzos), cajas)
    assert np.all(apl.iou_cajas(cajas, apl.cajas_por_umbral(lienzos)) == 1.0)


def test_lienzos_mnist_con_distractores_agrandan_la_caja_por_umbral(muestra):
    (x, y), _ = muestra
    lienzos, cajas, _ = apl.lienzos_mnist(x[:50], y[:50], lado=48, distractores=2, semilla=4)
    iou = apl.iou_cajas(cajas, apl.cajas_por_umbral(lienzos))
    assert iou.mean() < 0.9


def test_lienzos_mnist_rechaza_imagenes_escaladas(muestra):
    (x, y), _ = muestra
    with pytest.raises(ValueError) as error:
        apl.lienzos_mnist(x[:3] / 255.0, y[:3])
    assert str(error.value) == (
        "digitos debe tener forma (n, 28, 28) y dtype uint8, como las imágenes de cargar_mnist(); "
        "recibí (3, 28, 28) y float64."
    )
    with pytest.raises(ValueError, match=r"Se esperaban 3 etiquetas en un vector \(n,\); recibí \(2,\)."):
        apl.lienzos_mnist(x[:3], y[:2])


def test_modelo_deteccion_formas():
    modelo = apl.modelo_deteccion(lado=48)
    salida = modelo.predict(np.zeros((3, 48, 48, 1), np.float32), verbose=0)
    assert salida["caja"].shape == (3, 4)
    assert salida["clase"].shape == (3, 10)
    assert ((0 <= salida["caja"]) & (salida["caja"] <= 1)).all()
    np.testing.assert_allclose(salida["clase"].sum(axis=1), 1.0, rtol=1e-5)


# --- Otras aplicaciones -----------------------------------------------------------------


def test_vasos_frangi_y_campo_de_vision():
    retina = apl.imagen_skimage("retina", gris=False)[::6, ::6]
    verde, realce, vasos = apl.vasos_frangi(retina, fraccion=0.1)
    assert verde.shape == realce.shape == vasos.shape == retina.shape[:2]
    dentro = apl.campo_de_vision(retina)
    assert vasos[dentro].mean() == pytest.approx(0.1, abs=0.01)
    assert not vasos[~dentro].any()
    with pytest.raises(ValueError, match="fraccion debe estar entre 0 y 1; recibí 1.5."):
        apl.vasos_frangi(retina, fraccion=1.5)
    with pytest.raises(ValueError, match=r"retina_rgb debe ser una imagen a color \(alto, ancho, 3\)"):
        apl.campo_de_vision(verde)


def test_candidatos_lesiones_rojas():
    imagen = np.full((40, 40), 0.6, np.float32)
    imagen[10:13, 20:23] = 0.1  # una mancha oscura pequeña
    respuesta, centros = apl.candidatos_lesiones_rojas(imagen, radio=4, umbral=0.2)
    assert respuesta.shape == imagen.shape
    assert len(centros) == 1
    np.testing.assert_allclose(centros[0], (11, 21))


def test_fusion_brovey():
    rng = np.random.default_rng(0)
    ms = rng.uniform(0.2, 0.8, size=(4, 4, 3)).astype(np.float32)
    # si la pancromática es la intensidad de las bandas, la fusión no cambia nada
    np.testing.assert_allclose(apl.fusion_brovey(ms, ms.mean(axis=-1)), ms, rtol=1e-5)
    with pytest.raises(ValueError, match="con el mismo alto y ancho que la pancromática"):
        apl.fusion_brovey(ms, np.zeros((2, 2), np.float32))


def test_simular_fusion():
    imagen = apl.imagen_skimage("astronaut", gris=False)[:64, :64]
    referencia, ms, pan, bicubica, fusionada = apl.simular_fusion(imagen, factor=4)
    assert ms.shape == (16, 16, 3) and pan.shape == (64, 64)
    assert bicubica.shape == fusionada.shape == referencia.shape == (64, 64, 3)
    assert apl.psnr(referencia, fusionada) > apl.psnr(referencia, bicubica)


def test_lab_ida_y_vuelta():
    imagen = apl.imagen_skimage("chelsea", gris=False)[:20, :20]
    luminancia, a, b = apl.separar_lab(imagen)
    np.testing.assert_allclose(apl.unir_lab(luminancia, a, b), imagen, atol=1e-3)
    gris = apl.unir_lab(luminancia, 0.0, 0.0)
    np.testing.assert_allclose(gris[..., 0], gris[..., 2], atol=1e-3)
    with pytest.raises(ValueError, match=r"imagen_color debe ser RGB \(alto, ancho, 3\)"):
        apl.separar_lab(imagen[..., 0])


def test_matriz_gram_y_transferir_color():
    np.testing.assert_allclose(apl.matriz_gram(np.ones((2, 2, 3))), np.ones((3, 3)))
    mapas = np.zeros((1, 2, 2))
    mapas[0, 0] = (1, 0)
    mapas[0, 1] = (0, 1)
    np.testing.assert_allclose(apl.matriz_gram(mapas), [[0.5, 0], [0, 0.5]])
    contenido = apl.imagen_skimage("chelsea", gris=False)[:40, :40]
    estilo = apl.imagen_skimage("coffee", gris=False)[:40, :40]
    resultado = apl.transferir_color(contenido, estilo)
    assert resultado.shape == contenido.shape
    for c in range(3):
        assert resultado[..., c].mean() == pytest.approx(estilo[..., c].mean(), abs=0.02)
    with pytest.raises(ValueError, match="contenido y estilo deben ser imágenes a color"):
        apl.transferir_color(contenido[..., 0], estilo)


def test_caminos_sinteticos():
    vistas, angulos = apl.caminos_sinteticos(8, lado=32, semilla=1)
    assert vistas.shape == (8, 32, 32, 3) and angulos.shape == (8,)
    assert np.abs(angulos).max() <= 25
    assert 0 <= vistas.min() and vistas.max() <= 1


# --- Figuras ----------------------------------------------------------------------------


def test_grafica_filtro():
    sobel = apl.nucleo_clasico("sobel")
    fig = apl.grafica_filtro(sobel, sobel, np.random.default_rng(0).random((20, 20)), "de Sobel")
    titulos = [eje.get_title() for eje in fig.axes]
    assert titulos == ["Núcleo de Sobel (objetivo)", "Núcleo aprendido", "Imagen de prueba",
                       "Salida del filtro clásico", "Salida de la red"]
    assert [t.get_text() for t in fig.axes[0].texts][:3] == ["-0.25", "0.00", "0.25"]
    with pytest.raises(ValueError, match="objetivo y aprendido deben tener la misma forma"):
        apl.grafica_filtro(sobel, np.zeros((5, 5)), np.zeros((20, 20)))


def test_grafica_superresolucion():
    imagen = apl.imagen_skimage("camera")[:64, :64]
    baja, bicubica, original = apl.ejemplo_superresolucion(imagen, 2)
    fig = apl.grafica_superresolucion([(2, baja, bicubica, original, original)], ventana=(16, 16, 32))
    titulos = [eje.get_title() for eje in fig.axes]
    assert titulos[0] == "Baja resolución (×2 menos)"
    assert titulos[1].startswith("Bicúbica: ") and titulos[1].endswith(" dB")
    assert titulos[2] == "Red: inf dB" and titulos[3] == "Original"
    with pytest.raises(ValueError, match="Hace falta al menos una fila"):
        apl.grafica_superresolucion([], ventana=(0, 0, 8))


def test_grafica_segmentacion_y_deteccion():
    imagenes, mascaras = apl.monedas_sinteticas(2, lado=32)
    fig = apl.grafica_segmentacion(imagenes, mascaras, mascaras, mascaras)
    assert len(fig.axes) == 8
    assert fig.axes[3].get_title() == "Red (IoU 1.00)"
    lienzos = np.zeros((2, 48, 48), np.float32)
    cajas = np.array([[0, 0, 10, 10], [5, 5, 20, 20]], np.float32)
    fig = apl.grafica_deteccion(lienzos, cajas, cajas, cajas, np.array([3, 4]), np.array([3, 7]))
    assert fig.axes[1].get_title().startswith("Red dice 4 (es 7)")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Verdad", "Red", "Umbral"]
