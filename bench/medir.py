"""Mide la construcción del libro en esta máquina e imprime una tabla (y la guarda en JSON).

Trabaja sobre una copia del repositorio en un directorio temporal, con MNIST en modo
``muestra``, y mide:

- una construcción limpia y el tiempo de ejecución de cada capítulo;
- reconstruir sin cambios, tras editar solo prosa, tras editar una celda de código y tras
  editar el paquete (qué capítulos se volvieron a ejecutar en cada caso);
- el sobrecosto de ``taller_keras.modelos.entrenar`` frente a ``model.fit`` (cociente en una
  misma corrida);
- cuánto tarda cada demostración de *Aplicaciones* (las secciones que entrenan una red),
  ejecutando esa página celda por celda;
- una estimación de la construcción limpia en modo ``completo``.

Uso::

    .venv/bin/python bench/medir.py              # imprime la tabla y escribe bench/resultados.json
    make medir                                   # lo mismo con el entorno del Makefile, y actualiza el README
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
JB = Path(sys.executable).with_name("jupyter-book")
ENTRENAMIENTO_MUESTRA, ENTRENAMIENTO_COMPLETO = 4_000, 60_000
OBJETIVOS = {
    "limpia": 6 * 60,
    "sin_cambios": 20,
    "cociente_entrenar": 1.05,
    "demostracion": 30,
    "limpia_completo_estimada": 20 * 60,
}
MARCA_INICIO, MARCA_FIN = "<!-- medicion:inicio -->", "<!-- medicion:fin -->"


def copiar_repositorio(destino: Path) -> None:
    """Copia los archivos del proyecto (versionados o nuevos, sin ignorados)."""
    archivos = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=RAIZ, capture_output=True, text=True, check=True
    ).stdout.split()
    for nombre in archivos:
        origen = RAIZ / nombre
        if origen.is_file():
            (destino / nombre).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origen, destino / nombre)
    (destino / "node_modules").symlink_to(RAIZ / "node_modules")


def construir(carpeta: Path) -> tuple[float, set[str]]:
    """Construye el libro; devuelve los segundos y qué capítulos se ejecutaron."""
    from jupyter_cache import get_cache

    cache = carpeta / "_build" / ".jupyter_cache"
    antes = {r.pk for r in get_cache(cache).list_cache_records()} if cache.exists() else set()
    inicio = time.perf_counter()
    resultado = subprocess.run(
        [str(JB), "build", str(carpeta), "--keep-going"],
        capture_output=True, text=True,
    )
    segundos = time.perf_counter() - inicio
    if resultado.returncode != 0:
        sys.exit(f"La construcción falló:\n{resultado.stdout[-4000:]}\n{resultado.stderr[-4000:]}")
    nuevos = {Path(r.uri).stem for r in get_cache(cache).list_cache_records() if r.pk not in antes}
    return segundos, nuevos


def tiempos_por_capitulo(carpeta: Path) -> dict[str, float]:
    from jupyter_cache import get_cache

    registros = get_cache(carpeta / "_build" / ".jupyter_cache").list_cache_records()
    return {Path(r.uri).stem: round(r.data.get("execution_seconds", 0.0), 1) for r in registros}


def editar(archivo: Path, viejo: str, nuevo: str) -> None:
    texto = archivo.read_text(encoding="utf-8")
    if viejo not in texto:
        sys.exit(f"No encontré {viejo!r} en {archivo}")
    archivo.write_text(texto.replace(viejo, nuevo, 1), encoding="utf-8")


def cociente_entrenar(repeticiones: int = 5) -> dict[str, float]:
    """Segundos de ``entrenar`` y de ``model.fit`` con el mismo modelo y datos, alternados."""
    from taller_keras.datos import aplanar, cargar_mnist, escalar
    from taller_keras.entorno import fijar_semillas
    from taller_keras.modelos import construir_mlp, entrenar

    (x, y), _ = cargar_mnist()
    x = aplanar(escalar(x))
    fijar_semillas()
    modelo = construir_mlp()
    modelo.fit(x, y, epochs=1, batch_size=128, verbose=0)  # calentamiento
    con_ayuda, directo = [], []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        modelo.fit(x, y, epochs=2, batch_size=128, verbose=0)
        directo.append(time.perf_counter() - inicio)
        _, segundos = entrenar(modelo, x, y, epochs=2, batch_size=128)
        con_ayuda.append(segundos)
    return {
        "entrenar_s": round(statistics.median(con_ayuda), 3),
        "fit_s": round(statistics.median(directo), 3),
        "cociente": round(statistics.median(con_ayuda) / statistics.median(directo), 3),
    }


def tiempos_demostraciones(pagina: Path = RAIZ / "book" / "06-aplicaciones.md") -> dict[str, float]:
    """Segundos de cada sección ``###`` de la página que entrena una red (llama a ``fit``)."""
    import jupytext
    from nbclient import NotebookClient

    cuaderno = jupytext.read(pagina)
    segundos: dict[str, float] = {}
    demostraciones: set[str] = set()
    seccion = "Preparación"
    with tempfile.TemporaryDirectory() as tmp:
        cliente = NotebookClient(cuaderno, timeout=600, kernel_name="python3",
                                 resources={"metadata": {"path": tmp}})
        with cliente.setup_kernel():
            for indice, celda in enumerate(cuaderno.cells):
                if celda.cell_type == "markdown":
                    titulos = [linea[4:].strip() for linea in celda.source.splitlines() if linea.startswith("### ")]
                    seccion = titulos[-1] if titulos else seccion
                    continue
                inicio = time.perf_counter()
                cliente.execute_cell(celda, indice)
                segundos[seccion] = segundos.get(seccion, 0.0) + time.perf_counter() - inicio
                if ".fit(" in celda.source:
                    demostraciones.add(seccion)
    return {nombre: round(s, 1) for nombre, s in segundos.items() if nombre in demostraciones}


def usa_mnist(archivo: Path) -> bool:
    return "cargar_mnist(" in archivo.read_text(encoding="utf-8")


def medir() -> dict:
    with tempfile.TemporaryDirectory(prefix="taller-medicion-") as tmp:
        carpeta = Path(tmp)
        copiar_repositorio(carpeta)
        r: dict = {"maquina": f"{platform.machine()}, {os.cpu_count()} núcleos", "modo": "muestra"}
        r["limpia_s"], ejecutados = construir(carpeta)
        r["capitulos_s"] = tiempos_por_capitulo(carpeta)
        r["sin_cambios_s"], r["sin_cambios_ejecuta"] = construir(carpeta)

        capitulo = carpeta / "book" / "07-mnist.md"
        editar(capitulo, "Nada sustituye a mirar los datos.", "Nada, de verdad, sustituye a mirar los datos.")
        r["prosa_s"], r["prosa_ejecuta"] = construir(carpeta)
        editar(capitulo, "recorte = x_train[0, 4:24, 4:24]", "recorte = x_train[0, 4:24, 4:24]  # centro")
        r["codigo_s"], r["codigo_ejecuta"] = construir(carpeta)
        editar(carpeta / "code" / "taller_keras" / "perceptron.py", '"""', '""" ')
        r["paquete_s"], r["paquete_ejecuta"] = construir(carpeta)

        factor = ENTRENAMIENTO_COMPLETO / ENTRENAMIENTO_MUESTRA
        ejecucion = sum(r["capitulos_s"].values())
        con_mnist = sum(
            s for nombre, s in r["capitulos_s"].items() if usa_mnist(carpeta / "book" / f"{nombre}.md")
        )
        r["limpia_completo_estimada_s"] = round(r["limpia_s"] - con_mnist + factor * con_mnist)
        r["ejecucion_total_s"] = round(ejecucion, 1)
    for clave in ("sin_cambios_ejecuta", "prosa_ejecuta", "codigo_ejecuta", "paquete_ejecuta"):
        r[clave] = sorted(r[clave])
    r["entrenar"] = cociente_entrenar()
    r["demostraciones_s"] = tiempos_demostraciones()
    r["limpia_s"] = round(r["limpia_s"], 1)
    for clave in ("sin_cambios_s", "prosa_s", "codigo_s", "paquete_s"):
        r[clave] = round(r[clave], 1)
    return r


def _cumple(valor: float, objetivo: float) -> str:
    return "sí" if valor <= objetivo else "NO"


def tabla(r: dict) -> str:
    def ejecuta(lista):
        return ", ".join(lista) or "nada"

    filas = [
        ("Construcción limpia (muestra)", f"{r['limpia_s']} s", "≤ 360 s", _cumple(r["limpia_s"], OBJETIVOS["limpia"])),
        ("Reconstruir sin cambios", f"{r['sin_cambios_s']} s · ejecuta {ejecuta(r['sin_cambios_ejecuta'])}",
         "≤ 20 s, nada", _cumple(r["sin_cambios_s"], OBJETIVOS["sin_cambios"]) if not r["sin_cambios_ejecuta"] else "NO"),
        ("Tras editar prosa (07-mnist)", f"{r['prosa_s']} s · ejecuta {ejecuta(r['prosa_ejecuta'])}",
         "nada", "sí" if not r["prosa_ejecuta"] else "NO"),
        ("Tras editar una celda (07-mnist)", f"{r['codigo_s']} s · ejecuta {ejecuta(r['codigo_ejecuta'])}",
         "solo 07-mnist", "sí" if r["codigo_ejecuta"] == ["07-mnist"] else "NO"),
        ("Tras editar el paquete (perceptron.py)", f"{r['paquete_s']} s · ejecuta {ejecuta(r['paquete_ejecuta'])}",
         "los que lo usan", "—"),
        ("entrenar() / model.fit", f"{r['entrenar']['cociente']} ({r['entrenar']['entrenar_s']} s / {r['entrenar']['fit_s']} s)",
         "≤ 1.05", _cumple(r["entrenar"]["cociente"], OBJETIVOS["cociente_entrenar"])),
        ("Construcción limpia (completo), estimada", f"{r['limpia_completo_estimada_s']} s",
         "≤ 1200 s", _cumple(r["limpia_completo_estimada_s"], OBJETIVOS["limpia_completo_estimada"])),
    ]
    lineas = ["| medición | resultado | objetivo | cumple |", "|---|---|---|---|"]
    lineas += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in filas]
    lineas += ["", "| demostración de *Aplicaciones* | segundos | objetivo | cumple |", "|---|---|---|---|"]
    lineas += [f"| {nombre} | {s} | ≤ {OBJETIVOS['demostracion']} | {_cumple(s, OBJETIVOS['demostracion'])} |"
               for nombre, s in r["demostraciones_s"].items()]
    lineas += ["", "| capítulo | ejecución (s) |", "|---|---|"]
    lineas += [f"| {nombre} | {s} |" for nombre, s in sorted(r["capitulos_s"].items())]
    lineas += ["", f"Máquina: {r['maquina']}; datos: modo {r['modo']}. La estimación en modo completo "
               f"multiplica por {ENTRENAMIENTO_COMPLETO // ENTRENAMIENTO_MUESTRA} el tiempo de los capítulos "
               "que cargan MNIST (cota superior: no todo su tiempo es entrenamiento)."]
    return "\n".join(lineas)


def actualizar_readme(texto_tabla: str) -> None:
    readme = RAIZ / "README.md"
    texto = readme.read_text(encoding="utf-8")
    inicio, fin = texto.index(MARCA_INICIO) + len(MARCA_INICIO), texto.index(MARCA_FIN)
    readme.write_text(texto[:inicio] + "\n" + texto_tabla + "\n" + texto[fin:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--salida", type=Path, default=RAIZ / "bench" / "resultados.json")
    parser.add_argument("--readme", action="store_true", help="actualiza la tabla del README")
    argumentos = parser.parse_args()
    os.environ["TALLER_MNIST"] = "muestra"  # la construcción, los kernels y las mediciones
    resultados = medir()
    argumentos.salida.write_text(json.dumps(resultados, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    texto = tabla(resultados)
    print(texto)
    if argumentos.readme:
        actualizar_readme(texto)


if __name__ == "__main__":
    main()
