"""Read parts of a rendered page: the text inside the element with an id, the messages at the top of the page."""

from __future__ import annotations

from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Collector(HTMLParser):
    """Collect the text inside the elements that match (an id, or a tag with a class), however deeply nested."""

    def __init__(self, element_id: str = "", css_class: str = "") -> None:
        super().__init__()
        self.element_id, self.css_class = element_id, css_class
        self.depth = 0  # open elements inside a match, the match itself included
        self.matches: list[dict[str, str]] = []  # the matching elements' attributes
        self.parts: list[str] = []

    def _matches(self, attrs: dict[str, str]) -> bool:
        if self.element_id:
            return attrs.get("id") == self.element_id
        return self.css_class in (attrs.get("class") or "").split()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            return
        values = {name: value or "" for name, value in attrs}
        if self.depth:
            self.depth += 1
        elif self._matches(values):
            self.depth = 1
            self.matches.append(values)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_ELEMENTS and self.depth:
            self.depth -= 1
            if not self.depth:
                self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def _collect(html: str, **match: str) -> _Collector:
    collector = _Collector(**match)
    collector.feed(html)
    collector.close()
    return collector


def text_of(html: str, element_id: str) -> str:
    """Return the text inside the element with this id ('' when the page has none)."""
    return "".join(_collect(html, element_id=element_id).parts)


def has_element(html: str, element_id: str) -> bool:
    """Return whether the page has an element with this id."""
    return bool(_collect(html, element_id=element_id).matches)


def top_messages(html: str) -> str:
    """Return the text of the messages at the top of the page (base.html's flashes)."""
    return "".join(_collect(html, css_class="flashes").parts)


def feedback_boxes(html: str) -> list[dict[str, str]]:
    """Return the attributes of the message boxes shown beside forms."""
    return _collect(html, css_class="form-feedback").matches


def landing(client, url: str, **data) -> tuple[str, str]:
    """Post a form as a browser does; return the section it sends the user back to and the page shown there."""
    response = client.post(url, data=data)
    assert response.status_code == 302, response.status_code
    path, _mark, anchor = response.headers["Location"].partition("#")
    return anchor, client.get(path).get_data(as_text=True)


def assert_beside(page: str, anchor: str, message: str) -> None:
    """The message is inside the section of the form, in a focusable alert, and not repeated at the top."""
    assert has_element(page, anchor), f"no element #{anchor}"
    assert message in text_of(page, anchor), f"{message!r} is not inside #{anchor}"
    assert message not in top_messages(page), f"{message!r} is also at the top"
    box = next(box for box in feedback_boxes(page) if "data-feedback" in box)
    assert box["role"] == "alert" and box["tabindex"] == "-1"
