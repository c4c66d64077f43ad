"""El perceptrón: la neurona de umbral de McCulloch y Pitts y la regla de Rosenblatt.

Todo está escrito con NumPy para que se vea cada cuenta. Las etiquetas son 0 o 1 y la
salida de una neurona es 1 si su suma ponderada alcanza el umbral.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import validacion
from .activaciones import escalon
from .figuras import AZUL, NARANJA, cerrar_figura

# Pesos y umbral de cada puerta lógica como neurona de McCulloch–Pitts.
PUERTAS: dict[str, tuple[tuple[int, ...], int]] = {
    "AND": ((1, 1), 2),
    "OR": ((1, 1), 1),
    "NOT": ((-1,), 0),
}
COLORES_CLASE = (AZUL, NARANJA)
PISTA_ETIQUETAS = " Si tus clases son -1 y 1, conviértelas con (y > 0).astype(int)."
FONDO_CLASE = ("#d5e3f2", "#f7e0c8")  # versiones claras de AZUL y NARANJA


# --- La neurona de McCulloch–Pitts -------------------------------------------


def neurona_mcp(x: np.ndarray, pesos, umbral: float) -> np.ndarray:
    """Neurona de McCulloch–Pitts: 1 si la suma ponderada de las entradas binarias alcanza el umbral."""
    x, pesos = _revisar_mcp(x, pesos)
    return escalon(x @ pesos - umbral).astype(int)


def _revisar_mcp(x, pesos) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x)
    pesos = np.asarray(pesos, dtype=float)
    if x.ndim not in (1, 2) or x.shape[-1] != pesos.size:
        raise ValueError(
            f"x debe tener {pesos.size} entradas por ejemplo (una por peso), en un vector "
            f"o en una matriz (n, {pesos.size}); recibí la forma {x.shape}."
        )
    if not np.isin(x, (0, 1)).all():
        raise ValueError(
            "Las entradas de una neurona de McCulloch–Pitts son binarias: cada valor de x "
            "debe ser 0 o 1."
        )
    return x, pesos


def tabla_verdad(puerta: str) -> pd.DataFrame:
    """Tabla de verdad de una puerta (AND, OR o NOT) calculada con su neurona de McCulloch–Pitts."""
    nombre = str(puerta).upper()
    if nombre not in PUERTAS:
        extra = (
            " XOR no se puede calcular con una sola neurona de umbral: ninguna recta separa sus casos."
            if nombre == "XOR"
            else ""
        )
        raise ValueError(
            f"Puerta desconocida: {puerta!r}. Las puertas disponibles son AND, OR y NOT.{extra}"
        )
    pesos, umbral = PUERTAS[nombre]
    d = len(pesos)
    entradas = np.array([[(i >> (d - 1 - j)) & 1 for j in range(d)] for i in range(2**d)])
    tabla = pd.DataFrame(entradas, columns=[f"x{chr(0x2081 + j)}" for j in range(d)])
    tabla["suma ponderada"] = entradas @ np.asarray(pesos)
    tabla["umbral"] = umbral
    tabla["salida"] = neurona_mcp(entradas, pesos, umbral)
    return tabla


# --- La regla de Rosenblatt --------------------------------------------------


def paso_rosenblatt(
    pesos: np.ndarray, sesgo: float, x_i: np.ndarray, y_i: int, tasa: float
) -> tuple[np.ndarray, float, bool]:
    """Aplica la regla de Rosenblatt a un ejemplo y dice si hubo que corregir los pesos."""
    y_estimada = int(escalon(pesos @ x_i + sesgo))
    error = y_i - y_estimada  # 0 si acertó; +1 o -1 si se equivocó
    if error == 0:
        return pesos, sesgo, False
    return pesos + tasa * error * x_i, float(sesgo + tasa * error), True


@dataclass
class ResultadoPerceptron:
    """Lo que devuelve ``entrenar_perceptron``: pesos finales e historia época por época."""

    pesos: np.ndarray
    sesgo: float
    actualizaciones: int
    n: int
    historial: list[tuple[np.ndarray, float]] = field(repr=False)
    errores: list[int] = field(repr=False)

    @property
    def epocas(self) -> int:
        """Épocas completas que recorrió el entrenamiento."""
        return len(self.historial) - 1

    @property
    def convergio(self) -> bool:
        """¿Los pesos finales clasifican bien todos los ejemplos?"""
        return self.errores[-1] == 0

    def predecir(self, x: np.ndarray) -> np.ndarray:
        """Clases (0 o 1) que asignan los pesos finales a las filas de ``x``."""
        x = validacion.ejemplos(x, "x", columnas=self.pesos.size)
        return escalon(x @ self.pesos + self.sesgo).astype(int)

    @property
    def ciclo(self) -> tuple[int, int] | None:
        """``(época, periodo)`` si los pesos al final de una época repiten los de una anterior; si no, ``None``."""
        vistos: dict[tuple, int] = {}
        for epoca, (pesos, sesgo) in enumerate(self.historial):
            clave = (*pesos.tolist(), sesgo)
            if clave in vistos:
                return vistos[clave], epoca - vistos[clave]
            vistos[clave] = epoca
        return None

    @property
    def resumen(self) -> str:
        """Frase en español que dice si convergió, en cuántas épocas y cuántos errores quedan."""
        if self.convergio and self.epocas == 0:
            return f"Convergió sin entrenar: los pesos iniciales ya clasifican bien los {self.n} puntos."
        epocas = f"{self.epocas} época" + ("" if self.epocas == 1 else "s")
        correcciones = f"{self.actualizaciones} correcci" + ("ón" if self.actualizaciones == 1 else "ones")
        if self.convergio:
            return (
                f"Convergió en {epocas} ({correcciones} de los pesos): "
                f"clasifica bien los {self.n} puntos."
            )
        return (
            f"No convergió en {epocas}: con los pesos finales quedan {self.errores[-1]} "
            f"de {self.n} puntos mal clasificados."
        )


def errores_de(x: np.ndarray, y: np.ndarray, pesos: np.ndarray, sesgo: float) -> int:
    """Cuántos ejemplos clasifican mal los pesos y el sesgo dados."""
    return int(np.sum(escalon(x @ pesos + sesgo) != y))


def entrenar_perceptron(
    x: np.ndarray,
    y: np.ndarray,
    tasa: float = 1.0,
    max_epocas: int = 100,
    pesos_iniciales=None,
    sesgo_inicial: float = 0.0,
) -> ResultadoPerceptron:
    """Entrena un perceptrón con la regla de Rosenblatt hasta clasificar todo o agotar ``max_epocas``."""
    x, y, tasa, max_epocas, pesos, sesgo = _revisar_entrenamiento(
        x, y, tasa, max_epocas, pesos_iniciales, sesgo_inicial)
    historial = [(pesos.copy(), sesgo)]
    errores = [errores_de(x, y, pesos, sesgo)]
    actualizaciones = 0
    while errores[-1] > 0 and len(historial) <= max_epocas:  # una vuelta = una época
        for x_i, y_i in zip(x, y):
            pesos, sesgo, corrigio = paso_rosenblatt(pesos, sesgo, x_i, y_i, tasa)
            actualizaciones += corrigio
        historial.append((pesos.copy(), sesgo))
        errores.append(errores_de(x, y, pesos, sesgo))
    return ResultadoPerceptron(pesos, sesgo, actualizaciones, len(x), historial, errores)


def _revisar_entrenamiento(x, y, tasa, max_epocas, pesos_iniciales, sesgo_inicial):
    x = validacion.ejemplos(x, "x")
    y = validacion.etiquetas(y, len(x), clases=2, pista=PISTA_ETIQUETAS)
    d = x.shape[1]
    pesos = np.zeros(d) if pesos_iniciales is None else np.asarray(pesos_iniciales, dtype=float)
    if pesos.shape != (d,) or not np.isfinite(pesos).all():
        raise ValueError(
            f"pesos_iniciales debe tener {d} valores finitos, uno por columna de x; "
            f"recibí la forma {pesos.shape}."
        )
    return (x, y, validacion.tasa_aprendizaje(tasa), validacion.entero(max_epocas, "max_epocas"),
            pesos, float(sesgo_inicial))


# --- Datos de juguete --------------------------------------------------------


def datos_separables(
    n: int = 40, margen: float = 0.15, semilla: int = 0, pesos=(1.0, -2.0), sesgo: float = 0.3
) -> tuple[np.ndarray, np.ndarray]:
    """Puntos en [-1, 1]² etiquetados por la recta ``pesos·x + sesgo = 0``, lejos de ella al menos ``margen``."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n debe ser un entero mayor o igual que 2; recibí {n!r}.")
    pesos = np.asarray(pesos, dtype=float)
    if pesos.shape != (2,) or not np.any(pesos):
        raise ValueError("pesos debe tener dos valores, no ambos cero: definen una recta en el plano.")
    if not 0 <= margen < 0.5:
        raise ValueError(f"margen debe estar entre 0 y 0.5; recibí {margen!r}.")
    rng = np.random.default_rng(semilla)
    puntos = np.empty((0, 2))
    while len(puntos) < n:
        candidatos = rng.uniform(-1, 1, size=(4 * n, 2))
        distancia = (candidatos @ pesos + sesgo) / np.linalg.norm(pesos)
        puntos = np.vstack([puntos, candidatos[np.abs(distancia) >= margen]])
    x = puntos[:n]
    y = (x @ pesos + sesgo > 0).astype(int)
    return x, y


def datos_xor() -> tuple[np.ndarray, np.ndarray]:
    """Los cuatro casos de XOR: entradas (4, 2) y salidas 0, 1, 1, 0."""
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    return x, np.array([0, 1, 1, 0])


def cota_novikoff(x: np.ndarray, y: np.ndarray, pesos, sesgo: float) -> float:
    """Cota (R/γ)² de Novikoff al número de correcciones, dada una recta que separa los datos."""
    x = validacion.ejemplos(x, "x")
    y = validacion.etiquetas(y, len(x), clases=2, pista=PISTA_ETIQUETAS)
    w = np.append(np.asarray(pesos, dtype=float), sesgo)
    if w.shape != (x.shape[1] + 1,):
        raise ValueError(f"pesos debe tener {x.shape[1]} valores, uno por columna de x.")
    aumentada = np.hstack([x, np.ones((len(x), 1))])
    signo = 2 * y - 1
    gamma = np.min(signo * (aumentada @ w)) / np.linalg.norm(w)
    if gamma <= 0:
        raise ValueError(
            "La recta dada no separa los datos (algún punto queda del lado equivocado o sobre ella); "
            "la cota de Novikoff sólo vale para datos separables."
        )
    radio = np.max(np.linalg.norm(aumentada, axis=1))
    return float((radio / gamma) ** 2)


# --- Figuras -----------------------------------------------------------------


def _limites(x: np.ndarray) -> tuple[float, float, float, float]:
    minimo, maximo = x.min(axis=0), x.max(axis=0)
    holgura = 0.15 * np.maximum(maximo - minimo, 1.0)
    return minimo[0] - holgura[0], maximo[0] + holgura[0], minimo[1] - holgura[1], maximo[1] + holgura[1]


def _puntos(eje, x: np.ndarray, y: np.ndarray, tamano: float = 28) -> None:
    for clase, marcador in ((0, "o"), (1, "s")):
        sel = y == clase
        eje.scatter(x[sel, 0], x[sel, 1], s=tamano, marker=marcador, color=COLORES_CLASE[clase],
                    edgecolor="white", linewidth=0.5, label=f"clase {clase}", zorder=3)


def _region(eje, pesos: np.ndarray, sesgo: float, limites) -> None:
    """Sombrea el semiplano de cada clase y traza la recta pesos·x + sesgo = 0."""
    x0, x1, y0, y1 = limites
    malla_x, malla_y = np.meshgrid(np.linspace(x0, x1, 150), np.linspace(y0, y1, 150))
    z = pesos[0] * malla_x + pesos[1] * malla_y + sesgo
    eje.contourf(malla_x, malla_y, (z >= 0).astype(float), levels=[-0.5, 0.5, 1.5],
                 colors=FONDO_CLASE, zorder=0)
    if np.any(pesos):
        eje.contour(malla_x, malla_y, z, levels=[0], colors="black", linewidths=1.5, zorder=2)


def _formato_plano(eje, limites) -> None:
    eje.set_xlim(limites[0], limites[1])
    eje.set_ylim(limites[2], limites[3])
    eje.set_aspect("equal")
    eje.set_xlabel("$x_1$")
    eje.set_ylabel("$x_2$")


def _validar_plano(x, y) -> tuple[np.ndarray, np.ndarray]:
    x = validacion.ejemplos(x, "x")
    if x.shape[1] != 2:
        raise ValueError(f"Sólo se pueden dibujar datos de dos columnas (x₁, x₂); recibí la forma {x.shape}.")
    return x, validacion.etiquetas(y, len(x), clases=2, pista=PISTA_ETIQUETAS)


def dispersion_clases(x: np.ndarray, y: np.ndarray, titulo: str = "Datos de entrenamiento"):
    """Dibuja puntos del plano coloreados por su clase (0 o 1)."""
    x, y = _validar_plano(x, y)
    fig, eje = plt.subplots(figsize=(4.2, 4.2))
    _puntos(eje, x, y, tamano=36)
    _formato_plano(eje, _limites(x))
    eje.set_title(titulo)
    eje.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=9, frameon=False)
    return cerrar_figura(fig)


def puertas_en_el_plano():
    """Los casos de AND, OR y XOR en el plano: una recta separa los de AND y OR, ninguna los de XOR."""
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    limites = (-0.4, 1.4, -0.4, 1.4)
    fig, ejes = plt.subplots(1, 3, figsize=(10, 3.6))
    for eje, nombre in zip(ejes, ("AND", "OR", "XOR")):
        if nombre == "XOR":
            y = x[:, 0] ^ x[:, 1]
            eje.set_title("XOR: ninguna recta sirve")
        else:
            pesos, umbral = PUERTAS[nombre]
            y = neurona_mcp(x, pesos, umbral)
            # Con entradas 0/1, el umbral θ y θ − ½ dan la misma tabla; θ − ½ no pasa por ningún punto.
            _region(eje, np.asarray(pesos, dtype=float), 0.5 - umbral, limites)
            eje.set_title(f"{nombre}: $x_1 + x_2 \\geq {umbral}$")
        _puntos(eje, x, y, tamano=90)
        _formato_plano(eje, limites)
        eje.set_xticks([0, 1])
        eje.set_yticks([0, 1])
    ejes[0].legend(loc="upper left", fontsize=8, framealpha=0.9)
    return cerrar_figura(fig)


def _epocas_a_mostrar(resultado: ResultadoPerceptron, maximo: int) -> list[int]:
    total = len(resultado.historial) - 1
    if total + 1 <= maximo:
        return list(range(total + 1))
    return sorted({int(round(v)) for v in np.linspace(0, total, maximo)})


def fronteras_por_epoca(
    x: np.ndarray, y: np.ndarray, resultado: ResultadoPerceptron, epocas=None, columnas: int = 4
):
    """Un panel por época con la recta del perceptrón, sus dos semiplanos y los puntos mal clasificados."""
    x, y = _validar_plano(x, y)
    total = len(resultado.historial) - 1
    epocas = _epocas_a_mostrar(resultado, 8) if epocas is None else list(epocas)
    if not epocas or any(not 0 <= e <= total for e in epocas):
        raise ValueError(f"Las épocas a dibujar deben estar entre 0 y {total}; recibí {epocas}.")
    if columnas < 1:
        raise ValueError(f"columnas debe ser un entero positivo; recibí {columnas!r}.")
    columnas = min(columnas, len(epocas))
    filas = -(-len(epocas) // columnas)
    fig, ejes = plt.subplots(filas, columnas, figsize=(2.7 * columnas, 2.8 * filas), squeeze=False)
    limites = _limites(x)
    for eje, epoca in zip(ejes.flat, epocas):
        pesos, sesgo = resultado.historial[epoca]
        _region(eje, pesos, sesgo, limites)
        tamano = 18 if len(x) > 12 else 60
        _puntos(eje, x, y, tamano=tamano)
        malos = escalon(x @ pesos + sesgo) != y
        eje.scatter(x[malos, 0], x[malos, 1], s=5 * tamano, facecolor="none", edgecolor="#b00020",
                    linewidth=1.4, zorder=4)
        _formato_plano(eje, limites)
        eje.set_title(f"Época {epoca}: {int(malos.sum())} errores", fontsize=10)
    for eje in ejes.flat[len(epocas):]:
        eje.set_axis_off()
    return cerrar_figura(fig)


def errores_por_epoca(resultados: dict[str, ResultadoPerceptron]):
    """Fracción de puntos mal clasificados al final de cada época, para uno o más entrenamientos."""
    if not resultados:
        raise ValueError("Hace falta al menos un resultado de entrenar_perceptron para dibujar.")
    fig, eje = plt.subplots(figsize=(7, 3.2))
    colores = [AZUL, NARANJA, "#3a7d44", "#7d3a6b"]
    for i, (nombre, res) in enumerate(resultados.items()):
        fraccion = 100 * np.asarray(res.errores) / res.n
        eje.plot(np.arange(len(fraccion)), fraccion, marker="o", markersize=3,
                 color=colores[i % len(colores)], label=nombre)
    eje.set_xlabel("Época")
    eje.set_ylabel("Puntos mal clasificados (%)")
    eje.set_title("Errores del perceptrón al final de cada época")
    eje.set_ylim(bottom=0)
    eje.legend()
    return cerrar_figura(fig)
