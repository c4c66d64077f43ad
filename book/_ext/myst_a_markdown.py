"""Convierte el Markdown de MyST de un capítulo en Markdown que Jupyter y Colab entienden.

Las directivas (```{note}, ```{exercise}, ```{literalinclude}, ...) y los roles ({cite:p},
{glue:text}, {term}, {doc}, ...) se sustituyen por Markdown, HTML o LaTeX comunes; los enlaces
internos apuntan al sitio publicado. Lo que no sabe convertir lo reporta, para que nada quede
a medias en silencio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from preguntas import leer_pregunta, pegado

TITULOS = {
    "note": "Nota",
    "tip": "Consejo",
    "hint": "Pista",
    "important": "Importante",
    "warning": "Advertencia",
    "caution": "Precaución",
    "attention": "Atención",
    "danger": "Peligro",
    "error": "Error",
    "seealso": "Véase también",
}

# Directivas de las partes interactivas del sitio → su título; en un cuaderno, un enlace a la página.
INTERACTIVOS = {
    "dibuja-digito": "Dibuja un dígito",
    "laboratorio": "Laboratorio de redes",
    "descenso-a-mano": "Descenso de gradiente a mano",
    "dentro-de-la-cnn": "Dentro de la red convolucional",
}
PAGINA_DE = {"dibuja-digito": "/book/11-dibuja"}  # las demás viven en la página que las incluye

APERTURA = re.compile(r"^(?P<sangria>[ \t]*)(?P<valla>`{3,}|:{3,})\{(?P<nombre>[\w:-]+)\}[ \t]*(?P<arg>.*)$")
OPCION = re.compile(r"^[ \t]*:(?P<clave>[\w-]+):[ \t]*(?P<valor>.*)$")
ROL = re.compile(r"\{(?P<nombre>[\w:-]+)\}`(?P<contenido>[^`]+)`")
ETIQUETA = re.compile(r"^\([\w:.-]+\)=[ \t]*$")
ENLACE_MD = re.compile(r"\]\((?!https?:|mailto:|#)(?P<ruta>[^)\s]+?)\.md(?P<ancla>#[^)\s]*)?\)")
CON_TEXTO = re.compile(r"^(?P<texto>.*?)\s*<(?P<destino>[^<>]+)>$", re.DOTALL)


@dataclass
class Resolutor:
    """Lo que la conversión necesita saber del libro construido."""

    cita: Callable[[list[str], bool], str]  # claves, ¿entre paréntesis? → texto
    pegado: Callable[[str], str]  # "nombre:formato" → valor de la construcción
    termino: Callable[[str], str | None]  # término → URL en el glosario
    documento: Callable[[str], tuple[str, str] | None]  # ruta → (título, URL)
    etiqueta: Callable[[str], tuple[str, str] | None]  # etiqueta → (texto, URL)
    descarga: Callable[[str], str | None]  # ruta de archivo → URL
    incluir: Callable[[str, dict], str]  # ruta y opciones de literalinclude → código
    problemas: list[str] = field(default_factory=list)
    pagina: tuple[str, str] | None = None  # (título, URL) de esta página en el sitio


def _texto_y_destino(contenido: str) -> tuple[str | None, str]:
    m = CON_TEXTO.match(contenido)
    return (m["texto"], m["destino"].strip()) if m else (None, contenido.strip())


def convertir_roles(texto: str, r: Resolutor) -> str:
    """Sustituye los roles de MyST de un párrafo por Markdown común."""

    def sustituir(m: re.Match) -> str:
        nombre, contenido = m["nombre"], m["contenido"]
        if nombre in ("cite", "cite:p", "cite:t", "cite:ps", "cite:ts"):
            claves = [c.strip() for c in contenido.split(",")]
            return r.cita(claves, not nombre.startswith("cite:t"))
        if nombre in ("glue", "glue:text", "glue:"):
            return r.pegado(contenido)
        if nombre == "math":
            return f"${contenido}$"
        texto, destino = _texto_y_destino(contenido)
        if nombre == "term":
            url = r.termino(destino)
            if url:
                return f"[{texto or destino}]({url})"
        elif nombre == "doc":
            doc = r.documento(destino)
            if doc:
                return f"[{texto or doc[0]}]({doc[1]})"
        elif nombre in ("ref", "numref", "eq"):
            etiqueta = r.etiqueta(destino)
            if etiqueta:
                return f"[{texto or etiqueta[0]}]({etiqueta[1]})"
        elif nombre == "download":
            url = r.descarga(destino)
            if url:
                return f"[{texto or destino}]({url})"
        r.problemas.append(f"rol sin convertir: {m.group(0)}")
        return texto or destino

    return ROL.sub(sustituir, texto)


def _lista_de_definiciones(lineas: list[str]) -> list[str]:
    """«Término» + «: definición» (extensión deflist) → viñeta con el término en negritas."""
    salida: list[str] = []
    for linea in lineas:
        if linea.startswith(": ") and salida and salida[-1].strip() and not salida[-1].startswith("- **"):
            termino = salida.pop()
            salida.append(f"- **{termino.strip()}**: {linea[2:].strip()}")
        elif linea.startswith("  ") and salida and salida[-1].startswith("- **"):
            salida.append("  " + linea.strip())
        else:
            salida.append(linea)
    return salida


def _leer_directiva(lineas: list[str], i: int):
    """Devuelve (nombre, argumento, opciones, cuerpo, índice siguiente) de la directiva en i."""
    m = APERTURA.match(lineas[i])
    valla = m["valla"]
    fin = i + 1
    while fin < len(lineas):
        cierre = lineas[fin].strip()
        if cierre and set(cierre) == {valla[0]} and len(cierre) >= len(valla):
            break
        fin += 1
    contenido = lineas[i + 1 : fin]
    opciones: dict[str, str] = {}
    if contenido and contenido[0].strip() == "---":
        cierre = contenido.index("---", 1) if "---" in contenido[1:] else 0
        for linea in contenido[1:cierre]:
            clave, _, valor = linea.partition(":")
            opciones[clave.strip()] = valor.strip()
        contenido = contenido[cierre + 1 :]
    else:
        while contenido and OPCION.match(contenido[0]):
            op = OPCION.match(contenido[0])
            opciones[op["clave"]] = op["valor"].strip()
            contenido = contenido[1:]
    return m["nombre"], m["arg"].strip(), opciones, contenido, fin + 1


def _cita_en_bloque(texto: str) -> list[str]:
    return [f"> {linea}" if linea.strip() else ">" for linea in texto.strip("\n").split("\n")]


class Conversor:
    """Convierte las celdas de Markdown de un capítulo; numera sus ejercicios."""

    def __init__(self, resolutor: Resolutor):
        self.r = resolutor
        self.ejercicios = 0

    def celda(self, fuente: str) -> str:
        """Markdown de MyST de una celda → Markdown común."""
        texto = "\n".join(self._bloque(fuente.split("\n"))).strip("\n")
        return re.sub(r"\n{3,}", "\n\n", texto)

    def _bloque(self, lineas: list[str]) -> list[str]:
        salida: list[str] = []
        i = 0
        en_codigo: str | None = None
        while i < len(lineas):
            linea = lineas[i]
            valla = re.match(r"^[ \t]*(`{3,}|~{3,})", linea)
            if en_codigo:
                salida.append(linea)
                if linea.strip() == en_codigo:
                    en_codigo = None
                i += 1
            elif APERTURA.match(linea):
                nombre, arg, opciones, cuerpo, i = _leer_directiva(lineas, i)
                salida.extend(self._directiva(nombre, arg, opciones, cuerpo))
            elif valla:
                en_codigo = valla.group(1)
                salida.append(linea)
                i += 1
            elif ETIQUETA.match(linea) or linea.lstrip().startswith("% "):
                i += 1
            else:
                salida.append(ENLACE_MD.sub(self._enlace_md, convertir_roles(linea, self.r)))
                i += 1
        return _lista_de_definiciones(salida)

    def _enlace_md(self, m: re.Match) -> str:
        doc = self.r.documento(m["ruta"])
        return f"]({doc[1]}{m['ancla'] or ''})" if doc else m.group(0)

    def _directiva(self, nombre: str, arg: str, opciones: dict, cuerpo: list[str]) -> list[str]:
        if nombre == "autoevaluacion":  # sus preguntas no se convierten como texto común
            return self._autoevaluacion(arg, cuerpo)
        texto = "\n".join(self._bloque(cuerpo))
        desplegable = "dropdown" in opciones.get("class", "")
        if nombre in TITULOS or nombre == "admonition":
            titulo = convertir_roles(arg, self.r) if nombre == "admonition" else TITULOS[nombre]
            if desplegable:
                return ["", f"<details><summary>{titulo}</summary>", "", texto, "", "</details>", ""]
            return ["", *_cita_en_bloque(f"**{titulo}.** {texto.lstrip()}"), ""]
        if nombre == "exercise":
            self.ejercicios += 1
            titulo = f"Ejercicio {self.ejercicios}" + (f" ({convertir_roles(arg, self.r)})" if arg else "")
            return ["", f"**{titulo}.** {texto.lstrip()}", ""]
        if nombre == "solution":
            return ["", "<details><summary>Solución</summary>", "", texto, "", "</details>", ""]
        if nombre == "solution-start":  # la solución sigue en las celdas siguientes, con código
            return ["", f"**Solución.** {texto.lstrip()}".rstrip(), ""]
        if nombre == "solution-end":
            return ["", "---", ""]
        if nombre == "math":
            return ["", "$$", "\n".join(cuerpo).strip(), "$$", ""]
        if nombre in ("code-block", "code", "sourcecode"):
            return ["", f"```{arg}", *cuerpo, "```", ""]
        if nombre == "literalinclude":
            codigo = self.r.incluir(arg, opciones)
            return ["", f"```{opciones.get('language', '')}", codigo.rstrip("\n"), "```", ""]
        if nombre in INTERACTIVOS:  # se ejecuta en el navegador: solo existe en el sitio
            titulo = INTERACTIVOS[nombre]
            doc = self.r.documento(PAGINA_DE[nombre]) if nombre in PAGINA_DE else self.r.pagina
            enlace = f": [{doc[0]}]({doc[1]})" if doc else ""
            return ["", f"> **{titulo}.** Esta parte interactiva funciona en el sitio del curso{enlace}.", ""]
        if nombre == "epigraph":
            return ["", *_cita_en_bloque(texto), ""]
        self.r.problemas.append(f"directiva sin convertir: {nombre}")
        return ["", texto, ""]


    def _autoevaluacion(self, arg: str, cuerpo: list[str]) -> list[str]:
        """Un cuestionario → sus preguntas numeradas, cada una con la respuesta plegada."""
        aviso = (
            "*En el sitio del curso cada pregunta se comprueba al responderla y tu progreso queda "
            "guardado en tu navegador; aquí, la respuesta explicada de cada una está plegada debajo "
            "de ella.*"
        )
        salida = ["", f"**{convertir_roles(arg, self.r)}.**" if arg else "", "", aviso, ""]
        i, numero = 0, 0
        while i < len(cuerpo):
            if not APERTURA.match(cuerpo[i]):
                if cuerpo[i].strip():
                    self.r.problemas.append(f"texto fuera de una pregunta: {cuerpo[i].strip()!r}")
                i += 1
                continue
            nombre, _, opciones, lineas, i = _leer_directiva(cuerpo, i)
            if nombre != "pregunta":
                self.r.problemas.append(f"directiva sin convertir dentro de autoevaluacion: {nombre}")
                continue
            numero += 1
            salida.extend(self._pregunta(numero, opciones, lineas))
        return salida

    def _pregunta(self, numero: int, opciones: dict, lineas: list[str]) -> list[str]:
        p = leer_pregunta(lineas)
        numerica = "respuesta" in opciones
        instruccion = (
            "Escribe un número." if numerica
            else "Marca todas las correctas." if "multiple" in opciones
            else "Elige una."
        )
        enunciado = self._bloque(p.enunciado)
        primera = enunciado[0] if enunciado else ""
        if primera and not primera.startswith(("```", "~~~", "$$", "|", "- ", "> ")):
            enunciado[0] = f"**Pregunta {numero}.** {primera}"
        else:
            enunciado[:0] = [f"**Pregunta {numero}.**", ""]
        salida = ["", *enunciado, "", f"*{instruccion}*", ""]
        letras = "abcdefghijklmnopqrstuvwxyz"
        textos = [convertir_roles(o.texto, self.r) for o in p.opciones]
        if not numerica:
            salida += [f"- {letras[k]}) {texto}" for k, texto in enumerate(textos)]
        solucion = []
        if numerica:
            respuesta = opciones["respuesta"]
            nombre_formato = pegado(respuesta)
            if nombre_formato:
                nombre, formato = nombre_formato
                respuesta = self.r.pegado(f"{nombre}:{formato}" if formato else nombre)
            margen = f" (con un margen de ±{opciones['tolerancia']})" if opciones.get("tolerancia") else ""
            solucion += [f"**Respuesta:** {respuesta}{margen}.", ""]
        for k, (opcion, texto) in enumerate(zip(p.opciones, textos)):
            retro = "\n".join(self._bloque(opcion.retro)).strip("\n")
            if numerica:
                rotulo = f"**Si respondiste {texto}:**"
            else:
                rotulo = f"**{letras[k]}) {'Correcta' if opcion.correcta else 'Incorrecta'}.**"
            solucion += [f"{rotulo} {retro}", ""]
        if p.explicacion:
            solucion += [*self._bloque(p.explicacion), ""]
        return [*salida, "", "<details><summary>Respuesta</summary>", "", *solucion, "</details>", ""]


QUEDA_MYST = re.compile(r"(\{[\w:-]+\}`|^[ \t]*(`{3,}|:{3,})\{|^\([\w:.-]+\)=\s*$)", re.MULTILINE)


def restos_de_myst(markdown: str) -> list[str]:
    """Fragmentos de sintaxis propia de MyST que sigan en un texto ya convertido."""
    return [m.group(0) for m in QUEDA_MYST.finditer(markdown)]
