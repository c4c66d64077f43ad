"""Una red densa escrita con NumPy: propagación, retropropagación y entrenamiento.

La red tiene P capas de pesos. Con ``A⁽⁰⁾ = X``, cada capa calcula ``Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ + b⁽ˡ⁾``
y ``A⁽ˡ⁾ = f(Z⁽ˡ⁾)``; la última usa una sigmoide (una sola salida, dos clases) o una softmax
(varias clases). La pérdida es la entropía cruzada promedio; con esa pareja,
``∂L/∂Z⁽ᴾ⁾ = (Ŷ − Y) / n``. Los pesos iniciales salen de ``azar.Azar``, el generador que los
explorables del sitio repiten en el navegador.
"""

from __future__ import annotations

from typing import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle
from matplotlib.ticker import FormatStrFormatter, NullFormatter

from . import validacion
from .activaciones import activacion, sigmoide, softmax
from .azar import Azar
from .figuras import AZUL, NARANJA, cerrar_figura

FONDO_CLASE = ("#d5e3f2", "#f7e0c8")  # versiones claras de AZUL y NARANJA


class RedDensa:
    """Red densa (entradas, ocultas…, salidas) con sus pesos y sesgos en ``self.parametros``.

    ``capas=(2, 4, 1)`` es una red de dos capas: 2 entradas, 4 neuronas ocultas y una salida.
    ``parametros`` guarda ``W1, b1, W2, b2, …`` en ese orden, con ``W⁽ˡ⁾`` de forma
    (neuronas de la capa l − 1, neuronas de la capa l), como ``Dense`` de Keras.
    """

    def __init__(self, capas=(2, 4, 1), oculta: str = "tanh", semilla: int = 0) -> None:
        self.capas = tuple(validacion.entero(c, "cada capa", detalle="número de neuronas")
                           for c in capas)
        if len(self.capas) < 2:
            raise ValueError(
                "capas debe tener al menos dos números, las entradas y las salidas, por ejemplo "
                f"(2, 4, 1); recibí {tuple(capas)!r}."
            )
        self.oculta = oculta
        self.f, self.df = activacion(oculta)
        azar = Azar(semilla)
        self.parametros: dict[str, np.ndarray] = {}
        for l, (antes, despues) in enumerate(zip(self.capas, self.capas[1:]), start=1):
            # Pesos pequeños y aleatorios (escala 1/√entradas de la capa); sesgos en cero.
            self.parametros[f"W{l}"] = azar.normales((antes, despues), 1.0 / np.sqrt(antes))
            self.parametros[f"b{l}"] = np.zeros(despues)

    @property
    def profundidad(self) -> int:
        """P, el número de capas con pesos (sin contar la entrada)."""
        return len(self.capas) - 1

    def numero_parametros(self) -> int:
        """Total de pesos y sesgos de la red."""
        return int(sum(p.size for p in self.parametros.values()))

    def _revisar(self, X, y=None):
        X = validacion.ejemplos(X, "X", columnas=self.capas[0])
        if y is None:
            return X
        return X, validacion.etiquetas(y, len(X), clases=max(2, self.capas[-1]))

    def _objetivo(self, y: np.ndarray) -> np.ndarray:
        """Etiquetas como matriz Y (n, salidas): una columna 0/1 o vectores one-hot."""
        salidas = self.capas[-1]
        return y.reshape(-1, 1).astype(float) if salidas == 1 else np.eye(salidas)[y]

    # --- Propagación hacia adelante ----------------------------------------

    def propagar(self, X: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Calcula la salida Ŷ y guarda Z⁽ˡ⁾ y A⁽ˡ⁾ de cada capa para retropropagar."""
        P = self.profundidad
        memoria = {"A0": X}
        A = X
        for l in range(1, P + 1):
            Z = A @ self.parametros[f"W{l}"] + self.parametros[f"b{l}"]   # (n, neuronas de l)
            if l < P:
                A = self.f(Z)                                             # capa oculta
            else:
                A = sigmoide(Z) if Z.shape[1] == 1 else softmax(Z)        # salida: Ŷ
            memoria[f"Z{l}"], memoria[f"A{l}"] = Z, A
        return A, memoria

    def perdida(self, X, y) -> float:
        """Entropía cruzada promedio de la red sobre los ejemplos (X, y)."""
        X, y = self._revisar(X, y)
        _, memoria = self.propagar(X)
        return self._perdida(memoria[f"Z{self.profundidad}"], self._objetivo(y))

    @staticmethod
    def _perdida(Z: np.ndarray, Y: np.ndarray) -> float:
        """Entropía cruzada calculada a partir de la última Z, sin logaritmos de cero."""
        if Z.shape[1] == 1:
            # −[y log σ(z) + (1 − y) log(1 − σ(z))] = log(1 + e^z) − y z
            return float(np.mean(np.logaddexp(0.0, Z) - Y * Z))
        log_probs = Z - Z.max(axis=1, keepdims=True)
        log_probs -= np.log(np.exp(log_probs).sum(axis=1, keepdims=True))
        return float(-np.mean(np.sum(Y * log_probs, axis=1)))

    # --- Retropropagación ----------------------------------------------------

    def retropropagar(self, memoria: dict[str, np.ndarray], Y: np.ndarray) -> dict[str, np.ndarray]:
        """Gradiente exacto de la pérdida respecto a cada W⁽ˡ⁾ y b⁽ˡ⁾ (regla de la cadena)."""
        P = self.profundidad
        gradientes = {}
        delta = (memoria[f"A{P}"] - Y) / len(Y)                          # Δ⁽ᴾ⁾ = ∂L/∂Z⁽ᴾ⁾
        for l in range(P, 0, -1):
            gradientes[f"W{l}"] = memoria[f"A{l - 1}"].T @ delta           # ∂L/∂W⁽ˡ⁾
            gradientes[f"b{l}"] = delta.sum(axis=0)                        # ∂L/∂b⁽ˡ⁾
            if l > 1:
                atras = delta @ self.parametros[f"W{l}"].T                 # ∂L/∂A⁽ˡ⁻¹⁾
                delta = atras * self.df(memoria[f"Z{l - 1}"])              # Δ⁽ˡ⁻¹⁾
        return {nombre: gradientes[nombre] for nombre in self.parametros}

    def gradientes(self, X, y) -> tuple[float, dict[str, np.ndarray]]:
        """Pérdida y gradientes de la red en (X, y): propagar y luego retropropagar."""
        X, y = self._revisar(X, y)
        Y = self._objetivo(y)
        _, memoria = self.propagar(X)
        return self._perdida(memoria[f"Z{self.profundidad}"], Y), self.retropropagar(memoria, Y)

    # --- Entrenamiento -------------------------------------------------------

    def paso(self, X: np.ndarray, Y: np.ndarray, tasa: float) -> None:
        """Un paso de descenso de gradiente con el lote (X, Y): θ ← θ − α ∇L(θ)."""
        _, memoria = self.propagar(X)
        gradientes = self.retropropagar(memoria, Y)
        for nombre, g in gradientes.items():
            self.parametros[nombre] -= tasa * g

    def entrenar(self, X, y, tasa: float, epocas: int, lote: int | None = None,
                 semilla: int = 0) -> list[float]:
        """Descenso de gradiente por lote completo (``lote=None``) o por minilotes barajados.

        Devuelve la pérdida sobre todos los ejemplos al final de cada época.
        """
        X, y, tasa, epocas, lote = self._revisar_entrenamiento(X, y, tasa, epocas, lote)
        Y = self._objetivo(y)
        azar = Azar(semilla)
        historial = []
        for _ in range(epocas):
            orden = azar.permutacion(len(X)) if lote < len(X) else np.arange(len(X))
            for inicio in range(0, len(X), lote):
                elegidos = orden[inicio:inicio + lote]
                self.paso(X[elegidos], Y[elegidos], tasa)
            historial.append(self._perdida(self.propagar(X)[1][f"Z{self.profundidad}"], Y))
        return historial

    def _revisar_entrenamiento(self, X, y, tasa, epocas, lote):
        X, y = self._revisar(X, y)
        n = len(X)
        if lote is not None and (not validacion._es_entero(lote) or not 1 <= lote <= n):
            raise ValueError(
                f"lote debe ser un entero entre 1 y {n} (el número de ejemplos), o None para usar "
                f"el lote completo; recibí {lote!r}."
            )
        return (X, y, validacion.tasa_aprendizaje(tasa), validacion.entero(epocas, "epocas"),
                n if lote is None else int(lote))

    # --- Predicción ----------------------------------------------------------

    def probabilidades(self, X) -> np.ndarray:
        """Salida de la red: probabilidad de la clase 1 (n,) o de cada clase (n, salidas)."""
        Y_hat, _ = self.propagar(self._revisar(X))
        return Y_hat[:, 0] if Y_hat.shape[1] == 1 else Y_hat

    def predecir(self, X) -> np.ndarray:
        """Clase predicha para cada ejemplo."""
        P = self.probabilidades(X)
        return (P >= 0.5).astype(int) if P.ndim == 1 else P.argmax(axis=1)

    def exactitud(self, X, y) -> float:
        """Exactitud: fracción de ejemplos bien clasificados."""
        X, y = self._revisar(X, y)
        return float(np.mean(self.predecir(X) == y))


# --- Comprobación del gradiente ---------------------------------------------


def gradiente_numerico(red: RedDensa, X, y, h: float = 1e-5) -> dict[str, np.ndarray]:
    """Aproxima el gradiente con diferencias finitas centrales: (L(θ + h) − L(θ − h)) / 2h."""
    if not (validacion._es_numero(h) and np.isfinite(h) and h > 0):
        raise ValueError(f"El paso h debe ser un número positivo y pequeño, como 1e-5; recibí {h!r}.")
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


def gradiente_tensorflow(red: RedDensa, X, y) -> dict[str, np.ndarray]:
    """Gradiente de la misma pérdida calculado por TensorFlow con ``tf.GradientTape``."""
    import tensorflow as tf

    X, y = red._revisar(X, y)
    Y = red._objetivo(y)
    variables = {k: tf.Variable(v, dtype=tf.float64) for k, v in red.parametros.items()}
    f_tf = {"tanh": tf.tanh, "sigmoide": tf.sigmoid, "relu": tf.nn.relu}[red.oculta]
    with tf.GradientTape() as cinta:
        A = tf.constant(X)
        for l in range(1, red.profundidad + 1):
            Z = A @ variables[f"W{l}"] + variables[f"b{l}"]
            A = f_tf(Z)
        if Z.shape[1] == 1:
            perdidas = tf.nn.sigmoid_cross_entropy_with_logits(labels=Y, logits=Z)
        else:
            perdidas = tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=Z)
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


# Guía habitual para leer el error relativo entre el gradiente de la retropropagación y el de las
# diferencias finitas (con números de 64 bits).
UMBRALES_GRADIENTE = (
    (1e-7, "excelente: las dos cuentas coinciden; el gradiente está bien"),
    (1e-4, "aceptable sólo si la red tiene funciones con picos, como ReLU; con funciones suaves, "
           "sospechoso"),
    (1e-2, "sospechoso: revisa la retropropagación"),
)


def juicio_gradiente(error: float) -> str:
    """Lo que suele indicar un error relativo dado al comprobar un gradiente."""
    if not (validacion._es_numero(error) and error >= 0):
        raise ValueError(f"El error relativo debe ser un número no negativo; recibí {error!r}.")
    for umbral, juicio in UMBRALES_GRADIENTE:
        if error < umbral:
            return juicio
    return "casi seguro hay un error en la retropropagación"


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
    bajo, alto = eje.get_ylim()
    # Con más de dos décadas, los rótulos de las marcas menores se encimarían: solo las mayores.
    eje.yaxis.set_minor_formatter(NullFormatter() if alto / bajo > 100 else FormatStrFormatter("%g"))
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
