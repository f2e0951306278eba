"""Fill unfinished messages of a Qt Linguist .ts file from a JSON mapping.

    python scripts/fill_translations.py resources/translations/gridstation_zh_CN.ts mapping.json

The mapping is ``{"Context": {"English source": "译文", ...}, ...}``; the context ``"*"`` applies to any
context. Only messages marked ``type="unfinished"`` (new or changed since the last fill) are touched:
the .ts file stays the source of truth, and a finished translation is never overwritten. Run it under
``flock /tmp/ts.lock`` together with lupdate. Prints nothing; exits 1 if a mapped source was not found.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
_TEXT = re.compile(r">([^<]*)<")  # element text: written with lupdate's escaping, so lupdate runs change nothing


def fill(ts_path: Path, mapping: dict[str, dict[str, str]]) -> tuple[int, list[str]]:
    """Apply ``mapping`` to ``ts_path`` in place; returns (filled count, mapped sources not in the file)."""
    tree = ET.parse(ts_path)
    filled = 0
    seen: set[tuple[str, str]] = set()
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        table = {**mapping.get("*", {}), **mapping.get(name, {})}
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if source not in table:
                continue
            seen.add((name if source in mapping.get(name, {}) else "*", source))
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            if message.get("numerus") == "yes":
                for form in translation.findall("numerusform") or [ET.SubElement(translation, "numerusform")]:
                    form.text = table[source]
            else:
                translation.text = table[source]
            del translation.attrib["type"]
            filled += 1
    missing = [f"{ctx}: {src}" for ctx, table in mapping.items() for src in table if (ctx, src) not in seen]
    body = ET.tostring(tree.getroot(), encoding="unicode", short_empty_elements=False)
    body = _TEXT.sub(lambda m: ">" + m.group(1).replace('"', "&quot;").replace("'", "&apos;") + "<", body)
    ts_path.write_text(HEADER + body + "\n", encoding="utf-8")
    return filled, missing


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.stderr.write(__doc__ or "")
        return 2
    mapping = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
    _filled, missing = fill(Path(argv[1]), mapping)
    for entry in missing:
        sys.stderr.write(f"not in the .ts file: {entry}\n")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
