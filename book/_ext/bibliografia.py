"""Estilo de la bibliografía y de las citas: los de pybtex y sphinxcontrib-bibtex, en español.

pybtex arma cada referencia con plantillas cuyas palabras fijas («In», «edition», «PhD thesis»…)
están en inglés. En lugar de copiar sus plantillas, este estilo recorre la de cada entrada y
traduce esas palabras; los autores se unen con «y» y los meses se escriben en español. Las citas
en el texto («LeCun y Cortes, 1998») usan el estilo autor-año de sphinxcontrib-bibtex con «y».
"""

from dataclasses import dataclass, field

from pybtex.plugin import register_plugin
from pybtex.style import FormattedEntry
from pybtex.style.formatting.alpha import Style
from pybtex.style.template import Node, names, sentence
import sphinxcontrib.bibtex.plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

PALABRAS = {
    "In": "En",
    "in": "en",
    "of": "de",
    "edition": "edición",
    "editor": "editor",
    "editors": "editores",
    "Volume": "Volumen",
    "volume": "volumen",
    "Number": "Número",
    "number": "número",
    "pages": "páginas",
    "chapter": "capítulo",
    "Master's thesis": "Tesis de maestría",
    "PhD thesis": "Tesis de doctorado",
    "Technical Report": "Informe técnico",
}

MESES = dict(zip(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"],
    ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre"],
))


def traducir(plantilla):
    """La misma plantilla con sus palabras fijas (los hijos que son texto) en español."""
    if isinstance(plantilla, str):
        return PALABRAS.get(plantilla, plantilla)
    if not isinstance(plantilla, Node):
        return plantilla
    copia = plantilla._clone()
    copia.children = [traducir(hijo) for hijo in plantilla.children]
    return copia


class EstiloTaller(Style):
    def format_names(self, role, as_sentence=True):
        nombres = names(role, sep=", ", sep2=" y ", last_sep=" y ")
        return sentence[nombres] if as_sentence else nombres

    def format_entry(self, label, entry, bib_data=None):
        if "month" in entry.fields:
            entry.fields["month"] = MESES.get(entry.fields["month"], entry.fields["month"])
        plantilla = traducir(getattr(self, f"get_{entry.type}_template")(entry))
        texto = plantilla.format_data({"entry": entry, "style": self, "bib_data": bib_data})
        return FormattedEntry(entry.key, texto, label)


def _personas_con_y() -> PersonStyle:
    return PersonStyle(sep2=" y ", last_sep=" y ")


@dataclass
class CitasTaller(AuthorYearReferenceStyle):
    person: PersonStyle = field(default_factory=_personas_con_y)


def setup(app):
    register_plugin("pybtex.style.formatting", "taller", EstiloTaller)
    sphinxcontrib.bibtex.plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", "autor_anio",
                                                CitasTaller)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
