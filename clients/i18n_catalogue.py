"""Keep the Simplified Chinese catalogue complete and compiled (``scripts/i18n``).

The ``.mo`` is committed and compiled with polib, so a machine without GNU gettext runs the
site in Chinese; only re-reading the code's marked strings (``update``, and the source half of
``check``) needs ``xgettext``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
IGNORE = [".venv", ".tools", "node_modules", "tests", "scripts", "static", "staticfiles", "var"]


def untranslated(po: polib.POFile) -> list[str]:
    """Msgids with no Chinese text, or marked fuzzy (a guess gettext would not use)."""
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags or not all(text.strip() for text in texts):
            missing.append(entry.msgid)
    return missing


def compile_mo() -> None:
    po = polib.pofile(str(PO))
    po.save_as_mofile(str(MO))


def stale_mo() -> list[str]:
    """Entries of the .po whose translation the committed .mo does not carry."""
    if not MO.exists():
        return ["(no compiled catalogue: run scripts/i18n compile)"]
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(MO))}
    differ = []
    for entry in polib.pofile(str(PO)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        have = compiled.get((entry.msgctxt, entry.msgid))
        if have is None:
            differ.append(entry.msgid)
        elif entry.msgid_plural:
            plural = {int(k): v for k, v in have[1].items()}
            if plural != {int(k): v for k, v in entry.msgstr_plural.items()}:
                differ.append(entry.msgid)
        elif have[0] != entry.msgstr:
            differ.append(entry.msgid)
    return differ


def extract() -> None:
    """Merge the code's marked strings into the .po (makemessages, which needs xgettext)."""
    import os

    import django
    from django.core.management import call_command

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    call_command(
        "makemessages", locale=["zh_Hans"], ignore_patterns=IGNORE, no_obsolete=True, verbosity=0
    )


def source_gaps() -> list[str] | None:
    """Marked strings of the code that the committed .po lacks (None: no xgettext here)."""
    if shutil.which("xgettext") is None:
        return None
    with tempfile.TemporaryDirectory() as keep:
        saved = Path(keep) / "django.po"
        shutil.copy2(PO, saved)
        try:
            extract()
            fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if not e.obsolete}
        finally:
            shutil.copy2(saved, PO)
        committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(saved)) if not e.obsolete}
    return sorted(msgid for ctx, msgid in fresh - committed)


def report(title: str, msgids: list[str]) -> None:
    print(f"{title}: {len(msgids)}")
    for msgid in msgids:
        print("  msgid " + repr(msgid))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "compile":
        compile_mo()
        print(f"compiled {MO.relative_to(ROOT)}")
        return 0
    if command == "update":
        extract()
        compile_mo()
        po = polib.pofile(str(PO))
        missing = untranslated(po)
        print(f"{len([e for e in po if not e.obsolete])} messages in {PO.relative_to(ROOT)}")
        report("untranslated or fuzzy (add their msgstr, then scripts/i18n compile)", missing)
        return 1 if missing else 0
    if command == "check":
        failures = 0
        missing = untranslated(polib.pofile(str(PO)))
        if missing:
            report("untranslated or fuzzy in the catalogue", missing)
            failures += 1
        stale = stale_mo()
        if stale:
            report("the .mo is not compiled from the current .po (run scripts/i18n compile)", stale)
            failures += 1
        gaps = source_gaps()
        if gaps is None:
            print("xgettext not found: the code's marked strings were not compared (apt gettext)")
        elif gaps:
            report("marked in the code, missing from the catalogue (run scripts/i18n update)", gaps)
            failures += 1
        if not failures:
            print("catalogue complete and compiled")
        return 1 if failures else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
