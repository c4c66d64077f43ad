/* Autoevaluación: comprueba las respuestas en el navegador y guarda el progreso en localStorage.
 *
 * El HTML (book/_ext/autoevaluacion.py) ya se lee sin JavaScript: enunciado, opciones y un
 * <details> con la respuesta explicada. Este programa convierte las opciones en casillas, añade
 * «Comprobar», muestra la retroalimentación de lo elegido y cuenta las correctas. En la página
 * «Tu progreso» llena la tabla de todos los cuestionarios. Nada sale del navegador.
 */
(function () {
  "use strict";

  const CLAVE = "taller-keras:autoevaluacion";

  /* --- Progreso guardado: {cuestionario: {pregunta: {correcta, respuesta}}} --------------- */

  function leerProgreso() {
    try {
      const guardado = JSON.parse(window.localStorage.getItem(CLAVE) || "{}");
      return guardado && typeof guardado === "object" ? guardado : {};
    } catch (error) {
      return {};
    }
  }

  function guardarProgreso(progreso) {
    try {
      window.localStorage.setItem(CLAVE, JSON.stringify(progreso));
      return true;
    } catch (error) {
      return false;  // almacenamiento desactivado o lleno: se comprueba igual, sin guardar
    }
  }

  function correctas(progreso, cuestionario, claves) {
    const respuestas = progreso[cuestionario] || {};
    return claves.filter((clave) => respuestas[clave] && respuestas[clave].correcta).length;
  }

  function conteo(bien, total) {
    return `${bien} de ${total} ${total === 1 ? "correcta" : "correctas"}`;
  }

  /* --- Números escritos por el lector: «0.25», «0,25», «401 920», «1,500», «97.8 %» -------- */

  function leerNumero(texto) {
    let t = String(texto).trim().replace(/[\s\u202f\u00a0]/g, "").replace(/%$/, "")
      .replace(/\u2212/g, "-");
    const coma = t.lastIndexOf(","), punto = t.lastIndexOf(".");
    if (coma >= 0 && punto >= 0) {
      // con los dos signos, el último es el decimal
      t = coma > punto ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
    } else if (/^[-+]?[1-9]\d{0,2}(,\d{3})+$/.test(t)) {
      t = t.replace(/,/g, "");  // 1,500 o 401,920: separador de miles
    } else {
      t = t.replace(",", ".");  // 0,25: coma decimal
    }
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) {
      return null;
    }
    return Number(t);
  }

  /* --- Utilidades del DOM -------------------------------------------------------------------- */

  function crear(etiqueta, atributos, texto) {
    const elemento = document.createElement(etiqueta);
    for (const [nombre, valor] of Object.entries(atributos || {})) {
      elemento.setAttribute(nombre, valor);
    }
    if (texto) {
      elemento.textContent = texto;
    }
    return elemento;
  }

  /* Copia del contenido de un bloque de la solución, sin ids repetidos. */
  function copia(bloque) {
    const nuevo = crear("div", { class: "taller-pregunta__parte" });
    nuevo.append(...[...bloque.childNodes].map((n) => n.cloneNode(true)));
    nuevo.querySelectorAll("[id]").forEach((e) => e.removeAttribute("id"));
    return nuevo;
  }

  function dibujarFormulas(elemento) {
    const mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise && mj.typesetPromise) {
      mj.startup.promise.then(() => mj.typesetPromise([elemento])).catch(() => {});
    }
  }

  /* Una opción que es sólo una fórmula no tiene nombre para un lector de pantalla (la fórmula
     dibujada es aria-hidden y su MathML no cuenta para el nombre): se le da el texto del rótulo
     con el MathML que acompaña a la fórmula (MathJax o KaTeX). */
  function nombrarOpciones(casillas) {
    for (const casilla of casillas) {
      const rotulo = casilla.labels[0];
      if (!rotulo.querySelector(".math, math")) {
        continue;
      }
      const copiaRotulo = rotulo.cloneNode(true);
      copiaRotulo.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove());
      casilla.setAttribute("aria-label", copiaRotulo.textContent.replace(/\s+/g, " ").trim());
    }
  }

  function alDibujarFormulas(accion) {
    const mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise) {
      mj.startup.promise.then(accion).catch(accion);
    } else {
      accion();
    }
  }

  /* --- Una pregunta -------------------------------------------------------------------------- */

  class Pregunta {
    constructor(nodo, alCambiar) {
      this.nodo = nodo;
      this.clave = nodo.dataset.clave;
      this.tipo = nodo.dataset.tipo;
      this.alCambiar = alCambiar;
      this.solucion = nodo.querySelector(".taller-pregunta__solucion");
      const enunciado = nodo.querySelector(".taller-pregunta__enunciado");
      const lista = nodo.querySelector(".taller-pregunta__opciones");
      const nombre = `${nodo.id}-respuesta`;
      if (this.tipo === "numerica") {
        const campo = crear("div", { class: "taller-pregunta__numero" });
        campo.append(crear("label", { for: nombre }, "Tu respuesta:"));
        this.campo = crear("input", {
          type: "text", id: nombre, inputmode: "decimal", autocomplete: "off",
          "aria-describedby": enunciado.id,
        });
        this.campo.addEventListener("keydown", (evento) => {
          if (evento.key === "Enter") {
            evento.preventDefault();
            this.comprobar(true);
          }
        });
        campo.append(this.campo);
        this.solucion.before(campo);
      } else {
        const grupo = crear("div", {
          class: "taller-pregunta__opciones",
          role: this.tipo === "unica" ? "radiogroup" : "group",
          "aria-labelledby": enunciado.id,
        });
        this.casillas = [...lista.children].map((item, i) => {
          const fila = crear("div", { class: "taller-opcion" });
          const casilla = crear("input", {
            type: this.tipo === "unica" ? "radio" : "checkbox",
            id: `${nombre}-${i}`, name: nombre, value: String(i),
          });
          casilla.dataset.correcta = item.dataset.correcta;
          const rotulo = crear("label", { for: casilla.id });
          rotulo.append(...item.querySelector(".taller-opcion__texto").childNodes);
          fila.append(casilla, rotulo);
          grupo.append(fila);
          return casilla;
        });
        lista.replaceWith(grupo);
        alDibujarFormulas(() => nombrarOpciones(this.casillas));
      }
      const boton = crear("button", { type: "button", class: "taller-pregunta__comprobar" }, "Comprobar");
      boton.addEventListener("click", () => this.comprobar(true));
      this.retro = crear("div", { class: "taller-pregunta__retro", role: "status" });
      this.solucion.before(boton, this.retro);
    }

    /* Lo que respondió el lector: índices marcados o el texto escrito. */
    respuesta() {
      if (this.tipo === "numerica") {
        return this.campo.value.trim();
      }
      return this.casillas.filter((c) => c.checked).map((c) => Number(c.value));
    }

    mostrar(respuesta) {
      if (this.tipo === "numerica") {
        this.campo.value = respuesta;
      } else {
        this.casillas.forEach((c, i) => { c.checked = respuesta.includes(i); });
      }
    }

    /* La explicación de una opción; con `rotulo`, precedida de la opción («Incorrecta: …»). */
    retroDe(indice, rotulo) {
      const item = this.solucion.querySelector(`[data-opcion="${indice}"]`);
      return rotulo ? item : item.querySelector(".taller-solucion__retro");
    }

    /* Evalúa la respuesta; devuelve {correcta, partes} o {aviso} si no hay nada que evaluar. */
    evaluar(respuesta) {
      if (this.tipo === "numerica") {
        if (!respuesta) {
          return { aviso: "Escribe un número antes de comprobar." };
        }
        const valor = leerNumero(respuesta);
        if (valor === null) {
          return { aviso: `No entiendo «${respuesta}» como número: escribe, por ejemplo, 0.25 o 401 920.` };
        }
        const esperado = Number(this.nodo.dataset.respuesta);
        const tolerancia = Number(this.nodo.dataset.tolerancia);
        const cerca = (a, b) => Math.abs(a - b) <= tolerancia + 1e-9 * Math.max(1, Math.abs(b));
        if (cerca(valor, esperado)) {
          const texto = this.solucion.querySelector(".taller-solucion__valor").textContent;
          const explicacion = this.solucion.querySelector(".taller-solucion__explicacion");
          return { correcta: true, titulo: `Correcto: ${texto}.`, partes: explicacion ? [explicacion] : [] };
        }
        const frecuente = [...this.solucion.querySelectorAll("[data-valor]")]
          .find((item) => cerca(valor, Number(item.dataset.valor)));
        return {
          correcta: false,
          titulo: `No es correcto (leí tu respuesta como ${valor.toLocaleString("es-MX")}).`,
          partes: frecuente ? [frecuente] : [],
        };
      }
      if (!respuesta.length) {
        return { aviso: this.tipo === "unica" ? "Elige una opción antes de comprobar." : "Marca al menos una opción antes de comprobar." };
      }
      const buenas = this.casillas.filter((c) => c.dataset.correcta === "si").map((c) => Number(c.value));
      const malas = respuesta.filter((i) => !buenas.includes(i));
      const faltan = buenas.filter((i) => !respuesta.includes(i));
      if (this.tipo === "unica") {
        const correcta = !malas.length;
        return {
          correcta,
          titulo: correcta ? "Correcto." : "No es correcto.",
          partes: [this.retroDe(respuesta[0])],
        };
      }
      if (!malas.length && !faltan.length) {
        return { correcta: true, titulo: "Correcto: marcaste todas las correctas y ninguna más.", partes: buenas.map((i) => this.retroDe(i)) };
      }
      let titulo = "No es correcto.";
      if (faltan.length) {
        titulo += faltan.length === 1 ? " Te falta marcar una opción correcta." : ` Te faltan ${faltan.length} opciones correctas.`;
      }
      return { correcta: false, titulo, partes: malas.map((i) => this.retroDe(i, true)) };
    }

    pintar(resultado) {
      this.retro.replaceChildren();
      this.nodo.classList.remove("taller-pregunta--correcta", "taller-pregunta--incorrecta");
      if (!resultado) {
        return;
      }
      if (resultado.aviso) {
        this.retro.append(crear("p", { class: "taller-pregunta__aviso" }, resultado.aviso));
        return;
      }
      this.nodo.classList.add(resultado.correcta ? "taller-pregunta--correcta" : "taller-pregunta--incorrecta");
      this.retro.append(crear("p", { class: "taller-pregunta__juicio" }, resultado.titulo));
      resultado.partes.filter(Boolean).forEach((parte) => this.retro.append(copia(parte)));
      dibujarFormulas(this.retro);
    }

    /* Comprueba lo que está marcado; si `guardar`, avisa al cuestionario para guardarlo. */
    comprobar(guardar) {
      const respuesta = this.respuesta();
      const resultado = this.evaluar(respuesta);
      this.pintar(resultado);
      if (guardar && !resultado.aviso) {
        this.alCambiar(this.clave, { correcta: resultado.correcta, respuesta });
      }
    }

    reiniciar() {
      this.mostrar(this.tipo === "numerica" ? "" : []);
      this.pintar(null);
    }
  }

  /* --- Un cuestionario ----------------------------------------------------------------------- */

  class Cuestionario {
    constructor(nodo) {
      this.id = nodo.dataset.quiz;
      this.preguntas = [...nodo.querySelectorAll(".taller-pregunta")].map(
        (p) => new Pregunta(p, (clave, dato) => this.guardar(clave, dato)));
      this.claves = this.preguntas.map((p) => p.clave);
      const acciones = crear("div", { class: "taller-quiz__acciones" });
      this.estado = crear("p", { class: "taller-quiz__estado", role: "status" });
      const reiniciar = crear("button", { type: "button", class: "taller-quiz__reiniciar" }, "Reiniciar");
      reiniciar.setAttribute("aria-label", "Reiniciar esta autoevaluación: borra sus respuestas guardadas");
      reiniciar.addEventListener("click", () => this.reiniciar());
      acciones.append(this.estado, reiniciar);
      nodo.append(acciones);
      const guardadas = leerProgreso()[this.id] || {};
      for (const pregunta of this.preguntas) {
        const dato = guardadas[pregunta.clave];
        if (dato && dato.respuesta !== undefined) {
          pregunta.mostrar(dato.respuesta);
          pregunta.comprobar(false);
        }
      }
      this.actualizar(true);
    }

    guardar(clave, dato) {
      const progreso = leerProgreso();
      progreso[this.id] = Object.assign(progreso[this.id] || {}, { [clave]: dato });
      this.actualizar(guardarProgreso(progreso));
    }

    reiniciar() {
      const progreso = leerProgreso();
      delete progreso[this.id];
      const guardado = guardarProgreso(progreso);
      this.preguntas.forEach((p) => p.reiniciar());
      this.actualizar(guardado);
    }

    actualizar(guardado) {
      const bien = correctas(leerProgreso(), this.id, this.claves);
      this.estado.textContent = conteo(bien, this.claves.length) +
        (guardado ? "" : " (este navegador no deja guardar tu progreso)");
    }
  }

  /* --- La página «Tu progreso» --------------------------------------------------------------- */

  function llenarProgreso(tabla) {
    const filas = [...tabla.querySelectorAll("tr[data-quiz]")];
    const total = crear("p", { class: "taller-progreso__total", role: "status" });
    const borrar = crear("button", { type: "button", class: "taller-progreso__borrar" }, "Borrar todo mi progreso");

    function pintar() {
      const progreso = leerProgreso();
      let bien = 0, preguntas = 0;
      for (const fila of filas) {
        const claves = fila.dataset.claves.split(" ").filter(Boolean);
        const aciertos = correctas(progreso, fila.dataset.quiz, claves);
        const respondidas = claves.filter((c) => (progreso[fila.dataset.quiz] || {})[c]).length;
        const celda = fila.querySelector(".taller-progreso__estado");
        celda.textContent = respondidas ? conteo(aciertos, claves.length)
          : `sin empezar (${claves.length} ${claves.length === 1 ? "pregunta" : "preguntas"})`;
        fila.classList.toggle("taller-progreso--completo", aciertos === claves.length);
        bien += aciertos;
        preguntas += claves.length;
      }
      total.textContent = `En total: ${conteo(bien, preguntas)}.`;
    }

    borrar.addEventListener("click", () => {
      const progreso = leerProgreso();
      filas.forEach((fila) => delete progreso[fila.dataset.quiz]);
      guardarProgreso(progreso);
      pintar();
    });
    tabla.before(total);
    tabla.after(borrar);
    pintar();
  }

  document.querySelectorAll(".taller-quiz").forEach((nodo) => new Cuestionario(nodo));
  document.querySelectorAll("table.taller-progreso").forEach(llenarProgreso);
  window.tallerAutoevaluacion = { leerNumero, leerProgreso, CLAVE };
})();
