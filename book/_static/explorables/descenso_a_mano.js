/*
 * Descenso de gradiente a mano: las curvas de nivel de una pérdida de dos parámetros, un punto de
 * partida que se arrastra (o se escribe) y la trayectoria de un optimizador, paso a paso.
 *
 * Las cuentas son las de Taller.descenso (las de taller_keras.descenso). La configuración y las
 * superficies llegan en data-config, escritas por la directiva {descenso-a-mano}.
 */
(function (Taller) {
  "use strict";

  const { comun, descenso } = Taller;
  const LADO = 300, ALTO_CURVA = 120, CELDAS = 150;
  const ETIQUETAS = { beta: "Momento β", rho: "ρ de RMSprop", beta1: "β₁ de Adam", beta2: "β₂ de Adam" };
  const RANGOS = { beta: [0, 0.99, 0.01], rho: [0, 0.99, 0.01], beta1: [0, 0.99, 0.01], beta2: [0.9, 0.999, 0.001] };

  function crearSuperficie(d) {
    return d.tipo === "cuadratica" ? new descenso.Cuadratica(d.A, d.centro) : new descenso.DobleValle(d.inclinacion);
  }

  function crear(raiz, vivo, base, indice) {
    const id = (nombre) => `descenso-${indice + 1}-${nombre}`;
    const [x0, x1, y0, y1] = base.limites;
    const deslizador = (clave, etiqueta, [a, b, paso]) => `
      <label for="${id(clave)}" data-hiper="${clave}">${etiqueta}</label>
      <span class="taller-lab__deslizador" data-hiper="${clave}"><input type="range" id="${id(clave)}" data-control="${clave}" min="${a}" max="${b}" step="${paso}" value="${base[clave]}"><span data-valor="${clave}"></span></span>`;
    vivo.innerHTML = `
      <div class="taller-lab__controles">
        <label for="${id("superficie")}">Superficie</label>
        <select id="${id("superficie")}" data-control="superficie">${Object.entries(base.superficies).map(([v, s]) => `<option value="${v}">${s.titulo}</option>`).join("")}</select>
        <label for="${id("metodo")}">Método</label>
        <select id="${id("metodo")}" data-control="metodo">${base.metodos.map((m) => `<option value="${m}">${base.nombres[m]}</option>`).join("")}</select>
        <label for="${id("tasa")}">Tasa de aprendizaje α</label>
        <span class="taller-lab__deslizador"><input type="range" id="${id("tasa")}" data-control="tasa" min="-3" max="0.3" step="0.01"><span data-valor="tasa"></span></span>
        ${Object.keys(ETIQUETAS).map((h) => deslizador(h, ETIQUETAS[h], RANGOS[h])).join("")}
        <label for="${id("pasos")}">Pasos</label>
        <input type="number" id="${id("pasos")}" data-control="pasos" min="1" max="200" value="${base.pasos}">
        <label for="${id("w1")}">Inicio w₁</label>
        <input type="number" id="${id("w1")}" data-control="w1" min="${x0}" max="${x1}" step="0.1">
        <label for="${id("w2")}">Inicio w₂</label>
        <input type="number" id="${id("w2")}" data-control="w2" min="${y0}" max="${y1}" step="0.1">
      </div>
      <div class="taller-interactivo__botones">
        <button type="button" data-accion="reproducir" aria-pressed="false">Reproducir</button>
        <button type="button" data-accion="paso">Un paso</button>
        <button type="button" data-accion="inicio">Volver al inicio</button>
      </div>
      <p class="taller-lab__estado" aria-live="polite"></p>
      <p class="taller-lab__nota"></p>
      <div class="taller-lab__vistas">
        <figure><canvas class="taller-descenso__mapa taller-interactivo__arrastre" role="img"></canvas>
          <figcaption>Curvas de nivel de la pérdida (más oscuro, más baja). Arrastra el punto de partida (estrella) con el ratón o el dedo, o escribe sus coordenadas; el signo de más marca cada mínimo.</figcaption></figure>
        <figure><canvas class="taller-descenso__curva" role="img"></canvas>
          <figcaption>Pérdida L(w) en cada paso (escala logarítmica).</figcaption></figure>
      </div>`;

    const $ = (selector) => vivo.querySelector(selector);
    const control = (nombre) => vivo.querySelector(`[data-control="${nombre}"]`);
    const boton = (accion) => vivo.querySelector(`[data-accion="${accion}"]`);
    const mapa = $(".taller-descenso__mapa");
    const ctx = comun.lienzo(mapa, LADO, LADO), ctxCurva = comun.lienzo($(".taller-descenso__curva"), LADO, ALTO_CURVA);
    const fondos = {};
    const c = { superficie: base.superficie, metodo: base.metodo, tasa: base.tasa, pasos: base.pasos,
      inicio: base.inicio.slice(), beta: base.beta, rho: base.rho, beta1: base.beta1, beta2: base.beta2 };
    let superficie, puntos = [], actual = 0, temporizador = null;

    const aPantalla = ([a, b]) => [(a - x0) / (x1 - x0) * LADO, (y1 - b) / (y1 - y0) * LADO];
    const aPlano = ([px, py], ancho, alto) => [x0 + (px / ancho) * (x1 - x0), y1 - (py / alto) * (y1 - y0)];

    function hiperparametros() {
      const h = { tasa: c.tasa };
      for (const nombre of base.hiperparametros[c.metodo]) h[nombre] = c[nombre];
      return h;
    }

    /** Curvas de nivel: bandas de 12 niveles (cuantiles de la pérdida en la malla, como el paquete). */
    function fondo() {
      if (fondos[c.superficie]) return fondos[c.superficie];
      const valores = new Float64Array(CELDAS * CELDAS);
      for (let f = 0; f < CELDAS; f++)
        for (let k = 0; k < CELDAS; k++)
          valores[f * CELDAS + k] = superficie.valor([x0 + (k + 0.5) / CELDAS * (x1 - x0), y1 - (f + 0.5) / CELDAS * (y1 - y0)]);
      const ordenados = Float64Array.from(valores).sort();
      const niveles = Array.from({ length: 12 }, (_, i) => ordenados[Math.floor(((0.9 * i) / 11) ** 2 * (ordenados.length - 1))]);
      const banda = valores.map((v) => niveles.filter((n) => v >= n).length);
      const imagen = new ImageData(CELDAS, CELDAS);
      for (let i = 0; i < banda.length; i++) {
        const borde = (i % CELDAS < CELDAS - 1 && banda[i + 1] !== banda[i]) || (i + CELDAS < banda.length && banda[i + CELDAS] !== banda[i]);
        const gris = borde ? 90 : 175 + 6.5 * banda[i];
        imagen.data.set([gris, gris, Math.min(255, gris + 8), 255], 4 * i);
      }
      const lienzo = document.createElement("canvas");
      lienzo.width = lienzo.height = CELDAS;
      lienzo.getContext("2d").putImageData(imagen, 0, 0);
      return (fondos[c.superficie] = lienzo);
    }

    function calcular() {
      superficie = crearSuperficie(base.superficies[c.superficie]);
      puntos = descenso.trayectoria((w) => superficie.gradiente(w), c.inicio, c.pasos, c.metodo, hiperparametros());
      actual = Math.min(actual, puntos.length - 1);
    }

    function estrella(x, y, r) {
      ctx.beginPath();
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5, radio = i % 2 ? r * 0.45 : r;
        ctx.lineTo(x + radio * Math.cos(a), y + radio * Math.sin(a));
      }
      ctx.closePath(); ctx.fillStyle = "#000"; ctx.fill(); ctx.strokeStyle = "#fff"; ctx.lineWidth = 1; ctx.stroke();
    }

    function dibujar() {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(fondo(), 0, 0, LADO, LADO);
      for (const m of superficie.minimos) {
        const [px, py] = aPantalla(m);
        ctx.strokeStyle = "#000"; ctx.lineWidth = 3; ctx.beginPath();
        ctx.moveTo(px - 7, py); ctx.lineTo(px + 7, py); ctx.moveTo(px, py - 7); ctx.lineTo(px, py + 7); ctx.stroke();
        ctx.strokeStyle = "#fff"; ctx.lineWidth = 1.2; ctx.stroke();
      }
      ctx.save();
      ctx.beginPath(); ctx.rect(0, 0, LADO, LADO); ctx.clip();
      ctx.strokeStyle = comun.NARANJA; ctx.lineWidth = 2; ctx.beginPath();
      puntos.slice(0, actual + 1).forEach((w, i) => { const [px, py] = aPantalla(w); if (i) ctx.lineTo(px, py); else ctx.moveTo(px, py); });
      ctx.stroke();
      ctx.fillStyle = comun.NARANJA;
      puntos.slice(1, actual + 1).forEach((w) => { const [px, py] = aPantalla(w); ctx.beginPath(); ctx.arc(px, py, 3, 0, 2 * Math.PI); ctx.fill(); });
      ctx.restore();
      estrella(...aPantalla(c.inicio), 9);
      dibujarCurva();
      const w = puntos[actual], L = superficie.valor(w);
      const corto = puntos.length - 1 < c.pasos ? ` El método diverge: se detuvo en el paso ${puntos.length - 1}, cuando w se alejó demasiado.` : "";
      $(".taller-lab__estado").textContent =
        `Paso ${actual} de ${puntos.length - 1} · w = (${comun.numero(w[0])}, ${comun.numero(w[1])}) · L(w) = ${comun.numero(L)}.${corto}`;
      mapa.setAttribute("aria-label", `Curvas de nivel de ${base.superficies[c.superficie].titulo.toLowerCase()} con la trayectoria desde (${c.inicio.map((v) => comun.numero(v)).join(", ")}); en el paso ${actual}, L(w) = ${comun.numero(L)}.`);
    }

    function dibujarCurva() {
      const colores = comun.tema(vivo), valores = puntos.map((w) => Math.log10(Math.max(superficie.valor(w) - minimoGlobal(), 1e-12)));
      const izq = 44, der = LADO - 8, arriba = 8, abajo = ALTO_CURVA - 22, n = Math.max(puntos.length - 1, 1);
      const bajo = Math.min(...valores), alto = Math.max(...valores, bajo + 1e-9);
      ctxCurva.clearRect(0, 0, LADO, ALTO_CURVA);
      ctxCurva.font = "11px system-ui, sans-serif"; ctxCurva.fillStyle = colores.texto; ctxCurva.strokeStyle = colores.texto; ctxCurva.lineWidth = 1;
      ctxCurva.beginPath(); ctxCurva.moveTo(izq, arriba); ctxCurva.lineTo(izq, abajo); ctxCurva.lineTo(der, abajo); ctxCurva.stroke();
      ctxCurva.textAlign = "right"; ctxCurva.textBaseline = "middle";
      ctxCurva.fillText(comun.numero(10 ** alto + minimoGlobal(), 2), izq - 4, arriba);
      ctxCurva.fillText(comun.numero(10 ** bajo + minimoGlobal(), 2), izq - 4, abajo);
      ctxCurva.textAlign = "center"; ctxCurva.textBaseline = "top";
      ctxCurva.fillText("paso", (izq + der) / 2, abajo + 4); ctxCurva.fillText(String(n), der, abajo + 4);
      ctxCurva.strokeStyle = comun.NARANJA; ctxCurva.lineWidth = 2; ctxCurva.beginPath();
      valores.slice(0, actual + 1).forEach((v, i) => {
        const x = izq + (der - izq) * i / n, y = abajo - (abajo - arriba) * (v - bajo) / (alto - bajo);
        if (i) ctxCurva.lineTo(x, y); else ctxCurva.moveTo(x, y);
      });
      ctxCurva.stroke();
      $(".taller-descenso__curva").setAttribute("aria-label",
        `Pérdida en cada paso: empieza en ${comun.numero(superficie.valor(puntos[0]))} y en el paso ${actual} vale ${comun.numero(superficie.valor(puntos[actual]))}.`);
    }

    /** La pérdida en el mínimo global: la curva muestra L − L_min en escala logarítmica. */
    function minimoGlobal() { return Math.min(...superficie.minimos.map((m) => superficie.valor(m))); }

    function poner() {
      // sin pisar el campo donde el lector está escribiendo
      const escribir = (nombre, valor) => { if (document.activeElement !== control(nombre)) control(nombre).value = valor; };
      control("superficie").value = c.superficie;
      control("metodo").value = c.metodo;
      control("tasa").value = Math.log10(c.tasa);
      escribir("pasos", c.pasos);
      escribir("w1", c.inicio[0].toFixed(2));
      escribir("w2", c.inicio[1].toFixed(2));
      for (const h of Object.keys(ETIQUETAS)) {
        control(h).value = c[h];
        vivo.querySelectorAll(`[data-hiper="${h}"]`).forEach((e) => { e.hidden = !base.hiperparametros[c.metodo].includes(h); });
      }
      for (const clave of ["tasa", ...Object.keys(ETIQUETAS)]) {
        const texto = clave === "tasa" ? comun.numero(c.tasa) : String(c[clave]);
        vivo.querySelector(`[data-valor="${clave}"]`).textContent = texto;
        control(clave).setAttribute("aria-valuetext", texto);
      }
      const s = base.superficies[c.superficie];
      $(".taller-lab__nota").textContent = s.tipo === "cuadratica" && c.metodo === "sgd"
        ? `En esta cuadrática el descenso de gradiente converge si α < 2/λ_max = ${comun.numero(superficie.tasaMaxima)}.`
        : "";
    }

    function actualizar(todo = true) {
      parar();
      calcular();
      if (todo) actual = puntos.length - 1;
      poner();
      dibujar();
    }

    function parar() {
      clearInterval(temporizador); temporizador = null;
      boton("reproducir").textContent = "Reproducir"; boton("reproducir").setAttribute("aria-pressed", "false");
    }

    function avanzar() {
      if (actual < puntos.length - 1) actual += 1;
      if (actual >= puntos.length - 1) parar();
      dibujar();
    }

    boton("reproducir").addEventListener("click", () => {
      if (temporizador) return parar();
      if (actual >= puntos.length - 1) actual = 0;
      boton("reproducir").textContent = "Pausa"; boton("reproducir").setAttribute("aria-pressed", "true");
      temporizador = setInterval(avanzar, 120);
      dibujar();
    });
    boton("paso").addEventListener("click", () => { parar(); avanzar(); });
    boton("inicio").addEventListener("click", () => { parar(); actual = 0; dibujar(); });

    vivo.querySelectorAll("[data-control]").forEach((campo) => campo.addEventListener("input", () => {
      const nombre = campo.dataset.control, v = Number(campo.value);
      if (nombre === "superficie" || nombre === "metodo") c[nombre] = campo.value;
      else if (nombre === "tasa") c.tasa = Number((10 ** v).toPrecision(2));
      else if (nombre === "pasos") { if (!(Number.isInteger(v) && v >= 1 && v <= 200)) return; c.pasos = v; }
      else if (nombre === "w1" || nombre === "w2") {
        if (!Number.isFinite(v) || campo.value === "") return;
        c.inicio[nombre === "w1" ? 0 : 1] = Math.min(x1, Math.max(x0, v));
        return actualizar();
      } else c[nombre] = v;
      actualizar();
    }));

    comun.arrastrable(mapa, ([px, py, ancho, alto]) => {
      c.inicio = aPlano([px, py], ancho, alto).map((v) => Math.min(x1, Math.max(x0, v)));
      actualizar();
    });

    actualizar();

    // Para las pruebas y la medición de velocidad.
    return {
      configurar(cambios) { Object.assign(c, cambios); actualizar(); },
      get estado() { return { configuracion: { ...c, inicio: c.inicio.slice() }, puntos, actual }; },
      medir(n, lote = 1) {
        actual = 0;
        const paso = comun.mediana(() => { calcular(); actual = (actual + 1) % puntos.length; }, n, lote);
        return { paso, dibujo: comun.mediana(() => { dibujar(); comun.terminar(vivo); }, n, lote) };
      },
    };
  }

  comun.arrancar(".taller-descenso", crear);
})((window.Taller = window.Taller || {}));
