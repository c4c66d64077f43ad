"""Arreglos de la interfaz que el tema no trae bien de fábrica.

- sphinx-thebe 0.3.1 con Sphinx 7.4 mete dos veces el mismo ``<script>`` en cada página (error
  en la consola): se quitan los repetidos.
- La descripción de cada página para buscadores y redes (``sphinxext-opengraph``) usa la
  dirección del sitio (``html.baseurl``) y el título del libro, configurados una sola vez.
- docutils marca cada referencia con ``role="doc-biblioentry"`` (obsoleto) dentro de una lista:
  para los lectores de pantalla, cada una debe ser ``role="listitem"``.
"""

from __future__ import annotations


def sin_scripts_repetidos(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    vistos, unicos = set(), []
    for js in scripts:
        clave = (js.filename or "", tuple(sorted(js.attributes.items())))
        if clave not in vistos:
            vistos.add(clave)
            unicos.append(js)
    scripts[:] = unicos


def describir_con_el_sitio(app, config) -> None:
    config.ogp_site_url = config.ogp_site_url or config.html_baseurl
    config.ogp_site_name = config.ogp_site_name or config.html_title


def citas_como_lista(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("config-inited", describir_con_el_sitio)
    app.connect("html-page-context", sin_scripts_repetidos)
    app.connect("html-page-context", citas_como_lista)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
