"""Estilo de la bibliografía: el de pybtex («alpha»), con los autores unidos por «y»."""

from pybtex.style.formatting.alpha import Style
from pybtex.style.template import names, sentence
from pybtex.plugin import register_plugin


class EstiloTaller(Style):
    def format_names(self, role, as_sentence=True):
        nombres = names(role, sep=", ", sep2=" y ", last_sep=" y ")
        return sentence[nombres] if as_sentence else nombres


def setup(app):
    register_plugin("pybtex.style.formatting", "taller", EstiloTaller)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
