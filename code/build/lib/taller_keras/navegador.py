"""Exporta una red de Keras para ejecutarla en el navegador (página «Dibuja un dígito»).

El archivo es un script que define ``window.TALLER_MODELO``: la lista de capas con su
configuración y todos los pesos en float32 (little-endian) codificados en base64. Al ser un
script, y no un JSON que haya que pedir con ``fetch``, funciona también al abrir el sitio
descargado directamente desde el disco.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

ACTIVACIONES = ("linear", "relu", "softmax")
CAPAS = ("Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dropout")


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
    capas, bloques, desplazamiento = [], [], 0
    for capa in modelo.layers:
        descripcion = describir_capa(capa)
        if descripcion is None:
            continue
        if descripcion["tipo"] in ("conv2d", "densa"):
            nucleo, sesgo = (np.asarray(w, dtype="<f4") for w in capa.get_weights())
            descripcion["pesos"] = {"inicio": desplazamiento, "forma": list(nucleo.shape)}
            descripcion["sesgo"] = {"inicio": desplazamiento + nucleo.size, "forma": list(sesgo.shape)}
            bloques += [nucleo.ravel(), sesgo.ravel()]
            desplazamiento += nucleo.size + sesgo.size
        capas.append(descripcion)
    pesos = np.concatenate(bloques).astype("<f4") if bloques else np.zeros(0, "<f4")
    datos = {"entrada": list(forma), "capas": capas, "pesos": base64.b64encode(pesos.tobytes()).decode()}
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text("window.TALLER_MODELO = " + json.dumps(datos) + ";\n", encoding="utf-8")
    return ruta

