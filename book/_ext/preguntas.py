"""Sintaxis de las preguntas de autoevaluación, la misma para el sitio y para los cuadernos.

Un cuestionario es una directiva ``{autoevaluacion}`` con preguntas ``{pregunta}`` dentro::

    ::::{autoevaluacion}
    :::{pregunta}
    ¿Qué forma tiene $W$ en `Dense(512)` con 784 entradas?

    - [x] $784 \\times 512$
      > Sí: Keras calcula $X W + b$, con $W$ de entradas × unidades.
    - [ ] $512 \\times 784$
      > Es la traspuesta: ...
    :::
    ::::

- Elección única: exactamente una opción ``[x]``. Con la opción ``:multiple:``, casillas: se
  marcan todas las correctas (una o más ``[x]``).
- Numérica: ``:respuesta:`` es un número (``0.286``) o un valor pegado de la construcción
  (``{glue}`nombre``` o ``{glue}`nombre:.2f```), y ``:tolerancia:`` el error absoluto aceptado
  (0 si falta). Las opciones ``[ ]``, si las hay, son respuestas equivocadas frecuentes, cada una
  con su explicación.
- Cada opción lleva su retroalimentación en líneas ``  > ...`` (sangradas dos espacios): por qué
  es correcta o por qué no. Las líneas ``> ...`` sin sangría, al final, son la explicación
  general; en una pregunta numérica es obligatoria.
- Todo el texto (enunciado, opciones, retroalimentación) es MyST: matemáticas, ``{term}``,
  ``{glue:text}``...

Este módulo no depende de Sphinx: lo usan ``autoevaluacion`` (el sitio) y ``myst_a_markdown``
(los cuadernos).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPCION = re.compile(r"^- \[(?P<marca>[ xX])\][ \t]+(?P<texto>\S.*)$")
CITA = re.compile(r"^>(?:[ \t]|$)(?P<resto>.*)$")
PEGADO = re.compile(r"^\{glue(?::text)?\}`(?P<nombre>[^`:]+)(?::(?P<formato>[^`]*))?`$")
VALLA = re.compile(r"^(`{3,}|~{3,})")
SANGRIA = "  "


@dataclass
class Opcion:
    texto: str  # MyST en línea
    correcta: bool
    retro: list[str] = field(default_factory=list)  # líneas de MyST


@dataclass
class Pregunta:
    enunciado: list[str]
    opciones: list[Opcion]
    explicacion: list[str]
    problemas: list[str]


def _cita(linea: str) -> str | None:
    m = CITA.match(linea)
    return None if m is None else m["resto"]


def leer_pregunta(lineas: list[str]) -> Pregunta:
    """Separa el cuerpo de una ``{pregunta}`` en enunciado, opciones y explicación."""
    enunciado: list[str] = []
    opciones: list[Opcion] = []
    explicacion: list[str] = []
    problemas: list[str] = []
    valla = None  # dentro de un bloque de código del enunciado
    for numero, linea in enumerate(lineas, start=1):
        apertura = VALLA.match(linea)
        if valla or (apertura and not opciones and not explicacion):
            enunciado.append(linea)
            if valla is None:
                valla = apertura.group(1)
            elif linea.strip() == valla:
                valla = None
            continue
        opcion = OPCION.match(linea)
        cita = _cita(linea)
        if opcion:
            if explicacion:
                problemas.append(f"línea {numero}: las opciones van antes de la explicación («> ...»)")
            opciones.append(Opcion(opcion["texto"].strip(), opcion["marca"] != " "))
        elif cita is not None:
            explicacion.append(cita)
        elif linea.startswith(SANGRIA) and opciones and not explicacion:
            resto = _cita(linea[len(SANGRIA):].lstrip(" "))
            if resto is None:
                problemas.append(
                    f"línea {numero}: la retroalimentación de una opción va en líneas «  > ...»"
                )
            else:
                opciones[-1].retro.append(resto)
        elif not linea.strip():
            if explicacion:
                explicacion.append("")
            elif not opciones:
                enunciado.append("")
        elif opciones or explicacion:
            problemas.append(f"línea {numero}: texto fuera de lugar después de las opciones: {linea.strip()!r}")
        else:
            enunciado.append(linea)
    while enunciado and not enunciado[-1].strip():
        enunciado.pop()
    while enunciado and not enunciado[0].strip():
        enunciado.pop(0)
    while explicacion and not explicacion[-1].strip():
        explicacion.pop()
    return Pregunta(enunciado, opciones, explicacion, problemas)


def revisar(pregunta: Pregunta, multiple: bool, numerica: bool) -> list[str]:
    """Lo que le falta o le sobra a una pregunta para poder responderla y explicarla."""
    problemas = list(pregunta.problemas)
    correctas = sum(o.correcta for o in pregunta.opciones)
    if not pregunta.enunciado:
        problemas.append("falta el enunciado")
    if numerica:
        if correctas:
            problemas.append("una pregunta numérica no lleva opciones [x]: su respuesta va en :respuesta:")
        if not pregunta.explicacion:
            problemas.append("una pregunta numérica necesita una explicación («> ...» al final)")
    elif len(pregunta.opciones) < 2:
        problemas.append("hacen falta al menos dos opciones («- [x] ...», «- [ ] ...»)")
    elif multiple and correctas < 1:
        problemas.append("con :multiple:, al menos una opción debe ser correcta ([x])")
    elif not multiple and correctas != 1:
        problemas.append(
            f"tiene {correctas} opciones correctas; una pregunta de elección única lleva "
            "exactamente una [x] (o usa :multiple:)"
        )
    for opcion in pregunta.opciones:
        if not any(linea.strip() for linea in opcion.retro):
            problemas.append(f"la opción «{opcion.texto}» no explica por qué es correcta o no («  > ...»)")
    return problemas


def numero(texto: str) -> float | None:
    """El número de un texto como los del libro («401 920», «97.8 %», «−0.5»), o None."""
    limpio = re.sub(r"[\s\u202f\u00a0]", "", texto).removesuffix("%").replace("\u2212", "-")
    try:
        return float(limpio)
    except ValueError:
        return None


def pegado(respuesta: str) -> tuple[str, str] | None:
    """``{glue}`nombre:formato``` → (nombre, formato); None si la respuesta no es un valor pegado."""
    m = PEGADO.match(respuesta.strip())
    return None if m is None else (m["nombre"], m["formato"] or "")
