/*
 * Dentro de la red convolucional: los mapas de características de cada capa de la red del curso
 * para un dígito de prueba o uno dibujado, la cuenta (ventana × núcleo + sesgo) que dio cada valor
 * y un núcleo de 3 × 3 que el lector edita para ver qué hace con el dígito.
 *
 * La red es la de «Dibuja un dígito» (window.TALLER_MODELO) y la calcula el mismo motor
 * (Taller.redes); los 50 dígitos de prueba llegan en window.TALLER_DIGITOS, escritos al construir.
 */
(function (Taller) {
  "use strict";

  const { comun, redes, trazo } = Taller;
  const LADO = trazo.LADO, ANCHO = 300;
  const NUCLEOS = {
    "bordes-verticales": ["Bordes verticales", [-1, 0, 1, -1, 0, 1, -1, 0, 1]],
    "bordes-horizontales": ["Bordes horizontales", [-1, -1, -1, 0, 0, 0, 1, 1, 1]],
    desenfoque: ["Desenfoque (promedio)", Array(9).fill(0.11)],
    realce: ["Realce", [0, -1, 0, -1, 5, -1, 0, -1, 0]],
    identidad: ["Identidad", [0, 0, 0, 0, 1, 0, 0, 0, 0]],
    aprendido: ["El núcleo del mapa elegido de conv1", null],
  };

  function nombres(capas) {
    const cuenta = { conv2d: 0, maxpool: 0 };
    return capas.map((capa) => {
      if (capa.tipo === "conv2d") return `conv${++cuenta.conv2d}`;
      if (capa.tipo === "maxpool") return `submuestreo${++cuenta.maxpool}`;
      return capa.tipo;
    });
  }

  function tabla(titulo, valores, lado) {
    const filas = Array.from({ length: lado }, (_, f) =>
      `<tr>${valores.slice(f * lado, f * lado + lado).map((v) => `<td>${comun.numero(v, 2)}</td>`).join("")}</tr>`);
    return `<table class="taller-cnn__tabla"><caption>${titulo}</caption><tbody>${filas.join("")}</tbody></table>`;
  }

  function crear(raiz, vivo, base, indice) {
    if (!window.TALLER_MODELO || !window.TALLER_DIGITOS) throw new Error("faltan la red exportada o los dígitos de prueba: vuelve a construir el libro");
    const red = redes.crearRed(window.TALLER_MODELO);
    const nombre = nombres(red.capas);
    const visibles = red.capas.map((c, i) => i).filter((i) => ["conv2d", "maxpool"].includes(red.capas[i].tipo));
    const digitos = window.TALLER_DIGITOS, bytes = Uint8Array.from(atob(digitos.imagenes), (ch) => ch.charCodeAt(0));
    const pixeles = (k) => bytes.subarray(k * LADO * LADO, (k + 1) * LADO * LADO);
    const id = (n) => `cnn-${indice + 1}-${n}`;
    const conv1 = red.capas.findIndex((c) => c.tipo === "conv2d");

    vivo.innerHTML = `
      <div class="taller-lab__controles">
        <label for="${id("digito")}">Dígito de prueba</label>
        <select id="${id("digito")}" data-control="digito">${digitos.etiquetas.map((e, k) => `<option value="${k}">n.º ${k + 1}: un ${e}</option>`).join("")}<option value="dibujo">Uno dibujado por ti</option></select>
        <label for="${id("capa")}">Capa</label>
        <select id="${id("capa")}" data-control="capa">${visibles.map((i) => `<option value="${i}">${nombre[i]}</option>`).join("")}</select>
        <label for="${id("mapa")}">Mapa</label>
        <input type="number" id="${id("mapa")}" data-control="mapa" min="1" value="1">
        <label for="${id("fila")}">Fila</label>
        <input type="number" id="${id("fila")}" data-control="fila" min="1" value="1">
        <label for="${id("columna")}">Columna</label>
        <input type="number" id="${id("columna")}" data-control="columna" min="1" value="1">
        <label for="${id("canal")}" data-solo="canal">Canal de entrada</label>
        <input type="number" id="${id("canal")}" data-control="canal" data-solo="canal" min="1" value="1">
      </div>
      <div class="taller-cnn__dibujo" hidden>
        <canvas class="taller-cnn__lienzo taller-interactivo__arrastre" width="280" height="280" role="img"
          aria-label="Recuadro para dibujar un dígito con el ratón, el dedo o un lápiz"></canvas>
        <div class="taller-interactivo__botones"><button type="button" data-accion="borrar">Borrar</button></div>
      </div>
      <p class="taller-lab__estado" aria-live="polite"></p>
      <div class="taller-cnn__capas"></div>
      <div class="taller-cnn__detalle">
        <figure><canvas class="taller-cnn__entrada" role="img"></canvas><figcaption class="taller-cnn__rotulo-entrada"></figcaption></figure>
        <figure><canvas class="taller-cnn__salida" role="img"></canvas><figcaption class="taller-cnn__rotulo-salida"></figcaption></figure>
        <div class="taller-cnn__cuenta" aria-live="polite"></div>
      </div>
      <p class="taller-cnn__subtitulo">Prueba un núcleo</p>
      <div class="taller-cnn__editor">
        <div>
          <label for="${id("nucleo")}">Núcleo</label>
          <select id="${id("nucleo")}" data-control="nucleo">${Object.entries(NUCLEOS).map(([k, [t]]) => `<option value="${k}">${t}</option>`).join("")}</select>
          <div class="taller-cnn__pesos" role="group" aria-label="Los nueve pesos del núcleo, por filas">
            ${Array.from({ length: 9 }, (_, i) => `<input type="number" step="0.1" data-peso="${i}" aria-label="Peso de la fila ${Math.floor(i / 3) + 1}, columna ${(i % 3) + 1}">`).join("")}
          </div>
        </div>
        <figure><canvas class="taller-cnn__resultado" role="img"></canvas><figcaption class="taller-cnn__rotulo-resultado"></figcaption></figure>
      </div>`;

    const $ = (s) => vivo.querySelector(s);
    const control = (n) => vivo.querySelector(`[data-control="${n}"]`);
    const pesos = [...vivo.querySelectorAll("[data-peso]")];
    const lienzos = {
      entrada: comun.lienzo($(".taller-cnn__entrada"), 140, 140),
      salida: comun.lienzo($(".taller-cnn__salida"), 140, 140),
      resultado: comun.lienzo($(".taller-cnn__resultado"), 140, 140),
    };
    const dibujo = trazo.dibujable($(".taller-cnn__lienzo"), () => { if (control("digito").value === "dibujo") propagar(); });
    const grillas = visibles.map((i) => {
      const figura = document.createElement("figure");
      figura.innerHTML = `<canvas class="taller-cnn__grilla" role="img"></canvas><figcaption></figcaption>`;
      $(".taller-cnn__capas").appendChild(figura);
      const canvas = figura.querySelector("canvas");
      canvas.addEventListener("click", (e) => {
        const g = grillas.find((x) => x.canvas === canvas), r = canvas.getBoundingClientRect();
        const col = Math.floor((e.clientX - r.left) / r.width * g.columnas), fila = Math.floor((e.clientY - r.top) / r.height * g.filas);
        const mapa = fila * g.columnas + col;
        if (mapa < g.canales) { control("capa").value = i; control("mapa").value = mapa + 1; seleccionar(); }
      });
      return { capa: i, canvas, figura };
    });
    let entrada = null, salidas = [], sel = { capa: visibles[0], mapa: 0, fila: 0, columna: 0, canal: 0 };

    // --- Entrada y propagación --------------------------------------------------------

    function entradaDe(k) { return Float32Array.from(pixeles(k), (p) => p / 255); }

    function propagar() {
      const elegido = control("digito").value;
      entrada = elegido === "dibujo" ? trazo.preprocesar($(".taller-cnn__lienzo")) : entradaDe(Number(elegido));
      $(".taller-cnn__dibujo").hidden = elegido !== "dibujo";
      if (!entrada) {
        salidas = [];
        $(".taller-lab__estado").textContent = "Dibuja un dígito en el recuadro.";
        return;
      }
      salidas = red.propagar(entrada);
      const p = salidas.at(-1).datos;
      let mejor = 0;
      for (let d = 1; d < p.length; d++) if (p[d] > p[mejor]) mejor = d;
      const etiqueta = elegido === "dibujo" ? "" : ` La etiqueta de MNIST es ${digitos.etiquetas[Number(elegido)]}.`;
      $(".taller-lab__estado").textContent = `La red dice ${mejor} (${(100 * p[mejor]).toFixed(1)} % de probabilidad).${etiqueta}`;
      seleccionar();
      dibujarResultado();
    }

    const entradaDeCapa = (i) => (i === 0 ? { h: LADO, w: LADO, c: 1, datos: entrada } : salidas[i - 1]);

    function canal(x, k) {
      const v = new Float32Array(x.h * x.w);
      for (let i = 0; i < v.length; i++) v[i] = x.datos[i * x.c + k];
      return v;
    }

    function normalizar(v) {
      let a = Infinity, b = -Infinity;
      for (const x of v) { a = Math.min(a, x); b = Math.max(b, x); }
      return (x) => (b > a ? (x - a) / (b - a) : 0);
    }

    // --- Dibujo -----------------------------------------------------------------------

    /** Todos los mapas de cada capa en una sola imagen (uno junto a otro, con un píxel entre ellos). */
    function dibujarGrillas() {
      for (const g of grillas) {
        const x = salidas[g.capa];
        g.canales = x.c; g.columnas = x.c <= 32 ? 8 : 16; g.filas = Math.ceil(x.c / g.columnas);
        const ancho = g.columnas * (x.w + 1) + 1, alto = g.filas * (x.h + 1) + 1;
        const imagen = new ImageData(ancho, alto);
        for (let k = 0; k < x.c; k++) {
          const v = canal(x, k), n = normalizar(v), x0 = (k % g.columnas) * (x.w + 1) + 1, y0 = Math.floor(k / g.columnas) * (x.h + 1) + 1;
          for (let f = 0; f < x.h; f++)
            for (let c = 0; c < x.w; c++) comun.pixelViridis(imagen.data, (y0 + f) * ancho + x0 + c, n(v[f * x.w + c]));
        }
        const temporal = document.createElement("canvas");
        temporal.width = ancho; temporal.height = alto;
        temporal.getContext("2d").putImageData(imagen, 0, 0);
        const escala = ANCHO / ancho, ctx = comun.lienzo(g.canvas, ANCHO, alto * escala);
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(temporal, 0, 0, ANCHO, alto * escala);
        if (g.capa === sel.capa) {
          ctx.strokeStyle = comun.NARANJA; ctx.lineWidth = 2;
          ctx.strokeRect((sel.mapa % g.columnas) * (x.w + 1) * escala, Math.floor(sel.mapa / g.columnas) * (x.h + 1) * escala,
            (x.w + 2) * escala, (x.h + 2) * escala);
        }
        const texto = `${nombre[g.capa]}: ${x.c} mapas de ${x.h} × ${x.w}`;
        g.figura.querySelector("figcaption").textContent = texto + (g.capa === sel.capa ? ` (elegido: el mapa ${sel.mapa + 1})` : "");
        g.canvas.setAttribute("aria-label", `${texto}; los colores claros son valores altos.`);
      }
    }

    function seleccionar() {
      if (!salidas.length) return;
      const acotar = (v, n) => Math.min(n - 1, Math.max(0, Number.isInteger(v) ? v : 0));
      const capa = Number(control("capa").value), x = salidas[capa], previa = entradaDeCapa(capa);
      sel = { capa, mapa: acotar(Number(control("mapa").value) - 1, x.c), fila: acotar(Number(control("fila").value) - 1, x.h),
        columna: acotar(Number(control("columna").value) - 1, x.w), canal: acotar(Number(control("canal").value) - 1, previa.c) };
      const escribir = (n, v, maximo) => { const campo = control(n); campo.max = maximo; if (document.activeElement !== campo) campo.value = v + 1; };
      escribir("mapa", sel.mapa, x.c); escribir("fila", sel.fila, x.h); escribir("columna", sel.columna, x.w);
      escribir("canal", sel.canal, previa.c);
      const conCanal = red.capas[capa].tipo === "conv2d" && previa.c > 1;
      vivo.querySelectorAll('[data-solo="canal"]').forEach((e) => { e.hidden = !conCanal; });
      dibujarGrillas();
      dibujarDetalle();
    }

    function dibujarDetalle() {
      const capa = red.capas[sel.capa], x = salidas[sel.capa], previa = entradaDeCapa(sel.capa);
      const entradaCanal = capa.tipo === "conv2d" ? sel.canal : sel.mapa;
      const v = canal(previa, entradaCanal), n = normalizar(v);
      const ctx = lienzos.entrada, lado = 140, k = lado / Math.max(previa.h, previa.w);
      ctx.clearRect(0, 0, lado, lado);
      comun.pintarMatriz(ctx, v, previa.h, previa.w, (t) => comun.viridis(n(t)), 0, 0, lado);
      const [vh, vw] = capa.tipo === "conv2d" ? capa.nucleo : capa.ventana, [sh, sw] = capa.paso;
      let cuenta;
      if (capa.tipo === "conv2d") {
        const d = redes.detalleConv(previa, capa, sel.fila, sel.columna, sel.mapa), c = d.canales[sel.canal];
        const varios = previa.c > 1 ? `<p>En el canal ${sel.canal + 1}: Σ ventana × núcleo = ${comun.numero(c.suma)}. Sumando los ${previa.c} canales: ${comun.numero(d.suma)}.</p>` : `<p>Σ ventana × núcleo = ${comun.numero(d.suma)}.</p>`;
        cuenta = `<div class="taller-cnn__tablas">${tabla(`Ventana ${vh} × ${vw} de la entrada${previa.c > 1 ? ` (canal ${sel.canal + 1})` : ""}`, c.ventana, vh)}` +
          `${tabla(`Núcleo del mapa ${sel.mapa + 1}${previa.c > 1 ? ` (canal ${sel.canal + 1})` : ""}`, c.nucleo, vh)}</div>${varios}` +
          `<p>z = ${comun.numero(d.suma)} + sesgo ${comun.numero(d.sesgo)} = ${comun.numero(d.z)}; ReLU(z) = ${comun.numero(d.salida)}, el valor del mapa en la fila ${sel.fila + 1}, columna ${sel.columna + 1}.</p>`;
      } else {
        const ventana = [];
        for (let dy = 0; dy < vh; dy++) for (let dx = 0; dx < vw; dx++) ventana.push(v[(sel.fila * sh + dy) * previa.w + sel.columna * sw + dx]);
        cuenta = `<div class="taller-cnn__tablas">${tabla(`Ventana ${vh} × ${vw} del mapa ${sel.mapa + 1} de la capa anterior`, ventana, vh)}</div>` +
          `<p>El submuestreo máximo se queda con el mayor: ${comun.numero(Math.max(...ventana))}, el valor del mapa en la fila ${sel.fila + 1}, columna ${sel.columna + 1}.</p>`;
      }
      ctx.strokeStyle = comun.NARANJA; ctx.lineWidth = 2;
      ctx.strokeRect(sel.columna * sw * k, sel.fila * sh * k, vw * k, vh * k);
      const previoNombre = sel.capa === 0 ? "la imagen de entrada" : `${nombre[sel.capa - 1]}, mapa ${entradaCanal + 1}`;
      $(".taller-cnn__rotulo-entrada").textContent = `Entrada de la capa: ${previoNombre}; el recuadro es la ventana.`;
      $(".taller-cnn__entrada").setAttribute("aria-label", `Entrada de ${nombre[sel.capa]} (${previoNombre}) con la ventana en la fila ${sel.fila + 1}, columna ${sel.columna + 1}.`);
      const mapa = canal(x, sel.mapa), nm = normalizar(mapa), ks = lado / Math.max(x.h, x.w);
      lienzos.salida.clearRect(0, 0, lado, lado);
      comun.pintarMatriz(lienzos.salida, mapa, x.h, x.w, (t) => comun.viridis(nm(t)), 0, 0, lado);
      lienzos.salida.strokeStyle = comun.NARANJA; lienzos.salida.lineWidth = 2;
      lienzos.salida.strokeRect(sel.columna * ks, sel.fila * ks, ks, ks);
      $(".taller-cnn__rotulo-salida").textContent = `${nombre[sel.capa]}, mapa ${sel.mapa + 1} (${x.h} × ${x.w}); el recuadro es el valor elegido. Toca el mapa para elegir otro.`;
      $(".taller-cnn__salida").setAttribute("aria-label", `Mapa ${sel.mapa + 1} de ${nombre[sel.capa]}; valor ${comun.numero(mapa[sel.fila * x.w + sel.columna])} en la fila ${sel.fila + 1}, columna ${sel.columna + 1}.`);
      $(".taller-cnn__cuenta").innerHTML = cuenta;
    }

    $(".taller-cnn__salida").addEventListener("click", (e) => {
      const x = salidas[sel.capa], r = e.currentTarget.getBoundingClientRect();
      control("fila").value = Math.floor((e.clientY - r.top) / r.height * x.h) + 1;
      control("columna").value = Math.floor((e.clientX - r.left) / r.width * x.w) + 1;
      seleccionar();
    });

    // --- El núcleo del lector ------------------------------------------------------------

    function nucleo() { return Float64Array.from(pesos, (p) => (Number.isFinite(Number(p.value)) ? Number(p.value) : 0)); }

    /** Convolución sin relleno de la entrada con el núcleo del lector (en float64, sin sesgo ni ReLU). */
    function convolucionar(pesosNucleo, imagen = entrada) {
      const capa = { nucleo: [3, 3], paso: [1, 1], relleno: "valid", filtros: 1, activacion: "linear", pesos: pesosNucleo, sesgos: [0] };
      return redes.conv2d({ h: LADO, w: LADO, c: 1, datos: imagen }, capa, Float64Array);
    }

    function dibujarResultado() {
      if (!entrada) return;
      const r = convolucionar(nucleo());
      let tope = 0;
      for (const v of r.datos) tope = Math.max(tope, Math.abs(v));
      tope = tope || 1;
      lienzos.resultado.clearRect(0, 0, 140, 140);
      comun.pintarMatriz(lienzos.resultado, r.datos, r.h, r.w, (v) => comun.divergente(v / tope), 0, 0, 140);
      const texto = `El dígito convolucionado con tu núcleo (${r.h} × ${r.w}, sin relleno): rojo positivo, azul negativo; el valor más grande en magnitud es ${comun.numero(tope)}.`;
      $(".taller-cnn__rotulo-resultado").textContent = texto;
      $(".taller-cnn__resultado").setAttribute("aria-label", texto);
    }

    function ponerNucleo() {
      const clave = control("nucleo").value;
      const valores = NUCLEOS[clave][1] || Array.from({ length: 9 }, (_, i) => red.capas[conv1].pesos[i * red.capas[conv1].filtros + (sel.capa === conv1 ? sel.mapa : 0)]);
      pesos.forEach((p, i) => { p.value = Number(valores[i].toFixed(3)); });
      dibujarResultado();
    }

    control("digito").addEventListener("change", propagar);
    ["capa", "mapa", "fila", "columna", "canal"].forEach((n) => control(n).addEventListener("input", seleccionar));
    control("capa").addEventListener("change", () => { control("canal").value = 1; seleccionar(); });
    control("nucleo").addEventListener("change", ponerNucleo);
    pesos.forEach((p) => p.addEventListener("input", dibujarResultado));
    vivo.querySelector('[data-accion="borrar"]').addEventListener("click", () => { dibujo.borrar(); propagar(); });

    control("digito").value = base.digito;
    propagar();
    ponerNucleo();

    // Para las pruebas y la medición de velocidad.
    return {
      red,
      nombres: visibles.map((i) => nombre[i]),
      /** Los mapas (alto × ancho × canales, por filas) de cada capa convolucional y de submuestreo. */
      mapas(k) { const s = red.propagar(entradaDe(k)); return visibles.map((i) => ({ forma: [s[i].h, s[i].w, s[i].c], datos: Array.from(s[i].datos) })); },
      elegir(cambios) { for (const [n, v] of Object.entries(cambios)) control(n).value = v; if ("digito" in cambios) propagar(); else seleccionar(); },
      get detalle() { return $(".taller-cnn__cuenta").textContent; },
      get seleccion() { return { ...sel }; },
      convolucion(k, pesosNucleo) { return Array.from(convolucionar(Float64Array.from(pesosNucleo), entradaDe(k)).datos); },
      pintar: dibujo.pintar,
      medir(n, lote = 1) {
        const dibujar = () => { dibujarGrillas(); dibujarDetalle(); dibujarResultado(); comun.terminar(vivo); };
        return { paso: comun.mediana(() => red.propagar(entrada), n, lote), dibujo: comun.mediana(dibujar, n, lote) };
      },
    };
  }

  comun.arrancar(".taller-cnn", crear);
})((window.Taller = window.Taller || {}));
