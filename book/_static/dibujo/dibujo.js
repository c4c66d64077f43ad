/*
 * Dibuja un dígito: la red convolucional del curso, ejecutada en el navegador.
 *
 * El modelo llega en window.TALLER_MODELO (lo escribe taller_keras.navegador al construir el
 * libro): capas y pesos float32 en base64. Su guion se pide al terminar de cargar la página (la
 * dirección va en data-modelo del panel), para que no retrase lo que el lector ve primero. Aquí se implementan, en JavaScript simple, las capas
 * que usa la red (Conv2D, MaxPooling2D, Flatten, Dense) y el preprocesamiento de MNIST:
 * recortar el trazo, escalarlo a una caja de 20 × 20 sin deformarlo y centrarlo por su centro
 * de masa en un cuadro de 28 × 28 con valores en [0, 1].
 */
(function () {
  "use strict";

  const LADO = 28;
  const CAJA = 20;
  const GROSOR = 22; // px del trazo en el lienzo de 280 × 280
  const UMBRAL = 40; // alfa mínimo (de 255) para que un píxel cuente como trazo al recortar

  // --- Red neuronal -------------------------------------------------------------------

  function decodificar(base64) {
    const binario = atob(base64);
    const bytes = new Uint8Array(binario.length);
    for (let i = 0; i < binario.length; i++) bytes[i] = binario.charCodeAt(i);
    return new Float32Array(bytes.buffer);
  }

  function crearRed(modelo) {
    const pesos = decodificar(modelo.pesos);
    const bloque = (d) => pesos.subarray(d.inicio, d.inicio + d.forma.reduce((a, b) => a * b, 1));

    function activar(datos, activacion) {
      if (activacion === "relu") {
        for (let i = 0; i < datos.length; i++) if (datos[i] < 0) datos[i] = 0;
      } else if (activacion === "softmax") {
        let maximo = -Infinity, suma = 0;
        for (const v of datos) maximo = Math.max(maximo, v);
        for (let i = 0; i < datos.length; i++) { datos[i] = Math.exp(datos[i] - maximo); suma += datos[i]; }
        for (let i = 0; i < datos.length; i++) datos[i] /= suma;
      }
      return datos;
    }

    function conv2d(x, capa) {
      const [kh, kw] = capa.nucleo, [sh, sw] = capa.paso, f = capa.filtros, c = x.c;
      const nucleo = bloque(capa.pesos), sesgo = bloque(capa.sesgo);
      let alto, ancho, arriba = 0, izquierda = 0;
      if (capa.relleno === "same") {
        alto = Math.ceil(x.h / sh); ancho = Math.ceil(x.w / sw);
        arriba = Math.floor(Math.max((alto - 1) * sh + kh - x.h, 0) / 2);
        izquierda = Math.floor(Math.max((ancho - 1) * sw + kw - x.w, 0) / 2);
      } else {
        alto = Math.floor((x.h - kh) / sh) + 1; ancho = Math.floor((x.w - kw) / sw) + 1;
      }
      const salida = new Float32Array(alto * ancho * f);
      const suma = new Float64Array(f);
      for (let oy = 0; oy < alto; oy++) {
        for (let ox = 0; ox < ancho; ox++) {
          suma.set(sesgo);
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
          salida.set(suma, (oy * ancho + ox) * f);
        }
      }
      return { h: alto, w: ancho, c: f, datos: activar(salida, capa.activacion) };
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
      const matriz = bloque(capa.pesos), sesgo = bloque(capa.sesgo), n = x.datos.length, u = capa.unidades;
      const suma = Float64Array.from(sesgo);
      for (let i = 0; i < n; i++) {
        const v = x.datos[i];
        if (v === 0) continue;
        for (let j = 0; j < u; j++) suma[j] += v * matriz[i * u + j];
      }
      return { h: 1, w: 1, c: u, datos: activar(Float32Array.from(suma), capa.activacion) };
    }

    const capas = { conv2d, maxpool, densa, aplanar: (x) => ({ h: 1, w: 1, c: x.datos.length, datos: x.datos }) };
    return function predecir(entrada) {
      let x = { h: modelo.entrada[0], w: modelo.entrada[1], c: modelo.entrada[2], datos: entrada };
      for (const capa of modelo.capas) x = capas[capa.tipo](x, capa);
      return x.datos;
    };
  }

  // --- Preprocesamiento como el de MNIST ----------------------------------------------

  function preprocesar(lienzo) {
    const { width: W, height: H } = lienzo;
    const alfa = lienzo.getContext("2d").getImageData(0, 0, W, H).data;
    let x0 = W, y0 = H, x1 = -1, y1 = -1;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        if (alfa[(y * W + x) * 4 + 3] > UMBRAL) {
          if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
        }
    if (x1 < 0) return null;
    const ancho = x1 - x0 + 1, alto = y1 - y0 + 1, escala = CAJA / Math.max(ancho, alto);
    const nw = Math.max(1, Math.round(ancho * escala)), nh = Math.max(1, Math.round(alto * escala));
    const caja = document.createElement("canvas");
    caja.width = nw; caja.height = nh;
    const ctx = caja.getContext("2d");
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(lienzo, x0, y0, ancho, alto, 0, 0, nw, nh);
    const pequeno = ctx.getImageData(0, 0, nw, nh).data;
    let masa = 0, cy = 0, cx = 0;
    const valores = new Float32Array(nw * nh);
    for (let y = 0; y < nh; y++)
      for (let x = 0; x < nw; x++) {
        const v = pequeno[(y * nw + x) * 4 + 3] / 255;
        valores[y * nw + x] = v; masa += v; cy += v * y; cx += v * x;
      }
    // desplazamiento entero que lleva el centro de masa a (14, 14), donde lo tiene MNIST
    const dy = Math.round(LADO / 2 - cy / masa), dx = Math.round(LADO / 2 - cx / masa);
    const entrada = new Float32Array(LADO * LADO);
    for (let y = 0; y < nh; y++)
      for (let x = 0; x < nw; x++) {
        const yy = y + dy, xx = x + dx;
        if (yy >= 0 && yy < LADO && xx >= 0 && xx < LADO) entrada[yy * LADO + xx] = valores[y * nw + x];
      }
    return entrada;
  }

  // --- Interfaz -----------------------------------------------------------------------

  function iniciar(panel) {
    const lienzo = panel.querySelector(".taller-dibujo__lienzo");
    const vista = panel.querySelector(".taller-dibujo__entrada");
    const texto = panel.querySelector(".taller-dibujo__prediccion");
    const barras = panel.querySelector(".taller-dibujo__barras");
    const ctx = lienzo.getContext("2d");
    const predecir = crearRed(window.TALLER_MODELO);
    panel.classList.add("taller-dibujo--listo");

    const filas = [];
    for (let d = 0; d < 10; d++) {
      const fila = document.createElement("div");
      fila.className = "taller-dibujo__fila";
      fila.innerHTML = `<span class="taller-dibujo__digito">${d}</span>` +
        '<span class="taller-dibujo__barra"><span></span></span><span class="taller-dibujo__valor">—</span>';
      barras.appendChild(fila);
      filas.push(fila);
    }

    const estado = { entrada: null, probabilidades: null, pendiente: false };

    function mostrarEntrada(entrada) {
      const v = vista.getContext("2d"), imagen = v.createImageData(LADO, LADO);
      for (let i = 0; i < LADO * LADO; i++) {
        const gris = 255 - Math.round(255 * (entrada ? entrada[i] : 0));
        imagen.data.set([gris, gris, gris, 255], i * 4);
      }
      v.putImageData(imagen, 0, 0);
    }

    function actualizar() {
      estado.pendiente = false;
      const entrada = preprocesar(lienzo);
      estado.entrada = entrada;
      mostrarEntrada(entrada);
      if (!entrada) {
        estado.probabilidades = null;
        texto.textContent = "Dibuja un dígito del 0 al 9 en el recuadro.";
        filas.forEach((fila) => {
          fila.classList.remove("taller-dibujo__fila--maxima");
          fila.querySelector(".taller-dibujo__barra span").style.width = "0%";
          fila.querySelector(".taller-dibujo__valor").textContent = "—";
        });
        return null;
      }
      const p = predecir(entrada);
      estado.probabilidades = p;
      let mejor = 0;
      for (let d = 1; d < 10; d++) if (p[d] > p[mejor]) mejor = d;
      texto.textContent = `La red ve un ${mejor} (${(100 * p[mejor]).toFixed(1)} % de probabilidad).`;
      filas.forEach((fila, d) => {
        fila.classList.toggle("taller-dibujo__fila--maxima", d === mejor);
        fila.querySelector(".taller-dibujo__barra span").style.width = `${(100 * p[d]).toFixed(1)}%`;
        fila.querySelector(".taller-dibujo__valor").textContent = `${(100 * p[d]).toFixed(1)} %`;
      });
      return mejor;
    }

    function pedirActualizacion() {
      if (!estado.pendiente) { estado.pendiente = true; requestAnimationFrame(actualizar); }
    }

    function punto(evento) {
      const r = lienzo.getBoundingClientRect();
      return [(evento.clientX - r.left) * lienzo.width / r.width, (evento.clientY - r.top) * lienzo.height / r.height];
    }

    let anterior = null;
    ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.lineWidth = GROSOR; ctx.strokeStyle = "#000";
    lienzo.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      lienzo.setPointerCapture(e.pointerId);
      anterior = punto(e);
      ctx.beginPath(); ctx.arc(anterior[0], anterior[1], GROSOR / 2, 0, 2 * Math.PI); ctx.fillStyle = "#000"; ctx.fill();
      pedirActualizacion();
    });
    lienzo.addEventListener("pointermove", (e) => {
      if (!anterior) return;
      const actual = punto(e);
      ctx.beginPath(); ctx.moveTo(...anterior); ctx.lineTo(...actual); ctx.stroke();
      anterior = actual;
      pedirActualizacion();
    });
    const terminar = () => { if (anterior) { anterior = null; pedirActualizacion(); } };
    lienzo.addEventListener("pointerup", terminar);
    lienzo.addEventListener("pointercancel", terminar);

    function borrar() { ctx.clearRect(0, 0, lienzo.width, lienzo.height); actualizar(); }
    panel.querySelector(".taller-dibujo__borrar").addEventListener("click", borrar);
    actualizar();

    // Para las pruebas y la medición de velocidad.
    window.tallerDibujo = {
      borrar,
      predecir: actualizar,
      get entrada() { return estado.entrada && Array.from(estado.entrada); },
      get probabilidades() { return estado.probabilidades && Array.from(estado.probabilidades); },
      /** Pinta una imagen de 28 × 28 (valores 0–255) en el lienzo, ampliada ×10. */
      pintar(pixeles) {
        ctx.clearRect(0, 0, lienzo.width, lienzo.height);
        const k = lienzo.width / LADO;
        for (let i = 0; i < LADO * LADO; i++)
          if (pixeles[i] > 0) {
            ctx.fillStyle = `rgba(0, 0, 0, ${pixeles[i] / 255})`;
            ctx.fillRect((i % LADO) * k, Math.floor(i / LADO) * k, k, k);
          }
      },
      /** Mediana (ms) de n predicciones completas: preprocesar + red. */
      medir(n) {
        const tiempos = [];
        for (let i = 0; i < n; i++) { const t = performance.now(); actualizar(); tiempos.push(performance.now() - t); }
        tiempos.sort((a, b) => a - b);
        return tiempos[Math.floor(n / 2)];
      },
    };
  }

  /** Pide la red (un guion de medio megabyte) cuando la página ya se ve, y después arranca. */
  function arrancar() {
    const panel = document.querySelector(".taller-dibujo");
    if (!panel) return;
    const sinModelo = () => {
      panel.querySelector(".taller-dibujo__prediccion").textContent =
        "No se encontró el modelo de la red: vuelve a construir el libro con `make book`.";
    };
    const guion = document.createElement("script");
    guion.src = panel.dataset.modelo;
    guion.addEventListener("load", () => (window.TALLER_MODELO ? iniciar(panel) : sinModelo()));
    guion.addEventListener("error", sinModelo);
    document.head.appendChild(guion);
  }

  if (document.readyState === "complete") arrancar();
  else window.addEventListener("load", arrancar);
})();
