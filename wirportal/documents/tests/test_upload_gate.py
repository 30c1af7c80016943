"""Bypass gate: every file the portal accepts must pass `validate_upload` (BSI APP.3.1.A4).

Scans the whole `wirportal` package, so it also covers apps written later:
- model fields: no `FileField`/`ImageField` (files live in `documents.StoredDocument`),
- form fields: every `forms.FileField` is a `SafeFileField`,
- `request.FILES` outside `wirportal/documents/`: only handed whole to a form (whose fields the
  form check covers) or, when read directly, the same function calls `validate_upload`,
- django-ninja `UploadedFile` parameters: the function calls `validate_upload`.

The exception list may only shrink: new entries are not allowed, fixed ones should be removed.
"""

import ast
import importlib
import pkgutil
import warnings
from pathlib import Path

from django import forms
from django.apps import apps
from django.db import models

import wirportal
from wirportal.documents.forms import SafeFileField

PACKAGE_ROOT = Path(wirportal.__file__).parent

# Known offenders, each with the plan to fix it. This list may only shrink.
EXCEPTIONS: frozenset[str] = frozenset()


# --- scanners (pure functions, tested below on purpose-built offenders) -----------------------


def model_offenders(model_classes) -> set[str]:
    found = set()
    for model in model_classes:
        if model.__name__.startswith("Historical") and hasattr(model, "history_object"):
            continue  # django-simple-history copies; the tracked model is checked itself
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                found.add(f"model {model._meta.app_label}.{model.__name__}.{field.name}")
    return found


def form_offenders(form_classes) -> set[str]:
    found = set()
    for form in form_classes:
        for name, field in getattr(form, "base_fields", {}).items():
            if isinstance(field, forms.FileField) and not isinstance(field, SafeFileField):
                found.add(f"form {form.__module__}.{form.__qualname__}.{name}")
    return found


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _calls_validator(function: ast.AST) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            target = node.func
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if name == "validate_upload":
                return True
    return False


def _is_files(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "FILES"


def source_offenders(source: str, label: str) -> set[str]:
    """`request.FILES` read directly, or ninja UploadedFile parameters, without the validator."""
    tree = ast.parse(source)
    parents: dict[ast.AST, ast.AST] = {}
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    found = set()
    for node in ast.walk(tree):
        if not _is_files(node):
            continue
        parent = parents.get(node)
        # `Form(request.POST, request.FILES)` or `files=request.FILES`, also `request.FILES or None`
        while isinstance(parent, ast.BoolOp | ast.keyword):
            parent = parents.get(parent)
        handed_to_form = isinstance(parent, ast.Call) and not (
            isinstance(parent.func, ast.Attribute) and parent.func.value is node
        )
        function = parent
        while function is not None and not isinstance(
            function, ast.FunctionDef | ast.AsyncFunctionDef
        ):
            function = parents.get(function)
        if handed_to_form:
            continue
        if function is None or not _calls_validator(function):
            where = function.name if function is not None else "<module>"
            found.add(f"request.FILES {label}:{where}:{node.lineno}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Call):
            func = node.value.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"FileField", "ImageField"}:
                owner = parents.get(node)
                owner_name = owner.name if isinstance(owner, ast.ClassDef) else "<module>"
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                target = ast.unparse(targets[0])
                found.add(f"{name} {label}:{owner_name}.{target}")
    for function in _functions(tree):
        arguments = function.args.args + function.args.kwonlyargs
        annotated = any(
            "UploadedFile" in ast.unparse(argument.annotation)
            for argument in arguments
            if argument.annotation is not None
        )
        if annotated and not _calls_validator(function):
            found.add(f"UploadedFile {label}:{function.name}:{function.lineno}")
    return found


# --- the project ------------------------------------------------------------------------------


def _import_all_modules() -> None:
    """Import every module so form classes exist; a module that fails to import is left to its
    own tests (the static scan of its source still runs)."""
    for module in pkgutil.walk_packages(
        [str(PACKAGE_ROOT)], prefix="wirportal.", onerror=lambda name: None
    ):
        if ".tests" in module.name or ".migrations" in module.name:
            continue
        try:
            importlib.import_module(module.name)
        except Exception:
            continue


def _all_form_classes():
    _import_all_modules()
    seen = set()
    stack = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return [cls for cls in seen if cls.__module__.startswith("wirportal.")]


def _source_files():
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        relative = path.relative_to(PACKAGE_ROOT)
        if relative.parts[0] == "documents" or "tests" in relative.parts:
            continue
        if "migrations" in relative.parts:
            continue
        yield path, str(relative)


def project_offenders() -> set[str]:
    found = model_offenders(
        model for model in apps.get_models() if model.__module__.startswith("wirportal.")
    )
    found |= form_offenders(_all_form_classes())
    for path, label in _source_files():
        found |= source_offenders(path.read_text(encoding="utf-8"), label)
    return found


def test_every_upload_goes_through_the_validator():
    offenders = project_offenders()
    new = sorted(offenders - EXCEPTIONS)
    assert not new, (
        "Uploads that bypass wirportal.documents.validation.validate_upload "
        "(use SafeFileField and documents.services.document_store):\n  " + "\n  ".join(new)
    )
    fixed = sorted(EXCEPTIONS - offenders)
    if fixed:
        warnings.warn(f"remove fixed entries from EXCEPTIONS: {fixed}", stacklevel=1)


# --- the gate itself can fail -----------------------------------------------------------------


def test_gate_finds_a_plain_file_form_field():
    class Sneaky(forms.Form):
        file = forms.FileField()
        safe = SafeFileField()
        image = forms.ImageField()

    found = form_offenders([Sneaky])
    assert {o.rsplit(".", 1)[-1] for o in found} == {"file", "image"}


def test_gate_finds_a_model_file_field():
    class Meta:
        app_label = "documents"

    fields = {"__module__": __name__, "Meta": Meta, "scan": models.FileField(upload_to="x")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fake = type("GateProbe", (models.Model,), fields)
    try:
        assert model_offenders([fake]) == {"model documents.GateProbe.scan"}
    finally:
        apps.all_models["documents"].pop("gateprobe", None)
        apps.clear_cache()


def test_gate_finds_direct_request_files_use():
    source = """
def upload(request):
    f = request.FILES["file"]
    storage.save(f.name, f)

def upload_checked(request):
    upload = validate_upload(request.FILES.get("file"))

def upload_form(request):
    form = MaterialForm(request.POST or None, request.FILES or None)
    other = OtherForm(data=request.POST, files=request.FILES)

def upload_loop(request):
    for f in request.FILES.getlist("files"):
        f.read()

def api_upload(request, file: UploadedFile = File(...)):
    return file.read()

def api_upload_ok(request, file: UploadedFile = File(...)):
    return validate_upload(file)

class Attachment(models.Model):
    scan = models.FileField(upload_to="x")

class AttachmentForm(forms.Form):
    picture: Any = forms.ImageField()
"""
    assert source_offenders(source, "x.py") == {
        "request.FILES x.py:upload:3",
        "request.FILES x.py:upload_loop:14",
        "UploadedFile x.py:api_upload:17",
        "FileField x.py:Attachment.scan",
        "ImageField x.py:AttachmentForm.picture",
    }
