"""No view, form, template tag or admin class writes a record: the services do.

Read from the source: a call that saves, creates, updates or deletes rows in those modules
fails this test, except ``form.save(commit=False)`` (an unsaved object handed to a service).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SURFACES = [
    *sorted((ROOT / "enforcement" / "views").glob("*.py")),
    *sorted((ROOT / "enforcement" / "forms").glob("*.py")),
    *sorted((ROOT / "enforcement" / "templatetags").glob("*.py")),
    ROOT / "enforcement" / "admin.py",
    ROOT / "enforcement" / "context_processors.py",
    ROOT / "clients" / "views.py",
    ROOT / "clients" / "forms.py",
    ROOT / "clients" / "crud.py",
    ROOT / "clients" / "staff_views.py",
    *sorted((ROOT / "clients" / "templatetags").glob("*.py")),
    ROOT / "clients" / "admin_site.py",
    *sorted((ROOT / "enforcement" / "portal").glob("*views*.py")),
    ROOT / "clients" / "admin.py",
]
WRITES = {"save", "create", "delete", "bulk_create", "bulk_update", "get_or_create",
          "update_or_create", "save_m2m", "set", "add", "remove", "clear"}  # fmt: skip


def writes_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, receiver = node.func.attr, ast.unparse(node.func.value)
        unsaved = name == "save" and any(
            k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in node.keywords
        )
        if name in WRITES and not unsaved and receiver not in ("messages", "session"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {receiver}.{name}()")
        if name == "update" and ("objects" in receiver or "filter(" in receiver):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {receiver}.update()")
    return found


@pytest.mark.parametrize("path", SURFACES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_writes_a_record_itself(path):
    assert writes_in(path) == []


def test_the_check_catches_a_write():
    sample = ROOT / "tests" / "support" / "_writes_sample.py"
    sample.write_text("def view(request, obj):\n    obj.save()\n", encoding="utf-8")
    try:
        assert writes_in(sample) == ["tests/support/_writes_sample.py:2 obj.save()"]
    finally:
        sample.unlink()
