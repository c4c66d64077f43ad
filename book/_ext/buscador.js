// Puntuación de la búsqueda: la de Sphinx 7.4, salvo que el glosario y las referencias quedan
// detrás de los capítulos (cada término del glosario es una entrada de índice y, si coincide
// exacto, vale 100: más que el título del capítulo, que vale unos 15).
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score, filename] = result;
    return /(^|\/)(glosario|referencias)$/.test(docname) ? Math.min(score, Scorer.term) : score;
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
