"""Reading the plain-HTML pages back: their tables as (caption, rows of cell text)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[list[str]]]] = []
        self._in: str | None = None  # "caption", "td" or "th"
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.found.append(("", []))
        elif tag == "tr" and self.found:
            self.found[-1][1].append([])
        elif tag in ("caption", "td", "th"):
            self._in, self._text = tag, ""

    def handle_data(self, data):
        if self._in:
            self._text += data

    def handle_endtag(self, tag):
        if tag != self._in:
            return
        if tag == "caption":
            self.found[-1] = (self._text.strip(), self.found[-1][1])
        elif tag == "td":
            self.found[-1][1][-1].append(self._text.strip())
        self._in = None


def tables(html: str) -> list[tuple[str, list[list[str]]]]:
    """Every table's caption and body rows (header cells left out)."""
    parser = _Tables()
    parser.feed(html)
    return [(caption, [r for r in rows if r]) for caption, rows in parser.found]
