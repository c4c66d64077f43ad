"""Exporta una red de Keras para ejecutarla en el navegador (página «Dibuja un dígito»).

El archivo es un script que define ``window.TALLER_MODELO``: la lista de capas con su
configuración y sus pesos en base64. Cada peso de un núcleo va en un byte (``cuantizar``): un
entero de −127 a 127 que, multiplicado por la escala de su columna, da el peso que usa el
navegador; las escalas y los sesgos van en float32 (little-endian). El archivo pesa así la cuarta
parte que con todo en float32, y ``con_pesos_del_navegador`` da la red de Keras con esos mismos
pesos, para medir qué cambia. Al ser un script, y no un JSON que haya que pedir con ``fetch``,
funciona también al abrir el sitio descargado directamente desde el disco.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import keras
import numpy as np

ACTIVACIONES = ("linear", "relu", "softmax")
CAPAS = ("Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dropout")
CON_PESOS = ("conv2d", "densa")  # las que llevan núcleo y sesgo


def _no_soportada(capa, detalle: str) -> ValueError:
    return ValueError(
        f"La capa «{capa.name}» ({type(capa).__name__}) no se puede exportar al navegador: "
        f"{detalle}. Usa solo {', '.join(CAPAS)} con activaciones {', '.join(ACTIVACIONES)}."
    )


def _activacion(capa) -> str:
    nombre = capa.get_config().get("activation", "linear")
    if nombre not in ACTIVACIONES:
        raise _no_soportada(capa, f"la activación «{nombre}» no está implementada")
    return nombre


def describir_capa(capa) -> dict | None:
    """Configuración de una capa para el navegador (``None`` si no hace nada al predecir)."""
    tipo = type(capa).__name__
    cfg = capa.get_config()
    if tipo == "Dropout":
        return None
    if tipo == "Flatten":
        return {"tipo": "aplanar"}
    if tipo == "Dense":
        return {"tipo": "densa", "activacion": _activacion(capa), "unidades": cfg["units"]}
    if tipo == "MaxPooling2D":
        if cfg["padding"] != "valid":
            raise _no_soportada(capa, "solo se admite padding='valid'")
        return {"tipo": "maxpool", "ventana": list(cfg["pool_size"]), "paso": list(cfg["strides"])}
    if tipo == "Conv2D":
        if tuple(cfg["dilation_rate"]) != (1, 1) or cfg.get("groups", 1) != 1:
            raise _no_soportada(capa, "no se admiten dilataciones ni grupos")
        return {
            "tipo": "conv2d",
            "activacion": _activacion(capa),
            "filtros": cfg["filters"],
            "nucleo": list(cfg["kernel_size"]),
            "paso": list(cfg["strides"]),
            "relleno": cfg["padding"],
        }
    raise _no_soportada(capa, "ese tipo de capa no está implementado")


def cuantizar(nucleo) -> tuple[np.ndarray, np.ndarray]:
    """Los pesos de ``nucleo`` como enteros de −127 a 127 (int8) y la escala de cada columna.

    Una columna (la última dimensión) es un filtro o una neurona: su peso de mayor valor absoluto
    pasa a ±127 y los demás, al entero más cercano en la misma escala. ``enteros * escala`` es el
    núcleo que usa el navegador.
    """
    nucleo = np.asarray(nucleo, dtype="<f4")
    maximos = np.abs(nucleo).reshape(-1, nucleo.shape[-1]).max(axis=0)
    escala = np.where(maximos > 0, maximos / 127, 1).astype("<f4")
    return np.round(nucleo / escala).astype(np.int8), escala


def con_pesos_del_navegador(modelo):
    """Una copia de ``modelo`` con los pesos que usa el navegador (los núcleos cuantizados)."""
    copia = keras.models.clone_model(modelo)
    copia.set_weights(modelo.get_weights())
    for capa in copia.layers:
        descripcion = describir_capa(capa)
        if descripcion is not None and descripcion["tipo"] in CON_PESOS:
            nucleo, sesgo = capa.get_weights()
            enteros, escala = cuantizar(nucleo)
            capa.set_weights([enteros * escala, sesgo])
    return copia


def exportar_para_navegador(modelo, ruta: str | Path) -> Path:
    """Escribe ``ruta`` (un ``.js``) con la arquitectura y los pesos de ``modelo``."""
    ruta = Path(ruta)
    if ruta.suffix != ".js":
        raise ValueError(f"La ruta debe terminar en .js (es un script); recibí «{ruta.name}».")
    forma = tuple(modelo.input_shape[1:])
    if len(forma) != 3 or None in forma:
        raise ValueError(
            f"La red debe recibir imágenes de forma fija (alto, ancho, canales); recibe {forma}."
        )
    capas, enteros, reales = [], [], []
    for capa in modelo.layers:
        descripcion = describir_capa(capa)
        if descripcion is None:
            continue
        if descripcion["tipo"] in CON_PESOS:
            nucleo, sesgo = capa.get_weights()
            cuantizado, escala = cuantizar(nucleo)
            descripcion["pesos"] = _trozo(enteros, cuantizado)
            descripcion["escala"] = _trozo(reales, escala)
            descripcion["sesgo"] = _trozo(reales, np.asarray(sesgo, dtype="<f4"))
        capas.append(descripcion)
    datos = {"entrada": list(forma), "capas": capas,
             "enteros": _base64(enteros, "i1"), "reales": _base64(reales, "<f4")}
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text("window.TALLER_MODELO = " + json.dumps(datos) + ";\n", encoding="utf-8")
    return ruta


def _trozo(bloques: list, valores: np.ndarray) -> dict:
    """Añade ``valores`` a ``bloques``; devuelve dónde empiezan (contando valores) y su forma."""
    inicio = sum(b.size for b in bloques)
    bloques.append(valores.ravel())
    return {"inicio": inicio, "forma": list(valores.shape)}


def _base64(bloques: list, tipo: str) -> str:
    return base64.b64encode(np.concatenate(bloques).astype(tipo).tobytes() if bloques else b"").decode()
