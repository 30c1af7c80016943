"""No module of ours is imported by a string naming it (code review of December 2026, item 3).

`import_module("wirportal.offices.services")` in core hides from import-linter that the lowest
layer reaches up into offices. The discovery helpers (navigation, links, schedules, demo data)
import `f"{config.name}.<module>"` for every installed app: a name built from the app registry,
not one app named in the code, so they stay allowed.
"""

import ast
from pathlib import Path

import wirportal

ROOT = Path(wirportal.__file__).resolve().parent
IMPORTERS = {"import_module", "__import__"}


def _named_imports(source: str) -> list[tuple[int, str]]:
    """(line, text) of every import call whose module name starts with a literal "wirportal."."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in IMPORTERS:
            continue
        first = node.args[0]
        if isinstance(first, ast.JoinedStr) and first.values:
            first = first.values[0]  # f"wirportal.{x}": its literal start
        if isinstance(first, ast.Constant) and str(first.value).startswith("wirportal."):
            found.append((node.lineno, ast.unparse(node)))
    return found


def test_no_code_of_ours_imports_an_app_of_ours_by_its_name():
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{line}: {text}"
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
        for line, text in _named_imports(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_negative_control_the_gate_sees_named_imports_and_lets_discovery_pass():
    source = (
        "from importlib import import_module\n"
        "import importlib\n"
        'import_module("wirportal.offices.services")\n'
        'importlib.import_module(f"wirportal.{name}.demo")\n'
        '__import__("wirportal.accounts.demo")\n'
        'import_module(f"{config.name}.demo")\n'
        'import_module("json")\n'
    )
    assert [line for line, _text in _named_imports(source)] == [3, 4, 5]
