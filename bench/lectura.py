"""Mide con Lighthouse lo rápido que se lee el sitio en un teléfono, al lado de un Jupyter Book por omisión.

En una misma corrida:

- construye en un directorio temporal un Jupyter Book 1 por omisión (la configuración que trae
  ``jupyter-book``, sin nada nuestro) con una página de cuaderno: una celda de código y una fórmula;
- sirve los dos sitios en 127.0.0.1 comprimidos con gzip, como GitHub Pages;
- pasa Lighthouse (``bench/package.json``, versión fijada; Chromium de Debian) con su perfil de
  teléfono a cada página de ``_toc.yml`` y a la página por omisión, tres veces cada una (las
  pasadas se alternan entre páginas para repartir el ruido de la máquina), y toma la mediana;
- imprime una tabla: puntuación, LCP, TBT, CLS y bytes por página, con los objetivos.

El sitio medido es ``_build/html`` (o el de ``TALLER_HTML``): constrúyelo antes con ``make book``.

Uso::

    make medir-lectura                      # instala Lighthouse en bench/ y actualiza el README
    .venv/bin/python bench/lectura.py       # solo imprime la tabla (y escribe bench/lectura.json)
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from bench.medir import actualizar_readme  # noqa: E402
from tests.sitio.conftest import ARGUMENTOS, CHROMIUM, HTML, ManejadorSilencioso, paginas_del_indice, servir  # noqa: E402

LIGHTHOUSE = RAIZ / "bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIAS = ("performance", "accessibility", "best-practices", "seo")
PASADAS = 3
OBJETIVOS = {
    "performance": 0.95,
    "lcp_ms": 2500,
    "tbt_ms": 200,
    "cls": 0.05,
    "accessibility": 1.0,
    "best-practices": 1.0,
    "seo": 0.95,
    "kib_sin_figuras": 300,
}
MARCAS = ("<!-- lectura:inicio -->", "<!-- lectura:fin -->")
# Lo que GitHub Pages envía comprimido.
COMPRIMIBLES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

CUADERNO_POR_OMISION = """\
---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  display_name: Python 3
  name: python3
---

# Un cuaderno

Una página de cuaderno con una fórmula, $e^{i\\pi} + 1 = 0$, y una celda de código.

```{code-cell} python3
sum(i * i for i in range(10))
```
"""


class ManejadorGzip(ManejadorSilencioso):
    """Sirve los archivos de texto comprimidos con gzip si el navegador lo acepta."""

    comprimidos: dict[Path, bytes] = {}

    def send_head(self):
        ruta = Path(self.translate_path(self.path))
        tipo = self.guess_type(str(ruta))
        acepta = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (ruta.is_file() and acepta and tipo.startswith(COMPRIMIBLES)):
            return super().send_head()
        if ruta not in self.comprimidos:
            self.comprimidos[ruta] = gzip.compress(ruta.read_bytes(), compresslevel=6, mtime=0)
        cuerpo = self.comprimidos[ruta]
        self.send_response(200)
        self.send_header("Content-Type", tipo)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(cuerpo)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(cuerpo)


def construir_por_omision(carpeta: Path) -> Path:
    """Un Jupyter Book 1 por omisión con una página de cuaderno; devuelve su carpeta html."""
    carpeta.mkdir(parents=True)
    (carpeta / "_config.yml").write_text('title: "Jupyter Book por omisión"\n', encoding="utf-8")
    (carpeta / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n  - file: cuaderno\n", encoding="utf-8"
    )
    (carpeta / "intro.md").write_text("# Inicio\n\nUn libro con la configuración por omisión.\n", encoding="utf-8")
    (carpeta / "cuaderno.md").write_text(CUADERNO_POR_OMISION, encoding="utf-8")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    resultado = subprocess.run([str(jupyter_book), "build", str(carpeta)], capture_output=True, text=True)
    if resultado.returncode != 0:
        sys.exit(f"No se pudo construir el libro por omisión:\n{resultado.stdout[-3000:]}\n{resultado.stderr[-3000:]}")
    return carpeta / "_build" / "html"


def lighthouse(url: str, destino: Path, intentos: int = 3) -> dict:
    """Una pasada de Lighthouse (perfil de teléfono) sobre ``url``; devuelve sus cifras.

    En una máquina muy ocupada Lighthouse a veces no llega a medir una cifra (por ejemplo, no
    ve el LCP): esa pasada se repite, hasta ``intentos`` veces.
    """
    banderas = " ".join(["--headless", *ARGUMENTOS])
    for _ in range(intentos):
        resultado = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={destino}",
             f"--only-categories={','.join(CATEGORIAS)}", f"--chrome-flags={banderas}"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        )
        if resultado.returncode != 0:
            sys.exit(f"Lighthouse falló en {url}:\n{resultado.stderr[-3000:]}")
        cifras = _cifras(json.loads(destino.read_text(encoding="utf-8")))
        if cifras is not None:
            return cifras
    sys.exit(f"Lighthouse no pudo medir {url} en {intentos} intentos (¿la máquina está muy ocupada?).")


def _cifras(informe: dict) -> dict | None:
    """Las cifras de un informe de Lighthouse, o None si le falta alguna."""
    auditorias = informe["audits"]
    medidas = {"lcp_ms": "largest-contentful-paint", "tbt_ms": "total-blocking-time",
               "cls": "cumulative-layout-shift", "bytes": "total-byte-weight"}
    if informe.get("runtimeError") or any("numericValue" not in auditorias[a] for a in medidas.values()):
        return None
    if any(informe["categories"][c]["score"] is None for c in CATEGORIAS):
        return None
    cifras = {c: informe["categories"][c]["score"] for c in CATEGORIAS}
    cifras.update({clave: auditorias[a]["numericValue"] for clave, a in medidas.items()})
    peticiones = auditorias["network-requests"]["details"]["items"]
    cifras["kib"] = cifras.pop("bytes") / 1024
    cifras["kib_sin_figuras"] = sum(
        p.get("transferSize", 0) for p in peticiones if p.get("resourceType") != "Image"
    ) / 1024
    return cifras


def fallas(cifras: dict) -> list[str]:
    """Qué objetivos no cumple una página (vacío si cumple todos)."""
    minimos = ("performance", "accessibility", "best-practices", "seo")
    return [
        clave for clave, objetivo in OBJETIVOS.items()
        if (cifras[clave] < objetivo if clave in minimos else cifras[clave] > objetivo)
    ]


def medir(sitio: Path, pasadas: int = PASADAS) -> dict:
    paginas = {f"{p}.html": p for p in paginas_del_indice()}
    with tempfile.TemporaryDirectory(prefix="taller-lectura-") as tmp:
        por_omision = construir_por_omision(Path(tmp) / "por-omision")
        carga = [round(c, 2) for c in os.getloadavg()]
        corridas: dict[str, list[dict]] = {}
        with servir(sitio, ManejadorGzip) as nuestro, servir(por_omision, ManejadorGzip) as otro:
            urls = {nombre: nuestro + ruta for ruta, nombre in paginas.items()}
            urls["Jupyter Book por omisión"] = otro + "cuaderno.html"
            for pasada in range(pasadas):
                for nombre, url in urls.items():
                    informe = Path(tmp) / f"{pasada}-{nombre.replace('/', '_')}.json"
                    corridas.setdefault(nombre, []).append(lighthouse(url, informe))
                    print(f"pasada {pasada + 1}/{pasadas} · {nombre}: "
                          f"{corridas[nombre][-1]['performance']:.2f}", file=sys.stderr, flush=True)
        carga_final = [round(c, 2) for c in os.getloadavg()]
    medianas = {
        nombre: {clave: statistics.median(c[clave] for c in lista) for clave in lista[0]}
        for nombre, lista in corridas.items()
    }
    return {"pasadas": pasadas, "carga_inicio": carga, "carga_fin": carga_final,
            "medianas": medianas, "corridas": corridas}


def tabla(r: dict) -> str:
    lineas = [
        "| página | rendimiento | LCP | TBT | CLS | transferido (sin figuras) | accesibilidad · buenas prácticas · SEO | cumple |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for nombre, c in r["medianas"].items():
        fuera = fallas(c)
        lineas.append(
            f"| {nombre} | {c['performance']:.2f} | {c['lcp_ms'] / 1000:.1f} s | {c['tbt_ms']:.0f} ms | "
            f"{c['cls']:.3f} | {c['kib']:.0f} KiB ({c['kib_sin_figuras']:.0f} KiB) | "
            f"{c['accessibility']:.2f} · {c['best-practices']:.2f} · {c['seo']:.2f} | "
            f"{'sí' if not fuera else 'NO: ' + ', '.join(fuera)} |"
        )
    o = OBJETIVOS
    lineas += ["", textwrap.fill(
        f"Lighthouse 12.2.3, perfil de teléfono (red y CPU simuladas), Chromium de Debian; mediana de "
        f"{r['pasadas']} pasadas por página, servidas con gzip en 127.0.0.1. Objetivos: rendimiento ≥ "
        f"{o['performance']}, LCP ≤ {o['lcp_ms'] / 1000} s, TBT ≤ {o['tbt_ms']} ms, CLS ≤ {o['cls']}, "
        f"accesibilidad y buenas prácticas {o['accessibility']:.0f}, SEO ≥ {o['seo']}, ≤ "
        f"{o['kib_sin_figuras']} KiB sin contar figuras. La página por omisión pide MathJax a una CDN, "
        f"que aquí no responde (sin red): sus cifras no incluyen descargar ni ejecutar MathJax, y su "
        f"fórmula queda sin dibujar. Carga de la máquina (1, 5, 15 min): "
        f"{' / '.join(map(str, r['carga_inicio']))} al empezar, {' / '.join(map(str, r['carga_fin']))} al terminar.",
        width=100)]
    return "\n".join(lineas)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--salida", type=Path, default=RAIZ / "bench" / "lectura.json")
    parser.add_argument("--pasadas", type=int, default=PASADAS)
    parser.add_argument("--readme", action="store_true", help="actualiza la tabla del README")
    argumentos = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit("Falta Lighthouse en bench/node_modules: instálalo con `npm ci --prefix bench` "
                 "(`make medir-lectura` lo hace solo).")
    if not (HTML / "index.html").is_file():
        sys.exit(f"No hay sitio construido en {HTML}: ejecuta `make book` antes.")
    resultados = medir(HTML, argumentos.pasadas)
    argumentos.salida.write_text(json.dumps(resultados, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    texto = tabla(resultados)
    print(texto)
    if argumentos.readme:
        actualizar_readme(texto, MARCAS)


if __name__ == "__main__":
    main()
