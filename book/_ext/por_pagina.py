"""Datos por página que las extensiones guardan en el entorno de Sphinx.

Con ``-j`` Sphinx lee (y ejecuta) varias páginas a la vez en procesos hijos; lo que cada hijo
anota en su copia del entorno solo llega al proceso principal si se fusiona. ``registrar``
conecta, para un diccionario ``{página: dato}`` guardado en ``env``, el borrado al releer la
página y la fusión al terminar cada lote.
"""

from __future__ import annotations


def registrar(app, nombre: str) -> None:
    """Mantiene ``env.<nombre>`` (un dict por página) al releer y al leer en paralelo."""

    def borrar(app, env, docname) -> None:
        env.__dict__.get(nombre, {}).pop(docname, None)

    def fusionar(app, env, docnames, otro) -> None:
        de_otro = otro.__dict__.get(nombre, {})
        env.__dict__.setdefault(nombre, {}).update({d: de_otro[d] for d in docnames if d in de_otro})

    app.connect("env-purge-doc", borrar)
    app.connect("env-merge-info", fusionar)


def datos(env, nombre: str) -> dict:
    """El diccionario ``env.<nombre>``, creado vacío si aún no existe."""
    return env.__dict__.setdefault(nombre, {})
