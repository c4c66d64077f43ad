/*
 * Dibuja un dígito: la red convolucional del curso, ejecutada en el navegador.
 *
 * El modelo llega en window.TALLER_MODELO (lo escribe taller_keras.navegador al construir el
 * libro). Las capas las calcula el motor común (redes/redes.js) y el trazo se prepara como un
 * dígito de MNIST con redes/trazo.js; aquí solo está la interfaz del panel. El guion de la red se
 * pide al terminar de cargar la página (la dirección va en data-modelo del panel), para que no
 * retrase lo que el lector ve primero.
 */
(function (Taller) {
  "use strict";

  const LADO = Taller.trazo.LADO;

  function iniciar(panel) {
    const lienzo = panel.querySelector(".taller-dibujo__lienzo");
    const vista = panel.querySelector(".taller-dibujo__entrada");
    const texto = panel.querySelector(".taller-dibujo__prediccion");
    const barras = panel.querySelector(".taller-dibujo__barras");
    const red = Taller.redes.crearRed(window.TALLER_MODELO);
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

    const estado = { entrada: null, probabilidades: null };

    function mostrarEntrada(entrada) {
      const v = vista.getContext("2d"), imagen = v.createImageData(LADO, LADO);
      for (let i = 0; i < LADO * LADO; i++) {
        const gris = 255 - Math.round(255 * (entrada ? entrada[i] : 0));
        imagen.data.set([gris, gris, gris, 255], i * 4);
      }
      v.putImageData(imagen, 0, 0);
    }

    function actualizar() {
      const entrada = Taller.trazo.preprocesar(lienzo);
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
      const p = red.predecir(entrada);
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

    const superficie = Taller.trazo.dibujable(lienzo, actualizar);
    function borrar() { superficie.borrar(); actualizar(); }
    panel.querySelector(".taller-dibujo__borrar").addEventListener("click", borrar);
    actualizar();

    // Para las pruebas y la medición de velocidad.
    window.tallerDibujo = {
      borrar,
      predecir: actualizar,
      get entrada() { return estado.entrada && Array.from(estado.entrada); },
      get probabilidades() { return estado.probabilidades && Array.from(estado.probabilidades); },
      pintar: superficie.pintar,
      /** Mediana (ms) de n predicciones completas: preprocesar + red. */
      medir(n) {
        const tiempos = [];
        for (let i = 0; i < n; i++) { const t = performance.now(); actualizar(); tiempos.push(performance.now() - t); }
        tiempos.sort((a, b) => a - b);
        return tiempos[Math.floor(n / 2)];
      },
    };
  }

  /** Pide la red (un guion de unos 140 KB) cuando la página ya se ve, y después arranca. */
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
})((window.Taller = window.Taller || {}));
