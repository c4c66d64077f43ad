"""El Chromium con que se prueba el sitio y se imprime el PDF: el de Debian, manejado con Playwright.

Playwright no puede descargar su propio navegador en estas máquinas; se usa el paquete
``chromium`` de Debian (``.ci/run`` lo instala). ``TALLER_CHROMIUM`` elige otro ejecutable (por
ejemplo, el Chrome que traen las máquinas del flujo de publicación).
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("TALLER_CHROMIUM", "/usr/bin/chromium"))
ARGUMENTOS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
