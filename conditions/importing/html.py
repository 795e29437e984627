"""Saved web pages: trafilatura finds the main content; what it leaves out
(navigation, header, footer, forms, calls to action) is listed by where it was."""

import lxml.html
import trafilatura

from conditions.importing.convert import html_to_markdown

FURNITURE_TAGS = {
    "nav": "navigation",
    "header": "page header",
    "footer": "page footer",
    "form": "form",
    "aside": "side panel",
}


def left_out(page) -> list[dict]:
    """Page furniture, each with why it was left out."""
    items = []
    for element in page.iter(*FURNITURE_TAGS):
        text = " ".join(" ".join(element.itertext()).split())
        if text:
            items.append({"text": text[:120], "reason": FURNITURE_TAGS[element.tag]})
    return items


def to_markdown(text: str) -> tuple[str, str, list[dict]]:
    """(title, Markdown of the main content, furniture left out)."""
    page = lxml.html.document_fromstring(text)
    h1 = page.find(".//h1")
    title = " ".join(h1.text_content().split()) if h1 is not None else ""
    furniture = left_out(page)
    for element in page.iter(*FURNITURE_TAGS):
        element.drop_tree()
    main = trafilatura.extract(
        lxml.html.tostring(page, encoding="unicode"),
        output_format="html",
        include_tables=True,
        include_links=True,
        include_images=True,
        include_formatting=True,
        favor_recall=True,
    )
    return title, html_to_markdown(main or "", section_tag="h2"), furniture
