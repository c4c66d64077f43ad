// Puntuación de la búsqueda: la de Sphinx 7.4 con dos ajustes para un curso.
// - El glosario y las referencias quedan detrás de los capítulos (cada término del glosario es
//   una entrada de índice que, si coincide exacto, valdría más que el título de un capítulo).
// - Un capítulo cuyo título contiene la palabra buscada va antes que uno que solo la tiene en
//   el título de una sección.
const sinAcentos = (texto) => texto.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");

var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score, filename] = result;
    let puntos = /(^|\/)(glosario|referencias)$/.test(docname) ? Math.min(score, Scorer.term) : score;
    const consulta = sinAcentos(new URLSearchParams(window.location.search).get("q") || "");
    const titulo = sinAcentos(title || "");
    const raices = consulta.split(/\s+/).filter((w) => w.length > 3).map((w) => w.slice(0, Math.max(4, w.length - 2)));
    if (!anchor && raices.some((raiz) => titulo.includes(raiz))) puntos += 10;
    return puntos;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
