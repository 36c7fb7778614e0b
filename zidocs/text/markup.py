"""Inline markup in plan text: ``*website*`` is italic; ``\\*`` is a literal star.

Templates get text as runs so Word shows the italics; checks read the spans.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool = False


class MarkupError(ValueError):
    """An italic span is opened and never closed."""


def runs(text: str) -> list[Run]:
    """Split marked-up text into runs. Raises MarkupError on an unclosed ``*``."""
    out: list[Run] = []
    buf: list[str] = []
    italic = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] == "*":
            buf.append("*")
            i += 2
            continue
        if ch == "*":
            if buf:
                out.append(Run("".join(buf), italic))
                buf = []
            italic = not italic
        else:
            buf.append(ch)
        i += 1
    if italic:
        raise MarkupError("tanda * pembuka huruf miring tidak ditutup")
    if buf:
        out.append(Run("".join(buf), italic))
    return out


def plain(text: str) -> str:
    """The text as printed, without markup. Tolerates an unclosed ``*``."""
    try:
        return "".join(r.text for r in runs(text))
    except MarkupError:
        return text.replace("\\*", "*")


def italic_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``plain(text)`` of the italic runs."""
    spans, pos = [], 0
    for r in runs(text):
        if r.italic:
            spans.append((pos, pos + len(r.text)))
        pos += len(r.text)
    return spans


@dataclass(frozen=True)
class Rich:
    """Marked-up text as runs (italic or not), ready for a template."""

    runs: tuple[Run, ...]

    @classmethod
    def of(cls, text: str) -> "Rich":
        return cls(tuple(runs(text)))

    @property
    def plain(self) -> str:
        return "".join(r.text for r in self.runs)

    def upper(self) -> "Rich":
        """The same runs in capitals (headings printed in capitals keep their italics)."""
        return Rich(tuple(Run(r.text.upper(), r.italic) for r in self.runs))

    def __add__(self, other: "Rich | str") -> "Rich":
        more = (Run(other),) if isinstance(other, str) else other.runs
        return Rich(tuple(r for r in (*self.runs, *more) if r.text))

    def __radd__(self, other: str) -> "Rich":
        return Rich((Run(other),)) + self

    def bound(self) -> "Rich":
        """The last two words joined by a no-break space, so a wrapped title
        never ends with one word ("2026") alone on its line."""
        cut = self.plain.rstrip().rfind(" ")
        if cut <= 0:
            return self
        out, pos = [], 0
        for r in self.runs:
            if pos <= cut < pos + len(r.text):
                k = cut - pos
                r = Run(r.text[:k] + "\u00a0" + r.text[k + 1:], r.italic)
            out.append(r)
            pos += len(r.text)
        return Rich(tuple(out))


def plain_lenient(text: str) -> str:
    """``plain`` for text that may not parse (evidence notes, a plan being
    edited): an unclosed ``*`` leaves the text as written."""
    try:
        return plain(text)
    except MarkupError:
        return text


def escape(text: str) -> str:
    """Literal text (a file name, a keterangan) as markup that prints it unchanged."""
    return text.replace("*", "\\*")


def lenient(text: str) -> str:
    """Plan text as markup that parses: an unclosed ``*`` is kept as a literal star."""
    try:
        runs(text)
    except MarkupError:
        return escape(text)
    return text
