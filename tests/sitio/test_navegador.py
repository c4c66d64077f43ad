"""El sitio construido visto en un navegador real: Chromium de Debian manejado con Playwright.

Cada página de _toc.yml se abre una vez (servida en 127.0.0.1 por la propia prueba) y se revisan
carga, consola, peticiones, matemáticas, imágenes y accesibilidad (axe-core). Además: búsqueda,
descarga del cuaderno, vista de teléfono, cambio de tema claro/oscuro y capturas de pantalla en
_build/capturas.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from .conftest import (HTML, JS_DESBORDE, RAIZ, TELEFONO, es_local, informe_axe, nuevo_contexto,
                       paginas_del_indice, violaciones_graves)

CAPTURAS = HTML.parent / "capturas"

PAGINAS = paginas_del_indice()

# Consulta escrita en la página de búsqueda → página que debe salir en primer lugar.
BUSQUEDAS = {
    "perceptrón": "book/02-perceptron",
    "convolucional": "book/09-cnn",
}

# Páginas que se fotografían en tema claro y oscuro para que una persona las revise.
PAGINAS_CAPTURADAS = {
    "inicio": "book/index",
    "teoria": "book/02-perceptron",
    "mnist": "book/06-mnist",
}

# TeX sin procesar que un lector no debe ver (fuera de bloques de código).
TEX_CRUDO = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{")
# Matemáticas ya dibujadas: MathJax 3 (CHTML/SVG), KaTeX o MathML nativo.
MATEMATICAS_DIBUJADAS = "mjx-container, .katex, math"


def _esperar_matematicas(pagina) -> None:
    """Espera a que MathJax termine, si llegó a cargarse."""
    pagina.evaluate(
        """async () => {
            const mj = window.MathJax;
            if (mj && mj.startup && mj.startup.promise) { await mj.startup.promise; }
        }"""
    )


def _url(servidor: str, pagina: str) -> str:
    return f"{servidor}{pagina}.html"


def _pagina_de(servidor: str, url: str) -> str:
    """'http://127.0.0.1:N/book/06-mnist.html?highlight=x#y' → 'book/06-mnist'."""
    ruta = unquote(urlsplit(url).path)
    ruta = ruta[len(urlsplit(servidor).path) :]
    return ruta.removesuffix(".html")


def _fuente(pagina: str) -> str:
    for extension in (".md", ".ipynb"):
        archivo = RAIZ / f"{pagina}{extension}"
        if archivo.is_file():
            return archivo.read_text(encoding="utf-8")
    return ""


def _fuente_tiene_matematicas(pagina: str) -> bool:
    """¿El fuente MyST tiene matemáticas ($…$, $$…$$, {math})? Se ignora el código."""
    fuente = _fuente(pagina)
    if re.search(r"\{math\}|\{eq\}|\\begin\{", fuente):
        return True
    sin_codigo = re.sub(r"(?ms)^(`{3,}|~{3,}).*?^\1[ \t]*$", "", fuente)
    sin_codigo = re.sub(r"`[^`\n]*`", "", sin_codigo)
    return bool(re.search(r"\$\$|\$[^$\s][^$\n]*\$", sin_codigo))


def _es_cuaderno(pagina: str) -> bool:
    """Las páginas MyST con kernelspec son cuadernos: su menú de descarga debe ofrecer .ipynb."""
    encabezado = re.match(r"(?s)---\n(.*?)\n---\n", _fuente(pagina))
    return bool(encabezado and "kernelspec:" in encabezado.group(1))


# --- Una visita por página, compartida por todas las revisiones ------------------------------


@dataclass
class Visita:
    estado: int | None = None
    errores_consola: list[str] = field(default_factory=list)
    fallidas: list[str] = field(default_factory=list)
    ajenas: list[str] = field(default_factory=list)
    tex_crudo: list[str] = field(default_factory=list)
    matematicas: dict = field(default_factory=dict)
    imagenes: list[dict] = field(default_factory=list)
    violaciones: list[dict] = field(default_factory=list)


JS_TEXTO_SIN_CODIGO = """() => {
    const copia = document.body.cloneNode(true);
    copia.querySelectorAll(
        'pre, code, script, style, noscript, textarea, mjx-container, .katex, math'
    ).forEach(e => e.remove());
    return copia.textContent;
}"""

JS_MATEMATICAS = """(dibujadas) => {
    const fuentes = [...document.querySelectorAll('.math')];
    return {
        elementos: fuentes.length,
        dibujadas: document.querySelectorAll(dibujadas).length,
        sin_dibujar: fuentes
            .filter(e => !e.matches(dibujadas) && !e.querySelector(dibujadas))
            .map(e => e.textContent.trim().slice(0, 60)),
    };
}"""

JS_IMAGENES = """async () => {
    const imagenes = [...document.images];
    // Las figuras lejanas se cargan al acercarse a ellas (loading="lazy"): aquí, ya.
    imagenes.forEach(img => { img.loading = 'eager'; });
    await Promise.all(imagenes.map(img => img.complete ? null : new Promise(listo => {
        img.addEventListener('load', listo);
        img.addEventListener('error', listo);
    })));
    return imagenes.map(img => ({
        src: img.getAttribute('src'),
        alt: (img.getAttribute('alt') || '').trim(),
        ancho: img.naturalWidth,
    }));
}"""


def _visitar(navegador, servidor: str, pagina: str) -> Visita:
    visita = Visita()
    contexto = nuevo_contexto(navegador, visita.ajenas)
    hoja = contexto.new_page()
    escuchas = {
        "console": lambda m: m.type == "error"
        and visita.errores_consola.append(f"{m.text} ({m.location.get('url', '')})"),
        "pageerror": lambda e: visita.errores_consola.append(f"excepción: {e}"),
        "requestfailed": lambda r: es_local(r.url)
        and visita.fallidas.append(f"{r.url}: {r.failure}"),
        "response": lambda r: r.status >= 400
        and visita.fallidas.append(f"{r.url}: HTTP {r.status}"),
    }
    for evento, escucha in escuchas.items():
        hoja.on(evento, escucha)
    try:
        respuesta = hoja.goto(_url(servidor, pagina), wait_until="load")
        visita.estado = respuesta.status if respuesta else None
        _esperar_matematicas(hoja)
        texto = hoja.evaluate(JS_TEXTO_SIN_CODIGO)
        fin_anterior = -1
        for hallazgo in TEX_CRUDO.finditer(texto):
            if hallazgo.start() < fin_anterior:
                continue  # el cierre de una fórmula ya mostrada
            inicio, fin_anterior = max(0, hallazgo.start() - 30), hallazgo.end() + 50
            visita.tex_crudo.append(" ".join(texto[inicio:fin_anterior].split()))
        visita.matematicas = hoja.evaluate(JS_MATEMATICAS, MATEMATICAS_DIBUJADAS)
        visita.imagenes = hoja.evaluate(JS_IMAGENES)
        # axe-core pide por su cuenta las hojas de estilo (y resuelve mal los @import):
        # lo que haga ya no cuenta como consola ni peticiones de la página.
        for evento, escucha in escuchas.items():
            hoja.remove_listener(evento, escucha)
        visita.violaciones = violaciones_graves(hoja)
    finally:
        contexto.close()
    return visita


@pytest.fixture(scope="session")
def visitas(navegador, servidor):
    """visitas(pagina) abre la página una sola vez en la sesión y guarda lo observado."""
    hechas: dict[str, Visita] = {}

    def visitar(pagina: str) -> Visita:
        if pagina not in hechas:
            hechas[pagina] = _visitar(navegador, servidor, pagina)
        return hechas[pagina]

    return visitar


def _lista(elementos, maximo: int = 8) -> str:
    elementos = list(elementos)
    lineas = [f"  - {e}" for e in elementos[:maximo]]
    if len(elementos) > maximo:
        lineas.append(f"  … y {len(elementos) - maximo} más")
    return "\n".join(lineas)


# --- Revisiones de cada página ---------------------------------------------------------------


@pytest.mark.parametrize("pagina", PAGINAS)
def test_carga_con_estado_200(visitas, pagina):
    assert visitas(pagina).estado == 200, f"{pagina} respondió {visitas(pagina).estado}"


@pytest.mark.parametrize("pagina", PAGINAS)
def test_sin_errores_en_la_consola(visitas, pagina):
    errores = visitas(pagina).errores_consola
    assert not errores, f"{pagina}: {len(errores)} errores en la consola:\n{_lista(errores)}"


@pytest.mark.parametrize("pagina", PAGINAS)
def test_sin_peticiones_fallidas(visitas, pagina):
    fallidas = visitas(pagina).fallidas
    assert not fallidas, f"{pagina}: {len(fallidas)} peticiones fallidas:\n{_lista(fallidas)}"


@pytest.mark.parametrize("pagina", PAGINAS)
def test_solo_pide_recursos_a_127_0_0_1(visitas, pagina):
    ajenas = visitas(pagina).ajenas
    assert not ajenas, (
        f"{pagina} pide {len(ajenas)} recursos fuera de 127.0.0.1 (el sitio debe funcionar "
        f"sin red):\n{_lista(ajenas)}"
    )


@pytest.mark.parametrize("pagina", PAGINAS)
def test_matematicas_dibujadas(visitas, pagina):
    visita = visitas(pagina)
    assert not visita.tex_crudo, (
        f"{pagina} muestra TeX sin procesar ({len(visita.tex_crudo)} fragmentos):\n"
        f"{_lista(visita.tex_crudo, 5)}"
    )
    mates = visita.matematicas
    assert not mates["sin_dibujar"], (
        f"{pagina}: {len(mates['sin_dibujar'])} de {mates['elementos']} fórmulas sin dibujar:\n"
        f"{_lista(mates['sin_dibujar'], 5)}"
    )
    if _fuente_tiene_matematicas(pagina):
        assert mates["dibujadas"] > 0, f"El fuente de {pagina} tiene matemáticas; la página, no."


@pytest.mark.parametrize("pagina", PAGINAS)
def test_imagenes_cargadas_y_con_texto_alternativo(visitas, pagina):
    imagenes = visitas(pagina).imagenes
    sin_cargar = [i["src"] for i in imagenes if i["ancho"] == 0]
    sin_alt = [i["src"] for i in imagenes if not i["alt"]]
    assert not sin_cargar, f"{pagina}: imágenes que no cargaron:\n{_lista(sin_cargar)}"
    assert not sin_alt, f"{pagina}: imágenes sin texto alternativo:\n{_lista(sin_alt)}"


@pytest.mark.parametrize("pagina", PAGINAS)
def test_accesibilidad_axe_sinviolaciones_graves(visitas, pagina):
    violaciones = visitas(pagina).violaciones
    assert not violaciones, informe_axe(pagina, violaciones)


@pytest.mark.parametrize("pagina", sorted(set(PAGINAS_CAPTURADAS.values())))
def test_accesibilidad_axe_en_tema_oscuro(navegador, servidor, pagina):
    assert pagina in PAGINAS, f"{pagina} no está en _toc.yml"
    contexto = nuevo_contexto(navegador, color_scheme="dark")
    try:
        hoja = contexto.new_page()
        hoja.goto(_url(servidor, pagina), wait_until="load")
        _esperar_matematicas(hoja)
        assert hoja.locator("html").get_attribute("data-theme") == "dark"
        violaciones = violaciones_graves(hoja)
    finally:
        contexto.close()
    assert not violaciones, informe_axe(f"{pagina} (tema oscuro)", violaciones)


@pytest.mark.parametrize("pagina", PAGINAS)
def test_telefono_sin_desplazamiento_horizontal(navegador, servidor, pagina):
    contexto = nuevo_contexto(
        navegador, viewport=TELEFONO, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    try:
        hoja = contexto.new_page()
        hoja.goto(_url(servidor, pagina), wait_until="load")
        _esperar_matematicas(hoja)
        desborde = hoja.evaluate(JS_DESBORDE)
    finally:
        contexto.close()
    assert desborde["ancho"] <= TELEFONO["width"], (
        f"{pagina} mide {desborde['ancho']} px de ancho en un teléfono de "
        f"{TELEFONO['width']} px; se sale:\n{_lista(desborde['culpables'])}"
    )



# Lo que cambia de lugar mientras carga la página (entradas «layout-shift», lo que suma el CLS
# de Lighthouse), anotado desde antes de que llegue el HTML.
JS_ANOTAR_CAMBIOS = """window.cambiosDeLugar = [];
new PerformanceObserver(lista => lista.getEntries().forEach(e => window.cambiosDeLugar.push({
    valor: e.value,
    quienes: e.sources.map(s => s.node ? `${s.node.nodeName}.${s.node.className}` : '?').slice(0, 3),
}))).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("pagina", PAGINAS)
def test_al_abrir_en_un_telefono_nada_cambia_de_lugar(navegador, servidor, pagina):
    """Lo que taller.css deja para después (content-visibility) no empuja lo que ya se ve."""
    contexto = nuevo_contexto(navegador, viewport=TELEFONO, is_mobile=True, device_scale_factor=2)
    contexto.add_init_script(JS_ANOTAR_CAMBIOS)
    try:
        hoja = contexto.new_page()
        hoja.goto(_url(servidor, pagina), wait_until="load")
        hoja.wait_for_timeout(1000)
        cambios = hoja.evaluate("() => window.cambiosDeLugar")
    finally:
        contexto.close()
    total = sum(c["valor"] for c in cambios)
    assert total <= 0.05, f"{pagina}: al cargar, lo que se ve se movió {total:.3f} (CLS): {cambios}"


def test_lo_lejano_se_compone_al_acercarse(navegador, servidor):
    """En la página más larga, lo de su último párrafo espera a que el lector llegue a él."""
    contexto = nuevo_contexto(navegador, viewport=TELEFONO, is_mobile=True)
    parrafo = "[...document.querySelectorAll('.bd-article section > p')].filter(p => p.firstElementChild).at(-1)"
    visible = f"() => {parrafo}.firstElementChild.checkVisibility({{contentVisibilityAuto: true}})"
    try:
        hoja = contexto.new_page()
        hoja.goto(_url(servidor, "book/05-retropropagacion"), wait_until="load")
        estilo = hoja.evaluate(f"() => getComputedStyle({parrafo}).contentVisibility")
        lejos = hoja.evaluate(visible)
        hoja.evaluate(f"() => {parrafo}.scrollIntoView()")
        hoja.wait_for_function(visible)
    finally:
        contexto.close()
    assert (estilo, lejos) == ("auto", False)


# --- Búsqueda, descarga, tema y capturas -----------------------------------------------------


@pytest.mark.parametrize("consulta, esperada", BUSQUEDAS.items())
def test_busqueda_pone_primero_el_capitulo(navegador, servidor, consulta, esperada):
    assert esperada in PAGINAS, f"{esperada} (lo que debe hallar «{consulta}») no está en _toc.yml"
    contexto = nuevo_contexto(navegador)
    try:
        hoja = contexto.new_page()
        hoja.goto(f"{servidor}search.html", wait_until="load")
        campo = hoja.locator(".bd-search-container form.bd-search input[name=q]")
        campo.press_sequentially(consulta)
        with hoja.expect_navigation():
            campo.press("Enter")
        hoja.wait_for_function(
            """() => {
                const resumen = document.querySelector('#search-results .search-summary');
                return resumen && resumen.innerText.trim().length > 0;
            }"""
        )
        enlaces = hoja.eval_on_selector_all(
            "#search-results ul.search > li > a:first-of-type", "as => as.map(a => a.href)"
        )
    finally:
        contexto.close()
    encontradas = list(dict.fromkeys(_pagina_de(servidor, e) for e in enlaces))
    assert encontradas, f"Buscar «{consulta}» no encontró nada."
    assert encontradas[0] == esperada, (
        f"Buscar «{consulta}» pone primero {encontradas[0]}, no {esperada}:\n"
        f"{_lista(encontradas, 5)}"
    )


CUADERNOS = [p for p in PAGINAS if _es_cuaderno(p)]


@pytest.mark.parametrize("pagina", CUADERNOS)
def test_menu_de_descarga_da_un_ipynb_valido(navegador, servidor, pagina):
    contexto = nuevo_contexto(navegador)
    try:
        hoja = contexto.new_page()
        hoja.goto(_url(servidor, pagina), wait_until="load")
        titulo = hoja.locator("article h1").first.evaluate(
            """h => [...h.childNodes]
                .filter(n => !(n.classList && n.classList.contains('headerlink')))
                .map(n => n.textContent).join('').trim()"""
        )
        menu = hoja.locator(".dropdown-download-buttons").first
        menu.locator("button.dropdown-toggle").click()
        opciones = menu.locator(".dropdown-menu a[href]")
        opciones.first.wait_for(state="visible")
        ofrecidas = opciones.evaluate_all("as => as.map(a => a.href)")
        cuadernos = [u for u in ofrecidas if urlsplit(u).path.endswith(".ipynb")]
        assert cuadernos, (
            f"El menú de descarga de {pagina} no ofrece un .ipynb; ofrece:\n{_lista(ofrecidas)}"
        )
        respuesta = hoja.request.get(cuadernos[0])
        assert respuesta.status == 200, f"{cuadernos[0]} respondió {respuesta.status}"
        texto = respuesta.text()
    finally:
        contexto.close()
    cuaderno = nbformat.reads(texto, as_version=4)
    nbformat.validate(cuaderno)
    markdown = "\n".join(c.source for c in cuaderno.cells if c.cell_type == "markdown")
    assert any(c.cell_type == "code" for c in cuaderno.cells), f"{cuadernos[0]} no tiene código."
    assert titulo in markdown, f"{cuadernos[0]} no parece ser «{titulo}»: no contiene su título."


JS_FONDO = "() => getComputedStyle(document.body).backgroundColor"


def test_boton_de_tema_alterna_claro_y_oscuro(navegador, servidor):
    contexto = nuevo_contexto(navegador, color_scheme="light")
    try:
        hoja = contexto.new_page()
        hoja.goto(_url(servidor, "book/index"), wait_until="load")
        # sin transiciones: el color de fondo se lee ya en su valor final
        hoja.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        raiz = hoja.locator("html")
        boton = hoja.locator("button.theme-switch-button:visible").first
        estados = [(raiz.get_attribute("data-theme"), hoja.evaluate(JS_FONDO))]
        for _ in range(2):
            boton.click()
            hoja.wait_for_function(
                "antes => document.documentElement.dataset.theme !== antes", arg=estados[-1][0]
            )
            estados.append((raiz.get_attribute("data-theme"), hoja.evaluate(JS_FONDO)))
    finally:
        contexto.close()
    temas = [t for t, _ in estados]
    fondos = [f for _, f in estados]
    assert temas == ["light", "dark", "light"], temas
    assert fondos[0] != fondos[1] and fondos[2] == fondos[0], fondos


@pytest.mark.parametrize("tema", ["claro", "oscuro"])
@pytest.mark.parametrize("nombre, pagina", PAGINAS_CAPTURADAS.items())
def test_capturas_de_pantalla(navegador, servidor, nombre, pagina, tema):
    assert pagina in PAGINAS, f"{pagina} (captura «{nombre}») no está en _toc.yml"
    esquema = {"claro": "light", "oscuro": "dark"}[tema]
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    archivo = CAPTURAS / f"{nombre}-{tema}.png"
    contexto = nuevo_contexto(navegador, color_scheme=esquema)
    try:
        hoja = contexto.new_page()
        hoja.goto(_url(servidor, pagina), wait_until="load")
        _esperar_matematicas(hoja)
        assert hoja.locator("html").get_attribute("data-theme") == esquema
        hoja.screenshot(path=str(archivo), full_page=True, animations="disabled")
    finally:
        contexto.close()
    assert archivo.stat().st_size > 10_000, f"{archivo} está casi vacía"
