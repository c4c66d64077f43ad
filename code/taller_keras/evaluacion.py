"""Evaluar un clasificador de dígitos: curvas de entrenamiento, matriz de confusión,
errores, probabilidades y tablas de resultados de una búsqueda de parámetros.

Las funciones de gráficas devuelven una ``matplotlib.figure.Figure`` ya cerrada para
pyplot, igual que las de ``graficas``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from . import validacion
from .datos import CLASES, LADO
from .formato import cantidad, lista, porcentaje
from .figuras import AZUL, NARANJA, cerrar_figura

GRIS = "#b4b4b4"

# Nombres legibles de las columnas de una búsqueda de parámetros.
NOMBRES = {
    "tasa_aprendizaje": "tasa de aprendizaje",
    "unidades": "unidades",
    "lote": "lote",
    "abandono": "abandono",
    "exactitud_val": "exactitud (validación)",
    "perdida_val": "pérdida (validación)",
    "mejor_epoca": "mejor época",
    "epocas": "épocas",
    "segundos": "segundos",
}
HIPERPARAMETROS = ("tasa_aprendizaje", "unidades", "lote", "abandono")


# --- Validación ---------------------------------------------------------------


def _misma_longitud(a, b, nombre_a: str, nombre_b: str) -> None:
    if len(a) != len(b):
        raise ValueError(
            f"{nombre_a} y {nombre_b} deben tener la misma longitud (uno por imagen); "
            f"recibí {len(a)} y {len(b)}."
        )


def _digitos(y, nombre: str) -> np.ndarray:
    return validacion.etiquetas(y, clases=CLASES, nombre=nombre)


def _validar_imagenes(imagenes) -> np.ndarray:
    x = np.asarray(imagenes)
    if x.ndim == 2 and x.shape[1] == LADO * LADO:
        x = x.reshape(len(x), LADO, LADO)
    if x.ndim != 3 or x.shape[1:] != (LADO, LADO):
        raise ValueError(
            f"imagenes debe tener forma (n, {LADO}, {LADO}) o (n, {LADO * LADO}); "
            f"recibí la forma {x.shape}."
        )
    return x


def _tope(imagenes: np.ndarray) -> float:
    """Valor de la tinta máxima: 255 para enteros, 1 para imágenes escaladas."""
    return 255.0 if np.issubdtype(imagenes.dtype, np.integer) else 1.0


# --- Curvas de entrenamiento --------------------------------------------------


def historia_como_dict(historia) -> dict[str, list[float]]:
    """Devuelve las series de ``model.fit`` (un ``History`` o su ``.history``) como diccionario."""
    datos = getattr(historia, "history", historia)
    if not isinstance(datos, Mapping):
        raise ValueError(
            "historia debe ser lo que devuelve model.fit(...) o un diccionario como "
            f"historia.history; recibí {type(historia).__name__}."
        )
    series = {clave: [float(v) for v in valores] for clave, valores in datos.items()}
    for clave in ("loss", "accuracy"):
        if clave not in series:
            raise ValueError(
                f"A la historia le falta la serie '{clave}' (tiene {sorted(series)}). "
                "Compila el modelo con metrics=['accuracy']."
            )
    largos = {len(v) for v in series.values()}
    if len(largos) != 1:
        raise ValueError(
            "Todas las series de la historia deben tener el mismo número de épocas; "
            f"encontré longitudes {sorted(largos)}."
        )
    if largos == {0}:
        raise ValueError("La historia está vacía: entrena al menos una época.")
    return series


def curvas_entrenamiento(historia, epoca_marcada: int | None = None):
    """Pérdida y exactitud por época, de entrenamiento y (si la hay) de validación.

    ``epoca_marcada`` (contada desde 1) dibuja una línea vertical, por ejemplo en la
    mejor época según la validación.
    """
    series = historia_como_dict(historia)
    n = len(series["loss"])
    if epoca_marcada is not None and not (
        isinstance(epoca_marcada, (int, np.integer)) and 1 <= epoca_marcada <= n
    ):
        raise ValueError(
            f"epoca_marcada debe ser un entero entre 1 y {n} (las épocas se cuentan desde 1); "
            f"recibí {epoca_marcada!r}."
        )
    epocas = np.arange(1, n + 1)
    fig, ejes = plt.subplots(1, 2, figsize=(9, 3.4))
    for eje, clave, titulo in (
        (ejes[0], "loss", "Pérdida"),
        (ejes[1], "accuracy", "Exactitud"),
    ):
        eje.plot(epocas, series[clave], "o-", color=AZUL, markersize=3, label="Entrenamiento")
        if f"val_{clave}" in series:
            eje.plot(epocas, series[f"val_{clave}"], "s-", color=NARANJA, markersize=3,
                     label="Validación")
        if epoca_marcada is not None:
            eje.axvline(epoca_marcada, color="0.35", linestyle="--", linewidth=1,
                        label=f"Época {epoca_marcada}")
        eje.set_title(titulo)
        eje.set_xlabel("Época")
        eje.set_ylabel(titulo)
        eje.grid(alpha=0.3)
        if n <= 12:
            eje.set_xticks(epocas)
    ejes[0].legend()
    return cerrar_figura(fig)


# --- Matriz de confusión y errores ----------------------------------------------


def matriz_confusion(y_verdadero, y_predicho) -> np.ndarray:
    """Matriz 10 × 10: fila = dígito verdadero, columna = dígito predicho."""
    from sklearn.metrics import confusion_matrix

    y_verdadero = _digitos(y_verdadero, "y_verdadero")
    y_predicho = _digitos(y_predicho, "y_predicho")
    _misma_longitud(y_verdadero, y_predicho, "y_verdadero", "y_predicho")
    return confusion_matrix(y_verdadero, y_predicho, labels=np.arange(CLASES))


def pares_confundidos(y_verdadero, y_predicho, n: int = 3) -> list[tuple[int, int, int]]:
    """Los ``n`` errores más frecuentes como ``(dígito verdadero, dígito predicho, veces)``."""
    matriz = matriz_confusion(y_verdadero, y_predicho).copy()
    np.fill_diagonal(matriz, 0)
    orden = np.argsort(-matriz, axis=None, kind="stable")[:n]
    pares = [(int(i), int(j), int(matriz[i, j])) for i, j in zip(*np.unravel_index(orden, matriz.shape))]
    return [par for par in pares if par[2] > 0]


def frase_errores(y_verdadero, y_predicho) -> str:
    """Cuántos errores hubo y cuál fue la confusión más repetida (con empates), en una frase."""
    y_verdadero = _digitos(y_verdadero, "y_verdadero")
    errores = int(np.sum(y_verdadero != _digitos(y_predicho, "y_predicho")))
    if errores == 0:
        return "La red no se equivocó en ninguna imagen."
    pares = pares_confundidos(y_verdadero, y_predicho, n=CLASES * CLASES)
    maximo = pares[0][2]
    empatados = [f"un {real} por un {predicho}" for real, predicho, veces in pares if veces == maximo]
    veces = cantidad(maximo, "vez", "veces")
    if len(empatados) == 1:
        return (f"De los {cantidad(errores, 'error', 'errores')}, la confusión más repetida fue "
                f"tomar {empatados[0]} ({veces}).")
    return (f"De los {cantidad(errores, 'error', 'errores')}, las confusiones más repetidas fueron "
            f"tomar {lista(empatados)} ({veces} cada una).")


def informe_por_clase(y_verdadero, y_predicho):
    """Precisión, exhaustividad y F1 de cada dígito (scikit-learn) en una tabla de pandas.

    La última fila, «promedio», es el promedio simple de las diez clases.
    """
    import pandas as pd
    from sklearn.metrics import precision_recall_fscore_support

    y_verdadero = _digitos(y_verdadero, "y_verdadero")
    y_predicho = _digitos(y_predicho, "y_predicho")
    _misma_longitud(y_verdadero, y_predicho, "y_verdadero", "y_predicho")
    precision, exhaustividad, f1, imagenes = precision_recall_fscore_support(
        y_verdadero, y_predicho, labels=np.arange(CLASES), zero_division=0)
    tabla = pd.DataFrame(
        {"precisión": precision, "exhaustividad": exhaustividad, "F1": f1, "imágenes": imagenes},
        index=pd.Index([str(d) for d in range(CLASES)], name="dígito"),
    )
    tabla.loc["promedio"] = [precision.mean(), exhaustividad.mean(), f1.mean(), imagenes.sum()]
    return tabla.astype({"imágenes": int})


def fiabilidad(y_verdadero, probabilidades, intervalos: int = 10):
    """Tabla de fiabilidad: en cada intervalo de confianza, la confianza media y la exactitud.

    La confianza de una predicción es la probabilidad que la red le da a la clase que elige.
    Devuelve ``(tabla, ece)``: ``ece`` es el error de calibración esperado, el promedio de
    |exactitud − confianza| pesado por cuántas predicciones caen en cada intervalo.
    """
    import pandas as pd
    from sklearn.calibration import calibration_curve

    y = _digitos(y_verdadero, "y_verdadero")
    p = validacion.probabilidades(probabilidades, n=len(y), clases=CLASES)
    intervalos = validacion.entero(intervalos, "intervalos", minimo=2)
    confianza, acierto = p.max(axis=1), p.argmax(axis=1) == y
    bordes = np.linspace(0, 1, intervalos + 1)
    cuantas = np.histogram(confianza, bins=bordes)[0]
    if acierto.all() or not acierto.any():  # calibration_curve necesita aciertos y errores
        exactitud = np.full(intervalos, float(acierto.mean()))
        media = np.array([confianza[(confianza >= a) & (confianza <= b)].mean() if c else np.nan
                          for a, b, c in zip(bordes[:-1], bordes[1:], cuantas)])
    else:
        exactitud_llenos, media_llenos = calibration_curve(acierto, confianza, n_bins=intervalos)
        exactitud, media = np.full(intervalos, np.nan), np.full(intervalos, np.nan)
        exactitud[cuantas > 0], media[cuantas > 0] = exactitud_llenos, media_llenos
    tabla = pd.DataFrame({"desde": bordes[:-1], "hasta": bordes[1:], "predicciones": cuantas,
                          "confianza media": media, "exactitud": exactitud})
    llenos = cuantas > 0
    ece = float(np.sum(cuantas[llenos] / len(y) * np.abs(exactitud[llenos] - media[llenos])))
    return tabla, ece


def diagrama_fiabilidad(tabla, ece: float):
    """Diagrama de fiabilidad: exactitud contra confianza por intervalo, con la diagonal ideal."""
    fig, (eje, abajo) = plt.subplots(2, 1, figsize=(5.2, 5.4), sharex=True,
                                     gridspec_kw={"height_ratios": [3, 1]})
    centros = (tabla["desde"] + tabla["hasta"]) / 2
    ancho = float(tabla["hasta"].iloc[0] - tabla["desde"].iloc[0])
    eje.bar(centros, tabla["exactitud"], width=0.9 * ancho, color=AZUL, label="Exactitud en el intervalo")
    eje.plot([0, 1], [0, 1], "--", color=NARANJA, label="Calibración perfecta")
    eje.set_ylabel("Exactitud")
    eje.set_ylim(0, 1)
    eje.set_title(f"Fiabilidad (error de calibración esperado: {porcentaje(ece)})")
    eje.legend(loc="upper left", fontsize=9)
    abajo.bar(centros, tabla["predicciones"], width=0.9 * ancho, color=GRIS)
    abajo.set_yscale("log")
    abajo.set_ylabel("Predicciones")
    abajo.set_xlabel("Confianza (probabilidad de la clase elegida)")
    abajo.set_xlim(0, 1)
    return cerrar_figura(fig)


def plantillas(pesos, cuantas: int = 24, columnas: int = 8):
    """Los pesos de ``cuantas`` neuronas de la primera capa densa como imágenes de 28 × 28.

    ``pesos`` es la matriz (784, unidades) de ``capa.get_weights()[0]``; se muestran las
    neuronas con los pesos más grandes (norma). Rojo = peso positivo, azul = negativo.
    """
    w = np.asarray(pesos, dtype=float)
    if w.ndim != 2 or w.shape[0] != LADO * LADO:
        raise ValueError(
            f"pesos debe tener forma ({LADO * LADO}, unidades), como get_weights()[0] de la primera "
            f"capa densa; recibí la forma {w.shape}."
        )
    cuantas = min(validacion.entero(cuantas, "cuantas"), w.shape[1])
    columnas = min(validacion.entero(columnas, "columnas"), cuantas)
    elegidas = np.argsort(-np.linalg.norm(w, axis=0), kind="stable")[:cuantas]
    filas = -(-cuantas // columnas)
    fig, ejes = plt.subplots(filas, columnas, figsize=(1.2 * columnas, 1.3 * filas), squeeze=False)
    for k, eje in enumerate(ejes.flat):
        eje.set_axis_off()
        if k < cuantas:
            plantilla = w[:, elegidas[k]].reshape(LADO, LADO)
            tope = float(np.abs(plantilla).max()) or 1.0
            eje.imshow(plantilla, cmap="RdBu_r", vmin=-tope, vmax=tope)
            eje.set_title(f"neurona {elegidas[k]}", fontsize=7)
    return cerrar_figura(fig)


def grafica_matriz_confusion(y_verdadero, y_predicho):
    """Dibuja la matriz de confusión con el número de imágenes en cada casilla."""
    matriz = matriz_confusion(y_verdadero, y_predicho)
    fig, eje = plt.subplots(figsize=(6.2, 5.4))
    imagen = eje.imshow(matriz, cmap="Blues")
    umbral = matriz.max() / 2
    for i in range(CLASES):
        for j in range(CLASES):
            valor = matriz[i, j]
            eje.text(j, i, str(valor) if valor else "·", ha="center", va="center", fontsize=9,
                     color="white" if valor > umbral else ("black" if valor else "0.6"))
    eje.set_xticks(range(CLASES))
    eje.set_yticks(range(CLASES))
    eje.set_xlabel("Dígito predicho")
    eje.set_ylabel("Dígito verdadero")
    eje.set_title("Matriz de confusión")
    fig.colorbar(imagen, ax=eje, label="Número de imágenes", shrink=0.85)
    return cerrar_figura(fig)


def galeria_errores(imagenes, y_verdadero, probabilidades, maximo: int = 15, columnas: int = 5):
    """Los errores más confiados: cada imagen con su dígito real, la predicción y su probabilidad."""
    x = _validar_imagenes(imagenes)
    y = _digitos(y_verdadero, "y_verdadero")
    _misma_longitud(x, y, "imagenes", "y_verdadero")
    if maximo < 1 or columnas < 1:
        raise ValueError("maximo y columnas deben ser enteros positivos.")
    p = validacion.probabilidades(probabilidades, n=len(x), clases=CLASES) if len(x) else np.zeros((0, CLASES))
    prediccion = p.argmax(axis=1)
    confianza = p.max(axis=1, initial=0)
    errores = np.flatnonzero(prediccion != y)
    errores = errores[np.argsort(-confianza[errores], kind="stable")][:maximo]
    if errores.size == 0:
        fig, eje = plt.subplots(figsize=(5, 1.2))
        eje.set_axis_off()
        eje.text(0.5, 0.5, "Ningún error: todas las imágenes se clasificaron bien.",
                 ha="center", va="center")
        return cerrar_figura(fig)
    columnas = min(columnas, errores.size)
    filas = -(-errores.size // columnas)
    fig, ejes = plt.subplots(filas, columnas, figsize=(1.55 * columnas, 1.75 * filas), squeeze=False)
    for k, eje in enumerate(ejes.flat):
        eje.set_axis_off()
        if k < errores.size:
            i = errores[k]
            eje.imshow(x[i], cmap="gray_r", vmin=0, vmax=_tope(x))
            eje.set_title(
                f"real {y[i]}\npred. {prediccion[i]} ({porcentaje(confianza[i])})", fontsize=9
            )
    return cerrar_figura(fig)


def barras_probabilidades(imagenes, y_verdadero, probabilidades):
    """Cada imagen (arriba) con sus 10 probabilidades como barras (abajo)."""
    x = _validar_imagenes(imagenes)
    y = _digitos(y_verdadero, "y_verdadero")
    _misma_longitud(x, y, "imagenes", "y_verdadero")
    p = validacion.probabilidades(probabilidades, n=len(x), clases=CLASES)
    if not 1 <= len(x) <= 10:
        raise ValueError(
            f"barras_probabilidades muestra de 1 a 10 imágenes; recibí {len(x)}. "
            "Elige unas cuantas, por ejemplo x[:5]."
        )
    n = len(x)
    fig, ejes = plt.subplots(2, n, figsize=(2.1 * n, 4.2), squeeze=False,
                             gridspec_kw={"height_ratios": [1, 1.1]})
    digitos = np.arange(CLASES)
    for k in range(n):
        arriba, abajo = ejes[0, k], ejes[1, k]
        arriba.imshow(x[k], cmap="gray_r", vmin=0, vmax=_tope(x))
        arriba.set_axis_off()
        arriba.set_title(f"Real: {y[k]}", fontsize=10)
        pred = int(p[k].argmax())
        colores = [GRIS] * CLASES
        colores[pred] = AZUL if pred == y[k] else NARANJA
        abajo.bar(digitos, p[k], color=colores)
        abajo.set_ylim(0, 1)
        abajo.set_xticks(digitos)
        abajo.tick_params(labelsize=7)
        abajo.set_xlabel("Dígito", fontsize=9)
        abajo.set_title(f"Predicción: {pred} ({porcentaje(p[k, pred])})", fontsize=9)
        if k == 0:
            abajo.set_ylabel("Probabilidad", fontsize=9)
        else:
            abajo.set_yticklabels([])
    return cerrar_figura(fig)


# --- Resultados de una búsqueda -----------------------------------------------


def tabla_resultados(resultados: Sequence[Mapping], metrica: str = "exactitud_val"):
    """Tabla de pandas de una búsqueda, de la mejor a la peor según ``metrica``.

    Cada resultado es un diccionario (una configuración). La columna ``prueba`` numera
    las configuraciones en el orden en que se probaron; las columnas conocidas toman
    nombres legibles (``NOMBRES``).
    """
    import pandas as pd

    if isinstance(resultados, Mapping) or not isinstance(resultados, Sequence) or not resultados:
        raise ValueError(
            "resultados debe ser una lista no vacía de diccionarios, uno por configuración probada."
        )
    if not all(isinstance(r, Mapping) for r in resultados):
        raise ValueError("Cada resultado debe ser un diccionario, por ejemplo {'unidades': 512, ...}.")
    claves = list(resultados[0])
    for i, r in enumerate(resultados):
        if set(r) != set(claves):
            raise ValueError(
                f"Todos los resultados deben tener las mismas claves; el {i + 1}.º tiene "
                f"{sorted(r)} y el primero {sorted(claves)}."
            )
    if metrica not in claves:
        raise ValueError(
            f"Los resultados no tienen la métrica {metrica!r} para ordenarlos; claves: {claves}."
        )
    tabla = pd.DataFrame(list(resultados), columns=claves)
    tabla.insert(0, "prueba", np.arange(1, len(tabla) + 1))
    tabla = tabla.sort_values(metrica, ascending=False, kind="stable").reset_index(drop=True)
    tabla.index = pd.RangeIndex(1, len(tabla) + 1, name="puesto")
    return tabla.rename(columns=NOMBRES)


def _mayuscula(texto: str) -> str:
    return texto[:1].upper() + texto[1:]


def _columna(tabla, clave: str) -> str:
    for nombre in (clave, NOMBRES.get(clave, clave)):
        if nombre in tabla.columns:
            return nombre
    raise ValueError(
        f"La tabla no tiene la columna {clave!r}; usa la tabla que devuelve tabla_resultados(...)."
    )


def grafica_busqueda(tabla, hiperparametros: Sequence[str] = HIPERPARAMETROS,
                     metrica: str = "exactitud_val"):
    """Un panel por hiperparámetro: la métrica de cada configuración según su valor.

    La mejor configuración (la primera fila de la tabla) se marca con una estrella naranja.
    """
    columnas = [_columna(tabla, h) for h in hiperparametros]
    col_metrica = _columna(tabla, metrica)
    if len(tabla) == 0:
        raise ValueError("La tabla de resultados está vacía.")
    valores_metrica = tabla[col_metrica].to_numpy(dtype=float)
    en_porcentaje = bool(np.all((0 <= valores_metrica) & (valores_metrica <= 1)))
    if en_porcentaje:
        valores_metrica = 100 * valores_metrica
    mejor = int(np.argmax(valores_metrica))
    fig, ejes = plt.subplots(1, len(columnas), figsize=(2.6 * len(columnas), 3.3),
                             sharey=True, squeeze=False)
    for eje, columna in zip(ejes[0], columnas):
        valores = tabla[columna].to_numpy(dtype=float)
        distintos = sorted(set(valores.tolist()))
        otros = np.arange(len(tabla)) != mejor
        if len(distintos) <= 4:
            # Pocos valores (una rejilla): uno por columna, con los puntos repetidos separados.
            posicion = np.array([distintos.index(v) for v in valores], dtype=float)
            for v in range(len(distintos)):
                iguales = np.flatnonzero(posicion == v)
                posicion[iguales] += np.linspace(-0.12, 0.12, len(iguales)) if len(iguales) > 1 else 0
            eje.set_xticks(range(len(distintos)))
            eje.set_xticklabels([f"{v:g}" for v in distintos])
            eje.set_xlim(-0.5, len(distintos) - 0.5)
        else:
            # Valores continuos (una búsqueda al azar): eje numérico, logarítmico si abarcan
            # más de un orden de magnitud.
            posicion = valores
            if valores.min() > 0 and valores.max() / valores.min() >= 10:
                eje.set_xscale("log")
        eje.scatter(posicion[otros], valores_metrica[otros], color=AZUL, s=28, label="Configuración")
        eje.scatter(posicion[mejor], valores_metrica[mejor], color=NARANJA, marker="*", s=160,
                    zorder=3, label="Mejor")
        eje.set_xlabel(_mayuscula(columna))
        eje.grid(alpha=0.3, axis="y")
    etiqueta = _mayuscula(col_metrica.replace(" (validación)", " de validación"))
    ejes[0, 0].set_ylabel(etiqueta + (" (%)" if en_porcentaje else ""))
    ejes[0, 0].legend(loc="best", fontsize=8)
    return cerrar_figura(fig)
