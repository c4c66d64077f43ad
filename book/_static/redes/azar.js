/*
 * Números al azar repetibles: el mismo generador que taller_keras.azar (Mulberry32 para las
 * uniformes, Box–Muller para las normales, Fisher–Yates para las permutaciones). Con la misma
 * semilla da exactamente los mismos números que el paquete; las pruebas lo comprueban.
 */
(function (Taller) {
  "use strict";

  class Azar {
    constructor(semilla = 0) {
      if (!Number.isInteger(semilla) || semilla < 0) {
        throw new Error(`La semilla debe ser un entero mayor o igual que 0; recibí ${semilla}.`);
      }
      this.estado = semilla >>> 0;
    }

    /** Un número al azar en [0, 1). */
    uniforme() {
      this.estado = (this.estado + 0x6d2b79f5) >>> 0;
      let t = this.estado;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** Normal estándar con dos uniformes (la primera pasada a (0, 1], para no tomar log 0). */
    normal() {
      const u1 = 1.0 - this.uniforme();
      const u2 = this.uniforme();
      return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** n normales de media 0 y la desviación dada, en el orden en que el paquete llena sus filas. */
    normales(n, desviacion = 1.0) {
      const valores = new Float64Array(n);
      for (let i = 0; i < n; i++) valores[i] = desviacion * this.normal();
      return valores;
    }

    /** Los enteros 0, …, n − 1 barajados. */
    permutacion(n) {
      const orden = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(this.uniforme() * (i + 1));
        [orden[i], orden[j]] = [orden[j], orden[i]];
      }
      return orden;
    }
  }

  Taller.Azar = Azar;
})((window.Taller = window.Taller || {}));
