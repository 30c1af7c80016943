"""Gate: every `DomainError` (and subclass) or `InputError` message is translatable (issue #10).

Scans the whole `wirportal` package (without tests and migrations), so it also covers code written
later: the message of `raise DomainError(...)`, `NotAllowed(...)`, `DeadlineMissed(...)`,
`BudgetExceeded(...)` and `InputError(...)` must not be a plain string literal or an f-string.
A gettext call (`_("…")`, `gettext_lazy("…")`, `_("… %(name)s") % {...}`) or a name bound to one
passes. German is the source language; the English catalogue translates it at render time.
"""

import ast
from pathlib import Path

import wirportal

PACKAGE_ROOT = Path(wirportal.__file__).parent
ERROR_CLASSES = {"DomainError", "NotAllowed", "DeadlineMissed", "BudgetExceeded", "InputError"}

# Known offenders, each with the plan to fix it. This list may only shrink.
EXCEPTIONS: frozenset[str] = frozenset()


def _is_plain_text(node: ast.AST) -> bool:
    """A string literal, an f-string, or text built from them (`+`, `%`, `.format()`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _is_plain_text(node.left) or (
            isinstance(node.op, ast.Add) and _is_plain_text(node.right)
        )
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return _is_plain_text(node.func.value)
    return False


def _error_class(call: ast.Call) -> str | None:
    target = call.func
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name if name in ERROR_CLASSES else None


def source_offenders(source: str, label: str) -> set[str]:
    """`ErrorClass(<plain text>)` anywhere (raised or built to be raised later)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not _error_class(node):
            continue
        message = node.args[0] if node.args else None
        for keyword in node.keywords:
            if keyword.arg == "message":
                message = keyword.value
        if message is not None and _is_plain_text(message):
            found.add(f"{label}:{node.lineno} {_error_class(node)} with untranslated message")
    return found


def _package_sources():
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        parts = path.relative_to(PACKAGE_ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path, f"wirportal/{path.relative_to(PACKAGE_ROOT).as_posix()}"


def test_every_domain_error_message_is_translatable():
    found = set()
    for path, label in _package_sources():
        found |= source_offenders(path.read_text(encoding="utf-8"), label)
    # line numbers move: compare without them for the exception list
    unexpected = sorted(entry for entry in found if entry.split(":")[0] not in EXCEPTIONS)
    assert not unexpected, "Untranslated error messages:\n" + "\n".join(unexpected)


# --- the scanner itself, on purpose-built offenders and correct code -----------------------------

OFFENDING = """
def a():
    raise DomainError("Nicht erlaubt.")
def b(n):
    raise NotAllowed(f"Nur {n} Plätze.", field="seats")
def c():
    raise exceptions.BudgetExceeded("Zu " "teuer.")
def d(n):
    raise InputError("Höchstens %(n)s." % {"n": n})
def e():
    raise DeadlineMissed(message="Frist verpasst.")
"""

CORRECT = """
from django.utils.translation import gettext as _
WHOLE = gettext_lazy("Bitte eine ganze Zahl.")
def a():
    raise DomainError(_("Nicht erlaubt."))
def b(n):
    raise NotAllowed(_("Nur %(n)s Plätze.") % {"n": n}, field="seats")
def c():
    raise InputError(WHOLE)
def d(error):
    raise DomainError(str(error))
def e():
    raise ValueError("not user-facing")
"""


def test_scanner_finds_literals_and_fstrings():
    found = source_offenders(OFFENDING, "x.py")
    assert {entry.split(" ")[0] for entry in found} == {
        "x.py:3",
        "x.py:5",
        "x.py:7",
        "x.py:9",
        "x.py:11",
    }


def test_scanner_accepts_gettext_calls_and_names():
    assert source_offenders(CORRECT, "x.py") == set()
