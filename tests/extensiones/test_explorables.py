"""Las directivas de los explorables (``book/_ext/explorables.py``) en un libro mínimo: qué escriben,
qué scripts cargan y en qué página, la figura estática y los errores de una opción mal escrita."""

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup

from taller_keras.datos_plano import generar
from taller_keras.perceptron import entrenar_perceptron

RAIZ = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RAIZ / "book" / "_ext"))
import explorables  # noqa: E402


def construir(carpeta: Path, paginas: dict[str, str]) -> subprocess.CompletedProcess:
    (carpeta / "_config.yml").write_text(textwrap.dedent(f"""\
        title: Explorables
        only_build_toc_files: true
        execute:
          execute_notebooks: "off"
        sphinx:
          local_extensions:
            explorables: {RAIZ / "book" / "_ext"}
          config:
            html_static_path: ["{RAIZ / "book" / "_static"}"]
        """), encoding="utf-8")
    capitulos = "".join(f"  - file: {nombre}\n" for nombre in paginas if nombre != "index")
    (carpeta / "_toc.yml").write_text(f"format: jb-book\nroot: index\nchapters:\n{capitulos}", encoding="utf-8")
    for nombre, texto in paginas.items():
        (carpeta / f"{nombre}.md").write_text(texto, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(RAIZ / "book" / "_ext" / "construir.py"), "build", str(carpeta), "-W", "-n"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "TALLER_PROCESOS": "1"},
    )


@pytest.fixture(scope="module")
def libro(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("libro")
    resultado = construir(carpeta, {
        "index": "# Inicio\n\nSin paneles.\n",
        "lab": "# Laboratorio\n\n```{laboratorio}\n:preset: perceptron-xor\n:ruido: 0.2\n```\n",
        "descenso": "# Descenso\n\n```{descenso-a-mano}\n:superficie: doble-valle\n:metodo: adam\n"
                    ":metodos: sgd adam\n:tasa: 0.05\n:inicio: 1.5, 2\n```\n",
    })
    assert resultado.returncode == 0, resultado.stdout[-3000:] + resultado.stderr[-3000:]
    return carpeta / "_build" / "html"


def _sopa(html: Path, pagina: str) -> BeautifulSoup:
    return BeautifulSoup((html / f"{pagina}.html").read_text(encoding="utf-8"), "html.parser")


def test_el_laboratorio_lleva_su_configuracion_y_su_figura(libro):
    sopa = _sopa(libro, "lab")
    raiz = sopa.select_one(".taller-interactivo.taller-laboratorio")
    c = json.loads(raiz["data-config"])
    assert (c["datos"], c["ocultas"], c["activacion"], c["tasa"], c["lote"], c["ruido"], c["epocas"]) == (
        "xor", [], "escalon", 1.0, 0, 0.2, 50)
    assert c["opciones"]["activaciones"][0] == ["escalon", "Escalón"]
    # La figura estática es la del paquete: el perceptrón tras 50 épocas con esos datos.
    X, y = generar("xor", 200, 0.2, 0)
    r = entrenar_perceptron(X, y, 1.0, max_epocas=50)
    img = raiz.select_one(".taller-interactivo__estatico img")
    acierto = f"{100 * (1 - r.errores[-1] / 200):.1f}\u00a0%"
    assert img["alt"] == (f"Regiones de decisión del perceptrón tras 50 épocas con los 200 puntos de «XOR» "
                          f"(α = 1): clasifica bien {acierto} de los puntos.")
    assert (libro / img["src"]).read_bytes().startswith(b"\x89PNG")


def test_scripts_diferidos_solo_en_la_pagina_del_panel(libro):
    def scripts(pagina):
        return [(re.sub(r"^(\.\./)*_static/|\?v=\w+$", "", s["src"]), s.has_attr("defer"))
                for s in _sopa(libro, pagina).select("script[src]")]
    propios = {s for js, _ in explorables.RECURSOS.values() for s in js}
    assert [s for s in scripts("lab") if s[0] in propios] == [(s, True) for s in explorables.RECURSOS["laboratorio"][0]]
    assert [s for s in scripts("descenso") if s[0] in propios] == [
        (s, True) for s in explorables.RECURSOS["descenso-a-mano"][0]]
    assert not [s for s in scripts("index") if s[0] in propios]
    assert (libro / "_static" / "explorables" / "laboratorio.js").is_file()


def test_el_descenso_lleva_sus_opciones(libro):
    raiz = _sopa(libro, "descenso").select_one(".taller-descenso")
    c = json.loads(raiz["data-config"])
    assert (c["superficie"], c["metodo"], c["metodos"], c["tasa"], c["inicio"]) == (
        "doble-valle", "adam", ["sgd", "adam"], 0.05, [1.5, 2.0])
    assert c["superficies"]["cuadratica"] == {"titulo": "La cuadrática del capítulo", "tipo": "cuadratica",
                                              "A": [[3.0, 2.0], [2.0, 6.0]], "centro": [0.0, 0.0]}
    assert raiz.select_one("img")["alt"].startswith("Dos valles: curvas de nivel y 20 pasos de adam con α = 0.05 desde (1.5, 2).")


@pytest.mark.parametrize(("opciones", "mensaje"), [
    (":ocultas: 4 4 4", "{laboratorio}: opción «ocultas»: ocultas debe ser «ninguna» o hasta 2 números de "
                        "neuronas entre 1 y 8, por ejemplo «4» o «4 4»; recibí «4 4 4»."),
    (":tasa: 0.5", "{laboratorio}: opción «tasa»: la tasa «0.5» no está entre las del control: "
                   "0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30."),
    (":preset: otro", "{laboratorio}: no hay un preset «otro»; usa uno de: perceptron-xor, xor-dos-ocultas, "
                      "tasa-demasiado-grande."),
    (":ruido: mucho", "{laboratorio}: opción «ruido»: debe ser un número, como 0.1; recibí «mucho»."),
])
def test_una_opcion_mal_escrita_da_un_error_en_espanol(tmp_path, opciones, mensaje):
    resultado = construir(tmp_path, {"index": "# Inicio\n", "malo": f"# Malo\n\n```{{laboratorio}}\n{opciones}\n```\n"})
    assert resultado.returncode != 0
    assert mensaje in resultado.stderr, resultado.stderr[-2000:]


def test_opciones_de_los_controles():
    assert explorables.OPCIONES_LABORATORIO["ocultas"]("ninguna") == []
    assert explorables.OPCIONES_LABORATORIO["ocultas"]("8, 3") == [8, 3]
    assert explorables.OPCIONES_LABORATORIO["lote"]("completo") == 0
    assert explorables.lote_de({"lote": 0, "puntos": 200}) is None
    assert explorables.lote_de({"lote": 50, "puntos": 40}) is None
    assert explorables.lote_de({"lote": 10, "puntos": 200}) == 10
    assert explorables.hiperparametros({**explorables.DESCENSO, "metodo": "adam"}) == {
        "tasa": 0.2, "beta1": 0.9, "beta2": 0.999}
    fig, texto = explorables.figura_laboratorio({**explorables.LABORATORIO, **explorables.PRESETS["tasa-demasiado-grande"]})
    maximo = float(re.search(r"salta hasta ([\d.]+)", texto).group(1))
    assert maximo > 5 and np.isfinite(maximo)
