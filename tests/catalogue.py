"""The French catalogue and the script that fills it (scripts/french_catalogue.py, standard
library only, loaded from its file: scripts/ is no package)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"

_SPEC = importlib.util.spec_from_file_location(
    "french_catalogue", ROOT / "scripts" / "french_catalogue.py"
)
french_catalogue = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(french_catalogue)
