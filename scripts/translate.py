"""Fill English translations from scripts/translations_en.json into locale/en, then compile.

Usage: uv run python scripts/translate.py  (after `make messages` extracted new strings)
"""

import json
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
TABLE = ROOT / "scripts" / "translations_en.json"


def main() -> None:
    table: dict[str, str] = json.loads(TABLE.read_text()) if TABLE.exists() else {}
    po = polib.pofile(str(PO))
    missing = 0
    for entry in po:
        if entry.msgid_plural:
            singular = table.get(entry.msgid)
            plural = table.get(entry.msgid_plural)
            if singular and plural:
                entry.msgstr_plural = {0: singular, 1: plural}
                entry.flags = [f for f in entry.flags if f != "fuzzy"]
            else:
                missing += 1
            continue
        if entry.msgid in table:
            entry.msgstr = table[entry.msgid]
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
        elif not entry.msgstr:
            missing += 1
    po.save()
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    print(f"{len(po)} entries, {missing} without English translation")


if __name__ == "__main__":
    main()
