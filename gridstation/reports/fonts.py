"""CJK fonts for reportlab, and safe Paragraph markup from user text.

reportlab can embed only TrueType-outline fonts, so the bundled set is:

* WenQuanYi Micro Hei (``wqy-microhei.ttc``, face 0) — the main font; covers GB 18030's
  common hanzi, Latin and CJK punctuation, and has U+FFFD.
* HanaMin A (``HanaMinA.ttf``) — fallback for BMP and Ext-A hanzi the main font lacks.
* HanaMin B (``HanaMinB.ttf``) — fallback for supplementary-plane hanzi (Ext B–F),
  e.g. 𠀀 U+20000 or 𪚥 U+2A6A5, which turn up in personal and place names.

A character is set in the first font whose cmap has it: main, A, B — except from
U+20000 up, where B is asked before A. HanaMin A also carries a few thousand Ext-B
characters, so plain main-A-B order would send most Ext-B text to A, loading both
20+ MB files; asking B first loads only B for such text, and A still covers the ~500
plane-2 characters B lacks.

The fallbacks are 20–30 MB each, so each is registered with reportlab only when some
text actually needs one of its glyphs. Registration goes through reportlab's
process-wide font registry; a lock makes it safe from worker threads.

:func:`paragraph_markup` is the one way user text enters reportlab markup: it is
XML-escaped first, so ``<b>``, ``&amp;`` or ``<font>`` typed by a user print literally.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from gridstation.font_files import FALLBACK_FONT_A, FALLBACK_FONT_B, FONT_SPECS, MAIN_FONT

#: Shown instead of control characters; the main font has a glyph for it.
REPLACEMENT_CHARACTER = "\ufffd"

_SPECS_BY_NAME = {spec.name: spec for spec in FONT_SPECS}

_register_lock = threading.Lock()
_loaded_fonts: dict[str, TTFont] = {}  # mirrors reportlab's process-wide font registry


_NON_BMP_BFCHAR = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)


def _utf16_bfchar(match: re.Match[str]) -> str:
    utf16 = chr(int(match.group(2), 16)).encode("utf-16-be").hex().upper()
    return f"<{match.group(1)}> <{utf16}>"


def _fix_tounicode_cmaps() -> None:
    """Make reportlab write supplementary-plane characters correctly in ToUnicode maps.

    reportlab (checked 4.x and 5.1) writes ``<%04X>`` per code point, e.g. ``<20000>``
    for 𠀀; a ToUnicode destination must be UTF-16BE (``<D840DC00>``), so PDF readers
    reject the entry and Ext-B characters cannot be copied or searched. The wrapper
    rewrites only those entries; BMP entries are already UTF-16BE. Idempotent.
    """
    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_gridstation_utf16", False):
        return

    def make_tounicode_cmap(fontname: str, subset: list[int]) -> str:
        return _NON_BMP_BFCHAR.sub(_utf16_bfchar, original(fontname, subset))

    setattr(make_tounicode_cmap, "_gridstation_utf16", True)  # noqa: B010
    ttfonts.makeToUnicodeCMap = make_tounicode_cmap


def ensure_font(name: str) -> TTFont:
    """Register the bundled font ``name`` with reportlab (once) and return it."""
    font = _loaded_fonts.get(name)
    if font is not None:  # fast path: called once per character of every text
        return font
    spec = _SPECS_BY_NAME[name]
    with _register_lock:
        _fix_tounicode_cmaps()
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(spec.name, str(spec.path), subfontIndex=spec.subfont_index))
            # There is no bold or italic face: map the whole family onto the regular one,
            # so a stray <b> in our own markup degrades to regular instead of raising.
            pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        font = _loaded_fonts[name] = pdfmetrics.getFont(name)
        return font


def register_main_font() -> str:
    """Register the main font and return its reportlab name, for use in styles."""
    ensure_font(MAIN_FONT)
    return MAIN_FONT


_BMP_ORDER = (MAIN_FONT, FALLBACK_FONT_A, FALLBACK_FONT_B)
_PLANE2_ORDER = (MAIN_FONT, FALLBACK_FONT_B, FALLBACK_FONT_A)


def font_for_char(char: str) -> str | None:
    """The first bundled font with a glyph for ``char``, or ``None`` if none has one.

    Fallback fonts are loaded only when an earlier font lacks the glyph.
    """
    codepoint = ord(char)
    for name in _PLANE2_ORDER if codepoint >= 0x20000 else _BMP_ORDER:
        if codepoint in ensure_font(name).face.charToGlyph:
            return name
    return None


def font_runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into ``(font_name, run)`` pairs of consecutive same-font characters.

    Characters no bundled font can draw are replaced so the PDF never shows an
    empty .notdef box: invisible format characters (category Cf, e.g. zero-width
    joiners, and variation selectors) are dropped, anything else (emoji, unassigned
    code points) becomes U+FFFD in the main font.
    """
    runs: list[tuple[str, str]] = []
    for original in text:
        char, font = original, font_for_char(original)
        if font is None:
            if _is_ignorable(char):
                continue
            char, font = REPLACEMENT_CHARACTER, MAIN_FONT
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def _is_ignorable(char: str) -> bool:
    codepoint = ord(char)
    is_selector = 0xFE00 <= codepoint <= 0xFE0F or 0xE0100 <= codepoint <= 0xE01EF
    return is_selector or unicodedata.category(char) == "Cf"


def clean_line(line: str) -> str:
    """Replace characters that must not reach reportlab within one line of text.

    A tab becomes a space (reportlab would treat it as one anyway). Other control
    characters (Unicode category Cc) and lone surrogates are replaced by U+FFFD rather
    than dropped, so the reader can see something was there; the main font draws it.
    """
    return "".join(
        " " if char == "\t" else REPLACEMENT_CHARACTER if unicodedata.category(char) in ("Cc", "Cs") else char
        for char in line
    )


def paragraph_markup(text: str) -> str:
    """reportlab Paragraph markup that prints user ``text`` literally.

    The text is XML-escaped, runs that need a fallback font are wrapped in
    ``<font name="...">``, and line breaks become ``<br/>``. Every line break that
    :meth:`str.splitlines` knows (``\\n``, ``\\r\\n``, ``\\r``, form feed, U+2028 …) counts
    as a newline; other control characters become U+FFFD (see :func:`clean_line`).
    """
    register_main_font()
    lines = []
    for line in text.splitlines():
        parts = []
        for font, run in font_runs(clean_line(line)):
            escaped = escape(run)
            parts.append(escaped if font == MAIN_FONT else f'<font name="{font}">{escaped}</font>')
        lines.append("".join(parts))
    return "<br/>".join(lines)
