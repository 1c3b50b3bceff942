"""app.py as AppTest runs it: from a folder with no ``pages/`` beside it.

AppTest starts every run as if the server were fresh, and with ``pages/`` beside the main script
that means Streamlit's old folder mode (see ``pages/_ui/routing.py``), which a real server leaves
after its first run. Run from here, every AppTest run goes through the router, as a browser's does.
"""

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
