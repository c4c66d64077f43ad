"""Autoevaluación: cuestionarios que se comprueban en el navegador y guardan el progreso.

- ``{autoevaluacion}`` (con un título opcional) es un cuestionario; sus preguntas son
  directivas ``{pregunta}`` (sintaxis en ``preguntas.py``). Todo su texto se lee como MyST,
  así que las matemáticas, ``{term}`` y ``{glue:text}`` funcionan como en el resto de la página
  y las fórmulas las dibuja lo mismo que las del resto del sitio.
- ``{progreso-autoevaluacion}`` es la tabla de la página *Tu progreso*: todos los cuestionarios
  del libro, en el orden del índice; la llena ``autoevaluacion.js`` con lo guardado.

Sin JavaScript cada pregunta es su enunciado, la lista de opciones y un ``<details>`` con la
respuesta explicada. ``_static/autoevaluacion/autoevaluacion.js`` (sólo en las páginas que lo
usan, diferido) convierte las opciones en casillas, comprueba las respuestas y guarda el progreso
en ``localStorage``: nada sale del navegador.
"""

from __future__ import annotations

import hashlib
import posixpath

from docutils import nodes
from myst_nb.core.variables import RetrievalError, format_plain_text
from myst_nb.ext.glue.utils import retrieve_glue_data
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from por_pagina import datos, registrar
from preguntas import leer_pregunta, numero, pegado, revisar

registro = logging.getLogger(__name__)

CUESTIONARIOS = "taller_cuestionarios"  # {página: [{"id", "titulo", "claves"}]}
PROGRESO = "taller_progreso"  # {página con la tabla de progreso: True}
EN_CURSO = "taller_cuestionario_en_curso"  # env.temp_data mientras se lee un cuestionario
TITULO = "Autoevaluación"
JS = "autoevaluacion/autoevaluacion.js"
CSS = "autoevaluacion/autoevaluacion.css"
INSTRUCCIONES = {
    "unica": "Elige una opción.",
    "multiple": "Marca todas las opciones correctas.",
    "numerica": "Escribe un número.",
}
SIN_JS_PROGRESO = (
    '<noscript><p class="taller-progreso__aviso">Esta página lee tu progreso del almacenamiento '
    "de este navegador y para eso necesita JavaScript. Sin él, las autoevaluaciones de cada "
    "capítulo siguen mostrando sus respuestas en «Ver la respuesta».</p></noscript>"
)


class elemento(nodes.General, nodes.Element):
    """Una etiqueta HTML (``etiqueta``, ``atributos``) con sus nodos hijos dentro."""


def _elemento(etiqueta: str, clase: str = "", ident: str = "", **atributos) -> elemento:
    nodo = elemento(etiqueta=etiqueta, atributos=atributos)
    if clase:
        nodo["classes"].append(clase)
    if ident:
        nodo["ids"].append(ident)
    return nodo


def visitar_elemento(self, node: elemento) -> None:
    self.body.append(self.starttag(node, node["etiqueta"], "", **node["atributos"]))


def salir_elemento(self, node: elemento) -> None:
    self.body.append(f"</{node['etiqueta']}>")


def _texto(texto: str, clase: str = "") -> nodes.inline:
    return nodes.inline("", texto, classes=[clase] if clase else [])


class Autoevaluacion(SphinxDirective):
    """Un cuestionario: sus preguntas, el conteo de correctas y el botón para reiniciarlo."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self):
        titulo = self.arguments[0] if self.arguments else TITULO
        ident = "cuestionario-" + nodes.make_id(titulo)
        lista = datos(self.env, CUESTIONARIOS).setdefault(self.env.docname, [])
        if any(c["id"] == ident for c in lista):
            registro.warning(
                f"Dos cuestionarios con el título «{titulo}» en la misma página: dale a cada uno "
                "un título distinto (el argumento de {autoevaluacion}).",
                location=(self.env.docname, self.lineno),
            )
        cuestionario = {"id": ident, "titulo": titulo, "claves": []}
        lista.append(cuestionario)
        caja = _elemento("div", "taller-quiz", ident, **{"data-quiz": f"{self.env.docname}#{ident}"})
        if self.arguments:
            encabezado = _elemento("p", "taller-quiz__titulo")
            encabezado += nodes.strong("", "", *self.parse_inline(titulo)[0])
            caja += encabezado
        preguntas = _elemento("ol", "taller-quiz__preguntas")
        self.env.temp_data[EN_CURSO] = cuestionario
        try:
            contenido = self.parse_content_to_nodes()
        finally:
            del self.env.temp_data[EN_CURSO]
        for nodo in contenido:
            if isinstance(nodo, elemento) and "taller-pregunta" in nodo["classes"]:
                preguntas += nodo
            elif not isinstance(nodo, (nodes.system_message, nodes.comment)):
                registro.warning(
                    "Dentro de {autoevaluacion} sólo van directivas {pregunta}; el texto "
                    f"«{nodo.astext()[:40]}» quedó fuera.",
                    location=(self.env.docname, self.lineno),
                )
        if not cuestionario["claves"]:
            registro.warning("Un {autoevaluacion} sin preguntas {pregunta}.", location=(self.env.docname, self.lineno))
        caja += preguntas
        url = f"{self.config.html_baseurl.rstrip('/')}/{self.env.docname}.html#{ident}"
        caja += nodes.paragraph(
            "", "", nodes.Text("En el sitio del curso esta autoevaluación se comprueba sola y guarda tu "
                               "progreso: "),
            nodes.reference("", url, refuri=url), nodes.Text("."), classes=["taller-quiz__impreso"],
        )
        return [caja]


class Pregunta(SphinxDirective):
    """Una pregunta de elección única, múltiple o numérica (ver ``preguntas.py``)."""

    has_content = True
    option_spec = {
        "multiple": lambda valor: True,
        "respuesta": str,
        "tolerancia": str,
    }

    def _avisar(self, texto: str) -> None:
        registro.warning(f"{{pregunta}}: {texto}", location=(self.env.docname, self.lineno))

    def _bloques(self, lineas: list[str]) -> list[nodes.Node]:
        return self.parse_text_to_nodes("\n".join(lineas)) if lineas else []

    def _valor(self, texto: str, que: str) -> tuple[float, str] | None:
        """Un número escrito o pegado (``{glue}`nombre```) y cómo se escribe en la página."""
        nombre_formato = pegado(texto)
        if nombre_formato:
            nombre, formato = nombre_formato
            try:
                crudo = retrieve_glue_data(self.state.document, nombre).data["text/plain"]
            except (RetrievalError, KeyError):
                self._avisar(f"no hay un valor pegado «{nombre}» en esta página ({que}).")
                return None
            texto = format_plain_text(crudo, formato)
        valor = numero(texto)
        if valor is None:
            self._avisar(f"{que} debe ser un número o un valor pegado numérico; es «{texto}».")
            return None
        return valor, texto

    def run(self):
        cuestionario = self.env.temp_data.get(EN_CURSO)
        if cuestionario is None:
            self._avisar("va dentro de un {autoevaluacion}.")
            return []
        numerica = "respuesta" in self.options
        multiple = "multiple" in self.options
        tipo = "numerica" if numerica else "multiple" if multiple else "unica"
        p = leer_pregunta(list(self.content))
        for problema in revisar(p, multiple, numerica):
            self._avisar(problema)
        clave = hashlib.sha256("\n".join([tipo, *self.content]).encode()).hexdigest()[:10]
        cuestionario["claves"].append(clave)
        atributos = {"data-clave": clave, "data-tipo": tipo}
        respuesta = self._valor(self.options["respuesta"], ":respuesta:") if numerica else None
        if numerica:
            tolerancia = numero(self.options.get("tolerancia", "0"))
            if tolerancia is None or tolerancia < 0:
                self._avisar(f":tolerancia: debe ser un número no negativo; es «{self.options['tolerancia']}».")
                tolerancia = 0.0
            if respuesta:
                atributos.update({"data-respuesta": repr(respuesta[0]), "data-tolerancia": repr(tolerancia)})

        pregunta = _elemento("li", "taller-pregunta", f"{cuestionario['id']}-{clave}", **atributos)
        enunciado = _elemento("div", "taller-pregunta__enunciado", f"{clave}-enunciado")
        enunciado.extend(self._bloques(p.enunciado))
        pregunta += enunciado
        instruccion = nodes.paragraph("", "", _texto(INSTRUCCIONES[tipo]), classes=["taller-pregunta__instruccion"])
        pregunta += instruccion

        textos = [self.parse_inline(o.texto, lineno=self.lineno)[0] for o in p.opciones]
        if not numerica:
            opciones = _elemento("ul", "taller-pregunta__opciones")
            for opcion, texto in zip(p.opciones, textos):
                item = _elemento("li", "taller-opcion", **{"data-correcta": "si" if opcion.correcta else "no"})
                item += nodes.inline("", "", *texto, classes=["taller-opcion__texto"])
                opciones += item
            pregunta += opciones

        solucion = _elemento("details", "taller-pregunta__solucion")
        solucion += _elemento("summary")
        solucion[-1] += nodes.Text("Ver la respuesta")
        if numerica and respuesta:
            margen = f" (se acepta un margen de ±{self.options['tolerancia']})" if tolerancia else ""
            solucion += nodes.paragraph(
                "", "", nodes.strong("", "Respuesta: "),
                _texto(respuesta[1], "taller-solucion__valor"), nodes.Text(margen + "."),
            )
        detalle = _elemento("ul", "taller-solucion")
        for numero_opcion, (opcion, texto) in enumerate(zip(p.opciones, textos)):
            item = _elemento("li", "taller-solucion__opcion", **{"data-opcion": str(numero_opcion)})
            if numerica:
                valor = self._valor(opcion.texto, f"la respuesta frecuente «{opcion.texto}»")
                if valor:
                    item["atributos"]["data-valor"] = repr(valor[0])
                rotulo = [nodes.strong("", "Si respondiste "), *[t.deepcopy() for t in texto], nodes.Text(": ")]
            else:
                juicio = "Correcta" if opcion.correcta else "Incorrecta"
                rotulo = [nodes.strong("", f"{juicio}: "), *[t.deepcopy() for t in texto]]
            item += nodes.paragraph("", "", *rotulo, classes=["taller-solucion__rotulo"])
            retro = _elemento("div", "taller-solucion__retro")
            retro.extend(self._bloques(opcion.retro))
            item += retro
            detalle += item
        if p.opciones:
            solucion += detalle
        if p.explicacion:
            explicacion = _elemento("div", "taller-solucion__explicacion")
            explicacion.extend(self._bloques(p.explicacion))
            solucion += explicacion
        pregunta += solucion
        return [pregunta]


class progreso_pendiente(nodes.General, nodes.Element):
    """Lugar de la tabla de progreso; se llena cuando ya se leyeron todas las páginas."""


class ProgresoAutoevaluacion(SphinxDirective):
    """La tabla de *Tu progreso* (se completa en ``llenar_progreso``)."""

    def run(self):
        datos(self.env, PROGRESO)[self.env.docname] = True
        return [progreso_pendiente(), nodes.raw("", SIN_JS_PROGRESO, format="html")]


def orden_del_libro(env) -> list[str]:
    """Las páginas en el orden del índice (recorriendo los toctree desde la raíz)."""
    orden: list[str] = []
    pendientes = [env.config.root_doc]
    while pendientes:
        doc = pendientes.pop(0)
        if doc not in orden:
            orden.append(doc)
            pendientes[:0] = env.toctree_includes.get(doc, [])
    return orden


def _celda(etiqueta: str, *hijos, clase: str = "") -> elemento:
    celda = _elemento(etiqueta, clase)
    celda.extend(hijos)
    return celda


def llenar_progreso(app, doctree, docname: str) -> None:
    env = app.env
    todos = datos(env, CUESTIONARIOS)
    for pendiente in doctree.findall(progreso_pendiente):
        tabla = _elemento("table", "taller-progreso")
        encabezado = _elemento("tr")
        for titulo in ("Capítulo", "Cuestionario", "Resultado"):
            encabezado += _celda("th", nodes.Text(titulo), clase="taller-progreso__columna")
            encabezado[-1]["atributos"]["scope"] = "col"
        tabla += _celda("thead", encabezado)
        cuerpo = _elemento("tbody")
        for doc in orden_del_libro(env):
            for cuestionario in todos.get(doc, []):
                uri = app.builder.get_relative_uri(docname, doc)
                fila = _elemento("tr", **{
                    "data-quiz": f"{doc}#{cuestionario['id']}",
                    "data-claves": " ".join(cuestionario["claves"]),
                })
                capitulo = nodes.reference("", env.titles[doc].astext(), refuri=uri, internal=True)
                enlace = nodes.reference(
                    "", cuestionario["titulo"], refuri=f"{uri}#{cuestionario['id']}", internal=True)
                fila += _celda("td", nodes.inline("", "", capitulo))
                fila += _celda("td", nodes.inline("", "", enlace))
                n = len(cuestionario["claves"])
                fila += _celda("td", nodes.Text(f"{n} {'pregunta' if n == 1 else 'preguntas'}"),
                               clase="taller-progreso__estado")
                cuerpo += fila
        tabla += cuerpo
        pendiente.replace_self(tabla)


def progreso_al_dia(app, env, agregadas, cambiadas, quitadas) -> list[str]:
    """Si cambió alguna página, la tabla de progreso se vuelve a escribir."""
    return list(datos(env, PROGRESO)) if agregadas or cambiadas or quitadas else []


def agregar_recursos(app, pagename, templatename, context, doctree) -> None:
    """JavaScript y estilos sólo en las páginas con cuestionarios o con la tabla de progreso."""
    if app.builder.name == "singlehtml":
        app.add_css_file(CSS)  # para imprimir: las preguntas sin casillas, con sus respuestas
    elif pagename in datos(app.env, CUESTIONARIOS) or pagename in datos(app.env, PROGRESO):
        app.add_css_file(CSS)
        app.add_js_file(JS, loading_method="defer")


def setup(app):
    manejadores = (visitar_elemento, salir_elemento)
    app.add_node(elemento, html=manejadores, singlehtml=manejadores)
    app.add_node(progreso_pendiente)
    app.add_directive("autoevaluacion", Autoevaluacion)
    app.add_directive("pregunta", Pregunta)
    app.add_directive("progreso-autoevaluacion", ProgresoAutoevaluacion)
    app.connect("doctree-resolved", llenar_progreso)
    app.connect("env-get-outdated", progreso_al_dia)
    app.connect("html-page-context", agregar_recursos)
    registrar(app, CUESTIONARIOS)
    registrar(app, PROGRESO)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
