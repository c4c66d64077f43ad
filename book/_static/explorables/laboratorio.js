/*
 * Laboratorio de redes: una red pequeña que se entrena en vivo con datos del plano.
 *
 * Los datos salen de Taller.datosPlano (los de taller_keras.datos_plano) y la red es la RedDensa o
 * el Perceptron del motor común (los de taller_keras.red_numpy y taller_keras.perceptron): cada paso
 * es una época. La configuración inicial llega en data-config (la escribe la directiva
 * {laboratorio}, que también da las opciones de cada control) y se puede cambiar desde la dirección:
 * #laboratorio:datos=xor;ocultas=2;activacion=tanh;tasa=1;lote=completo;ruido=0.1;semilla=0
 */
(function (Taller) {
  "use strict";

  const { comun, redes } = Taller;
  const RESOLUCION = 50; // celdas por lado de la malla de la región de decisión
  const LADO = 300, ALTO_CURVA = 150, ALTO_PESOS = 170; // tamaños en píxeles CSS
  const CLAVES = ["datos", "ocultas", "activacion", "tasa", "lote", "ruido", "semilla"];

  function opcion(valor, texto, elegido) {
    return `<option value="${valor}"${String(valor) === String(elegido) ? " selected" : ""}>${texto}</option>`;
  }

  function crear(raiz, vivo, base, indice) {
    const o = base.opciones;
    const clave = indice === 0 ? "laboratorio" : `laboratorio-${indice + 1}`;
    const id = (nombre) => `${clave}-${nombre}`;
    vivo.innerHTML = `
      <div class="taller-lab__controles">
        <label for="${id("datos")}">Datos</label>
        <select id="${id("datos")}" data-control="datos">${o.datos.map(([v, t]) => opcion(v, t, base.datos)).join("")}</select>
        <label for="${id("ruido")}">Ruido</label>
        <span class="taller-lab__deslizador"><input type="range" id="${id("ruido")}" data-control="ruido" min="0" max="${o.ruido}" step="0.05"><span data-valor="ruido"></span></span>
        <label for="${id("capas")}">Capas ocultas</label>
        <select id="${id("capas")}" data-control="capas">${[0, 1, 2].slice(0, o.ocultas + 1).map((k) => opcion(k, k, 0)).join("")}</select>
        ${Array.from({ length: o.ocultas }, (_, k) => `
        <label for="${id(`neuronas${k + 1}`)}" data-capa="${k + 1}">Neuronas de la capa oculta ${k + 1}</label>
        <input type="number" id="${id(`neuronas${k + 1}`)}" data-control="neuronas" data-capa="${k + 1}" min="1" max="${o.neuronas}" value="4">`).join("")}
        <label for="${id("activacion")}">Activación</label>
        <select id="${id("activacion")}" data-control="activacion">${o.activaciones.map(([v, t]) => opcion(v, t, base.activacion)).join("")}</select>
        <label for="${id("tasa")}">Tasa de aprendizaje α</label>
        <select id="${id("tasa")}" data-control="tasa">${o.tasas.map((v) => opcion(v, v, base.tasa)).join("")}</select>
        <label for="${id("lote")}">Tamaño del lote</label>
        <select id="${id("lote")}" data-control="lote">${o.lotes.map((v) => opcion(v, v === 0 ? "Lote completo" : v, base.lote)).join("")}</select>
        <label for="${id("semilla")}">Semilla</label>
        <input type="number" id="${id("semilla")}" data-control="semilla" min="0" step="1" value="${base.semilla}">
      </div>
      <div class="taller-interactivo__botones">
        <button type="button" data-accion="reproducir" aria-pressed="false">Reproducir</button>
        <button type="button" data-accion="paso">Un paso (una época)</button>
        <button type="button" data-accion="reiniciar">Reiniciar</button>
      </div>
      <p class="taller-lab__estado" aria-live="polite"></p>
      <p class="taller-lab__nota"></p>
      <div class="taller-lab__vistas">
        <figure><canvas class="taller-lab__region" role="img"></canvas>
          <figcaption>Región de decisión: azul, la red responde 0; naranja, 1; la línea negra es la frontera (probabilidad 0.5). Círculos: clase 0; cuadrados: clase 1.</figcaption></figure>
        <figure><canvas class="taller-lab__curva" role="img"></canvas>
          <figcaption class="taller-lab__rotulo-curva"></figcaption></figure>
        <figure><canvas class="taller-lab__pesos" role="img"></canvas>
          <figcaption>Pesos de la red: el grosor de cada línea es el tamaño del peso; azul si es positivo, naranja si es negativo.</figcaption></figure>
      </div>
      <p><a class="taller-lab__enlace" href="#">Enlace a esta configuración</a></p>`;

    const $ = (selector) => vivo.querySelector(selector);
    const control = (nombre) => vivo.querySelector(`[data-control="${nombre}"]`);
    const neuronas = [...vivo.querySelectorAll('[data-control="neuronas"]')];
    const lienzos = {
      region: comun.lienzo($(".taller-lab__region"), LADO, LADO),
      curva: comun.lienzo($(".taller-lab__curva"), LADO, ALTO_CURVA),
      pesos: comun.lienzo($(".taller-lab__pesos"), LADO, ALTO_PESOS),
    };
    const boton = (accion) => vivo.querySelector(`[data-accion="${accion}"]`);
    const estadoTexto = $(".taller-lab__estado"), nota = $(".taller-lab__nota");
    let s = null, reproduciendo = false, objetivo = 0;

    // --- Configuración: controles, dirección y valores ---------------------------------

    function poner(c) {
      control("datos").value = c.datos;
      control("ruido").value = c.ruido;
      control("capas").value = c.ocultas.length;
      neuronas.forEach((campo, k) => { if (k < c.ocultas.length) campo.value = c.ocultas[k]; });
      control("activacion").value = c.activacion;
      control("tasa").value = c.tasa;
      control("lote").value = c.lote;
      control("semilla").value = c.semilla;
    }

    function leer() {
      const capas = Number(control("capas").value);
      const acotar = (v, a, b, defecto) => (Number.isInteger(v) ? Math.min(b, Math.max(a, v)) : defecto);
      return {
        datos: control("datos").value,
        ruido: Number(control("ruido").value),
        ocultas: neuronas.slice(0, capas).map((campo) => acotar(Number(campo.value), 1, o.neuronas, 4)),
        activacion: control("activacion").value,
        tasa: Number(control("tasa").value),
        lote: Number(control("lote").value),
        semilla: acotar(Number(control("semilla").value), 0, 2 ** 31, 0),
        puntos: base.puntos,
        epocas: base.epocas,
      };
    }

    function aTexto(c) {
      const valores = { ...c, ocultas: c.ocultas.length ? c.ocultas.join("-") : "ninguna", lote: c.lote || "completo" };
      return `#${clave}:` + CLAVES.map((k) => `${k}=${valores[k]}`).join(";");
    }

    /** Aplica lo que pide la dirección (#laboratorio:…); devuelve los avisos de lo que no entendió. */
    function desdeDireccion() {
      const prefijo = `#${clave}:`;
      if (!location.hash.startsWith(prefijo)) return [];
      const avisos = [], c = leer(), validos = {
        datos: (v) => o.datos.some(([d]) => d === v) && v,
        activacion: (v) => o.activaciones.some(([a]) => a === v) && v,
        tasa: (v) => o.tasas.includes(Number(v)) && Number(v),
        lote: (v) => (v === "completo" ? 0 : o.lotes.includes(Number(v)) && Number(v)),
        ruido: (v) => Number(v) >= 0 && Number(v) <= o.ruido && Number(v),
        semilla: (v) => /^\d+$/.test(v) && Number(v),
        ocultas: (v) => {
          if (v === "ninguna") return [];
          const capas = v.split("-").map(Number);
          return capas.length <= o.ocultas && capas.every((n) => Number.isInteger(n) && n >= 1 && n <= o.neuronas) && capas;
        },
      };
      for (const par of decodeURIComponent(location.hash.slice(prefijo.length)).split(";").filter(Boolean)) {
        const [k, v = ""] = par.split("=");
        const valor = validos[k] ? validos[k](v) : false;
        if (valor === false) avisos.push(`«${par}»`);
        else c[k] = valor;
      }
      poner(c);
      return avisos.length ? [`La dirección pide ${avisos.join(", ")}, que no es una opción del laboratorio; se ignora.`] : [];
    }

    // --- Entrenamiento ----------------------------------------------------------------

    function reiniciar(avisos = []) {
      pausar();
      const c = leer(), datos = Taller.datosPlano.generar(c.datos, c.puntos, c.ruido, c.semilla);
      const perceptron = !c.ocultas.length && c.activacion === "escalon";
      const modelo = perceptron ? new redes.Perceptron() : new redes.RedDensa([2, ...c.ocultas, 1], c.activacion, c.semilla);
      s = { c, datos, perceptron, modelo, azar: new Taller.Azar(c.semilla), epoca: 0, historial: [] };
      s.historial.push(medir());
      neuronas.forEach((campo, k) => {
        campo.hidden = k >= c.ocultas.length;
        vivo.querySelector(`label[data-capa="${k + 1}"]`).hidden = campo.hidden;
      });
      control("lote").disabled = perceptron;
      $(".taller-lab__enlace").href = aTexto(c);
      $(".taller-lab__rotulo-curva").textContent = perceptron
        ? "Puntos mal clasificados (%) al final de cada época."
        : "Pérdida (entropía cruzada, escala logarítmica) al final de cada época.";
      nota.textContent = [...avisos, perceptron
        ? "Sin capas ocultas y con escalón, la red es el perceptrón de Rosenblatt: corrige los pesos ejemplo por ejemplo, en orden (el tamaño del lote no cuenta)."
        : c.activacion === "escalon"
          ? "El escalón tiene derivada cero: la retropropagación no mueve los pesos de las capas ocultas, solo los de la salida."
          : ""].join(" ");
      dibujar();
    }

    /** Pérdida (o fracción de errores del perceptrón) con los pesos actuales. */
    function medir() {
      const { X, y, n } = s.datos;
      return s.perceptron ? s.modelo.errores(X, y, n) / n : s.modelo.perdida(X, y, n);
    }

    function paso() {
      const { X, y, n } = s.datos, c = s.c;
      const valor = s.perceptron ? s.modelo.epoca(X, y, n, c.tasa) / n : s.modelo.epoca(X, y, n, c.tasa, c.lote || n, s.azar);
      s.epoca += 1;
      s.historial.push(valor);
    }

    function exactitud() {
      const { X, y, n } = s.datos, z = s.modelo.logit(X, n);
      let bien = 0;
      for (let k = 0; k < n; k++) bien += ((s.perceptron ? z[k] >= 0 : redes.sigmoide(z[k]) >= 0.5) ? 1 : 0) === y[k];
      return bien / n;
    }

    // --- Dibujo -----------------------------------------------------------------------

    function limites() {
      const { X, n } = s.datos, lim = [];
      for (const j of [0, 1]) {
        let a = Infinity, b = -Infinity;
        for (let k = 0; k < n; k++) { a = Math.min(a, X[2 * k + j]); b = Math.max(b, X[2 * k + j]); }
        const holgura = 0.15 * Math.max(b - a, 1);
        lim.push([a - holgura, b + holgura]);
      }
      return lim;
    }

    function color(p) {
      // azul claro (0) — blanco (0.5) — naranja claro (1)
      const [a, b] = p < 0.5 ? [[157, 189, 224], [255, 255, 255]] : [[255, 255, 255], [243, 196, 151]];
      const t = p < 0.5 ? 2 * p : 2 * p - 1;
      return a.map((v, k) => Math.round(v + t * (b[k] - v)));
    }

    function dibujarRegion() {
      const ctx = lienzos.region, [[x0, x1], [y0, y1]] = limites(), m = RESOLUCION;
      const malla = new Float64Array(2 * m * m);
      for (let f = 0; f < m; f++)
        for (let k = 0; k < m; k++) {
          malla[2 * (f * m + k)] = x0 + (k + 0.5) * (x1 - x0) / m;
          malla[2 * (f * m + k) + 1] = y1 - (f + 0.5) * (y1 - y0) / m;
        }
      const z = s.modelo.logit(malla, m * m), imagen = new ImageData(m, m);
      for (let i = 0; i < m * m; i++) {
        const p = s.perceptron ? (z[i] >= 0 ? 1 : 0) : redes.sigmoide(z[i]);
        imagen.data.set([...color(p), 255], 4 * i);
      }
      const pequeno = document.createElement("canvas");
      pequeno.width = pequeno.height = m;
      pequeno.getContext("2d").putImageData(imagen, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(pequeno, 0, 0, LADO, LADO);
      // frontera z = 0 (probabilidad 0.5) por cuadrados que marchan sobre los centros de la malla
      const celda = LADO / m, px = (k) => (k + 0.5) * celda;
      ctx.strokeStyle = "#000"; ctx.lineWidth = 1.5; ctx.beginPath();
      for (let f = 0; f < m - 1; f++)
        for (let k = 0; k < m - 1; k++) {
          const v = [z[f * m + k], z[f * m + k + 1], z[(f + 1) * m + k + 1], z[(f + 1) * m + k]];
          const esquinas = [[px(k), px(f)], [px(k + 1), px(f)], [px(k + 1), px(f + 1)], [px(k), px(f + 1)]];
          const cortes = [];
          for (let e = 0; e < 4; e++) {
            const a = v[e], b = v[(e + 1) % 4];
            if ((a >= 0) !== (b >= 0)) {
              const t = a / (a - b), [pa, pb] = [esquinas[e], esquinas[(e + 1) % 4]];
              cortes.push([pa[0] + t * (pb[0] - pa[0]), pa[1] + t * (pb[1] - pa[1])]);
            }
          }
          for (let e = 0; e + 1 < cortes.length; e += 2) { ctx.moveTo(...cortes[e]); ctx.lineTo(...cortes[e + 1]); }
        }
      ctx.stroke();
      const { X, y, n } = s.datos;
      for (let k = 0; k < n; k++) {
        const cx = (X[2 * k] - x0) / (x1 - x0) * LADO, cy = (y1 - X[2 * k + 1]) / (y1 - y0) * LADO;
        ctx.fillStyle = y[k] ? comun.NARANJA : comun.AZUL;
        ctx.strokeStyle = "#fff"; ctx.lineWidth = 0.8;
        ctx.beginPath();
        if (y[k]) ctx.rect(cx - 3.2, cy - 3.2, 6.4, 6.4); else ctx.arc(cx, cy, 3.4, 0, 2 * Math.PI);
        ctx.fill(); ctx.stroke();
      }
    }

    function dibujarCurva() {
      const ctx = lienzos.curva, h = s.historial, colores = comun.tema(vivo);
      const log = !s.perceptron, valores = h.map((v) => (log ? Math.log10(Math.max(v, 1e-6)) : 100 * v));
      let bajo = Math.min(...valores), alto = Math.max(...valores);
      if (!log) { bajo = 0; alto = Math.max(alto, 1); }
      if (alto - bajo < 1e-9) { bajo -= 0.5; alto += 0.5; }
      const izq = 44, der = LADO - 8, arriba = 10, abajo = ALTO_CURVA - 26, ultima = Math.max(h.length - 1, 10);
      ctx.clearRect(0, 0, LADO, ALTO_CURVA);
      ctx.fillStyle = colores.texto; ctx.strokeStyle = colores.texto; ctx.lineWidth = 1;
      ctx.font = "11px system-ui, sans-serif";
      ctx.beginPath(); ctx.moveTo(izq, arriba); ctx.lineTo(izq, abajo); ctx.lineTo(der, abajo); ctx.stroke();
      const rotulo = (v) => (log ? comun.numero(10 ** v, 2) : `${Math.round(v)} %`);
      ctx.textAlign = "right"; ctx.textBaseline = "middle";
      ctx.fillText(rotulo(alto), izq - 4, arriba); ctx.fillText(rotulo(bajo), izq - 4, abajo);
      ctx.textAlign = "center"; ctx.textBaseline = "top";
      ctx.fillText("0", izq, abajo + 4); ctx.fillText(String(ultima), der, abajo + 4);
      ctx.fillText("época", (izq + der) / 2, abajo + 4);
      ctx.strokeStyle = comun.AZUL; ctx.lineWidth = 2; ctx.beginPath();
      valores.forEach((v, i) => {
        const x = izq + (der - izq) * i / ultima, y = abajo - (abajo - arriba) * (v - bajo) / (alto - bajo);
        if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      ctx.stroke();
    }

    function dibujarPesos() {
      const ctx = lienzos.pesos, capas = [2, ...s.c.ocultas, 1], colores = comun.tema(vivo);
      const W = s.perceptron ? [s.modelo.pesos] : s.modelo.W;
      const x = (l) => 24 + (LADO - 48) * l / (capas.length - 1);
      const y = (l, i) => ALTO_PESOS / 2 + (i - (capas[l] - 1) / 2) * Math.min(20, (ALTO_PESOS - 24) / Math.max(...capas));
      ctx.clearRect(0, 0, LADO, ALTO_PESOS);
      for (let l = 0; l + 1 < capas.length; l++)
        for (let i = 0; i < capas[l]; i++)
          for (let j = 0; j < capas[l + 1]; j++) {
            const w = W[l][i * capas[l + 1] + j];
            ctx.strokeStyle = w >= 0 ? comun.AZUL : comun.NARANJA;
            ctx.lineWidth = Math.min(6, 0.4 + 1.5 * Math.abs(w));
            ctx.beginPath(); ctx.moveTo(x(l), y(l, i)); ctx.lineTo(x(l + 1), y(l + 1, j)); ctx.stroke();
          }
      ctx.font = "11px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      capas.forEach((n, l) => {
        for (let i = 0; i < n; i++) {
          ctx.fillStyle = colores.fondo; ctx.strokeStyle = colores.texto; ctx.lineWidth = 1.2;
          ctx.beginPath(); ctx.arc(x(l), y(l, i), 7, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
        }
        ctx.fillStyle = colores.texto;
        ctx.fillText(l === 0 ? "entrada" : l === capas.length - 1 ? "salida" : `oculta ${l}`, x(l), ALTO_PESOS - 8);
      });
    }

    function dibujar() {
      dibujarRegion(); dibujarCurva(); dibujarPesos();
      const ultimo = s.historial.at(-1), acierto = exactitud();
      const texto = `Época ${s.epoca} · ` + (s.perceptron
        ? `${Math.round(ultimo * s.datos.n)} de ${s.datos.n} puntos mal clasificados`
        : `pérdida ${comun.numero(ultimo)} · exactitud ${(100 * acierto).toFixed(1)} %`);
      estadoTexto.textContent = texto;
      $(".taller-lab__region").setAttribute("aria-label",
        `Región de decisión tras ${s.epoca} épocas: clasifica bien el ${(100 * acierto).toFixed(1)} % de los ${s.datos.n} puntos.`);
      $(".taller-lab__curva").setAttribute("aria-label", `Curva de ${s.perceptron ? "errores" : "pérdida"} de ${s.historial.length} valores; el último es ${comun.numero(ultimo)}.`);
      $(".taller-lab__pesos").setAttribute("aria-label", `Diagrama de la red ${[2, ...s.c.ocultas, 1].join(" × ")} con sus pesos.`);
    }

    // --- Reproducir, pausar, un paso ---------------------------------------------------

    function cuadro() {
      if (!reproduciendo) return;
      paso(); dibujar();
      if (s.epoca >= objetivo) pausar(); else requestAnimationFrame(cuadro);
    }

    function reproducir() {
      reproduciendo = true;
      objetivo = (Math.floor(s.epoca / s.c.epocas) + 1) * s.c.epocas; // la siguiente pausa automática
      boton("reproducir").textContent = "Pausa"; boton("reproducir").setAttribute("aria-pressed", "true");
      estadoTexto.setAttribute("aria-busy", "true");
      requestAnimationFrame(cuadro);
    }

    function pausar() {
      reproduciendo = false;
      boton("reproducir").textContent = "Reproducir"; boton("reproducir").setAttribute("aria-pressed", "false");
      estadoTexto.removeAttribute("aria-busy");
    }

    boton("reproducir").addEventListener("click", () => (reproduciendo ? pausar() : reproducir()));
    boton("paso").addEventListener("click", () => { pausar(); paso(); dibujar(); });
    boton("reiniciar").addEventListener("click", () => reiniciar());
    // Tasa y lote cambian el entrenamiento desde los pesos actuales; lo demás vuelve a empezar.
    vivo.querySelectorAll("[data-control]").forEach((campo) => campo.addEventListener("change", () => {
      const nombre = campo.dataset.control;
      if (nombre === "tasa" || nombre === "lote") {
        Object.assign(s.c, { tasa: Number(control("tasa").value), lote: Number(control("lote").value) });
        $(".taller-lab__enlace").href = aTexto(s.c);
      } else reiniciar();
    }));
    control("ruido").addEventListener("input", () => { vivo.querySelector('[data-valor="ruido"]').textContent = Number(control("ruido").value).toFixed(2); });
    window.addEventListener("hashchange", () => { if (location.hash.startsWith(`#${clave}:`)) reiniciar(desdeDireccion()); });

    poner(base);
    control("ruido").dispatchEvent(new Event("input"));
    reiniciar(desdeDireccion());

    // Para las pruebas y la medición de velocidad.
    return {
      configurar(c) { poner({ ...leer(), ...c }); control("ruido").dispatchEvent(new Event("input")); reiniciar(); },
      pasos(k) { for (let i = 0; i < k; i++) paso(); dibujar(); return s.epoca; },
      get estado() {
        return { configuracion: s.c, epoca: s.epoca, historial: s.historial.slice(), perceptron: s.perceptron,
          parametros: s.modelo.parametros(), exactitud: exactitud(),
          datos: { X: Array.from(s.datos.X), y: Array.from(s.datos.y) } };
      },
      get reproduciendo() { return reproduciendo; },
      medir(n, lote = 1) {
        return { paso: comun.mediana(paso, n, lote), dibujo: comun.mediana(() => { dibujar(); comun.terminar(vivo); }, n, lote) };
      },
    };
  }

  comun.arrancar(".taller-laboratorio", crear);
})((window.Taller = window.Taller || {}));
