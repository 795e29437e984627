"""The one place Markdown becomes HTML.

Called when a version is approved or previewed, never on a public request.
Bodies may hold tables, headings and citation markers such as ``[1]`` or
``[2, 3]``, linked to the numbered references. Whatever the Markdown
produces is then cleaned with an allowlist (nh3): raw HTML in input is never
trusted, so scripts, styles, event handlers and ``javascript:`` or ``data:``
URLs never reach a reader.

Input can't stall or crash it either: before Python-Markdown sees a body,
nesting is capped (deep lists otherwise raise RecursionError), runs of square
brackets beyond a limit are made literal, and long bodies are cut at blank lines
into chunks of bounded size, each rendered on its own. Python-Markdown has
several steps that are quadratic in the size of one block or one paragraph, so
bounding the chunk and the bracket work keeps a body's time linear in its size.
Past MAX_MARKDOWN_CHARS, far beyond any real section, the rest of a body is
shown as plain paragraphs, which keeps even a megabyte under two seconds.
"""

import re
import secrets
import xml.etree.ElementTree as etree

import markdown
import nh3
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.inlinepatterns import InlineProcessor, LinkInlineProcessor

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


# Container markers (blockquote ">", list bullets and numbers) or a 4-column
# indent each open one more level of nesting; deeper lines are cut to this.
MAX_NESTING = 16
_NESTING_UNIT = re.compile(
    r" {0,3}(?:>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?| {4}|\t"
)
_MARKER_START = re.compile(r"[>*+-]|\d{1,9}(?=[.)])")
# Bodies longer than this are rendered in chunks of about this many characters,
# cut at blank lines; a longer block or line is cut too.
CHUNK_SIZE = 10_000
# Python-Markdown re-reads the rest of a block for each line it takes off, so
# a longer block is cut into blocks of this many lines.
MAX_BLOCK_LINES = 100
# Markdown is applied to this much of a body; the rest, were a body ever this
# long, is shown as plain paragraphs. Python-Markdown spends tens of
# microseconds per element, so a megabyte of dense syntax (a citation or
# heading every few characters) would take seconds even in linear time.
MAX_MARKDOWN_CHARS = 100_000
# Per chunk: how many "[" may start a link or citation, and how many characters
# all their scans for the closing "]" and ")" may read together.
MAX_BRACKETS = 2_000
BRACKET_SCAN_BUDGET = 100_000
# Stands in for a "[" made literal, while Markdown runs; turned back after.
_LITERAL_BRACKET = "\ue000"
_TABLE_DELIMITER_ROW = re.compile(r"^ *\|? *:?-+:? *(\| *:?-+:? *)*\|? *$")


def _cap_nesting(line: str) -> str:
    """The line with at most MAX_NESTING levels of container markers and
    indents; anything deeper becomes text of the deepest level."""
    pos = 0
    for _ in range(MAX_NESTING):
        m = _NESTING_UNIT.match(line, pos)
        if not m or m.end() == pos:
            return line
        pos = m.end()
    if not _NESTING_UNIT.match(line, pos):
        return line
    rest = line[pos:].lstrip(" \t")
    marker = _MARKER_START.match(rest)
    if marker:  # escape it, so that it reads as text
        at = marker.end() if rest[0].isdigit() else 0
        rest = f"{rest[:at]}\\{rest[at:]}"
    return line[:pos] + rest


def _split_long_line(line: str) -> list[str]:
    """A line longer than CHUNK_SIZE as pieces no longer than that, cut at a
    space where there is one."""
    pieces = []
    while len(line) > CHUNK_SIZE:
        cut = line.rfind(" ", CHUNK_SIZE // 2, CHUNK_SIZE)
        cut = cut + 1 if cut > 0 else CHUNK_SIZE
        pieces.append(line[:cut])
        line = line[cut:]
    return [*pieces, line]


def _split_long_block(lines: list[str]) -> list[list[str]]:
    """A block of more than CHUNK_SIZE characters or MAX_BLOCK_LINES lines as
    several blocks. A table
    becomes several tables, each repeating the header."""
    header = []
    if len(lines) > 2 and "|" in lines[0] and _TABLE_DELIMITER_ROW.match(lines[1]):
        header, lines = lines[:2], lines[2:]
    blocks, current, size = [], [], 0
    for line in lines:
        for piece in _split_long_line(line):
            if current and (
                size + len(piece) > CHUNK_SIZE or len(current) >= MAX_BLOCK_LINES
            ):
                blocks.append(header + current)
                current, size = [], 0
            current.append(piece)
            size += len(piece) + 1
    return [*blocks, header + current]


def _bounded_chunks(text: str) -> list[str]:
    """The body as chunks of about CHUNK_SIZE characters cut at blank lines,
    with nesting capped and excess brackets made literal."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace(_LITERAL_BRACKET, "\ufffd")
    lines = [_cap_nesting(line) for line in text.split("\n")]
    blocks, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    chunks, current, size = [], [], 0
    for block in blocks:
        length = sum(len(line) + 1 for line in block)
        too_long = length > CHUNK_SIZE or len(block) > MAX_BLOCK_LINES
        parts = _split_long_block(block) if too_long else [block]
        for part in map("\n".join, parts):
            if current and size + len(part) > CHUNK_SIZE:
                chunks.append("\n\n".join(current))
                current, size = [], 0
            current.append(part)
            size += len(part) + 2
    if current:
        chunks.append("\n\n".join(current))
    return [_limit_brackets(chunk) for chunk in chunks] or [""]


def _limit_brackets(chunk: str) -> str:
    if chunk.count("[") <= MAX_BRACKETS:
        return chunk
    head, *rest = chunk.split("[")
    live = "[".join([head, *rest[:MAX_BRACKETS]])
    return live + _LITERAL_BRACKET + _LITERAL_BRACKET.join(rest[MAX_BRACKETS:])


_LINK_DEFINITION = re.compile(
    r"""^ {0,3}\[([^\]\n]{1,200})\]:[ \t]*<?([^\s>]+)>?"""
    r"""(?:[ \t]+["'(]([^\n]*)["')])?[ \t]*$""",
    re.MULTILINE,
)


def _link_definitions(text: str) -> dict[str, tuple[str, str | None]]:
    """Every ``[id]: url "title"`` line, as Python-Markdown stores them."""
    return {m[1].strip().lower(): (m[2], m[3]) for m in _LINK_DEFINITION.finditer(text)}


class _BracketBudget:
    """Caps the characters read by Python-Markdown's link parsers, whose scan
    for a closing bracket or parenthesis runs to the end of the paragraph:
    once a chunk's budget is spent, brackets stay plain text."""

    def __init__(self):
        self.left = BRACKET_SCAN_BUDGET

    def bound(self, processor: LinkInlineProcessor) -> None:
        get_text, get_link = processor.getText, processor.getLink

        def bounded_get_text(data, index):
            if self.left <= 0:
                return "", index, False
            text, end, handled = get_text(data[: index + self.left], index)
            self.left -= end - index
            return text, end, handled

        def bounded_get_link(data, index):
            if self.left <= 0:
                return "", None, index, False
            href, title, end, handled = get_link(data[: index + self.left], index)
            self.left -= end - index
            return href, title, end, handled

        processor.getText, processor.getLink = bounded_get_text, bounded_get_link


class _BoundedLinksExtension(Extension):
    def __init__(self, budget: _BracketBudget):
        super().__init__()
        self.budget = budget

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor):
                self.budget.bound(processor)


def _cited_numbers(marker: str) -> list[int]:
    numbers = []
    for part in re.split(r"\s*,\s*", marker.strip()):
        first, *last = re.split(r"\s*[\u2013-]\s*", part)
        numbers.extend(range(int(first), int(last[0]) + 1) if last else [int(first)])
    return numbers


class CitationProcessor(InlineProcessor):
    def __init__(self, pattern, md, reference_count: int, own: str = ""):
        super().__init__(pattern, md)
        self.reference_count = reference_count
        self.own = own

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        numbers = _cited_numbers(m.group(1))
        if not all(1 <= n <= self.reference_count for n in numbers):
            return None, None, None  # leave unknown numbers as plain text
        sup = etree.Element("sup", {"class": f"{self.own}citation"})
        sup.text = "["
        for index, number in enumerate(numbers):
            link = etree.SubElement(sup, "a", {"href": f"#ref-{number}"})
            link.text = str(number)
            link.tail = "]" if index == len(numbers) - 1 else ", "
        return sup, m.start(0), m.end(0)


class CitationExtension(Extension):
    def __init__(self, reference_count: int, own: str = ""):
        super().__init__()
        self.reference_count = reference_count
        self.own = own

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        # After links and full references (160, 170), before short references.
        md.inlinePatterns.register(
            CitationProcessor(CITATION_PATTERN, md, self.reference_count, self.own),
            "citation",
            135,
        )


def sanitize(html: str, *, tags: set[str] = ALLOWED_TAGS, own: str = "") -> str:
    """The allowlisted part of ``html``. An ``id`` or ``class`` survives only
    if its value starts with ``own``, the renderer's secret mark for the ones
    it wrote itself, which is then taken off: author-written ids and classes
    could clash with the page's or pose as its citations."""

    def drop_foreign_ids_and_classes(tag: str, attribute: str, value: str):
        if attribute in ("id", "class") and not (own and value.startswith(own)):
            return None
        return value

    html = nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=drop_foreign_ids_and_classes,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return html.replace(own, "") if own else html


def _plain_paragraphs(chunk: str) -> str:
    return "\n".join(f"<p>{escape(block.strip())}</p>" for block in chunk.split("\n\n"))


def safe_url(url: str | None) -> str:
    """``url`` if it is an absolute http, https or mailto URL, else "".

    For every URL written into a page from data (reference and resource
    links): model validation can be bypassed (``QuerySet.update``), so the
    scheme is checked again when the page is rendered.
    """
    url = (url or "").strip()
    if any(ord(c) < 32 or c.isspace() for c in url):
        return ""
    scheme, _, rest = url.partition(":")
    if scheme.lower() not in URL_SCHEMES or not rest:
        return ""
    if scheme.lower() != "mailto" and not rest.startswith("//"):
        return ""
    return url


def render_markdown(
    text: str, *, reference_count: int = 0, anchor: str = "", top_heading: int = 3
) -> str:
    """Sanitised HTML for one Markdown body.

    Headings inside a body start at ``top_heading`` (h3 in an article, whose
    section heading is h2) and get ids prefixed with ``anchor`` so they stay
    unique across sections.
    """
    prefix = f"{anchor}-" if anchor else ""
    # Marks the ids and classes the renderer writes; see sanitize().
    own = f"own{secrets.token_hex(8)}-"
    heading_ids: dict[str, int] = {}

    def heading_id(value: str, separator: str) -> str:
        # Unique across chunks, numbered as the toc extension does in one.
        base = prefix + slugify(value)
        seen = heading_ids.get(base, 0)
        heading_ids[base] = seen + 1
        return own + (f"{base}_{seen}" if seen else base)

    budget = _BracketBudget()
    md = markdown.Markdown(
        extensions=[
            "tables",
            "sane_lists",
            TocExtension(baselevel=top_heading, slugify=heading_id, permalink=False),
            CitationExtension(reference_count, own),
            _BoundedLinksExtension(budget),
        ],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    chunks = _bounded_chunks(text)
    # A link may be defined in a later chunk than the one that uses it.
    references = _link_definitions(text) if len(chunks) > 1 else {}
    parts, formatted = [], 0
    for chunk in chunks:
        if formatted > MAX_MARKDOWN_CHARS:
            parts.append(_plain_paragraphs(chunk))
            continue
        formatted += len(chunk)
        # Fresh state per chunk, but a link defined in one chunk still works in
        # the later ones.
        md.reset()
        md.references.update(references)
        budget.left = BRACKET_SCAN_BUDGET
        parts.append(md.convert(chunk))
        references = dict(md.references)
    html = "\n".join(parts).replace(_LITERAL_BRACKET, "[")
    tags = ALLOWED_TAGS | {f"h{level}" for level in range(top_heading, 7)}
    return sanitize(html, tags=tags, own=own)


def markdown_tables(text: str) -> list[str]:
    """The tables of a Markdown body, each as its lines (rows starting "|")."""
    tables, rows = [], []
    for line in [*text.splitlines(), ""]:
        if line.lstrip().startswith("|"):
            rows.append(line.strip())
        elif rows:
            tables.append("\n".join(rows))
            rows = []
    return tables


def section_anchors(headings: list[str]) -> list[str]:
    """A unique, readable id for each section heading, in order. Each starts
    "s-", so that none can equal one of the page's own ids ("main", "ref-1",
    "references")."""
    anchors, seen = [], set()
    for heading in headings:
        base = f"s-{slugify(heading) or 'section'}"
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
