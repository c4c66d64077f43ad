/*
 * Las redes del curso en JavaScript simple: un solo motor para todas las páginas interactivas.
 *
 * - Capas de Keras para predecir (Conv2D, MaxPooling2D, Flatten, Dense) con los pesos que exporta
 *   taller_keras.navegador (window.TALLER_MODELO, en 8 bits): la red convolucional de «Dibuja un
 *   dígito» y de «Dentro de la red convolucional». Las pruebas la comparan con la de Keras con los
 *   mismos pesos (taller_keras.navegador.con_pesos_del_navegador).
 * - RedDensa y Perceptron: lo mismo que taller_keras.red_numpy.RedDensa (propagar, retropropagar,
 *   paso y época con minilotes) y que la regla de Rosenblatt de taller_keras.perceptron, en float64,
 *   para el «Laboratorio de redes». Las pruebas comparan sus pesos con los del paquete.
 *
 * Las matrices son Float64Array (o Float32Array) por filas: una matriz (n, d) guarda la fila i en
 * las posiciones i·d … i·d + d − 1, y W (entradas × unidades) tiene la forma de Dense de Keras.
 */
(function (Taller) {
  "use strict";

  // --- Activaciones (como taller_keras.activaciones) -----------------------------------

  function sigmoide(z) {
    const e = Math.exp(-Math.abs(z)); // nunca desborda
    return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
  }

  const ACTIVACIONES = {
    escalon: [(z) => (z >= 0 ? 1 : 0), () => 0],
    sigmoide: [sigmoide, (z) => { const s = sigmoide(z); return s * (1.0 - s); }],
    tanh: [Math.tanh, (z) => { const t = Math.tanh(z); return 1.0 - t * t; }],
    relu: [(z) => (z > 0 ? z : 0), (z) => (z > 0 ? 1 : 0)],
  };

  function activacion(nombre) {
    if (!ACTIVACIONES[nombre]) {
      const validas = Object.keys(ACTIVACIONES).map((n) => `'${n}'`).join(", ");
      throw new Error(`Activación desconocida: '${nombre}'. Las disponibles son ${validas}.`);
    }
    return ACTIVACIONES[nombre];
  }

  /** Aplica en su lugar la activación de una capa de Keras ("linear", "relu" o "softmax"). */
  function activar(datos, nombre) {
    if (nombre === "relu") {
      for (let i = 0; i < datos.length; i++) if (datos[i] < 0) datos[i] = 0;
    } else if (nombre === "softmax") {
      let maximo = -Infinity, suma = 0;
      for (const v of datos) maximo = Math.max(maximo, v);
      for (let i = 0; i < datos.length; i++) { datos[i] = Math.exp(datos[i] - maximo); suma += datos[i]; }
      for (let i = 0; i < datos.length; i++) datos[i] /= suma;
    }
    return datos;
  }

  // --- La cuenta de una capa densa: Z = A W + b -----------------------------------------

  /** Z (n × unidades) = A (n × entradas) · W (entradas × unidades) + b, sumando en float64. */
  function afin(A, n, W, b, entradas, unidades) {
    const Z = new Float64Array(n * unidades);
    for (let k = 0; k < n; k++) {
      const fila = k * unidades;
      for (let i = 0; i < entradas; i++) {
        const a = A[k * entradas + i];
        if (a === 0) continue;
        const base = i * unidades;
        for (let j = 0; j < unidades; j++) Z[fila + j] += a * W[base + j];
      }
      for (let j = 0; j < unidades; j++) Z[fila + j] += b[j];
    }
    return Z;
  }

  // --- Capas de Keras para predecir ------------------------------------------------------

  function decodificar(base64, Tipo = Float32Array) {
    const binario = atob(base64);
    const bytes = new Uint8Array(binario.length);
    for (let i = 0; i < binario.length; i++) bytes[i] = binario.charCodeAt(i);
    return new Tipo(bytes.buffer);
  }

  /** Alto y ancho de la salida y relleno de arriba y de la izquierda (como Keras). */
  function geometriaConv(x, capa) {
    const [kh, kw] = capa.nucleo, [sh, sw] = capa.paso;
    if (capa.relleno !== "same") {
      return { alto: Math.floor((x.h - kh) / sh) + 1, ancho: Math.floor((x.w - kw) / sw) + 1, arriba: 0, izquierda: 0 };
    }
    const alto = Math.ceil(x.h / sh), ancho = Math.ceil(x.w / sw);
    return {
      alto, ancho,
      arriba: Math.floor(Math.max((alto - 1) * sh + kh - x.h, 0) / 2),
      izquierda: Math.floor(Math.max((ancho - 1) * sw + kw - x.w, 0) / 2),
    };
  }

  /**
   * Conv2D: x = {h, w, c, datos} con los canales al final; capa.pesos (kh, kw, c, filtros) y
   * capa.sesgos ya decodificados. Tipo es el arreglo de la salida (float32 como Keras, o float64).
   */
  function conv2d(x, capa, Tipo = Float32Array) {
    const [kh, kw] = capa.nucleo, [sh, sw] = capa.paso, f = capa.filtros, c = x.c;
    const { alto, ancho, arriba, izquierda } = geometriaConv(x, capa);
    const nucleo = capa.pesos, sesgo = capa.sesgos;
    const salida = new Tipo(alto * ancho * f);
    const suma = new Float64Array(f);
    for (let oy = 0; oy < alto; oy++) {
      for (let ox = 0; ox < ancho; ox++) {
        suma.fill(0);
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh + ky - arriba;
          if (iy < 0 || iy >= x.h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw + kx - izquierda;
            if (ix < 0 || ix >= x.w) continue;
            const base = (iy * x.w + ix) * c;
            for (let ci = 0; ci < c; ci++) {
              const v = x.datos[base + ci];
              if (v === 0) continue;
              const k = ((ky * kw + kx) * c + ci) * f;
              for (let fo = 0; fo < f; fo++) suma[fo] += v * nucleo[k + fo];
            }
          }
        }
        for (let fo = 0; fo < f; fo++) suma[fo] += sesgo[fo];
        salida.set(suma, (oy * ancho + ox) * f);
      }
    }
    return { h: alto, w: ancho, c: f, datos: activar(salida, capa.activacion) };
  }

  /**
   * La cuenta de una posición (oy, ox) del filtro fo de una Conv2D, desglosada: la ventana de la
   * entrada y el núcleo en cada canal de entrada, sus productos, la suma, el sesgo y la activación.
   */
  function detalleConv(x, capa, oy, ox, fo) {
    const [kh, kw] = capa.nucleo, [sh, sw] = capa.paso, f = capa.filtros;
    const { arriba, izquierda } = geometriaConv(x, capa);
    const canales = [];
    let total = 0;
    for (let ci = 0; ci < x.c; ci++) {
      const ventana = [], nucleo = [];
      let parcial = 0;
      for (let ky = 0; ky < kh; ky++) {
        for (let kx = 0; kx < kw; kx++) {
          const iy = oy * sh + ky - arriba, ix = ox * sw + kx - izquierda;
          const dentro = iy >= 0 && iy < x.h && ix >= 0 && ix < x.w;
          const v = dentro ? x.datos[(iy * x.w + ix) * x.c + ci] : 0;
          const k = capa.pesos[((ky * kw + kx) * x.c + ci) * f + fo];
          ventana.push(v); nucleo.push(k); parcial += v * k;
        }
      }
      canales.push({ ventana, nucleo, suma: parcial });
      total += parcial;
    }
    const z = total + capa.sesgos[fo];
    const salida = capa.activacion === "relu" ? Math.max(0, z) : z;
    return { canales, suma: total, sesgo: capa.sesgos[fo], z, salida, fila: oy * sh - arriba, columna: ox * sw - izquierda };
  }

  function maxpool(x, capa) {
    const [ph, pw] = capa.ventana, [sh, sw] = capa.paso;
    const alto = Math.floor((x.h - ph) / sh) + 1, ancho = Math.floor((x.w - pw) / sw) + 1;
    const salida = new Float32Array(alto * ancho * x.c).fill(-Infinity);
    for (let oy = 0; oy < alto; oy++)
      for (let ox = 0; ox < ancho; ox++)
        for (let dy = 0; dy < ph; dy++)
          for (let dx = 0; dx < pw; dx++) {
            const entrada = ((oy * sh + dy) * x.w + ox * sw + dx) * x.c, destino = (oy * ancho + ox) * x.c;
            for (let ci = 0; ci < x.c; ci++)
              salida[destino + ci] = Math.max(salida[destino + ci], x.datos[entrada + ci]);
          }
    return { h: alto, w: ancho, c: x.c, datos: salida };
  }

  function densa(x, capa) {
    const z = afin(x.datos, 1, capa.pesos, capa.sesgos, x.datos.length, capa.unidades);
    return { h: 1, w: 1, c: capa.unidades, datos: activar(Float32Array.from(z), capa.activacion) };
  }

  const CAPAS = { conv2d, maxpool, densa, aplanar: (x) => ({ h: 1, w: 1, c: x.datos.length, datos: x.datos }) };

  /**
   * La red exportada por taller_keras.navegador, lista para propagar imágenes. Cada peso llega en
   * un byte (un entero de −127 a 127) y vale ese entero por la escala de su columna (un filtro o
   * una neurona); escalas y sesgos llegan en float32.
   */
  function crearRed(modelo) {
    const enteros = decodificar(modelo.enteros, Int8Array), reales = decodificar(modelo.reales);
    const trozo = (datos, d) => datos.subarray(d.inicio, d.inicio + d.forma.reduce((a, b) => a * b, 1));
    const pesos = (capa) => {
      const escala = trozo(reales, capa.escala);
      return Float32Array.from(trozo(enteros, capa.pesos), (q, i) => q * escala[i % escala.length]);
    };
    const capas = modelo.capas.map((capa) =>
      capa.pesos ? Object.assign({}, capa, { pesos: pesos(capa), sesgos: trozo(reales, capa.sesgo) }) : capa);
    /** La salida de cada capa, en orden, para una imagen (alto × ancho × canales, por filas). */
    function propagar(entrada) {
      let x = { h: modelo.entrada[0], w: modelo.entrada[1], c: modelo.entrada[2], datos: entrada };
      return capas.map((capa) => (x = CAPAS[capa.tipo](x, capa)));
    }
    return { entrada: modelo.entrada, capas, propagar, predecir: (entrada) => propagar(entrada).at(-1).datos };
  }

  // --- Redes que aprenden: RedDensa y el perceptrón ---------------------------------------

  /** Red densa (2, ocultas…, 1) con salida sigmoide y entropía cruzada, como RedDensa del paquete. */
  class RedDensa {
    constructor(capas = [2, 4, 1], oculta = "tanh", semilla = 0) {
      if (capas.length < 2 || !capas.every((c) => Number.isInteger(c) && c >= 1)) {
        throw new Error(`capas debe tener al menos dos enteros positivos, como [2, 4, 1]; recibí [${capas}].`);
      }
      if (capas.at(-1) !== 1) throw new Error("La red del navegador tiene una sola salida (dos clases): la última capa debe ser 1.");
      this.capas = capas.slice();
      this.oculta = oculta;
      [this.f, this.df] = activacion(oculta);
      const azar = new Taller.Azar(semilla);
      this.W = []; this.b = [];
      for (let l = 1; l < capas.length; l++) {
        this.W.push(azar.normales(capas[l - 1] * capas[l], 1.0 / Math.sqrt(capas[l - 1])));
        this.b.push(new Float64Array(capas[l]));
      }
    }

    get profundidad() { return this.capas.length - 1; }

    /** Ŷ y, para retropropagar, Z⁽ˡ⁾ y A⁽ˡ⁾ de cada capa (A[0] = X). */
    propagar(X, n) {
      const A = [X], Z = [null], P = this.profundidad;
      for (let l = 1; l <= P; l++) {
        const z = afin(A[l - 1], n, this.W[l - 1], this.b[l - 1], this.capas[l - 1], this.capas[l]);
        const f = l < P ? this.f : sigmoide;
        Z.push(z);
        A.push(z.map(f));
      }
      return { A, Z };
    }

    /** Gradientes exactos de la pérdida (regla de la cadena), como RedDensa.retropropagar. */
    retropropagar(memoria, Y, n) {
      const P = this.profundidad, gW = [], gb = [];
      let delta = memoria.A[P].map((a, k) => (a - Y[k]) / n);
      for (let l = P; l >= 1; l--) {
        const antes = this.capas[l - 1], despues = this.capas[l], A = memoria.A[l - 1];
        const g = new Float64Array(antes * despues), s = new Float64Array(despues);
        for (let k = 0; k < n; k++)
          for (let j = 0; j < despues; j++) {
            const d = delta[k * despues + j];
            s[j] += d;
            for (let i = 0; i < antes; i++) g[i * despues + j] += A[k * antes + i] * d;
          }
        gW[l - 1] = g; gb[l - 1] = s;
        if (l > 1) {
          const W = this.W[l - 1], Zprev = memoria.Z[l - 1], atras = new Float64Array(n * antes);
          for (let k = 0; k < n; k++)
            for (let i = 0; i < antes; i++) {
              let suma = 0;
              for (let j = 0; j < despues; j++) suma += delta[k * despues + j] * W[i * despues + j];
              atras[k * antes + i] = suma * this.df(Zprev[k * antes + i]);
            }
          delta = atras;
        }
      }
      return { gW, gb };
    }

    /** Un paso de descenso de gradiente con el lote (X, Y) de n ejemplos. */
    paso(X, Y, n, tasa) {
      const { gW, gb } = this.retropropagar(this.propagar(X, n), Y, n);
      for (let l = 0; l < this.profundidad; l++) {
        for (let i = 0; i < gW[l].length; i++) this.W[l][i] -= tasa * gW[l][i];
        for (let j = 0; j < gb[l].length; j++) this.b[l][j] -= tasa * gb[l][j];
      }
    }

    /** Entropía cruzada promedio, calculada desde la última Z: log(1 + eᶻ) − y z. */
    perdida(X, Y, n) {
      const z = this.propagar(X, n).Z[this.profundidad];
      let suma = 0;
      for (let k = 0; k < n; k++) suma += Math.max(0, z[k]) + Math.log1p(Math.exp(-Math.abs(z[k]))) - Y[k] * z[k];
      return suma / n;
    }

    /** Una época: minilotes de `lote` ejemplos barajados con `azar` (o el lote completo, en orden). */
    epoca(X, Y, n, tasa, lote, azar) {
      const orden = lote < n ? azar.permutacion(n) : null;
      for (let inicio = 0; inicio < n; inicio += lote) {
        const m = Math.min(lote, n - inicio);
        if (!orden) { this.paso(X, Y, n, tasa); continue; }
        const Xl = new Float64Array(m * 2), Yl = new Float64Array(m);
        for (let k = 0; k < m; k++) {
          const e = orden[inicio + k];
          Xl[2 * k] = X[2 * e]; Xl[2 * k + 1] = X[2 * e + 1]; Yl[k] = Y[e];
        }
        this.paso(Xl, Yl, m, tasa);
      }
      return this.perdida(X, Y, n);
    }

    /** La z de la salida (antes de la sigmoide) para n puntos: la frontera es z = 0. */
    logit(X, n) { return this.propagar(X, n).Z[this.profundidad]; }

    parametros() {
      const p = {};
      this.W.forEach((w, l) => { p[`W${l + 1}`] = Array.from(w); p[`b${l + 1}`] = Array.from(this.b[l]); });
      return p;
    }
  }

  /** Perceptrón de Rosenblatt en el plano: pesos y sesgo en cero; una época recorre los ejemplos en orden. */
  class Perceptron {
    constructor() { this.pesos = new Float64Array(2); this.sesgo = 0; }

    epoca(X, Y, n, tasa) {
      for (let k = 0; k < n; k++) {
        const z = this.pesos[0] * X[2 * k] + this.pesos[1] * X[2 * k + 1] + this.sesgo;
        const error = Y[k] - (z >= 0 ? 1 : 0);
        if (error !== 0) {
          this.pesos[0] += tasa * error * X[2 * k];
          this.pesos[1] += tasa * error * X[2 * k + 1];
          this.sesgo += tasa * error;
        }
      }
      return this.errores(X, Y, n);
    }

    /** Cuántos ejemplos clasifican mal los pesos actuales. */
    errores(X, Y, n) {
      const z = this.logit(X, n);
      let malos = 0;
      for (let k = 0; k < n; k++) if ((z[k] >= 0 ? 1 : 0) !== Y[k]) malos++;
      return malos;
    }

    logit(X, n) {
      const z = new Float64Array(n);
      for (let k = 0; k < n; k++) z[k] = this.pesos[0] * X[2 * k] + this.pesos[1] * X[2 * k + 1] + this.sesgo;
      return z;
    }

    parametros() { return { pesos: Array.from(this.pesos), sesgo: this.sesgo }; }
  }

  Taller.redes = { sigmoide, activacion, afin, decodificar, conv2d, detalleConv, maxpool, crearRed, RedDensa, Perceptron };
})((window.Taller = window.Taller || {}));
