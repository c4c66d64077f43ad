/*
 * Descenso de gradiente sobre superficies de dos parámetros, como taller_keras.descenso:
 * las superficies Cuadratica y DobleValle, un paso de cada optimizador (sgd, momento, rmsprop,
 * adam) y trayectoria, que los repite y se detiene si el método diverge. Con el mismo punto de
 * partida y los mismos hiperparámetros da los mismos puntos que el paquete.
 */
(function (Taller) {
  "use strict";

  /** L(w) = ½ (w − c)ᵀ A (w − c), con A simétrica y definida positiva. */
  class Cuadratica {
    constructor(A = [[3, 2], [2, 6]], centro = [0, 0]) {
      this.A = A; this.centro = centro;
    }
    valor([w1, w2]) {
      const d1 = w1 - this.centro[0], d2 = w2 - this.centro[1], A = this.A;
      return 0.5 * (d1 * (A[0][0] * d1 + A[0][1] * d2) + d2 * (A[1][0] * d1 + A[1][1] * d2));
    }
    gradiente([w1, w2]) {
      const d1 = w1 - this.centro[0], d2 = w2 - this.centro[1], A = this.A;
      return [A[0][0] * d1 + A[0][1] * d2, A[1][0] * d1 + A[1][1] * d2];
    }
    get minimos() { return [this.centro.slice()]; }
    /** Las curvaturas en las dos direcciones principales, de menor a mayor. */
    get valoresPropios() {
      const [[a, b], [, d]] = this.A, media = (a + d) / 2, radio = Math.hypot((a - d) / 2, b);
      return [media - radio, media + radio];
    }
    /** 2 / λ_max: con una tasa mayor, el descenso de gradiente diverge. */
    get tasaMaxima() { return 2 / this.valoresPropios[1]; }
  }

  /** L(w) = (w₁² − 1)² + ½ w₂² + a·w₁: dos valles, el de la izquierda más hondo si a > 0. */
  class DobleValle {
    constructor(inclinacion = 0.3) { this.inclinacion = inclinacion; }
    valor([w1, w2]) { return (w1 * w1 - 1) ** 2 + 0.5 * w2 * w2 + this.inclinacion * w1; }
    gradiente([w1, w2]) { return [4 * w1 * (w1 * w1 - 1) + this.inclinacion, w2]; }
    /** Los dos mínimos (w₂ = 0, 4 w₁³ − 4 w₁ + a = 0), primero el global; por el método de Newton. */
    get minimos() {
      return [-1, 1].map((w) => {
        for (let i = 0; i < 60; i++) w -= (4 * w * w * w - 4 * w + this.inclinacion) / (12 * w * w - 4);
        return [w, 0];
      });
    }
  }

  // --- Un paso de cada optimizador: (w, g, estado, h) → w siguiente -------------------------

  const mapa = (f) => (a, b) => [f(a[0], b[0]), f(a[1], b[1])];

  function pasoSgd(w, g, estado, h) {
    return mapa((wi, gi) => wi - h.tasa * gi)(w, g);
  }

  function pasoMomento(w, g, estado, h) {
    const beta = h.beta ?? 0.9, v = estado.v || [0, 0];
    estado.v = mapa((vi, gi) => beta * vi + gi)(v, g);
    return mapa((wi, vi) => wi - h.tasa * vi)(w, estado.v);
  }

  function pasoRmsprop(w, g, estado, h) {
    const rho = h.rho ?? 0.9, epsilon = h.epsilon ?? 1e-7, s = estado.s || [0, 0];
    estado.s = mapa((si, gi) => rho * si + (1 - rho) * (gi * gi))(s, g);
    return [0, 1].map((i) => w[i] - (h.tasa * g[i]) / Math.sqrt(estado.s[i] + epsilon));
  }

  function pasoAdam(w, g, estado, h) {
    const b1 = h.beta1 ?? 0.9, b2 = h.beta2 ?? 0.999, epsilon = h.epsilon ?? 1e-7;
    const t = (estado.t = (estado.t || 0) + 1);
    estado.m = mapa((mi, gi) => b1 * mi + (1 - b1) * gi)(estado.m || [0, 0], g);
    estado.v = mapa((vi, gi) => b2 * vi + (1 - b2) * (gi * gi))(estado.v || [0, 0], g);
    return [0, 1].map((i) => {
      const m = estado.m[i] / (1 - b1 ** t), v = estado.v[i] / (1 - b2 ** t);
      return w[i] - (h.tasa * m) / (Math.sqrt(v) + epsilon);
    });
  }

  const OPTIMIZADORES = { sgd: pasoSgd, momento: pasoMomento, rmsprop: pasoRmsprop, adam: pasoAdam };

  /**
   * Los puntos w₀, w₁, …, w_pasos que visita el optimizador; se detiene antes si w deja de ser
   * finito o su norma supera `limite` (el método diverge).
   */
  function trayectoria(gradiente, inicio, pasos, metodo = "sgd", hiperparametros = {}, limite = 1e6) {
    const paso = OPTIMIZADORES[metodo];
    if (!paso) {
      const validos = Object.keys(OPTIMIZADORES).map((m) => `'${m}'`).join(", ");
      throw new Error(`Optimizador desconocido: '${metodo}'. Los disponibles son ${validos}.`);
    }
    if (!(hiperparametros.tasa > 0 && Number.isFinite(hiperparametros.tasa))) {
      throw new Error(`La tasa de aprendizaje debe ser un número positivo; recibí ${hiperparametros.tasa}.`);
    }
    const estado = {}, puntos = [inicio.slice()];
    let w = inicio.slice();
    for (let i = 0; i < pasos; i++) {
      w = paso(w, gradiente(w), estado, hiperparametros);
      puntos.push(w);
      if (!w.every(Number.isFinite) || Math.sqrt(w[0] * w[0] + w[1] * w[1]) > limite) break;
    }
    return puntos;
  }

  Taller.descenso = { Cuadratica, DobleValle, OPTIMIZADORES, trayectoria };
})((window.Taller = window.Taller || {}));
