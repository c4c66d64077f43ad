/*
 * Lo que comparten los explorables: arranque de cada panel, lienzos nítidos, colores del curso,
 * arrastre con ratón o dedo (sin desplazar la página) y la medición de tiempos.
 */
(function (Taller) {
  "use strict";

  const AZUL = "#1f5a96", NARANJA = "#d9822b"; // los de taller_keras.figuras

  /**
   * Llama a `listo` cuando la raíz tiene lo que necesita. Si lleva `data-modelo` (la red del
   * curso, unos 140 KB), el guion se pide cuando la página terminó de cargar, para no retrasar
   * lo que el lector ve primero; si no llega, `crear` avisa que falta la red.
   */
  function conModelo(raiz, listo) {
    const ruta = raiz.dataset.modelo;
    if (!ruta || window.TALLER_MODELO) { listo(); return; }
    const pedir = () => {
      const guion = document.createElement("script");
      guion.src = ruta;
      guion.addEventListener("load", listo);
      guion.addEventListener("error", listo);
      document.head.appendChild(guion);
    };
    if (document.readyState === "complete") pedir();
    else window.addEventListener("load", pedir);
  }

  /**
   * Llama a `iniciar` cuando la raíz está a menos de una pantalla de verse: un panel que el lector
   * no alcanza no se calcula, ni descarga su red.
   */
  function alAcercarse(raiz, iniciar) {
    if (!("IntersectionObserver" in window)) { iniciar(); return; }
    const observador = new IntersectionObserver((entradas) => {
      if (!entradas.some((e) => e.isIntersecting)) return;
      observador.disconnect();
      iniciar();
    }, { rootMargin: "100% 0px" });
    observador.observe(raiz);
  }

  /** Ejecuta `crear(raiz, config)` en cada raíz `selector` de la página cuando el lector se acerca. */
  function arrancar(selector, crear) {
    const iniciar = () => document.querySelectorAll(selector).forEach((raiz, indice) => alAcercarse(raiz, () => conModelo(raiz, () => {
      const vivo = document.createElement("div");
      vivo.className = "taller-interactivo__vivo";
      raiz.appendChild(vivo);
      try {
        raiz.explorable = crear(raiz, vivo, JSON.parse(raiz.dataset.config), indice);
        raiz.classList.add("taller-interactivo--activo");
      } catch (error) {
        vivo.remove();
        const aviso = document.createElement("p");
        aviso.className = "taller-interactivo__aviso";
        aviso.textContent = `El explorable no pudo arrancar (${error.message}); queda la versión estática.`;
        raiz.appendChild(aviso);
        throw error;
      }
    })));
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", iniciar);
    else iniciar();
  }

  /** Da a un <canvas> la resolución de la pantalla; devuelve su contexto con unidades CSS. */
  function lienzo(canvas, ancho, alto) {
    const escala = Math.min(2, window.devicePixelRatio || 1);
    canvas.width = Math.round(ancho * escala);
    canvas.height = Math.round(alto * escala);
    const ctx = canvas.getContext("2d");
    ctx.setTransform(escala, 0, 0, escala, 0, 0);
    return ctx;
  }

  /** Colores del tema (claro u oscuro) para escribir sobre un lienzo. */
  function tema(elemento) {
    const estilo = getComputedStyle(elemento);
    return { texto: estilo.color, fondo: estilo.getPropertyValue("--pst-color-background").trim() || "#fff" };
  }

  /** Llama a `mover([x, y])` con la posición (en píxeles CSS del lienzo) mientras se arrastra. */
  function arrastrable(canvas, mover) {
    let activo = false;
    const posicion = (e) => {
      const r = canvas.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top, r.width, r.height];
    };
    canvas.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      activo = true;
      canvas.setPointerCapture(e.pointerId);
      mover(posicion(e));
    });
    canvas.addEventListener("pointermove", (e) => { if (activo) mover(posicion(e)); });
    const soltar = () => { activo = false; };
    canvas.addEventListener("pointerup", soltar);
    canvas.addEventListener("pointercancel", soltar);
  }

  /**
   * Mediana (ms) de n mediciones de f, cada una el promedio de `lote` ejecuciones seguidas (el reloj
   * del navegador solo distingue décimas de milisegundo).
   */
  function mediana(f, n, lote = 1) {
    const tiempos = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      for (let j = 0; j < lote; j++) f();
      tiempos.push((performance.now() - t) / lote);
    }
    tiempos.sort((a, b) => a - b);
    return tiempos[Math.floor(n / 2)];
  }

  /** Obliga a cada lienzo del elemento a terminar de pintarse (leer un píxel espera al dibujo). */
  function terminar(elemento) {
    elemento.querySelectorAll("canvas").forEach((c) => c.width && c.getContext("2d").getImageData(0, 0, 1, 1));
  }

  /** Paleta viridis (la de las figuras de mapas del paquete), t en [0, 1] → [r, g, b]. */
  const VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  function viridis(t) {
    const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1), i = Math.min(VIRIDIS.length - 2, Math.floor(x)), f = x - i;
    return VIRIDIS[i].map((c, k) => Math.round(c + f * (VIRIDIS[i + 1][k] - c)));
  }
  /** Los 256 colores de viridis, para pintar muchos píxeles sin calcularlos uno por uno. */
  const TABLA_VIRIDIS = Array.from({ length: 256 }, (_, i) => viridis(i / 255));
  /** Escribe en data (RGBA) el color viridis de t ∈ [0, 1] en la posición del píxel i. */
  function pixelViridis(data, i, t) {
    const c = TABLA_VIRIDIS[Math.round(255 * Math.min(1, Math.max(0, t)))];
    data[4 * i] = c[0]; data[4 * i + 1] = c[1]; data[4 * i + 2] = c[2]; data[4 * i + 3] = 255;
  }

  /** Paleta divergente azul–blanco–rojo (RdBu invertida), t en [−1, 1] → [r, g, b]. */
  function divergente(t) {
    const s = Math.min(1, Math.abs(t)), extremo = t < 0 ? [33, 102, 172] : [178, 24, 43];
    return extremo.map((c) => Math.round(255 + s * (c - 255)));
  }

  /** Pinta una matriz (alto × ancho, por filas) en un lienzo con la paleta dada, ampliada. */
  function pintarMatriz(ctx, valores, alto, ancho, paleta, x, y, lado) {
    const imagen = new ImageData(ancho, alto);
    for (let i = 0; i < alto * ancho; i++) imagen.data.set([...paleta(valores[i]), 255], 4 * i);
    const temporal = document.createElement("canvas");
    temporal.width = ancho; temporal.height = alto;
    temporal.getContext("2d").putImageData(imagen, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(temporal, x, y, lado * ancho / Math.max(alto, ancho), lado * alto / Math.max(alto, ancho));
  }

  /** Un número corto para la pantalla: 0.0123, 1.23, 123, 1.2e+6. */
  function numero(v, cifras = 3) {
    if (!Number.isFinite(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(cifras - 1) : Number(v.toPrecision(cifras)).toString();
  }

  Taller.comun = { AZUL, NARANJA, arrancar, lienzo, tema, arrastrable, mediana, terminar, viridis, pixelViridis, divergente, pintarMatriz, numero };
})((window.Taller = window.Taller || {}));
