"""What every notice-board sheet (公示栏, domain.md §8–9) shares: paper sizes, fitting one page at
any reasonable text length, the public-data guard, and checked photos.

**Fit.** A poster is one page. Its content is built at a scale (font sizes and spacing), measured,
and built again smaller until it fits the frame; below ``MIN_SCALE`` the text would be too small
to read from a step away, so ``PosterTooLong`` asks for shorter text or a larger paper instead.

**Public data only.** Builders take only the public input types of ``notice_board`` (leaders'
work contacts, the catalogue, the station's own text, counts). As a second line of defence,
``PublicDataGuard`` scans every text that will be printed for the residents' personal values held
by the station (names, ID numbers, phones: ``services_queries.resident_personal_values``) and for
anything shaped like an ID number, and refuses the whole sheet, naming the offending field.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, Protocol

from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from gridstation.domain import notice_privacy as privacy
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.reports.fonts import MAIN_FONT, register_main_font

Target = str | os.PathLike[str] | IO[bytes]
PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "A3": A3}
MIN_SCALE = 0.5
SCALES = (1.4, 1.25, 1.12, 1.0, 0.92, 0.84, 0.76, 0.69, 0.62, 0.56, MIN_SCALE)
MARGIN = 14 * mm
A3_GAIN = A3[0] / A4[0]  # √2
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000


class PosterTooLong(ValidationError):
    """The text cannot fit one page of the chosen paper at a readable size."""


class PersonalDataRefused(ValidationError):
    """A notice-board sheet would have carried a resident's personal data."""


def paper_size(paper: str) -> tuple[float, float]:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}")
    return PAPERS[paper]


# -- the guard ----------------------------------------------------------------------------------

def public_texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text inside a public input (dataclasses, tuples, lists), with where it sits."""
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from public_texts(getattr(value, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from public_texts(item, f"{path}[{index}]")


class PersonalLookup(Protocol):
    """Where the residents' personal values live (the station database): which lengths they have,
    and which of some candidate strings are among them."""

    def lengths(self) -> set[int]: ...

    def find(self, candidates: set[str]) -> set[str]: ...


class ValueSet:
    """A ``PersonalLookup`` over values held in memory."""

    def __init__(self, values: Collection[str]) -> None:
        self.values = frozenset(v.strip() for v in values)

    def lengths(self) -> set[int]:
        return {len(v) for v in self.values}

    def find(self, candidates: set[str]) -> set[str]:
        return candidates & self.values


class SensitiveCategoryRefused(PersonalDataRefused):
    """A notice-board sheet would have tied a sensitive category (低保, 社区矫正 …) to a person."""


class PublicDataGuard:
    """Refuses texts holding any of the residents' ``personal`` values (names, ID numbers, phones),
    any ID number, or a sensitive category term tied to a person (``domain.notice_privacy``).

    Every substring of each printed text, in each of the forms a value may be typed in (full-width,
    with separators between digits, in Chinese numerals), with the length of some personal value is a
    candidate, and so are digits continued from one printed text into the next; the candidates are
    looked up all at once (in the database, through its indexes, for a ``PersonalLookup``), so the cost
    grows with the text printed, not with the number of residents. ``allowed`` are values that are
    public on this sheet although a resident may share them (a grid leader who is also a resident of
    the grid). Values shorter than two characters are ignored.
    """

    def __init__(self, personal: Collection[str] | PersonalLookup, allowed: Collection[str] = ()) -> None:
        self._lookup: PersonalLookup = ValueSet(personal) if isinstance(personal, Collection) else personal
        self._allowed = {a.strip() for a in allowed}

    def check(self, texts: Collection[tuple[str, str]] | Iterator[tuple[str, str]]) -> None:
        texts = list(texts)
        lengths = sorted(n for n in self._lookup.lengths() if n >= 2)
        candidates: list[tuple[str, set[str]]] = []
        for where, text in texts:
            if privacy.shows_id_number(text):
                self._refuse(where)
            candidates.append((where, privacy.value_candidates(text, lengths) - self._allowed))
        for start, run in privacy.spanning_digit_runs([text for _, text in texts]):
            if privacy.shows_id_number(run):
                self._refuse(texts[start][0])
            candidates.append((texts[start][0], privacy.value_candidates(run, lengths) - self._allowed))
        hits = self._lookup.find(set().union(*(c for _, c in candidates))) if candidates else set()
        linked = privacy.first_sensitive_link(texts, known=hits - self._allowed, allowed=self._allowed)
        if linked is not None:
            self._refuse_link(*linked)
        for where, found in candidates:
            if found & hits:
                self._refuse(where)

    @staticmethod
    def _refuse(where: str) -> None:
        place, number = place_words(where)
        if number is None:
            raise PersonalDataRefused(where or "text", QT_TRANSLATE_NOOP(
                "Errors", "The notice-board sheet would show a resident's personal data in {place}. "
                          "Notice boards carry public information only: remove it and try again."), place=place)
        raise PersonalDataRefused(where, QT_TRANSLATE_NOOP(
            "Errors", "The notice-board sheet would show a resident's personal data in {place} {n}. "
                      "Notice boards carry public information only: remove it and try again."), place=place, n=number)

    @staticmethod
    def _refuse_link(where: str, link: privacy.SensitiveLink) -> None:
        # The message names the term and the place, never the person (messages reach the log).
        place, number = place_words(where)
        if number is None:
            raise SensitiveCategoryRefused(where or "text", QT_TRANSLATE_NOOP(
                "Errors", 'The notice-board sheet ties "{term}" to a person in {place}. A notice board must '
                          "not show who belongs to a special group or has a health condition: write about the topic "
                          "without pointing at anyone (no name, not even an anonymised or masked one) and try again."),
                place=place, term=link.term)
        raise SensitiveCategoryRefused(where, QT_TRANSLATE_NOOP(
            "Errors", 'The notice-board sheet ties "{term}" to a person in {place} {n}. A notice board must '
                      "not show who belongs to a special group or has a health condition: write about the topic "
                      "without pointing at anyone (no name, not even an anonymised or masked one) and try again."),
            place=place, n=number, term=link.term)


# Where a printed text sits (``public_texts`` paths), in the words of the sheet's form. Each phrase is a
# parameter the UI translates in "Errors"; a numbered one is followed by the entry's number from 1 (in
# Chinese the message puts 第{n} before it: "the text of section" → "段正文" makes "第1段正文").
PLACES: dict[str, str] = {
    "title": QT_TRANSLATE_NOOP("Errors", "the title"),
    "slogan": QT_TRANSLATE_NOOP("Errors", "the slogan"),
    "station_name": QT_TRANSLATE_NOOP("Errors", "the station's name"),
    "grid_name": QT_TRANSLATE_NOOP("Errors", "the grid's name"),
    "area": QT_TRANSLATE_NOOP("Errors", "the grid's area"),
    "opening_hours": QT_TRANSLATE_NOOP("Errors", "the opening hours"),
    "supervision_phone": QT_TRANSLATE_NOOP("Errors", "the supervision phone"),
    "contact_phone": QT_TRANSLATE_NOOP("Errors", "the contact phone"),
    "groups": QT_TRANSLATE_NOOP("Errors", "the summary's lines"),
}
NUMBERED_PLACES: dict[tuple[str, str], str] = {
    ("sections", "heading"): QT_TRANSLATE_NOOP("Errors", "the heading of section"),
    ("sections", "body"): QT_TRANSLATE_NOOP("Errors", "the text of section"),
    ("leaders", "duties"): QT_TRANSLATE_NOOP("Errors", "the duties of grid worker"),
    ("leaders", ""): QT_TRANSLATE_NOOP("Errors", "the details of grid worker"),
    ("items", ""): QT_TRANSLATE_NOOP("Errors", "service item"),
}
_PATH = re.compile(r"^(?P<list>\w+)\[(?P<index>\d+)\](?:\.(?P<field>\w+))?")


def place_words(where: str) -> tuple[str, int | None]:
    """The place of ``where`` (a ``public_texts`` path such as ``sections[0].body``) in words a grid
    worker knows from the form, with the entry's number from 1 where it is one of a list."""
    match = _PATH.match(where)
    if match:
        key, field = match["list"], match["field"] or ""
        phrase = NUMBERED_PLACES.get((key, field)) or NUMBERED_PLACES.get((key, ""))
        if phrase is not None:
            return phrase, int(match["index"]) + 1
        where = key
    return PLACES.get(where.split(".")[0], QT_TRANSLATE_NOOP("Errors", "the sheet's text")), None


# -- photos -------------------------------------------------------------------------------------

def load_photo(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a leader's photo, checked to be a JPEG or PNG image of a sensible size."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise ValidationError("photo", QT_TRANSLATE_NOOP("Errors", "The photo file {name} cannot be read."),
                              name=path.name) from None
    if size > MAX_PHOTO_BYTES:
        raise ValidationError("photo", QT_TRANSLATE_NOOP(
            "Errors", "The photo {name} is {mb} MB; a photo may be at most {limit} MB. Choose a smaller picture."),
            name=path.name, mb=round(size / 1024 / 1024), limit=MAX_PHOTO_BYTES // 1024 // 1024)
    data = path.read_bytes()
    check_photo_bytes(data, name=path.name)
    return data


def check_photo_bytes(data: bytes, *, name: str = "photo") -> None:
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, PILImage.DecompressionBombError):
        raise ValidationError("photo", QT_TRANSLATE_NOOP(
            "Errors", "{name} is not a picture GridStation can print: choose a JPEG or PNG photo."),
            name=name) from None
    if kind not in ("JPEG", "PNG") or width * height > MAX_PHOTO_PIXELS:
        raise ValidationError("photo", QT_TRANSLATE_NOOP(
            "Errors", "{name} is not a picture GridStation can print: choose a JPEG or PNG photo."), name=name)


# -- fitting one page ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Sheet:
    """Drawing context of one poster: paper, the scale being tried, and its unit size."""

    paper: str
    scale: float

    @property
    def size(self) -> tuple[float, float]:
        return paper_size(self.paper)

    @property
    def unit(self) -> float:
        """Points per "A4 point" at this scale: A3 sheets print everything √2 larger."""
        return self.size[0] / A4[0] * self.scale

    def pt(self, value: float) -> float:
        return value * self.unit


def _height(flowables: list[Flowable], width: float, height: float) -> float:
    total = 0.0
    for index, flowable in enumerate(flowables):
        _, h = flowable.wrap(width, height)
        total += h + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if index else 0)
    return total


def poster_scales(paper: str, smallest: float = MIN_SCALE) -> tuple[float, ...]:
    """The scales to try, largest first. What is readable is the printed size, so A3 (which prints
    everything √2 larger at the same scale) goes on down to the smallest *A4* size: "print it on A3"
    then really holds about twice the text, as the refusal on A4 promises."""
    scales = tuple(s for s in SCALES if s >= smallest)
    if paper == "A3":
        scales += tuple(round(s / A3_GAIN, 3) for s in SCALES if smallest > s / A3_GAIN >= smallest / A3_GAIN)
    return scales


def render_poster(target: Target, *, paper: str, title: str, author: str, footer: Callable[[Sheet], str],
                  story: Callable[[Sheet], list[Flowable]], smallest: float = MIN_SCALE) -> float:
    """Draw ``story`` on one page of ``paper`` at the largest scale at which it fits (short text prints
    larger, up to 1.4×); returns the scale.

    Raises ``PosterTooLong`` when even ``smallest`` (on A3: its printed size on A4) does not fit.
    """
    register_main_font()
    width, height = paper_size(paper)
    frame_w, frame_h = width - 2 * MARGIN, height - 2 * MARGIN - 8 * mm  # room for the footer line
    for scale in poster_scales(paper, smallest):
        sheet = Sheet(paper, scale)
        flowables = story(sheet)
        if _height(flowables, frame_w, frame_h) <= frame_h - 2:  # the frame's own padding
            break
    else:
        larger = QT_TRANSLATE_NOOP("Errors", " or print it on A3") if paper == "A4" else ""
        raise PosterTooLong("text", QT_TRANSLATE_NOOP(
            "Errors", "The text is too long to fit one {paper} page at a readable size. Shorten it{larger}."),
            paper=paper, larger=larger)
    canvas = Canvas(target if not isinstance(target, os.PathLike) else os.fspath(target), pagesize=(width, height),
                    initialFontName=MAIN_FONT)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("GridStation 网格服务站工作台")
    frame = Frame(MARGIN, MARGIN + 8 * mm, frame_w, frame_h, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, showBoundary=0)
    frame.addFromList(flowables, canvas)
    canvas.setFont(MAIN_FONT, 8 * sheet.unit / sheet.scale)
    canvas.setFillGray(0.35)
    canvas.drawString(MARGIN, MARGIN, footer(sheet))
    canvas.save()
    return scale


def render_pages(target: Target, *, paper: str, title: str, author: str, footer: Callable[[Sheet], str],
                 story: Callable[[Sheet], list[Flowable]], scale: float) -> int:
    """Draw ``story`` at ``scale`` on as many pages of ``paper`` as it needs (a long list: tables
    repeat their header row), each page with the footer and "第 N 页 共 M 页"; returns the page count."""
    register_main_font()
    width, height = paper_size(paper)
    sheet = Sheet(paper, scale)

    def build(out: Target, total: int) -> int:
        pages = [0]

        def on_page(canvas: Canvas, _doc: object) -> None:
            pages[0] += 1
            canvas.saveState()
            canvas.setFont(MAIN_FONT, 8 * sheet.unit / sheet.scale)
            canvas.setFillGray(0.35)
            canvas.drawString(MARGIN, MARGIN, footer(sheet))
            canvas.drawRightString(width - MARGIN, MARGIN, f"第 {pages[0]} 页  共 {total} 页")
            canvas.restoreState()

        doc = BaseDocTemplate(out if not isinstance(out, os.PathLike) else os.fspath(out), pagesize=(width, height),
                              leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 8 * mm,
                              title=title, author=author, creator="GridStation 网格服务站工作台",
                              initialFontName=MAIN_FONT)
        frame = Frame(MARGIN, MARGIN + 8 * mm, width - 2 * MARGIN, height - 2 * MARGIN - 8 * mm, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
        doc.build(story(sheet))
        return pages[0]

    total = build(io.BytesIO(), 0)
    build(target, total)
    return total


def issued_text(station_name: str, day: date) -> str:
    return f"{station_name}　公示日期：{day.year}年{day.month}月{day.day}日"
