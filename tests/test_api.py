"""The documented library API works in a fresh interpreter, whatever was imported first."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .conftest import ROOT

PAGE = "data/raw/bozhou-2024-50.txt"

ORDERS = [
    # id, what a user's script imports before calling the API
    ("package-only", "import bozhou_tasks as b"),
    ("parse-first", f"import bozhou_tasks as b; b.parse({PAGE!r})"),
    ("submodule-first", "import bozhou_tasks.validate; import bozhou_tasks as b"),
    ("from-submodule-first", "from bozhou_tasks.validate import Report; import bozhou_tasks as b"),
    ("pipeline-first", "import bozhou_tasks.pipeline; import bozhou_tasks as b"),
    ("from-package", "from bozhou_tasks import parse, validate; import bozhou_tasks as b"),
    ("cli-first", "import bozhou_tasks.cli; import bozhou_tasks as b"),
]


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("prelude", [o[1] for o in ORDERS], ids=[o[0] for o in ORDERS])
def test_parse_then_validate_in_a_fresh_interpreter(prelude: str) -> None:
    code = f"{prelude}\nreport = b.validate(b.parse({PAGE!r}))\nprint(report.failed(), len(report.checks))"
    assert _run(code) == "False 55\n"


def test_the_submodule_stays_importable() -> None:
    code = (
        "import bozhou_tasks as b, importlib\n"
        "b.validate(b.parse('data/raw/bozhou-2024-50.txt'))\n"
        "from bozhou_tasks.validate import Report, validate\n"
        "print(validate is b.validate, importlib.import_module('bozhou_tasks.validate').Report is Report)"
    )
    assert _run(code) == "True True\n"


def test_the_readme_library_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"As a library:\n\n```python\n(.*?)```", readme, re.DOTALL)
    assert block
    lines = [line.split("  # ")[0] for line in block.group(1).splitlines()]
    code = "\n".join(
        f"print(repr(({line})))" if line and not line.startswith(("import", "notice =", "item =", "report =")) else line
        for line in lines
    )
    assert _run(code) == "[1, 2, 3, 43, 54]\n'市残联'\n(False, 55)\n"


IMPORT_NAMES = {"pyyaml": "yaml", "charset-normalizer": "charset_normalizer"}
"""Distribution names whose import name differs."""


def test_every_runtime_dependency_is_imported_by_the_product() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [re.split(r"[<>=\[ ]", requirement)[0].lower() for requirement in project["dependencies"]]
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "bozhou_tasks").rglob("*.py"))
    unused = [
        name for name in names if not re.search(rf"^\s*(?:from|import) {IMPORT_NAMES.get(name, name)}\b", source, re.M)
    ]
    assert unused == []
