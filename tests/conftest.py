import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from conftest_word import soffice_profile  # noqa: E402,F401  (a fixture shared by the rendering tests)
from test_hardening import built, work  # noqa: E402,F401  (a pack built once from small inputs, a copy for each test)
