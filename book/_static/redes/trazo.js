/*
 * Un lienzo donde el lector dibuja un dígito y el preprocesamiento de MNIST que lo convierte en
 * la entrada de la red: recortar el trazo, escalarlo a una caja de 20 × 20 sin deformarlo y
 * centrarlo por su centro de masa en un cuadro de 28 × 28 con valores en [0, 1]. Lo usan
 * «Dibuja un dígito» y «Dentro de la red convolucional».
 */
(function (Taller) {
  "use strict";

  const LADO = 28;
  const CAJA = 20;
  const UMBRAL = 40; // alfa mínimo (de 255) para que un píxel cuente como trazo al recortar

  /** La imagen de 28 × 28 (Float32Array, valores en [0, 1]) del trazo, o null si está vacío. */
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

  /**
   * Convierte un <canvas> en una superficie para dibujar con ratón, dedo o lápiz (su CSS debe
   * llevar touch-action: none, para que el trazo no desplace la página). Llama a alCambiar una
   * vez por cuadro mientras se dibuja y al terminar el trazo.
   */
  function dibujable(lienzo, alCambiar) {
    const ctx = lienzo.getContext("2d");
    const grosor = (22 * lienzo.width) / 280; // 22 px en un lienzo de 280 × 280
    let anterior = null, pendiente = false;
    ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.lineWidth = grosor; ctx.strokeStyle = "#000";

    function avisar() {
      if (!pendiente) {
        pendiente = true;
        requestAnimationFrame(() => { pendiente = false; alCambiar(); });
      }
    }
    function punto(evento) {
      const r = lienzo.getBoundingClientRect();
      return [(evento.clientX - r.left) * lienzo.width / r.width, (evento.clientY - r.top) * lienzo.height / r.height];
    }
    lienzo.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      lienzo.setPointerCapture(e.pointerId);
      anterior = punto(e);
      ctx.beginPath(); ctx.arc(anterior[0], anterior[1], grosor / 2, 0, 2 * Math.PI); ctx.fillStyle = "#000"; ctx.fill();
      avisar();
    });
    lienzo.addEventListener("pointermove", (e) => {
      if (!anterior) return;
      const actual = punto(e);
      ctx.beginPath(); ctx.moveTo(...anterior); ctx.lineTo(...actual); ctx.stroke();
      anterior = actual;
      avisar();
    });
    const terminar = () => { if (anterior) { anterior = null; avisar(); } };
    lienzo.addEventListener("pointerup", terminar);
    lienzo.addEventListener("pointercancel", terminar);

    return {
      borrar() { ctx.clearRect(0, 0, lienzo.width, lienzo.height); },
      /** Pinta una imagen de 28 × 28 (valores 0–255) en el lienzo, ampliada. */
      pintar(pixeles) {
        ctx.clearRect(0, 0, lienzo.width, lienzo.height);
        const k = lienzo.width / LADO;
        for (let i = 0; i < LADO * LADO; i++)
          if (pixeles[i] > 0) {
            ctx.fillStyle = `rgba(0, 0, 0, ${pixeles[i] / 255})`;
            ctx.fillRect((i % LADO) * k, Math.floor(i / LADO) * k, k, k);
          }
      },
    };
  }

  Taller.trazo = { LADO, preprocesar, dibujable };
})((window.Taller = window.Taller || {}));
