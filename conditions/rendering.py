"""The one place Markdown becomes HTML.

Called when a version is approved or previewed, never on a public request.
Bodies may hold tables, headings and citation markers such as ``[1]`` or
``[2, 3]``, linked to the numbered references. Whatever the Markdown
produces is then cleaned with an allowlist (nh3): raw HTML in input is never
trusted, so scripts, styles, event handlers and ``javascript:`` or ``data:``
URLs never reach a reader.
"""

import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from django.template.loader import render_to_string
from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.inlinepatterns import InlineProcessor

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dl",
    "dt", "em", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "ol": {"start"},
    "sup": {"class"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# [1], [1, 2], [1-3] — but not [text] or the start of a Markdown link. A
# citation before a colon ("as shown [1]: …") is linked too: a reference
# definition ("[1]: https://…" at the start of a line) never gets here, as
# Markdown's block parser takes those lines out before inline patterns run.
CITATION_PATTERN = r"\[(\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*)\](?![(\[])"


def _cited_numbers(marker: str) -> list[int]:
    numbers = []
    for part in re.split(r"\s*,\s*", marker.strip()):
        first, *last = re.split(r"\s*[\u2013-]\s*", part)
        numbers.extend(range(int(first), int(last[0]) + 1) if last else [int(first)])
    return numbers


class CitationProcessor(InlineProcessor):
    def __init__(self, pattern, md, reference_count: int):
        super().__init__(pattern, md)
        self.reference_count = reference_count

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        numbers = _cited_numbers(m.group(1))
        if not all(1 <= n <= self.reference_count for n in numbers):
            return None, None, None  # leave unknown numbers as plain text
        sup = etree.Element("sup", {"class": "citation"})
        sup.text = "["
        for index, number in enumerate(numbers):
            link = etree.SubElement(sup, "a", {"href": f"#ref-{number}"})
            link.text = str(number)
            link.tail = "]" if index == len(numbers) - 1 else ", "
        return sup, m.start(0), m.end(0)


class CitationExtension(Extension):
    def __init__(self, reference_count: int):
        super().__init__()
        self.reference_count = reference_count

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        # After links and full references (160, 170), before short references.
        md.inlinePatterns.register(
            CitationProcessor(CITATION_PATTERN, md, self.reference_count),
            "citation",
            135,
        )


def sanitize(html: str, *, tags: set[str] = ALLOWED_TAGS) -> str:
    return nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown(
    text: str, *, reference_count: int = 0, anchor: str = "", top_heading: int = 3
) -> str:
    """Sanitised HTML for one Markdown body.

    Headings inside a body start at ``top_heading`` (h3 in an article, whose
    section heading is h2) and get ids prefixed with ``anchor`` so they stay
    unique across sections.
    """
    prefix = f"{anchor}-" if anchor else ""
    html = markdown.markdown(
        text,
        extensions=[
            "tables",
            "sane_lists",
            TocExtension(
                baselevel=top_heading,
                slugify=lambda value, separator: prefix + slugify(value),
                permalink=False,
            ),
            CitationExtension(reference_count),
        ],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    tags = ALLOWED_TAGS | {f"h{level}" for level in range(top_heading, 7)}
    return sanitize(html, tags=tags)


def section_anchors(headings: list[str]) -> list[str]:
    """A unique, readable id for each section heading, in order."""
    anchors, seen = [], set()
    for heading in headings:
        base = slugify(heading) or "section"
        if base.startswith("ref-") or base == "references":
            base = f"section-{base}"  # reference ids belong to the reference list
        anchor, n = base, 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        anchors.append(anchor)
    return anchors


def render_article_fragments(data: dict) -> dict[str, str]:
    """Each section's body and the reference list, rendered and sanitised."""
    count = len(data["references"])
    fragments = {
        f"section:{section['anchor']}": render_markdown(
            section["body"], reference_count=count, anchor=section["anchor"]
        )
        for section in data["sections"]
    }
    fragments["references"] = render_to_string(
        "includes/_references.html", {"references": data["references"]}
    ).strip()
    return fragments


def article_sections(data: dict, fragments: dict[str, str]) -> list[dict]:
    """The snapshot's sections, each with its pre-rendered ``html``."""
    return [
        {**section, "html": fragments.get(f"section:{section['anchor']}", "")}
        for section in data["sections"]
    ]


def render_article(data: dict) -> tuple[str, dict[str, str]]:
    """The whole body as every section's reader would see it (references last),
    and its fragments; the Markdown is rendered once for both."""
    fragments = render_article_fragments(data)
    body = render_to_string(
        "includes/_article_body.html",
        {
            "sections": article_sections(data, fragments),
            "references_html": fragments["references"],
            "show_members_sections": True,
        },
    ).strip()
    return body, fragments


def render_site_page(data: dict) -> tuple[str, dict[str, str]]:
    """A site page's body: one Markdown text under the page's h1, so its own
    headings start at h2, with ids prefixed "page-" so that none can clash
    with the layout's ("main"). No fragments: every reader sees all of it."""
    return render_markdown(data["body"], anchor="page", top_heading=2), {}
