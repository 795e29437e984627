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

Bodies also hold blocks (``:::quote``, ``:::faq``, ``:::help LEVEL`` … ``:::``)
and library images (a line ``![alt](image:42)``), found in one pass over the
lines. Their content is Markdown, rendered and sanitised like any other; the
block's own markup (figure, details, the help box with its icon) is written
around the sanitised result afterwards, from escaped values. So the classes
and tags only the renderer may write never pass through the sanitiser, and an
author can never forge them. A block that is not well formed stays text, and
``body_problems`` says why.
"""

import json
import re
import secrets
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import markdown
import nh3
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.html import escape, format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.inlinepatterns import InlineProcessor, LinkInlineProcessor

from conditions.references import (
    KEYS_PATTERN,
    NUMBERS_PATTERN,
    cited_keys,
    cited_numbers,
    formatted_references,
)

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
# A citation by number, [2] or [1, 3–5], or by key, [@akin2010; @valent2012].
CITATION_PATTERN = rf"\[(?:({NUMBERS_PATTERN})|({KEYS_PATTERN}))\](?![(\[])"


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
# Each Markdown run costs about as much as this many characters of text, so
# many tiny pieces (thousands of blocks) count against that limit too.
MARKDOWN_CALL_COST = 300
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


class CitationProcessor(InlineProcessor):
    def __init__(self, pattern, md, numbers: "CitationNumbers", own: str = ""):
        super().__init__(pattern, md)
        self.numbers = numbers
        self.own = own

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        if m.group(1) is not None:
            numbers = cited_numbers(m.group(1))
        else:
            numbers = [self.numbers.keys.get(key, 0) for key in cited_keys(m.group(2))]
        if not all(1 <= n <= self.numbers.count for n in numbers):
            return None, None, None  # leave unknown numbers and keys as plain text
        sup = etree.Element("sup", {"class": f"{self.own}citation"})
        sup.text = "["
        for index, number in enumerate(numbers):
            link = etree.SubElement(sup, "a", {"href": f"#ref-{number}"})
            link.text = str(number)
            link.tail = "]" if index == len(numbers) - 1 else ", "
        return sup, m.start(0), m.end(0)


@dataclass(frozen=True)
class CitationNumbers:
    """What citations can point to: the number of references, and the number
    each key has in the list as it stands."""

    count: int = 0
    keys: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, references: list[dict]) -> "CitationNumbers":
        return cls(
            len(references),
            {ref["key"]: ref["number"] for ref in references if ref.get("key")},
        )


class CitationExtension(Extension):
    def __init__(self, numbers: CitationNumbers, own: str = ""):
        super().__init__()
        self.numbers = numbers
        self.own = own

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        # After links and full references (160, 170), before short references.
        md.inlinePatterns.register(
            CitationProcessor(CITATION_PATTERN, md, self.numbers, self.own),
            "citation",
            135,
        )


def sanitize(
    html: str,
    *,
    tags: set[str] = ALLOWED_TAGS,
    own: str = "",
    url_schemes: set[str] = URL_SCHEMES,
) -> str:
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
        url_schemes=url_schemes,
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


# Structured blocks: a line ":::kind [argument]" opens one at the start of a
# line, a line ":::" closes it. Images: a line of its own "![alt](image:42)".
_BLOCK_OPEN = re.compile(r"^:::[ \t]*([A-Za-z]\w{0,30})[ \t]*(.{0,200}?)[ \t]*$")
_BLOCK_CLOSE = re.compile(r"^:::[ \t]*$")
_IMAGE_LINE = re.compile(r"^[ \t]{0,3}!\[([^\]\n]{0,500})\]\(image:(\d{1,9})\)[ \t]*$")
_FAQ_QUESTION = re.compile(r"^\?[ \t]+(\S.*)$")
_QUOTE_BY = re.compile(r"^--[ \t]+(\S.*)$")
# Blocks and images per body; past these the rest show as text, which keeps a
# body of thousands of blocks as fast as the same text without them.
MAX_BLOCKS = 200
# Problems reported per body; a hostile body could otherwise list thousands.
MAX_PROBLEMS = 20

# The three "when to get help" levels, after the NHS pattern.
HELP_LEVELS = {
    "emergency": "Call 999 / your emergency number now",
    "urgent": "Get an urgent appointment",
    "routine": "See a GP",
}
# Icons drawn inline (no files to serve), hidden from assistive technology:
# the heading says the same in words.
_HELP_ICONS = {
    "emergency": '<path d="M12 2 1 21h22L12 2Zm-1 7h2v6h-2V9Zm0 8h2v2h-2v-2Z"/>',
    "urgent": '<path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 5v5.4l4 2.4-1 '
    '1.7-5-3V7h2Z"/>',
    "routine": '<path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 5h2v4h4v2h-4v4'
    'h-2v-4H7v-2h4V7Z"/>',
}
HELP_URL_SCHEMES = URL_SCHEMES | {"tel"}

MSG_UNCLOSED = "Line {line}: the “:::{kind}” block is not closed by a line “:::”."
MSG_STRAY_CLOSE = "Line {line}: “:::” closes no block."
MSG_UNKNOWN_BLOCK = (
    "Line {line}: “:::{kind}” is not a block; use :::quote, :::faq or :::help."
)
MSG_HELP_LEVEL = (
    "Line {line}: “:::help” needs a level: emergency, urgent or routine "
    "(not “{level}”)."
)
MSG_EMPTY_BLOCK = "Line {line}: the “:::{kind}” block is empty."
MSG_QUOTE_BY = (
    "Line {line}: the quote needs a last line “-- Name | Credentials | "
    "Affiliation” saying who said it."
)
MSG_FAQ_SHAPE = (
    "Line {line}: an FAQ block is questions, each on a line starting “? ”, "
    "each followed by its answer."
)
MSG_INLINE_IMAGE = (
    "Line {line}: an image must stand on a line of its own, as “![alt text](image:42)”."
)
MSG_TOO_MANY = (
    "Line {line}: a body can hold {count} blocks and images; this one and "
    "those after it show as text."
)
MSG_MORE_PROBLEMS = "… and {count} more problems."


@dataclass
class _Block:
    kind: str
    argument: str
    line: int
    opener: str
    lines: list[str] = field(default_factory=list)


@dataclass
class _Image:
    alt: str
    key: str
    line: int
    opener: str
    lines: tuple = ()


def _scan(text: str, problems: list[str]) -> list:
    """The body as a list of Markdown texts, blocks and image lines, in one
    pass over its lines. A block that is not closed or not well formed is
    kept as text, its problem added to ``problems``."""
    segments, lines, block, shown = [], [], None, 0

    def add(segment, closer: str = "") -> None:
        nonlocal shown
        if shown >= MAX_BLOCKS:
            problems.append(MSG_TOO_MANY.format(line=segment.line, count=MAX_BLOCKS))
            lines.extend([segment.opener, *segment.lines, closer])
            return
        shown += 1
        # Text waiting before a block or an image goes first, as one segment.
        if lines:
            segments.append("\n".join(lines))
            lines.clear()
        segments.append(segment)

    def give_up(block: _Block, problem: str) -> None:
        problems.append(problem)
        lines.extend([block.opener, *block.lines])

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        opening = _BLOCK_OPEN.match(line)
        if block is not None and not opening:
            if not _BLOCK_CLOSE.match(line):
                block.lines.append(line)
                continue
            problem = _block_problem(block)
            if problem:
                give_up(block, problem)
                lines.append(line)
            else:
                add(block, line)
            block = None
            continue
        if block is not None:  # a new block opens before this one closed
            give_up(block, MSG_UNCLOSED.format(line=block.line, kind=block.kind))
        if opening:
            kind, argument = opening[1].lower(), opening[2]
            block = _Block(kind=kind, argument=argument, line=number, opener=line)
            continue
        if _BLOCK_CLOSE.match(line):
            problems.append(MSG_STRAY_CLOSE.format(line=number))
        image = _IMAGE_LINE.match(line)
        if image:
            add(_Image(image[1].strip(), image[2], line=number, opener=line))
            continue
        if "](image:" in line:
            problems.append(MSG_INLINE_IMAGE.format(line=number))
        lines.append(line)
    if block is not None:
        give_up(block, MSG_UNCLOSED.format(line=block.line, kind=block.kind))
    if lines:
        segments.append("\n".join(lines))
    return segments


def _block_problem(block: _Block) -> str:
    """What is wrong with a closed block, or "" if it can be rendered."""
    line, kind = block.line, block.kind
    if kind not in ("quote", "faq", "help"):
        return MSG_UNKNOWN_BLOCK.format(line=line, kind=kind)
    if not any(text.strip() for text in block.lines):
        return MSG_EMPTY_BLOCK.format(line=line, kind=kind)
    if kind == "help" and block.argument.lower() not in HELP_LEVELS:
        return MSG_HELP_LEVEL.format(line=line, level=block.argument)
    if kind == "quote":
        body, by = _quote_parts(block)
        if not by or not body.strip():
            return MSG_QUOTE_BY.format(line=line)
    if kind == "faq":
        items = _faq_items(block)
        if not items or any(not answer.strip() for _, answer in items):
            return MSG_FAQ_SHAPE.format(line=line)
    return ""


def _quote_parts(block: _Block) -> tuple[str, list[str]]:
    """The quote's Markdown and [name, credentials, affiliation] from its
    last non-blank line, or [] without one."""
    filled = [text for text in block.lines if text.strip()]
    by = _QUOTE_BY.match(filled[-1].strip())
    if not by:
        return "", []
    last = len(block.lines) - 1 - block.lines[::-1].index(filled[-1])
    names = [part.strip() for part in by[1].split("|")]
    if not names[0]:
        return "", []
    return "\n".join(block.lines[:last]), (names + ["", ""])[:3]


def _faq_items(block: _Block) -> list[tuple[str, str]]:
    """(question, answer Markdown) pairs; [] if text comes before the first
    question."""
    items, answer = [], []
    for text in block.lines:
        question = _FAQ_QUESTION.match(text)
        if question:
            if items:
                items[-1] = (items[-1][0], "\n".join(answer))
            items.append((question[1].strip(), ""))
            answer = []
        elif not items and text.strip():
            return []
        else:
            answer.append(text)
    if items:
        items[-1] = (items[-1][0], "\n".join(answer))
    return items


def image_keys(text: str) -> list[int]:
    """The image library ids a body shows, in order (each line of its own)."""
    return [
        int(match[2])
        for line in text.replace("\r", "\n").split("\n")
        if (match := _IMAGE_LINE.match(line))
    ]


def body_problems(text: str, *, images: dict | None = None) -> list[str]:
    """What an editor must fix in a body: blocks that are not closed or not
    well formed (they show as plain text), images out of line, and with
    ``images`` (pinned image data by id), images that are not in the library
    or have no alt text."""
    problems = []
    segments = _scan(text, problems)
    if images is not None:
        for image in (s for s in segments if isinstance(s, _Image)):
            pinned = images.get(image.key)
            if pinned is None:
                problems.append(MSG_NO_IMAGE.format(line=image.line, key=image.key))
            elif not (image.alt or pinned["alt_text"].strip()):
                problems.append(MSG_NO_ALT.format(line=image.line, key=image.key))
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], MSG_MORE_PROBLEMS.format(count=more)]
    return problems


MSG_NO_IMAGE = "Line {line}: there is no image {key} in the image library."
MSG_NO_ALT = (
    "Line {line}: image {key} has no alt text: add it in the image library, "
    "or write it in the reference, ![alt text](image:{key})."
)


class _Renderer:
    """Renders one body: Markdown texts through the bounded pipeline, blocks
    and images through fixed markup of ours around sanitised content."""

    def __init__(self, *, citations, anchor, top_heading, images):
        prefix = f"{anchor}-" if anchor else ""
        # Marks the ids and classes Markdown writes for us; see sanitize().
        self.own = f"own{secrets.token_hex(8)}-"
        heading_ids: dict[str, int] = {}

        def heading_id(value: str, separator: str) -> str:
            # Unique across chunks, numbered as the toc extension does in one.
            base = prefix + slugify(value)
            seen = heading_ids.get(base, 0)
            heading_ids[base] = seen + 1
            return self.own + (f"{base}_{seen}" if seen else base)

        self.budget = _BracketBudget()
        self.md = markdown.Markdown(
            extensions=[
                "tables",
                "sane_lists",
                TocExtension(
                    baselevel=top_heading, slugify=heading_id, permalink=False
                ),
                CitationExtension(citations, self.own),
                _BoundedLinksExtension(self.budget),
            ],
            extension_configs={"tables": {"use_align_attribute": True}},
            output_format="html",
        )
        self.tags = ALLOWED_TAGS | {f"h{level}" for level in range(top_heading, 7)}
        self.top_heading = top_heading
        self.images = images
        self.references: dict = {}
        self.formatted = 0
        self.found: list[dict] = []

    def markdown(self, text: str, url_schemes: set[str] = URL_SCHEMES) -> str:
        parts = []
        for chunk in _bounded_chunks(text):
            if self.formatted > MAX_MARKDOWN_CHARS:
                parts.append(_plain_paragraphs(chunk))
                continue
            self.formatted += len(chunk) + MARKDOWN_CALL_COST
            # Fresh state per chunk, but a link defined in one chunk still
            # works in the later ones.
            self.md.reset()
            self.md.references.update(self.references)
            self.budget.left = BRACKET_SCAN_BUDGET
            parts.append(self.md.convert(chunk))
            self.references = dict(self.md.references)
        html = "\n".join(parts).replace(_LITERAL_BRACKET, "[")
        return sanitize(html, tags=self.tags, own=self.own, url_schemes=url_schemes)

    def flow(self, segments: list, url_schemes: set[str] = URL_SCHEMES) -> str:
        html = []
        for segment in segments:
            if isinstance(segment, str):
                html.append(self.markdown(segment, url_schemes))
            elif isinstance(segment, _Image):
                html.append(self.image(segment))
            else:
                html.append(getattr(self, segment.kind)(segment))
        return "\n".join(html)

    def inner(self, text: str, url_schemes: set[str] = URL_SCHEMES) -> str:
        """A block's content: Markdown and images, no blocks within blocks."""
        return self.flow(_scan(text, []), url_schemes)

    def quote(self, block: _Block) -> str:
        body, (name, credentials, affiliation) = _quote_parts(block)
        html = self.inner(body)
        self.found.append(
            {
                "type": "quote",
                "text": _plain_text(html),
                "name": name,
                "credentials": credentials,
                "affiliation": affiliation,
            }
        )
        details = format_html_join(
            "", ', <span class="{}">{}</span>',
            ((cls, value) for cls, value in (
                ("quote-credentials", credentials),
                ("quote-affiliation", affiliation),
            ) if value),
        )  # fmt: skip
        return format_html(
            '<figure class="expert-quote"><blockquote>{}</blockquote>'
            '<figcaption><span class="quote-name">{}</span>{}</figcaption></figure>',
            mark_safe(html),  # noqa: S308 - sanitised above
            name,
            details,
        )

    def faq(self, block: _Block) -> str:
        items = [(question, self.inner(text)) for question, text in _faq_items(block)]
        self.found.append(
            {
                "type": "faq",
                "items": [
                    {"question": question, "answer": _plain_text(answer)}
                    for question, answer in items
                ],
            }
        )
        return format_html(
            '<div class="faq">{}</div>',
            format_html_join(
                "",
                '<details class="faq-item"><summary>{}</summary>'
                '<div class="faq-answer">{}</div></details>',
                ((q, mark_safe(a)) for q, a in items),  # noqa: S308 - sanitised
            ),
        )

    def help(self, block: _Block) -> str:
        level = block.argument.lower()
        html = self.inner("\n".join(block.lines), HELP_URL_SCHEMES)
        return format_html(
            '<div class="help help-{level}"><h{n} class="help-heading">'
            '<svg class="help-icon" viewBox="0 0 24 24" width="28" height="28" '
            'aria-hidden="true" focusable="false">{icon}</svg>{heading}</h{n}>'
            '<div class="help-body">{body}</div></div>',
            level=level,
            n=self.top_heading,
            icon=mark_safe(_HELP_ICONS[level]),  # noqa: S308 - our constant
            heading=HELP_LEVELS[level],
            body=mark_safe(html),  # noqa: S308 - sanitised above
        )

    def image(self, image: _Image) -> str:
        pinned = (self.images or {}).get(image.key)
        alt = image.alt or (pinned or {}).get("alt_text", "").strip()
        if pinned is None or not alt:
            # Shown as words, never as a broken or unlabelled picture.
            return format_html("<p>{}</p>", f"[Image {image.key}: {alt}]")
        fallback = pinned["renditions"][-1]
        return render_to_string(
            "includes/_illustration.html",
            {
                "image": pinned,
                "alt": alt,
                "fallback": fallback,
                "src": default_storage.url(fallback["fallback"]),
                "srcset": _srcset(pinned, "fallback"),
                "webp_srcset": _srcset(pinned, "webp"),
            },
        ).strip()


def _srcset(image: dict, kind: str) -> str:
    return ", ".join(
        f"{default_storage.url(rendition[kind])} {rendition['width']}w"
        for rendition in image["renditions"]
    )


def _plain_text(html: str) -> str:
    return " ".join(unescape(strip_tags(html)).split())


def render_markdown(
    text: str,
    *,
    reference_count: int = 0,
    references: list[dict] | None = None,
    anchor: str = "",
    top_heading: int = 3,
    images: dict | None = None,
    found: list | None = None,
) -> str:
    """Sanitised HTML for one Markdown body, with its blocks and images.

    Headings inside a body start at ``top_heading`` (h3 in an article, whose
    section heading is h2) and get ids prefixed with ``anchor`` so they stay
    unique across sections. ``images`` is the pinned data of the images the
    body shows, by id (``image_keys``). Quotes and FAQs rendered are added to
    ``found`` as data, for the page's structured data. Citations point into
    ``references`` (the snapshot's list: by number, or by key) or, without
    it, to the numbers up to ``reference_count``.
    """
    renderer = _Renderer(
        citations=CitationNumbers.of(references)
        if references is not None
        else CitationNumbers(reference_count),
        anchor=anchor,
        top_heading=top_heading,
        images=images,
    )
    segments = _scan(text, [])
    if len(segments) > 1 or len(text) > CHUNK_SIZE:
        # A link may be defined in a later chunk than the one that uses it.
        renderer.references = _link_definitions(text)
    html = renderer.flow(segments)
    if found is not None:
        found.extend(renderer.found)
    return html


class _ReadableText(HTMLParser):
    """Rendered HTML as the words a reader sees, one block per line, with
    what the words alone would hide: where links go, images' alt text."""

    BLOCKS = {
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
        "figcaption", "summary", "dt", "dd", "pre", "aside", "figure",
    }  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        elif tag == "img":
            self.parts.append(f" [image: {attrs.get('alt') or 'no alt text'}] ")
        if tag == "a":
            self.links.append(attrs.get("href") or "")

    def handle_endtag(self, tag):
        # Where a link goes, unless within the page (citations, anchors).
        href = self.links.pop() if tag == "a" and self.links else ""
        if href and not href.startswith("#"):
            self.parts.append(f" <{href}>")
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        # Line breaks in the markup are not the reader's: blocks make lines.
        self.parts.append(data.replace("\n", " "))


def readable_text(text: str, *, references=None, images=None) -> str:
    """A Markdown body as readers read it (rendered through ``render_markdown``,
    so dropped markup is gone): one block per line, words separated, link
    targets and alt text kept. What the review diff compares."""
    parser = _ReadableText()
    parser.feed(render_markdown(text, references=references or [], images=images))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


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
    """Each section's body and the reference list, rendered and sanitised, and
    under "blocks" the quotes and FAQs of the public sections as JSON, for the
    page's structured data."""
    references, images = data["references"], data.get("images", {})
    fragments, public_blocks = {}, []
    for section in data["sections"]:
        found = []
        fragments[f"section:{section['anchor']}"] = render_markdown(
            section["body"],
            references=references,
            anchor=section["anchor"],
            images=images,
            found=found,
        )
        if section.get("visibility", "public") == "public":
            public_blocks.extend(found)
    fragments["references"] = render_to_string(
        "includes/_references.html",
        {
            "references": [
                {**ref, "formatted": mark_safe(sanitize(html))}  # noqa: S308
                for ref, html in zip(
                    references, formatted_references(references), strict=True
                )
            ]
        },
    ).strip()
    fragments["blocks"] = json.dumps(public_blocks)
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
    html = render_markdown(
        data["body"], anchor="page", top_heading=2, images=data.get("images", {})
    )
    return html, {}
