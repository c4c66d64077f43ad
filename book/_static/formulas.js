/*
 * Una fórmula más ancha que la columna se desplaza dentro de su caja (div.math, taller.css): quien
 * usa el teclado debe poder enfocarla para desplazarla. Las que caben no reciben el foco.
 */
(function () {
  "use strict";

  function marcar() {
    document.querySelectorAll("div.math").forEach((caja) => {
      caja.tabIndex = caja.scrollWidth > caja.clientWidth ? 0 : -1;
    });
  }

  let pendiente = null;
  window.addEventListener("resize", () => {
    clearTimeout(pendiente);
    pendiente = setTimeout(marcar, 200);
  });
  if (document.readyState === "complete") marcar();
  else window.addEventListener("load", marcar);
})();
