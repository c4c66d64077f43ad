"""Mide la construcción del libro en esta máquina e imprime una tabla (y la guarda en JSON).

Trabaja sobre una copia del repositorio en un directorio temporal, con MNIST en modo
``muestra``, y mide:

- tres construcciones limpias con el lanzador de ``make book`` (``book/_ext/construir.py``): una
  en serie, que da el tiempo de ejecución de cada capítulo sin otro al lado, y dos como la de
  ``make book`` (varias páginas a la vez), de las que cuenta la más rápida (en una máquina
  compartida, la lenta mide sobre todo al vecino); y si las tres pegaron exactamente las mismas
  cifras (salvo tiempos);
- reconstruir sin cambios, tras editar solo prosa, tras editar una celda de código y tras
  editar el paquete (qué capítulos se volvieron a ejecutar en cada caso);
- el sobrecosto de ``taller_keras.modelos.entrenar`` frente a ``model.fit`` (cociente en una
  misma corrida);
- cuánto tarda cada demostración de *Aplicaciones* (las secciones que entrenan una red),
  ejecutando esa página celda por celda;
- cuánto tarda 09-cnn ejecutada sola, tres veces seguidas, cada una en un kernel nuevo;
- una estimación de la construcción limpia en modo ``completo``: a la construcción en
  ``muestra`` le suma lo que cuestan de más los entrenamientos de los capítulos con MNIST,
  con el costo por época medido aquí mismo con datos del tamaño de MNIST completo.

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

import numpy as np

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ / "book" / "_ext"))  # las extensiones del libro: qué pega y qué importa cada página
from cuadernos import MIDE_TIEMPO, valores_pegados  # noqa: E402
from taller import cierre, modulos_usados  # noqa: E402

CONSTRUIR = [sys.executable, str(RAIZ / "book" / "_ext" / "construir.py")]
# Entrenamientos cuyo tamaño cambia con el modo: (capítulo, red, (épocas, imágenes de ajuste)
# en muestra y en completo). Refleja el código de las páginas; donde hay parada temprana cuenta
# el máximo de épocas, así que la estimación es un techo. Los experimentos con un número fijo
# de imágenes (el aumento de 09, los bloques y la transferencia de 10) no cambian y ya están en
# la construcción en muestra. Las redes densas usan lotes de 128; las convolucionales, de 32.
ENTRENAMIENTOS = [
    ("07-mlp", "mlp", (20, 3_200), (20, 48_000)),
    ("07-mlp", "mlp", (20, 3_200), (20, 48_000)),  # ejercicio: dos capas ocultas
    ("08-busqueda", "mlp", (25, 3_200), (25, 12_000)),  # sobreajuste; el ajuste se topa en 12 000
    ("08-busqueda", "mlp", (4 * 25, 3_200), (4 * 25, 12_000)),  # cuatro regularizaciones
    ("08-busqueda", "mlp", (8 * 25, 3_200), (8 * 25, 12_000)),  # búsqueda al azar
    ("08-busqueda", "mlp", (9 * 25, 3_200), (9 * 25, 12_000)),  # tres mejores × tres semillas
    ("08-busqueda", "mlp", (5 * 25, 3_200), (5 * 25, 19_200)),  # validación cruzada
    ("08-busqueda", "mlp", (25, 4_000), (25, 24_000)),  # la ganadora, con ajuste y validación
    ("08-busqueda", "mlp", (20, 3_200), (20, 48_000)),  # la red del capítulo 07
    ("08-busqueda", "mlp", (2 * 40, 3_200), (2 * 40, 12_000)),  # ejercicio de la paciencia
    ("09-cnn", "cnn", (6, 3_200), (5, 48_000)),
    ("09-cnn", "cnn", (6, 3_200), (5, 48_000)),  # ejercicio: la variante con menos filtros
    ("09-cnn", "mlp", (20, 3_200), (20, 48_000)),
    ("10-cnn-moderna", "cnn", (5, 2_000), (5, 10_000)),  # la red de los dígitos 0 a 4
]
IMAGENES_POR_MEDICION = 12_000
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


def construir(carpeta: Path, procesos: str = "") -> tuple[float, set[str]]:
    """Construye el libro; devuelve los segundos y qué capítulos se ejecutaron.

    ``procesos`` vacío: tantas páginas a la vez como ``make book``; ``"1"``: en serie.
    """
    from jupyter_cache import get_cache

    cache = carpeta / "_build" / ".jupyter_cache"
    antes = {r.pk for r in get_cache(cache).list_cache_records()} if cache.exists() else set()
    inicio = time.perf_counter()
    resultado = subprocess.run(
        [*CONSTRUIR, "build", str(carpeta), "--keep-going"],
        # La copia usa su propio paquete (Sphinx y kernels), no el instalado en modo editable.
        capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(carpeta / "code"), "TALLER_PROCESOS": procesos},
    )
    segundos = time.perf_counter() - inicio
    if resultado.returncode != 0:
        sys.exit(f"La construcción falló:\n{resultado.stdout[-4000:]}\n{resultado.stderr[-4000:]}")
    nuevos = {Path(r.uri).stem for r in get_cache(cache).list_cache_records() if r.pk not in antes}
    return segundos, nuevos


def cifras_pegadas(carpeta: Path) -> dict[str, str]:
    """Los valores pegados por cada capítulo, salvo los que miden tiempo ("capítulo:nombre")."""
    from jupyter_cache import get_cache

    cache = get_cache(carpeta / "_build" / ".jupyter_cache")
    cifras = {}
    for registro in cache.list_cache_records():
        for nombre, valor in valores_pegados(cache.get_cache_bundle(registro.pk).nb).items():
            if not MIDE_TIEMPO.search(nombre):
                cifras[f"{Path(registro.uri).stem}:{nombre}"] = valor
    return cifras


def tiempos_por_capitulo(carpeta: Path) -> dict[str, float]:
    from jupyter_cache import get_cache

    registros = get_cache(carpeta / "_build" / ".jupyter_cache").list_cache_records()
    return {Path(r.uri).stem: round(r.data.get("execution_seconds", 0.0), 1) for r in registros}


def paginas_que_usan(modulo: str, carpeta: Path) -> list[str]:
    """Capítulos que importan ``modulo`` del paquete, directa o indirectamente."""
    paquete = carpeta / "code" / "taller_keras"
    return sorted(
        pagina.stem for pagina in (carpeta / "book").glob("*.md")
        if modulo in cierre(modulos_usados(pagina.read_text(encoding="utf-8"), paquete), paquete)
    )


def editar(archivo: Path, viejo: str, nuevo: str) -> None:
    texto = archivo.read_text(encoding="utf-8")
    if viejo not in texto:
        sys.exit(f"No encontré {viejo!r} en {archivo}")
    archivo.write_text(texto.replace(viejo, nuevo, 1), encoding="utf-8")


def cociente_entrenar(repeticiones: int = 5) -> dict[str, float]:
    """Segundos de ``entrenar`` y de ``model.fit`` con el mismo modelo y datos, alternados."""
    from taller_keras.datos import a_one_hot, aplanar, cargar_mnist, escalar
    from taller_keras.entorno import fijar_semillas
    from taller_keras.modelos import construir_mlp, entrenar

    (x, y), _ = cargar_mnist()
    x, y = aplanar(escalar(x)), a_one_hot(y)
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


def ejecutar_pagina(pagina: Path) -> tuple[float, dict, dict[int, float]]:
    """Ejecuta la página en un kernel nuevo, celda por celda, en un directorio temporal.

    Devuelve los segundos de toda la ejecución (con el arranque del kernel), el cuaderno
    (un ``NotebookNode``, que es un dict) y los segundos de cada celda de código por su índice.
    """
    import jupytext
    from nbclient import NotebookClient

    cuaderno = jupytext.read(pagina)
    por_celda: dict[int, float] = {}
    inicio = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        cliente = NotebookClient(cuaderno, timeout=600, kernel_name="python3",
                                 resources={"metadata": {"path": tmp}})
        with cliente.setup_kernel():
            for indice, celda in enumerate(cuaderno.cells):
                if celda.cell_type == "code":
                    antes = time.perf_counter()
                    cliente.execute_cell(celda, indice)
                    por_celda[indice] = time.perf_counter() - antes
    return time.perf_counter() - inicio, cuaderno, por_celda


def ejecuciones_cnn(veces: int = 3) -> list[float]:
    """Segundos de ``veces`` ejecuciones seguidas de 09-cnn, sola y cada vez en un kernel nuevo.

    La máquina es compartida: la ejecución más rápida es la que menos midió al vecino.
    """
    return [round(ejecutar_pagina(RAIZ / "book" / "09-cnn.md")[0], 1) for _ in range(veces)]


def tiempos_demostraciones(pagina: Path = RAIZ / "book" / "12-aplicaciones.md") -> dict[str, float]:
    """Segundos de cada sección ``###`` de la página que entrena una red (llama a ``fit``)."""
    _, cuaderno, por_celda = ejecutar_pagina(pagina)
    segundos: dict[str, float] = {}
    demostraciones: set[str] = set()
    seccion = "Preparación"
    for indice, celda in enumerate(cuaderno.cells):
        if celda.cell_type == "markdown":
            titulos = [linea[4:].strip() for linea in celda.source.splitlines() if linea.startswith("### ")]
            seccion = titulos[-1] if titulos else seccion
            continue
        segundos[seccion] = segundos.get(seccion, 0.0) + por_celda[indice]
        if ".fit(" in celda.source or "entrenar(" in celda.source:
            demostraciones.add(seccion)
    return {nombre: round(s, 1) for nombre, s in segundos.items() if nombre in demostraciones}


def segundos_por_imagen_y_epoca() -> dict[str, float]:
    """Segundos por imagen y época de cada red: la menor de dos épocas con 12 000 imágenes.

    La menor de dos, porque la máquina es compartida: una época lenta mide al vecino, no a la red.
    """
    import keras

    from taller_keras.entorno import fijar_semillas
    from taller_keras.modelos import construir_cnn, construir_mlp

    fijar_semillas()
    azar = np.random.default_rng(0)
    x = azar.random((IMAGENES_POR_MEDICION, 28, 28, 1), dtype=np.float32)
    y = keras.utils.to_categorical(azar.integers(0, 10, IMAGENES_POR_MEDICION), 10)
    aumento = keras.layers.RandomTranslation(0.1, 0.1, fill_mode="constant")
    redes = {
        "mlp": (construir_mlp(), x.reshape(len(x), -1), 128),
        "cnn": (construir_cnn(), x, 32),
        "cnn_aumento": (keras.Sequential([keras.Input((28, 28, 1)), aumento, construir_cnn(compilar=False)]), x, 32),
    }
    redes["cnn_aumento"][0].compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
    resultado = {}
    for nombre, (red, entradas, lote) in redes.items():
        red.fit(entradas[:lote * 4], y[:lote * 4], batch_size=lote, verbose=0)  # calentamiento
        epocas = []
        for _ in range(2):
            inicio = time.perf_counter()
            red.fit(entradas, y, batch_size=lote, epochs=1, verbose=0)
            epocas.append(time.perf_counter() - inicio)
        resultado[nombre] = min(epocas) / IMAGENES_POR_MEDICION
    return resultado


def estimar_completo(limpia_s: float, por_imagen: dict[str, float]) -> float:
    """Construcción limpia en muestra + lo que tardan de más los entrenamientos en completo."""
    extra = 0.0
    for _, red, (ep_m, n_m), (ep_c, n_c) in ENTRENAMIENTOS:
        extra += por_imagen[red] * (ep_c * n_c - ep_m * n_m)
    return limpia_s + extra


def medir() -> dict:
    with tempfile.TemporaryDirectory(prefix="taller-medicion-") as tmp:
        carpeta = Path(tmp)
        copiar_repositorio(carpeta)
        r: dict = {"maquina": f"{platform.machine()}, {os.cpu_count()} núcleos", "modo": "muestra"}
        r["limpia_serie_s"] = round(construir(carpeta, procesos="1")[0], 1)
        r["capitulos_s"] = tiempos_por_capitulo(carpeta)
        cifras = [cifras_pegadas(carpeta)]
        r["limpias_s"] = []
        for _ in range(2):
            subprocess.run([*CONSTRUIR, "clean", "--all", str(carpeta)], capture_output=True, check=True)
            r["limpias_s"].append(round(construir(carpeta)[0], 1))
            cifras.append(cifras_pegadas(carpeta))
        r["limpia_s"] = min(r["limpias_s"])
        r["cifras_comparadas"] = len(cifras[0])
        r["cifras_distintas"] = sorted(k for k in set().union(*cifras)
                                       if len({c.get(k) for c in cifras}) > 1)
        print(json.dumps(r, ensure_ascii=False), file=sys.stderr, flush=True)
        r["sin_cambios_s"], r["sin_cambios_ejecuta"] = construir(carpeta)

        capitulo = carpeta / "book" / "06-mnist.md"
        editar(capitulo, "Nada sustituye a mirar los datos.", "Nada, de verdad, sustituye a mirar los datos.")
        r["prosa_s"], r["prosa_ejecuta"] = construir(carpeta)
        editar(capitulo, "recorte = x_train[0, 3:25, 3:25]", "recorte = x_train[0, 3:25, 3:25]  # centro")
        r["codigo_s"], r["codigo_ejecuta"] = construir(carpeta)
        editar(carpeta / "code" / "taller_keras" / "perceptron.py", '"""', '""" ')
        r["paquete_s"], r["paquete_ejecuta"] = construir(carpeta)
        r["paquete_esperado"] = paginas_que_usan("perceptron", carpeta)

        r["ejecucion_total_s"] = round(sum(r["capitulos_s"].values()), 1)
    for clave in ("sin_cambios_ejecuta", "prosa_ejecuta", "codigo_ejecuta", "paquete_ejecuta"):
        r[clave] = sorted(r[clave])
    r["entrenar"] = cociente_entrenar()
    r["demostraciones_s"] = tiempos_demostraciones()
    r["cnn_sola_s"] = ejecuciones_cnn()
    por_imagen = segundos_por_imagen_y_epoca()
    r["epoca_completo_s"] = {red: round(48_000 * s, 1) for red, s in por_imagen.items()}
    r["limpia_completo_estimada_s"] = round(estimar_completo(r["limpia_s"], por_imagen))
    for clave in ("sin_cambios_s", "prosa_s", "codigo_s", "paquete_s"):
        r[clave] = round(r[clave], 1)
    return r


def _cumple(valor: float, objetivo: float) -> str:
    return "sí" if valor <= objetivo else "NO"


def tabla(r: dict) -> str:
    def ejecuta(lista):
        return ", ".join(lista) or "nada"

    filas = [
        ("Construcción limpia (muestra), como `make book`, la menor de dos",
         f"{r['limpia_s']} s (las dos: {', '.join(f'{s} s' for s in r['limpias_s'])}; en serie: {r['limpia_serie_s']} s)",
         "≤ 360 s", _cumple(r["limpia_s"], OBJETIVOS["limpia"])),
        ("Ejecución de 09-cnn sola, la menor de tres",
         f"{min(r['cnn_sola_s'])} s (las tres: {', '.join(f'{s} s' for s in r['cnn_sola_s'])})",
         "informativa", "—"),
        ("Entre las tres construcciones: cifras pegadas distintas",
         f"{len(r['cifras_distintas'])} de {r['cifras_comparadas']}" + (f" ({', '.join(r['cifras_distintas'])})" if r["cifras_distintas"] else ""),
         "ninguna", "sí" if not r["cifras_distintas"] else "NO"),
        ("Reconstruir sin cambios", f"{r['sin_cambios_s']} s · ejecuta {ejecuta(r['sin_cambios_ejecuta'])}",
         "≤ 20 s, nada", _cumple(r["sin_cambios_s"], OBJETIVOS["sin_cambios"]) if not r["sin_cambios_ejecuta"] else "NO"),
        ("Tras editar prosa (06-mnist)", f"{r['prosa_s']} s · ejecuta {ejecuta(r['prosa_ejecuta'])}",
         "nada", "sí" if not r["prosa_ejecuta"] else "NO"),
        ("Tras editar una celda (06-mnist)", f"{r['codigo_s']} s · ejecuta {ejecuta(r['codigo_ejecuta'])}",
         "solo 06-mnist", "sí" if r["codigo_ejecuta"] == ["06-mnist"] else "NO"),
        ("Tras editar el paquete (perceptron.py)", f"{r['paquete_s']} s · ejecuta {ejecuta(r['paquete_ejecuta'])}",
         f"los que lo usan: {ejecuta(r['paquete_esperado'])}",
         "sí" if r["paquete_ejecuta"] == r["paquete_esperado"] else "NO"),
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
    lineas += ["", "| capítulo | ejecución (s), construcción limpia en serie |", "|---|---|"]
    lineas += [f"| {nombre} | {s} |" for nombre, s in sorted(r["capitulos_s"].items())]
    epocas = ", ".join(f"{red} {s} s" for red, s in r["epoca_completo_s"].items())
    lineas += ["", f"Máquina: {r['maquina']}; datos: modo {r['modo']}. La estimación en modo completo "
               "suma a la construcción limpia lo que tardan de más los entrenamientos de 07 a 10 "
               f"con MNIST completo, con el costo por época medido en esta corrida (48 000 imágenes: {epocas})."]
    return "\n".join(lineas)


def actualizar_readme(texto_tabla: str, marcas: tuple[str, str] = (MARCA_INICIO, MARCA_FIN)) -> None:
    """Reemplaza en el README lo que hay entre las dos marcas por ``texto_tabla``."""
    readme = RAIZ / "README.md"
    texto = readme.read_text(encoding="utf-8")
    inicio, fin = texto.index(marcas[0]) + len(marcas[0]), texto.index(marcas[1])
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
