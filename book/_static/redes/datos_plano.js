/*
 * Datos de juguete del plano (AND, OR, XOR, círculo, lunas, espiral): los mismos puntos que
 * taller_keras.datos_plano.generar con la misma semilla y el mismo ruido, sacados de Taller.Azar
 * en el mismo orden (primero los números de la forma, después las dos normales del ruido).
 */
(function (Taller) {
  "use strict";

  const ESQUINAS = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const PUERTAS = { and: [0, 0, 0, 1], or: [0, 1, 1, 1], xor: [0, 1, 1, 0] };
  const FORMAS = ["circulo", "lunas", "espiral"];

  function forma(nombre, i, azar) {
    if (PUERTAS[nombre]) {
      const esquina = i % 4;
      return [ESQUINAS[esquina][0], ESQUINAS[esquina][1], PUERTAS[nombre][esquina]];
    }
    const clase = i % 2;
    if (nombre === "circulo") {
      const radio = clase === 1 ? 0.5 * azar.uniforme() : 0.7 + 0.3 * azar.uniforme();
      const angulo = 2 * Math.PI * azar.uniforme();
      return [radio * Math.cos(angulo), radio * Math.sin(angulo), clase];
    }
    if (nombre === "lunas") {
      const t = Math.PI * azar.uniforme();
      if (clase === 0) return [Math.cos(t) - 0.5, Math.sin(t) - 0.25, clase];
      return [0.5 - Math.cos(t), 0.25 - Math.sin(t), clase];
    }
    const t = azar.uniforme();
    const angulo = 3.5 * Math.PI * t + Math.PI * clase;
    return [t * Math.cos(angulo), t * Math.sin(angulo), clase];
  }

  /** {X: Float64Array (n × 2, por filas), y: Uint8Array (n)} del conjunto pedido. */
  function generar(nombre, n = 200, ruido = 0.1, semilla = 0) {
    if (!PUERTAS[nombre] && !FORMAS.includes(nombre)) {
      const validos = [...Object.keys(PUERTAS), ...FORMAS].map((c) => `'${c}'`).join(", ");
      throw new Error(`Conjunto desconocido: '${nombre}'. Los disponibles son ${validos}.`);
    }
    if (!Number.isInteger(n) || n < 2) throw new Error(`n debe ser un entero mayor o igual que 2; recibí ${n}.`);
    if (!(ruido >= 0 && Number.isFinite(ruido))) {
      throw new Error(`ruido debe ser un número mayor o igual que 0; recibí ${ruido}.`);
    }
    const azar = new Taller.Azar(semilla);
    const X = new Float64Array(2 * n), y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const [x1, x2, clase] = forma(nombre, i, azar);
      X[2 * i] = x1 + ruido * azar.normal();
      X[2 * i + 1] = x2 + ruido * azar.normal();
      y[i] = clase;
    }
    return { X, y, n };
  }

  Taller.datosPlano = { generar };
})((window.Taller = window.Taller || {}));
