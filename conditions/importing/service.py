"""One import: a file in, one draft article (and its import report) out.

Used by ``manage.py import_documents``; every format goes through
``import_document``.
"""

import base64
import codecs
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from charset_normalizer import from_bytes
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import Truncator

from conditions.importing import docx, html, text
from conditions.models import Article, Condition, Reference, SectionKind
from conditions.services import cite_sections_by_key
from conditions.slugs import title_slug
from images.models import Image
from images.services import image_set_file
from reviews.services import review_record_edit

MAX_BYTES = 10 * 1024 * 1024
MSG_UNKNOWN_TYPE = (
    "{name}: refused, only .docx, .html, .htm, .md and .txt files can be imported."
)
MSG_TOO_LARGE = "{name}: refused, the file is over 10 MB."
MSG_BROKEN = "{name}: refused, {why}."
MSG_UNDECODABLE = "{name}: refused, the text is not UTF-8, UTF-16 or cp1252."
MSG_EMPTY = "{name}: refused, no text was found in it."

KIND_WORDS = [
    (SectionKind.FAQ, ("questions", "faq")),
    (SectionKind.SYMPTOMS, ("symptom", "signs")),
    (SectionKind.CAUSES, ("cause", "trigger")),
    (SectionKind.RISK_FACTORS, ("risk",)),
    (SectionKind.DIAGNOSIS, ("diagnos", "test")),
    (SectionKind.TREATMENT, ("treat", "therap", "management", "medication", "cure")),
    (SectionKind.OUTLOOK, ("outlook", "prognosis")),
    (SectionKind.LIVING_WITH, ("living with", "coping")),
]
REFERENCES_HEADING = re.compile(r"^(references|sources|bibliography)$", re.I)
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
DATA_URI = re.compile(
    r"^data:image/(png|jpeg|gif|webp);base64,(?P<data>[A-Za-z0-9+/=]+)$"
)
QUOTE_SENTENCE = re.compile(
    r"^[\"“](?P<text>[^\"”]+?),?[\"”],? says (?P<name>[^,.]+)(?:, (?P<who>[^.]+))?\.$"
)
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s,;]+?)\.?(?=\s|$)")
PMID = re.compile(r"PMID:?\s*(\d{1,9})", re.I)
CITATION_AT_END = re.compile(r"\s*\[\d{1,3}(?:, \d{1,3})*\]$")
URL = re.compile(r"https?://\S+")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


class ImportRefused(ValueError):
    """A file that cannot be imported; the message names it."""


@dataclass
class ImportResult:
    file_name: str
    article: Article
    report: dict = field(default_factory=dict)


def decode(name: str, content: bytes) -> str:
    """UTF-8 or UTF-16 when a byte-order mark says so; else strict UTF-8;
    else charset-normalizer's guess, accepted only when it is cp1252-like."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if content.startswith(bom):
            return content.decode(encoding)
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(content).best()
    if best is None or "\x00" in content.decode("cp1252", errors="replace"):
        raise ImportRefused(MSG_UNDECODABLE.format(name=name))
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportRefused(MSG_UNDECODABLE.format(name=name)) from error


def read(name: str, content: bytes) -> tuple[str, str, list[dict]]:
    """(title, Markdown, furniture left out) of one file, by its type."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in {".docx", ".html", ".htm", ".md", ".txt"}:
        raise ImportRefused(MSG_UNKNOWN_TYPE.format(name=name))
    if len(content) > MAX_BYTES:
        raise ImportRefused(MSG_TOO_LARGE.format(name=name))
    if suffix == ".docx":
        try:
            title, markdown = docx.to_markdown(content)
        except ValueError as error:
            raise ImportRefused(MSG_BROKEN.format(name=name, why=error)) from error
        return title, markdown, []
    decoded = decode(name, content)
    if suffix in {".html", ".htm"}:
        return html.to_markdown(decoded)
    if suffix == ".md":
        return "", decoded, []
    return text.to_markdown(decoded)


def split_sections(
    markdown: str, *, demote: bool = True
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(lines before the first ``#`` heading, [(heading, body lines)]), with
    deeper headings a level up (sub-headings of their section) if ``demote``."""
    preamble, sections = [], []
    for line in markdown.splitlines():
        if line.startswith("# "):
            sections.append((line[2:].strip(), []))
        elif demote and line.startswith("##") and sections:
            sections[-1][1].append(line[1:])  # one level under the section
        else:
            (sections[-1][1] if sections else preamble).append(line)
    return preamble, sections


def paragraphs(lines: list[str]) -> list[str]:
    """The plain paragraphs among Markdown lines, each on one line."""
    blocks = re.split(r"\n\s*\n", "\n".join(lines))
    return [
        " ".join(block.split())
        for block in blocks
        if block.strip()
        and not block.lstrip().startswith(("#", "-", "|", ">", ":", "!["))
    ]


def guess_kind(heading: str) -> str:
    words = heading.lower()
    for kind, stems in KIND_WORDS:
        if any(stem in words for stem in stems):
            return kind
    return SectionKind.OTHER


def place_image(alt: str, src: str, report: dict) -> str:
    """An image inside the document (a Word file's pictures come as ``data:``
    URIs) goes into the image library and is placed where it was; one the
    document only links to is reported, and the body keeps nothing of it:
    the importer never fetches from the network."""
    found = {"alt": alt, "src": src[:80] if not src.startswith("data:") else ""}
    report["images"].append(found)
    match = DATA_URI.match(src)
    if not match:
        found["note"] = "left out: it is not inside the document, upload it"
        return ""
    upload = ContentFile(base64.b64decode(match["data"]), name=f"imported.{match[1]}")
    try:
        image = image_set_file(image=Image(alt_text=alt.strip()[:300]), upload=upload)
    except ValidationError as error:
        found["note"] = f"left out: {' '.join(error.messages)}"
        return ""
    found["note"] = f"added to the image library as image {image.pk}" + (
        "" if image.alt_text else "; it has no alt text: add it before submitting"
    )
    return f"\n{image.reference()}\n"


def quote_blocks(lines: list[str], report: dict) -> list[str]:
    """Blockquotes and ``"…," says Name, credentials`` sentences as :::quote."""
    out, quote = [], []

    def close():
        if quote:
            out.extend([":::quote", *quote, ":::"])
            report["quotes"] += 1
            quote.clear()

    for line in lines:
        if line.startswith(">"):
            quote.append(line.lstrip("> ").rstrip())
            continue
        close()
        if match := QUOTE_SENTENCE.match(line.strip()):
            who = " | ".join(filter(None, [match["name"], match["who"]]))
            out.extend([":::quote", match["text"], f"-- {who}", ":::"])
            report["quotes"] += 1
        else:
            out.append(line)
    close()
    return out


def parse_reference(line: str) -> dict:
    """As much of a citation as its shape tells; the raw line as the title."""
    line = re.sub(r"^(\d+[.)]|[-*•])\s*", "", line.strip())
    doi, pmid, url, year = (
        DOI.search(line),
        PMID.search(line),
        URL.search(line),
        YEAR.search(line),
    )
    parts = [p.strip() for p in line.split(". ") if p.strip()]
    reference = {
        "doi": doi.group(1) if doi else "",
        "pmid": pmid.group(1) if pmid else "",
        "url": url.group(0) if url and not doi else "",
        "year": int(year.group(1)) if year else None,
        "authors": "",
        "title": line[:500],
        "source": "",
    }
    if len(parts) >= 3:
        reference.update(
            authors=parts[0][:500], title=parts[1][:500], source=parts[2][:300]
        )
    elif len(parts) == 2:  # "Title. Source, year", as pages without authors print
        reference.update(title=parts[0][:500], source=parts[1][:300])
    return reference


def with_faqs(
    parts: list[tuple[str, list[str]]], report: dict, *, faq_heading: str
) -> list[tuple[str, list[str]]]:
    """A run of two or more question headings, each with its answer, becomes
    one :::faq block under ``faq_heading`` (sections), or in place (sub-headings
    of a section, ``faq_heading=""``). A section's question heading that names
    a kind ("What causes it?") stays a section."""
    out, run = [], []
    for heading, body in [*parts, ("", [])]:
        if heading.endswith("?") and (
            not faq_heading or guess_kind(heading) == SectionKind.OTHER
        ):
            run.append((heading, body))
            continue
        if len(run) >= 2:
            questions = [line for q, a in run for line in (f"? {q}", *a)]
            out.append((faq_heading, [":::faq", *questions, ":::"]))
            report["faqs"] += len(run)
        else:
            out.extend(run)
        run = []
        if heading:
            out.append((heading, body))
    return out


def with_faq_blocks(body: list[str], report: dict) -> list[str]:
    """A section body whose question sub-headings are made an FAQ block."""
    before, subsections = split_sections("\n".join(body), demote=False)
    lines = list(before)
    for heading, sub_body in with_faqs(subsections, report, faq_heading=""):
        lines += [f"# {heading}", *sub_body] if heading else sub_body
    return lines


def count(report: dict, body: str) -> None:
    lines = body.splitlines()
    report["sub_headings"] += sum(line.startswith("#") for line in lines)
    report["tables"] += sum(
        line.startswith("| ---") or line.startswith("|---") for line in lines
    )
    report["list_items"] += sum(
        bool(re.match(r"^\s*([-*]|\d+\.)\s", line)) for line in lines
    )
    report["links"] += len(re.findall(r"(?<!!)\[[^\]]+\]\([^)]+\)", body))


def unique_slug(condition: Condition, title: str) -> str:
    base = title_slug(title) or "imported"
    slug, n = base, 2
    while Article.objects.filter(condition=condition, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def import_document(
    file_name: str, content: bytes, *, condition: Condition, kind: str, editor
) -> ImportResult:
    """One Draft article from one file, owned by ``editor``, with its report.

    Refused with ``ImportRefused`` (naming the file, nothing created) for an
    unknown type, a file over 10 MB, a broken .docx or undecodable text.
    """
    title, markdown, left_out = read(file_name, content)
    report = {
        "file": file_name, "sections": [], "sub_headings": 0, "tables": 0,
        "list_items": 0, "links": 0, "images": [], "quotes": 0, "faqs": 0,
        "references": 0, "left_out": left_out,
    }  # fmt: skip
    with transaction.atomic():
        markdown = IMAGE.sub(lambda m: place_image(m[1], m[2], report), markdown)
        preamble, sections = split_sections(markdown)
        # The first heading is the title when nothing but furniture comes first.
        first_is_title = not title and not paragraphs(preamble)
        if sections and (first_is_title or sections[0][0] == title):
            title = title or sections[0][0]
            preamble += sections.pop(0)[1]
        summary = next(
            (p for _, body in [("", preamble), *sections] for p in paragraphs(body)), ""
        )
        summary = CITATION_AT_END.sub("", summary)
        if not title and summary:
            title = Truncator(summary).words(12, truncate="")
        if not title or not (sections or summary):
            raise ImportRefused(MSG_EMPTY.format(name=file_name))
        references = []
        kept = []
        for heading, body in sections:
            if REFERENCES_HEADING.match(heading):
                references = [parse_reference(line) for line in body if line.strip()]
            else:
                kept.append((heading, body))
        introduction = paragraphs(preamble)[1:]
        if introduction:
            kept.insert(0, ("Introduction", "\n\n".join(introduction).splitlines()))
        article = Article.objects.create(
            condition=condition, kind=kind, title=title[:250],
            slug=unique_slug(condition, title), summary=summary,
        )  # fmt: skip
        sections = with_faqs(kept, report, faq_heading="Questions and answers")
        for position, (heading, body) in enumerate(sections, start=1):
            body = with_faq_blocks(quote_blocks(body, report), report)
            text_body = "\n".join(body).strip()
            count(report, text_body)
            section_kind = guess_kind(heading)
            report["sections"].append({"heading": heading, "kind": section_kind})
            article.sections.create(
                position=position,
                heading=heading[:200],
                kind=section_kind,
                body=text_body,
            )
        for position, reference in enumerate(references, start=1):
            Reference.objects.create(article=article, position=position, **reference)
        cite_sections_by_key(article, keys_before=[])
        report["references"] = len(references)
        Article.objects.filter(pk=article.pk).update(import_report=report)
        article.import_report = report
        review_record_edit(obj=article, by=editor)
    return ImportResult(file_name=file_name, article=article, report=report)


def format_report(report: dict) -> str:
    """The report as lines of text, for the command and the admin."""
    lines = [
        f"{report['file']}: {len(report['sections'])} sections, "
        f"{report['sub_headings']} sub-headings, {report['tables']} tables, "
        f"{report['list_items']} list items, {report['links']} links, "
        f"{len(report['images'])} images, {report['quotes']} quotes, "
        f"{report['faqs']} FAQ questions, {report['references']} references"
    ]
    lines += [f"  section: {s['heading']} ({s['kind']})" for s in report["sections"]]
    lines += [
        f"  image found: {i['alt'] or '(no alt text)'}, {i['note']}"
        for i in report["images"]
    ]
    lines += [
        f"  left out ({item['reason']}): {item['text']}" for item in report["left_out"]
    ]
    return "\n".join(lines)
