# Taller Keras: `make book` construye el sitio; `make test` corre todas las pruebas.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# jupyter-book, con varias páginas ejecutándose a la vez (book/_ext/construir.py).
JB     := $(BIN)/python book/_ext/construir.py
# El curso en un PDF (book/_ext/pdf.py): versión de una sola página impresa con Chromium.
PDF    := $(BIN)/python book/_ext/pdf.py
HTML   := _build/html
PUERTO ?= 8000

# Sin ruido de TensorFlow en la salida de las páginas.
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0
export PYTHONHASHSEED := 0

.PHONY: book pdf test medir medir-lectura serve clean

$(VENV)/.instalado: requirements.txt code/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# KaTeX (fórmulas dibujadas al construir) y PurgeCSS (poda la hoja del tema), del registro de npm,
# versiones fijadas en package-lock.json.
node_modules/.instalado: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

DEPENDENCIAS := $(VENV)/.instalado node_modules/.instalado

## Construye _build/html ejecutando cada página (con caché de ejecución) y el curso en PDF.
book: $(DEPENDENCIAS)
	$(JB) build . --keep-going
	$(PDF) --opcional

## Escribe _build/pdf/taller-keras.pdf (y, si ya está construido, lo pone en el sitio).
pdf: $(DEPENDENCIAS)
	$(PDF)

## Pruebas del paquete, construcción limpia con advertencias como errores y pruebas del sitio.
test: $(DEPENDENCIAS)
	$(BIN)/python -m pytest tests/paquete tests/extensiones tests/libro
	$(JB) clean --all .
	$(JB) build . --all -W -n --keep-going
	$(PDF) -W -n
	$(BIN)/python -m pytest tests/sitio

# Lighthouse, solo para medir: en bench/ (su propio package-lock.json), fuera de lo que instala make book.
bench/node_modules/.instalado: bench/package.json bench/package-lock.json
	npm ci --prefix bench --silent --no-audit --no-fund
	touch $@

## Mide la construcción y la lectura (Lighthouse) y actualiza las tablas del README.
medir: $(DEPENDENCIAS)
	$(BIN)/python bench/medir.py --readme
	$(MAKE) medir-lectura

## Construye el sitio y lo mide con Lighthouse junto a un Jupyter Book por omisión (tabla del README).
medir-lectura: book bench/node_modules/.instalado
	$(BIN)/python bench/lectura.py --readme

## Sirve el sitio construido en http://127.0.0.1:$(PUERTO)
serve:
	$(BIN)/python -m http.server $(PUERTO) --bind 127.0.0.1 --directory $(HTML)

clean:
	$(JB) clean --all .
