"""Código compartido del curso Taller Keras.

Importar el paquete antes que Keras deja a TensorFlow en silencio (sin avisos de
oneDNN ni de CUDA, ni los de su registro de Python, como el de «retracing») y elige
TensorFlow como motor de Keras.
"""

import logging
import os

# Deben fijarse antes de que se importe TensorFlow.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# Un filtro y no sólo un nivel: en Jupyter, TensorFlow sube su registro a INFO al crearlo.
logging.getLogger("tensorflow").addFilter(lambda registro: registro.levelno >= logging.ERROR)

__version__ = "0.1.0"
