"""Una red de dos capas escrita con NumPy: propagación, retropropagación y entrenamiento.

La red calcula ``Z1 = X W1 + b1``, ``A1 = f(Z1)``, ``Z2 = A1 W2 + b2`` y, a la salida, una
sigmoide (una sola salida, clasificación binaria) o una softmax (varias clases). La pérdida
es la entropía cruzada promedio; con esa pareja, ``∂L/∂Z2 = (Ŷ − Y) / n``.
"""

from __future__ import annotations

from typing import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle
from matplotlib.ticker import FormatStrFormatter

from .activaciones import activacion, sigmoide, softmax
from .figuras import AZUL, NARANJA, cerrar_figura

FONDO_CLASE = ("#d5e3f2", "#f7e0c8")  # versiones claras de AZUL y NARANJA
NOMBRES = ("W1", "b1", "W2", "b2")


class RedDosCapas:
    """Red densa entrada → capa oculta → salida, con sus parámetros en ``self.parametros``."""

    def __init__(self, entradas: int, ocultas: int, salidas: int = 1,
                 oculta: str = "tanh", semilla: int = 0) -> None:
        for nombre, valor in (("entradas", entradas), ("ocultas", ocultas), ("salidas", salidas)):
            if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)) or valor < 1:
                raise ValueError(
                    f"{nombre} debe ser un entero positivo (número de neuronas); recibí {valor!r}."
                )
        self.f, self.df = activacion(oculta)
        self.oculta = oculta
        rng = np.random.default_rng(semilla)
        # Pesos pequeños y aleatorios (escala 1/√entradas); sesgos en cero.
        self.parametros: dict[str, np.ndarray] = {
            "W1": rng.normal(0.0, 1.0 / np.sqrt(entradas), size=(entradas, ocultas)),
            "b1": np.zeros(ocultas),
            "W2": rng.normal(0.0, 1.0 / np.sqrt(ocultas), size=(ocultas, salidas)),
            "b2": np.zeros(salidas),
        }

    @property
    def forma(self) -> tuple[int, int, int]:
        """(entradas, ocultas, salidas)."""
        entradas, ocultas = self.parametros["W1"].shape
        return entradas, ocultas, self.parametros["W2"].shape[1]

    def numero_parametros(self) -> int:
        """Total de pesos y sesgos de la red."""
        return int(sum(p.size for p in self.parametros.values()))

    # --- Validación -------------------------------------------------------

    def validar_x(self, X) -> np.ndarray:
        """Comprueba que X sea una matriz (n, entradas) de números finitos."""
        X = np.asarray(X, dtype=float)
        entradas = self.forma[0]
        if X.ndim != 2 or X.shape[1] != entradas:
            raise ValueError(
                f"X debe tener forma (n, {entradas}): un ejemplo por fila y {entradas} "
                f"columnas; recibí la forma {X.shape}."
            )
        if not np.isfinite(X).all():
            raise ValueError(
                "X contiene valores NaN o infinitos; límpialos o quita esas filas antes de usar la red."
            )
        return X

    def validar_y(self, y, n: int) -> np.ndarray:
        """Comprueba que y tenga n etiquetas enteras válidas y las devuelve como vector."""
        y = np.asarray(y)
        clases = max(2, self.forma[2])
        if y.shape != (n,):
            raise ValueError(
                f"y debe ser un vector con una etiqueta por ejemplo, forma ({n},); "
                f"recibí la forma {y.shape}."
            )
        if y.dtype.kind == "f" and not np.isfinite(y).all():
            raise ValueError("y contiene valores NaN o infinitos; cada etiqueta debe ser un entero.")
        if y.dtype.kind not in "iub" and not (y.dtype.kind == "f" and np.all(y == np.round(y))):
            raise ValueError(f"Las etiquetas deben ser enteras; recibí dtype {y.dtype}.")
        if n and (y.min() < 0 or y.max() >= clases):
            raise ValueError(
                f"Las etiquetas deben estar entre 0 y {clases - 1}; encontré valores de "
                f"{y.min():g} a {y.max():g}."
            )
        return y.astype(int)

    def _objetivo(self, y: np.ndarray) -> np.ndarray:
        """Etiquetas como matriz (n, salidas): columna 0/1 o vectores one-hot."""
        salidas = self.forma[2]
        if salidas == 1:
            return y.reshape(-1, 1).astype(float)
        return np.eye(salidas)[y]

    # --- Propagación hacia adelante ----------------------------------------

    def propagar(self, X: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Calcula la salida Ŷ de la red y guarda los valores intermedios para retropropagar."""
        p = self.parametros
        Z1 = X @ p["W1"] + p["b1"]           # (n, ocultas)
        A1 = self.f(Z1)                      # activación de la capa oculta
        Z2 = A1 @ p["W2"] + p["b2"]          # (n, salidas)
        Y_hat = sigmoide(Z2) if Z2.shape[1] == 1 else softmax(Z2)
        return Y_hat, {"X": X, "Z1": Z1, "A1": A1, "Z2": Z2, "Y_hat": Y_hat}

    def perdida(self, X, y) -> float:
        """Entropía cruzada promedio de la red sobre los ejemplos (X, y)."""
        X = self.validar_x(X)
        y = self.validar_y(y, len(X))
        _, memoria = self.propagar(X)
        return self._perdida(memoria["Z2"], self._objetivo(y))

    @staticmethod
    def _perdida(Z2: np.ndarray, Y: np.ndarray) -> float:
        """Entropía cruzada calculada a partir de Z2, sin logaritmos de cero."""
        if Z2.shape[1] == 1:
            # −[y log σ(z) + (1 − y) log(1 − σ(z))] = log(1 + e^z) − y z
            return float(np.mean(np.logaddexp(0.0, Z2) - Y * Z2))
        log_probs = Z2 - Z2.max(axis=1, keepdims=True)
        log_probs -= np.log(np.exp(log_probs).sum(axis=1, keepdims=True))
        return float(-np.mean(np.sum(Y * log_probs, axis=1)))

    # --- Retropropagación ----------------------------------------------------

    def retropropagar(self, memoria: dict[str, np.ndarray], Y: np.ndarray) -> dict[str, np.ndarray]:
        """Gradiente exacto de la pérdida respecto a W1, b1, W2 y b2 (regla de la cadena)."""
        p = self.parametros
        n = len(Y)
        delta2 = (memoria["Y_hat"] - Y) / n                   # ∂L/∂Z2
        dW2 = memoria["A1"].T @ delta2                        # ∂L/∂W2
        db2 = delta2.sum(axis=0)                              # ∂L/∂b2
        delta1 = (delta2 @ p["W2"].T) * self.df(memoria["Z1"])  # ∂L/∂Z1
        dW1 = memoria["X"].T @ delta1                         # ∂L/∂W1
        db1 = delta1.sum(axis=0)                              # ∂L/∂b1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def gradientes(self, X, y) -> tuple[float, dict[str, np.ndarray]]:
        """Pérdida y gradientes de la red en (X, y): propagar y luego retropropagar."""
        X = self.validar_x(X)
        y = self.validar_y(y, len(X))
        Y = self._objetivo(y)
        _, memoria = self.propagar(X)
        return self._perdida(memoria["Z2"], Y), self.retropropagar(memoria, Y)

    # --- Entrenamiento -------------------------------------------------------

    def entrenar(self, X, y, tasa: float, epocas: int, lote: int | None = None,
                 semilla: int = 0) -> list[float]:
        """Descenso de gradiente por lote completo (``lote=None``) o por minilotes; devuelve la pérdida por época."""
        X = self.validar_x(X)
        y = self.validar_y(y, len(X))
        validar_tasa(tasa)
        if isinstance(epocas, bool) or not isinstance(epocas, (int, np.integer)) or epocas < 1:
            raise ValueError(f"epocas debe ser un entero positivo; recibí {epocas!r}.")
        n = len(X)
        if lote is not None and (isinstance(lote, bool) or not isinstance(lote, (int, np.integer))
                                 or not 1 <= lote <= n):
            raise ValueError(
                f"lote debe ser un entero entre 1 y {n} (el número de ejemplos), o None para usar "
                f"el lote completo; recibí {lote!r}."
            )
        Y = self._objetivo(y)
        tamano = n if lote is None else lote
        rng = np.random.default_rng(semilla)
        historial = []
        for _ in range(epocas):
            orden = np.arange(n) if lote is None else rng.permutation(n)  # barajar cada época
            for inicio in range(0, n, tamano):
                indices = orden[inicio:inicio + tamano]
                _, memoria = self.propagar(X[indices])
                grads = self.retropropagar(memoria, Y[indices])
                for nombre in NOMBRES:
                    self.parametros[nombre] -= tasa * grads[nombre]   # W ← W − α ∇W L
            historial.append(self._perdida(self.propagar(X)[1]["Z2"], Y))
        return historial

    # --- Predicción ----------------------------------------------------------

    def probabilidades(self, X) -> np.ndarray:
        """Salida de la red: probabilidad de la clase 1 (n,) o de cada clase (n, salidas)."""
        Y_hat, _ = self.propagar(self.validar_x(X))
        return Y_hat[:, 0] if Y_hat.shape[1] == 1 else Y_hat

    def predecir(self, X) -> np.ndarray:
        """Clase predicha para cada ejemplo."""
        P = self.probabilidades(X)
        return (P >= 0.5).astype(int) if P.ndim == 1 else P.argmax(axis=1)

    def precision(self, X, y) -> float:
        """Fracción de ejemplos bien clasificados."""
        X = self.validar_x(X)
        return float(np.mean(self.predecir(X) == self.validar_y(y, len(X))))


def validar_tasa(tasa: float) -> float:
    """Comprueba que la tasa de aprendizaje sea un número positivo y finito."""
    if isinstance(tasa, bool) or not isinstance(tasa, (int, float, np.number)) \
            or not np.isfinite(tasa) or tasa <= 0:
        raise ValueError(
            f"La tasa de aprendizaje debe ser un número positivo; recibí {tasa!r}. "
            "Prueba con un valor como 0.1."
        )
    return float(tasa)


# --- Comprobación del gradiente ---------------------------------------------


def gradiente_numerico(red: RedDosCapas, X, y, h: float = 1e-5) -> dict[str, np.ndarray]:
    """Aproxima el gradiente con diferencias finitas centrales: (L(θ + h) − L(θ − h)) / 2h."""
    if not (isinstance(h, (int, float, np.number)) and np.isfinite(h) and h > 0):
        raise ValueError(f"El paso h debe ser un número positivo y pequeño, como 1e-5; recibí {h!r}.")
    X = red.validar_x(X)
    y = red.validar_y(y, len(X))
    aproximado = {}
    for nombre, theta in red.parametros.items():
        g = np.zeros_like(theta)
        for i in np.ndindex(theta.shape):
            original = theta[i]
            theta[i] = original + h
            arriba = red.perdida(X, y)
            theta[i] = original - h
            abajo = red.perdida(X, y)
            theta[i] = original  # dejar la red como estaba
            g[i] = (arriba - abajo) / (2 * h)
        aproximado[nombre] = g
    return aproximado


def gradiente_tensorflow(red: RedDosCapas, X, y) -> dict[str, np.ndarray]:
    """Gradiente de la misma pérdida calculado por TensorFlow con ``tf.GradientTape``."""
    import tensorflow as tf

    X = red.validar_x(X)
    Y = red._objetivo(red.validar_y(y, len(X)))
    variables = {k: tf.Variable(v, dtype=tf.float64) for k, v in red.parametros.items()}
    f_tf = {"tanh": tf.tanh, "sigmoide": tf.sigmoid, "relu": tf.nn.relu}[red.oculta]
    with tf.GradientTape() as cinta:
        A1 = f_tf(X @ variables["W1"] + variables["b1"])
        Z2 = A1 @ variables["W2"] + variables["b2"]
        if Z2.shape[1] == 1:
            perdidas = tf.nn.sigmoid_cross_entropy_with_logits(labels=Y, logits=Z2)
        else:
            perdidas = tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=Z2)
        L = tf.reduce_mean(perdidas)
    grads = cinta.gradient(L, variables)
    return {k: g.numpy() for k, g in grads.items()}


def error_relativo(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> dict[str, float]:
    """Error relativo ‖a − b‖ / max(‖a‖, ‖b‖) de cada parámetro entre dos gradientes."""
    if set(a) != set(b):
        raise ValueError(
            f"Los dos gradientes deben tener los mismos parámetros; recibí {sorted(a)} y {sorted(b)}."
        )
    errores = {}
    for k in a:
        ga, gb = np.asarray(a[k], dtype=float), np.asarray(b[k], dtype=float)
        if ga.shape != gb.shape:
            raise ValueError(
                f"El gradiente de {k} tiene formas distintas: {ga.shape} y {gb.shape}."
            )
        escala = max(np.linalg.norm(ga), np.linalg.norm(gb))
        errores[k] = 0.0 if escala == 0 else float(np.linalg.norm(ga - gb) / escala)
    return errores


# --- Figuras ----------------------------------------------------------------


def _como_2d(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(
            f"Sólo se pueden dibujar datos de dos columnas (x₁, x₂); recibí la forma {X.shape}."
        )
    if y.shape != (len(X),):
        raise ValueError(
            f"y debe tener una etiqueta por punto, forma ({len(X)},); recibí la forma {y.shape}."
        )
    return X, y


def graficar_regiones(clasificadores: dict[str, Callable[[np.ndarray], np.ndarray]] | Callable,
                      X, y, resolucion: int = 200):
    """Regiones de decisión de uno o varios clasificadores binarios del plano, con los datos encima.

    Cada clasificador recibe una matriz (m, 2) y devuelve la probabilidad de la clase 1.
    """
    X, y = _como_2d(X, y)
    if callable(clasificadores):
        clasificadores = {"Regiones de decisión": clasificadores}
    if not clasificadores:
        raise ValueError("Pasa al menos un clasificador: una función o un diccionario título → función.")
    minimo, maximo = X.min(axis=0), X.max(axis=0)
    holgura = 0.15 * np.maximum(maximo - minimo, 1.0)
    ejes_x = [np.linspace(minimo[j] - holgura[j], maximo[j] + holgura[j], resolucion) for j in (0, 1)]
    malla_x, malla_y = np.meshgrid(*ejes_x)
    puntos = np.column_stack([malla_x.ravel(), malla_y.ravel()])
    fig, ejes = plt.subplots(1, len(clasificadores), figsize=(4.2 * len(clasificadores), 4.0),
                             squeeze=False)
    for eje, (titulo, clasificar) in zip(ejes[0], clasificadores.items()):
        prob = np.asarray(clasificar(puntos), dtype=float).reshape(malla_x.shape)
        eje.contourf(malla_x, malla_y, (prob >= 0.5).astype(float), levels=[-0.5, 0.5, 1.5],
                     colors=FONDO_CLASE, zorder=0)
        eje.contour(malla_x, malla_y, prob, levels=[0.5], colors="black", linewidths=1.5, zorder=1)
        for clase, marcador, color in ((0, "o", AZUL), (1, "s", NARANJA)):
            sel = y == clase
            eje.scatter(X[sel, 0], X[sel, 1], s=50 if len(X) < 50 else 18, marker=marcador,
                        color=color, edgecolor="white", linewidth=0.6, label=f"clase {clase}",
                        zorder=3)
        eje.set_title(titulo)
        eje.set_xlabel("$x_1$")
        eje.set_ylabel("$x_2$")
        eje.set_aspect("equal")
    ejes[0][-1].legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9)
    return cerrar_figura(fig)


def graficar_perdida(historiales: dict[str, list[float]] | list[float],
                     eje_x: str = "Época"):
    """Curva de la pérdida de entrenamiento (escala logarítmica) de uno o varios historiales."""
    if not isinstance(historiales, dict):
        historiales = {"Entrenamiento": historiales}
    if not historiales or any(len(h) == 0 for h in historiales.values()):
        raise ValueError("Cada historial debe tener al menos un valor de pérdida.")
    fig, eje = plt.subplots(figsize=(6.5, 3.4))
    colores = [AZUL, NARANJA, "#3a8a4f", "#7a4fa0"]
    for i, (nombre, valores) in enumerate(historiales.items()):
        valores = np.asarray(valores, dtype=float)
        eje.plot(np.arange(1, len(valores) + 1), valores, color=colores[i % len(colores)],
                 linewidth=2, label=nombre)
    eje.set_yscale("log")
    eje.yaxis.set_major_formatter(FormatStrFormatter("%g"))
    eje.yaxis.set_minor_formatter(FormatStrFormatter("%g"))
    eje.set_xlabel(eje_x)
    eje.set_ylabel("Pérdida (entropía cruzada)")
    eje.grid(alpha=0.3, which="both")
    eje.legend()
    return cerrar_figura(fig)


def graficar_error_vs_paso(pasos, errores):
    """Error relativo de las diferencias finitas frente al paso h (ejes logarítmicos)."""
    pasos = np.asarray(pasos, dtype=float)
    errores = np.asarray(errores, dtype=float)
    if pasos.shape != errores.shape or pasos.ndim != 1 or len(pasos) < 2:
        raise ValueError(
            "pasos y errores deben ser vectores de la misma longitud (al menos dos valores); "
            f"recibí las formas {pasos.shape} y {errores.shape}."
        )
    fig, eje = plt.subplots(figsize=(6.5, 3.6))
    eje.loglog(pasos, errores, "o-", color=AZUL, linewidth=2)
    eje.set_xlabel("Paso h de las diferencias finitas")
    eje.set_ylabel("Error relativo máximo")
    eje.set_title("Diferencias finitas frente a retropropagación")
    eje.invert_xaxis()
    eje.grid(alpha=0.3, which="both")
    return cerrar_figura(fig)


def esquema_red(capas: tuple[int, ...] = (2, 4, 1)):
    """Diagrama de una red densa: un círculo por neurona y una línea por peso."""
    capas = tuple(capas)
    if len(capas) < 2 or any(isinstance(c, bool) or not isinstance(c, (int, np.integer))
                             or not 1 <= c <= 12 for c in capas):
        raise ValueError(
            "capas debe dar el número de neuronas de cada capa (al menos dos capas, de 1 a 12 "
            f"neuronas cada una), por ejemplo (2, 4, 1); recibí {capas!r}."
        )
    alto = max(capas)
    fig, eje = plt.subplots(figsize=(2.4 * len(capas) + 1, 0.75 * alto + 1.6))
    posiciones = []
    for l, n in enumerate(capas):
        ys = (np.arange(n) - (n - 1) / 2)[::-1]
        posiciones.append([(2.4 * l, yy) for yy in ys])
    for l in range(len(capas) - 1):
        for a in posiciones[l]:
            for b in posiciones[l + 1]:
                eje.plot([a[0], b[0]], [a[1], b[1]], color="0.6", linewidth=0.9, zorder=1)
    for l, capa in enumerate(posiciones):
        ultima = l == len(capas) - 1
        color = AZUL if l == 0 else (NARANJA if not ultima else "#3a8a4f")
        for i, (px, py) in enumerate(capa, start=1):
            eje.add_patch(Circle((px, py), 0.3, facecolor="white", edgecolor=color,
                                 linewidth=2, zorder=2))
            texto = f"$x_{i}$" if l == 0 else (f"$\\hat{{y}}_{i}$" if ultima and len(capa) > 1
                                               else r"$\hat{y}$" if ultima else f"$a^{{({l})}}_{i}$")
            eje.text(px, py, texto, ha="center", va="center", fontsize=10, zorder=3)
        if l == 0:
            rotulo = "Entrada"
        elif ultima:
            rotulo = "Salida"
        else:
            rotulo = f"Capa oculta {l}" if len(capas) > 3 else "Capa oculta"
        eje.text(2.4 * l, (alto - 1) / 2 + 0.75, rotulo, ha="center", fontsize=11, color=color)
        if l > 0:
            eje.text(2.4 * (l - 0.5), -(alto - 1) / 2 - 0.85,
                     f"$W^{{({l})}}$: {capas[l - 1]}×{capas[l]}", ha="center", fontsize=10)
    eje.set_xlim(-0.7, 2.4 * (len(capas) - 1) + 0.7)
    eje.set_ylim(-(alto - 1) / 2 - 1.2, (alto - 1) / 2 + 1.2)
    eje.set_aspect("equal")
    eje.set_axis_off()
    return cerrar_figura(fig)
