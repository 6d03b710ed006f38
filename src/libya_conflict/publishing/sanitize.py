"""The allow-list sanitizer every HTML and Markdown output of a kernel goes through.

Text from the data is untrusted, and a ``<script>`` that slipped through a notebook must not run;
images must be inline data, so that no request ever leaves the page.
"""

from __future__ import annotations

import functools
import re

import bleach
from bleach.css_sanitizer import CSSSanitizer

_ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul",
})
_ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "title", "style", "lang", "dir", "role", "aria-label"],
    "a": ["href", "name"],
    "img": ["src", "alt", "width", "height"],
    "td": ["colspan", "rowspan", "align"],
    "th": ["colspan", "rowspan", "align", "scope"],
    "ol": ["start"],
    "time": ["datetime"],
}


@functools.cache
def _cleaner() -> bleach.Cleaner:
    # Links may point inside the page or to the web (a reader clicks them on purpose); images
    # must be inline data, so that no request ever leaves the page.
    return bleach.Cleaner(tags=_ALLOWED_TAGS, attributes=_allow_attribute,
                          protocols={"http", "https", "mailto", "data"}, strip=False,
                          strip_comments=True, css_sanitizer=CSSSanitizer())


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if name in _ALLOWED_ATTRIBUTES["*"] or name in _ALLOWED_ATTRIBUTES.get(tag, []):
        if tag == "img" and name == "src":
            return value.startswith("data:image/")
        if tag == "a" and name == "href":
            return not value.lower().startswith("data:")
        return True
    return False


_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)


def sanitize_html(text: str) -> str:
    """Return HTML with only an allow-list of harmless tags and attributes left live.

    Parameters
    ----------
    text : str
        HTML from a kernel output or a rendered Markdown output (untrusted).

    Returns
    -------
    str
        The same HTML where scripts, event handlers, forms, frames, ``javascript:`` links and
        remote images are escaped or removed.

    """
    # An image whose source was removed (remote, or a script) is dropped, not shown broken.
    return _IMG_WITHOUT_SRC.sub("", _cleaner().clean(text))
