"""Pruebas del conversor de MyST a Markdown común (el de los cuadernos descargables)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "book" / "_ext"))

from myst_a_markdown import Conversor, Resolutor, restos_de_myst  # noqa: E402

SITIO = "https://ejemplo.org/curso/"


def resolutor() -> Resolutor:
    pegados = {"precision": "0.9781", "resumen": "'modo «muestra»'"}
    return Resolutor(
        cita=lambda claves, par: ("(" if par else "") + "; ".join(claves) + (")" if par else ""),
        pegado=lambda c: pegados[c.split(":")[0]] if ":" not in c else format(float(pegados[c.split(":")[0]]), c.split(":")[1]),
        termino=lambda t: SITIO + "glosario.html#term-" + t if t in ("época", "lote") else None,
        documento=lambda d: ("MNIST", SITIO + "book/06-mnist.html") if d.endswith("06-mnist") else None,
        etiqueta=lambda e: ("Figura de dígitos", SITIO + "book/06-mnist.html#fig") if e == "fig-digitos" else None,
        descarga=lambda r: SITIO + "_downloads/abc/mlp.keras" if r.endswith("mlp.keras") else None,
        incluir=lambda ruta, op: f"def {op['pyobject']}():\n    pass\n",
    )


def convertir(texto: str):
    r = resolutor()
    return Conversor(r).celda(texto), r.problemas


def test_roles():
    md, problemas = convertir(
        "Según {cite:p}`lecun1998` y {cite:t}`chollet2018`, una {term}`época` o varias "
        "{term}`épocas <época>`; precisión {glue:text}`precision:.3f`; ver {doc}`06-mnist` y "
        "{ref}`fig-digitos`; {download}`el modelo <modelos/mlp.keras>`; {math}`x^2`."
    )
    assert md == (
        "Según (lecun1998) y chollet2018, una [época](https://ejemplo.org/curso/glosario.html#term-época) "
        "o varias [épocas](https://ejemplo.org/curso/glosario.html#term-época); precisión 0.978; ver "
        "[MNIST](https://ejemplo.org/curso/book/06-mnist.html) y "
        "[Figura de dígitos](https://ejemplo.org/curso/book/06-mnist.html#fig); "
        "[el modelo](https://ejemplo.org/curso/_downloads/abc/mlp.keras); $x^2$."
    )
    assert problemas == []


def test_admoniciones_ejercicios_y_soluciones():
    md, problemas = convertir(
        "```{note}\nUna nota.\n```\n\n"
        "```{admonition} Datos de esta página\n:class: note\n\nTexto.\n```\n\n"
        "```{exercise}\n:label: ej-1\n\n¿Cuánto vale $2+2$?\n```\n\n"
        "````{solution} ej-1\n:class: dropdown\n\nCuatro:\n\n```python\nprint(2 + 2)\n```\n````\n"
    )
    assert md == (
        "> **Nota.** Una nota.\n\n"
        "> **Datos de esta página.** Texto.\n\n"
        "**Ejercicio 1.** ¿Cuánto vale $2+2$?\n\n"
        "<details><summary>Solución</summary>\n\nCuatro:\n\n```python\nprint(2 + 2)\n```\n\n</details>"
    )
    assert problemas == [] and restos_de_myst(md) == []


def test_solucion_con_celdas_de_codigo():
    # Con {solution-start} y {solution-end} la solución abarca varias celdas (texto y código):
    # en el cuaderno queda un rótulo al principio y una línea al final.
    inicio, problemas_inicio = convertir("````{solution-start} ej-1\n:class: dropdown\n````\n\nCuatro:")
    fin, problemas_fin = convertir("Así es.\n\n````{solution-end}\n````")
    assert inicio == "**Solución.**\n\nCuatro:"
    assert fin == "Así es.\n\n---"
    assert problemas_inicio == problemas_fin == []
    assert restos_de_myst(inicio) == restos_de_myst(fin) == []


def test_literalinclude_math_y_etiquetas():
    md, problemas = convertir(
        "(cap-mnist)=\n# Título\n\n```{literalinclude} ../code/m.py\n:language: python\n"
        ":pyobject: escalar\n```\n\n```{math}\na = b\n```"
    )
    assert md == "# Título\n\n```python\ndef escalar():\n    pass\n```\n\n$$\na = b\n$$"
    assert problemas == []


def test_listas_de_definiciones_y_enlaces_md():
    md, _ = convertir("`completo`\n: Las 70 000 imágenes,\n  descargadas.\n\nVer [el capítulo](06-mnist.md#cargar).")
    assert md == (
        "- **`completo`**: Las 70 000 imágenes,\n  descargadas.\n\n"
        "Ver [el capítulo](https://ejemplo.org/curso/book/06-mnist.html#cargar)."
    )


def test_bloques_de_codigo_no_se_tocan():
    texto = "```python\nx = {cite}`no es un rol aquí`\n```"
    md, problemas = convertir(texto)
    assert md == texto and problemas == []


@pytest.mark.parametrize(
    "texto, problema",
    [
        ("{numref}`no-existe`", "rol sin convertir: {numref}`no-existe`"),
        ("```{raro}\ncuerpo\n```", "directiva sin convertir: raro"),
    ],
)
def test_lo_que_no_sabe_convertir_se_reporta(texto, problema):
    _, problemas = convertir(texto)
    assert problemas == [problema]


def test_restos_de_myst():
    assert restos_de_myst("Texto {term}`x` y\n```{note}\n") == ["{term}`", "```{"]
    assert restos_de_myst("Texto normal con `código` y $x$") == []


CUESTIONARIO = """\
::::{autoevaluacion} Comprobación rápida
:::{pregunta}
¿Qué forma tiene $W$?

- [x] $784 \\times 512$
  > Sí: entradas × {term}`lote`.
- [ ] $512 \\times 784$
  > Es la traspuesta.
:::

:::{pregunta}
:respuesta: {glue}`precision:.2f`
:tolerancia: 0.01
¿Cuánto vale la exactitud?

- [ ] 0.5
  > Es adivinar.

> Es {glue:text}`precision:.3f`.
:::

:::{pregunta}
:multiple:
```python
x = 1
```

- [x] uno
  > Bien.
- [ ] dos
  > Mal.
:::
::::"""


def test_autoevaluacion_se_vuelve_lista_con_respuestas_plegadas():
    md, problemas = convertir(CUESTIONARIO)
    assert md == (
        "**Comprobación rápida.**\n\n"
        "*En el sitio del curso cada pregunta se comprueba al responderla y tu progreso queda "
        "guardado en tu navegador; aquí, la respuesta explicada de cada una está plegada debajo "
        "de ella.*\n\n"
        "**Pregunta 1.** ¿Qué forma tiene $W$?\n\n*Elige una.*\n\n"
        "- a) $784 \\times 512$\n- b) $512 \\times 784$\n\n"
        "<details><summary>Respuesta</summary>\n\n"
        "**a) Correcta.** Sí: entradas × [lote](https://ejemplo.org/curso/glosario.html#term-lote).\n\n"
        "**b) Incorrecta.** Es la traspuesta.\n\n</details>\n\n"
        "**Pregunta 2.** ¿Cuánto vale la exactitud?\n\n*Escribe un número.*\n\n"
        "<details><summary>Respuesta</summary>\n\n"
        "**Respuesta:** 0.98 (con un margen de ±0.01).\n\n"
        "**Si respondiste 0.5:** Es adivinar.\n\nEs 0.978.\n\n</details>\n\n"
        "**Pregunta 3.**\n\n```python\nx = 1\n```\n\n*Marca todas las correctas.*\n\n"
        "- a) uno\n- b) dos\n\n"
        "<details><summary>Respuesta</summary>\n\n"
        "**a) Correcta.** Bien.\n\n**b) Incorrecta.** Mal.\n\n</details>"
    )
    assert problemas == [] and restos_de_myst(md) == []


def test_autoevaluacion_con_algo_que_no_es_pregunta_se_reporta():
    _, problemas = convertir("::::{autoevaluacion}\nTexto suelto.\n:::{nota}\nx\n:::\n::::")
    assert problemas == [
        "texto fuera de una pregunta: 'Texto suelto.'",
        "directiva sin convertir dentro de autoevaluacion: nota",
    ]


def test_las_partes_interactivas_remiten_al_sitio():
    r = resolutor()
    r.pagina = ("Retropropagación", SITIO + "book/05-retropropagacion.html")
    md = Conversor(r).celda("Antes.\n\n```{laboratorio}\n:preset: tasa-demasiado-grande\n```\n\n"
                            "```{descenso-a-mano}\n```\n\nDespués.")
    assert md == (
        "Antes.\n\n> **Laboratorio de redes.** Esta parte interactiva funciona en el sitio del curso: "
        "[Retropropagación](https://ejemplo.org/curso/book/05-retropropagacion.html).\n\n"
        "> **Descenso de gradiente a mano.** Esta parte interactiva funciona en el sitio del curso: "
        "[Retropropagación](https://ejemplo.org/curso/book/05-retropropagacion.html).\n\nDespués."
    )
    assert r.problemas == [] and restos_de_myst(md) == []
    # «Dibuja un dígito» vive en su propia página; si no se encuentra, no hay enlace.
    md, problemas = convertir("```{dibuja-digito}\n```")
    assert md == "> **Dibuja un dígito.** Esta parte interactiva funciona en el sitio del curso."
    assert problemas == []
