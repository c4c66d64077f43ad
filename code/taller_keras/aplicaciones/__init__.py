"""Aplicaciones de las redes neuronales al procesamiento de imágenes.

Un módulo por aplicación del capítulo *Aplicaciones*, cada una con sus datos, su red (si la
entrena), su método clásico de comparación y sus figuras:

- ``metricas``: PSNR e IoU (de máscaras y de cajas), con las que se compara cada red;
- ``imagenes``: las imágenes de ``skimage.data`` y las operaciones que comparten las demás;
- ``filtros``: una sola capa ``Conv2D`` aprende un filtro clásico;
- ``superresolucion``: una red pequeña amplía ×2 y ×4;
- ``fusion``: fusión de imágenes satelitales (Brovey);
- ``segmentacion``: una red totalmente convolucional separa monedas del fondo;
- ``retina`` e ``lesiones``: imágenes médicas y diagnóstico, con métodos clásicos;
- ``deteccion``: una red localiza y reconoce un dígito de MNIST en un lienzo;
- ``autos``, ``colorizacion`` y ``estilo``: figuras de las demás aplicaciones.

Todas las imágenes son sintéticas, de MNIST o de las que trae ``skimage.data``: nada se
descarga. Las funciones públicas de cada módulo también se importan desde aquí
(``from taller_keras import aplicaciones as apl; apl.psnr(...)``).
"""

from .metricas import caja_de_mascara, iou_cajas, iou_mascaras, iou_promedio, psnr, psnr_por_bloques
from .imagenes import (
    IMAGENES_SKIMAGE, ampliar_bicubica, aplicar_a_imagen, imagen_skimage, recortar_borde,
    recortar_multiplo, reducir,
)
from .filtros import (
    estandarizar, filtrar, grafica_filtro, modelo_filtro, nucleo_clasico, nucleo_de,
    nucleo_minimos_cuadrados, pares_filtro,
)
from .superresolucion import (
    IMAGENES_SR, ejemplo_superresolucion, grafica_superresolucion, modelo_superresolucion,
    parches_superresolucion,
)
from .fusion import ampliar_color, fusion_brovey, grafica_fusion, reducir_color, simular_fusion
from .segmentacion import (
    grafica_segmentacion, grafica_segmentacion_real, modelo_segmentacion, monedas_sinteticas,
    segmentar_otsu,
)
from .retina import campo_de_vision, grafica_retina, vasos_frangi
from .lesiones import candidatos_lesiones_rojas, grafica_lesiones
from .deteccion import cajas_por_umbral, grafica_deteccion, lienzos_mnist, modelo_deteccion
from .autos import caminos_sinteticos, grafica_caminos
from .colorizacion import grafica_colorizacion, separar_lab, unir_lab
from .estilo import grafica_estilo, matriz_gram, transferir_color
