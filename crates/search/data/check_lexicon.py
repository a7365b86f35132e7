#!/usr/bin/env python3
"""Check lexicon-fr-ar.tsv, the French-Arabic lexicon used for cross-lingual search.

Usage: python3 check_lexicon.py [path]   (default: lexicon-fr-ar.tsv next to this script)

Rules (see the header of the lexicon):
- UTF-8, NFC, no BOM, LF line endings;
- lines starting with "#" are comments; "# section: name" starts a section, and
  every entry belongs to a section;
- an entry is exactly two non-empty fields separated by one TAB: french, arabic;
- no leading, trailing or doubled spaces in a field;
- French: lowercase Latin script (letters, digits, space, ' - ,), at least one letter;
- Arabic: Arabic letters (U+0621-U+063A, U+0641-U+064A), ASCII digits and spaces,
  at least one letter; no harakat (U+064B-U+0652, U+0670), no tatweel (U+0640),
  no presentation forms, no Persian/Urdu look-alikes;
- no duplicate (french, arabic) pair.

Prints the number of entries per section, then the problems, one per line as
path:line: message. Exits 0 when the file is clean, 1 otherwise.
Python 3 standard library only.
"""

import sys
import unicodedata
from collections import OrderedDict
from pathlib import Path

SECTION_PREFIX = "# section:"

HARAKAT = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670"}
TATWEEL = "\u0640"
ARABIC_LETTERS = {chr(c) for c in range(0x0621, 0x063B)} | {chr(c) for c in range(0x0641, 0x064B)}
FRENCH_PUNCT = set(" '-,")
ARABIC_OTHER = set(" 0123456789")


def is_latin_letter(ch):
    return unicodedata.category(ch).startswith("L") and "LATIN" in unicodedata.name(ch, "")


def check_spaces(field, side, problems, where):
    if field != field.strip():
        problems.append(f"{where}: {side} field has leading or trailing spaces")
    if "  " in field:
        problems.append(f"{where}: {side} field has a doubled space")


def check_french(fr, problems, where):
    check_spaces(fr, "French", problems, where)
    if fr != fr.lower():
        problems.append(f"{where}: French field is not lowercase: {fr!r}")
    bad = sorted({ch for ch in fr if not (is_latin_letter(ch) or ch.isdigit() and ch.isascii() or ch in FRENCH_PUNCT)})
    if bad:
        problems.append(f"{where}: French field has characters outside Latin script: {' '.join(map(repr, bad))}")
    if not any(is_latin_letter(ch) for ch in fr):
        problems.append(f"{where}: French field has no Latin letter")


def check_arabic(ar, problems, where):
    check_spaces(ar, "Arabic", problems, where)
    harakat = sorted({f"U+{ord(ch):04X}" for ch in ar if ch in HARAKAT})
    if harakat:
        problems.append(f"{where}: Arabic field has harakat: {' '.join(harakat)}")
    if TATWEEL in ar:
        problems.append(f"{where}: Arabic field has tatweel")
    bad = sorted({ch for ch in ar if ch not in ARABIC_LETTERS and ch not in ARABIC_OTHER and ch not in HARAKAT and ch != TATWEEL})
    if bad:
        names = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}" for ch in bad)
        problems.append(f"{where}: Arabic field has characters outside Arabic letters: {names}")
    if not any(ch in ARABIC_LETTERS for ch in ar):
        problems.append(f"{where}: Arabic field has no Arabic letter")


def check(path):
    problems = []
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{path}:1: file starts with a BOM")
    if b"\r" in raw:
        problems.append(f"{path}: file has CR characters (use LF line endings)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(f"{path}: not UTF-8: {err}")
        return OrderedDict(), problems
    if raw and not raw.endswith(b"\n"):
        problems.append(f"{path}: last line does not end with a newline")

    sections = OrderedDict()
    section_lines = {}
    current = None
    seen = {}
    for number, line in enumerate(text.split("\n"), start=1):
        where = f"{path}:{number}"
        if line != line.rstrip():
            problems.append(f"{where}: trailing whitespace")
        if unicodedata.normalize("NFC", line) != line:
            problems.append(f"{where}: line is not in Unicode NFC")
        if not line.strip():
            continue
        if line.startswith("#"):
            if line.startswith(SECTION_PREFIX):
                name = line[len(SECTION_PREFIX):].strip()
                if not name:
                    problems.append(f"{where}: section without a name")
                elif name in sections:
                    problems.append(f"{where}: section {name!r} already started at line {section_lines[name]}")
                else:
                    sections[name] = 0
                    section_lines[name] = number
                current = name
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            problems.append(f"{where}: expected 2 tab-separated fields, found {len(fields)}")
            continue
        fr, ar = fields
        if not fr.strip() or not ar.strip():
            problems.append(f"{where}: empty field")
            continue
        check_french(fr, problems, where)
        check_arabic(ar, problems, where)
        if current is None:
            problems.append(f"{where}: entry before the first '{SECTION_PREFIX}' line")
        else:
            sections[current] += 1
        key = (fr, ar)
        if key in seen:
            problems.append(f"{where}: duplicate pair, first at line {seen[key]}: {fr} / {ar}")
        else:
            seen[key] = number

    for name, count in sections.items():
        if count == 0:
            problems.append(f"{path}:{section_lines[name]}: section {name!r} is empty")
    return sections, problems


def main(argv):
    default = Path(__file__).resolve().with_name("lexicon-fr-ar.tsv")
    path = Path(argv[1]) if len(argv) > 1 else default
    if not path.is_file():
        print(f"cannot read {path}: no such file", file=sys.stderr)
        return 1
    sections, problems = check(path)
    width = max((len(name) for name in sections), default=10)
    for name, count in sections.items():
        print(f"{name:<{width}}  {count:>5}")
    print(f"{'total':<{width}}  {sum(sections.values()):>5}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
