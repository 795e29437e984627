"""Word documents: mammoth gives clean HTML (headings, lists, tables, links,
images with their alt text)."""

import io
import zipfile

import mammoth

from conditions.importing.convert import html_to_markdown

# The document's Title style is its title, not a section.
STYLE_MAP = "p[style-name='Title'] => h1.doc-title:fresh"


def to_markdown(content: bytes) -> tuple[str, str]:
    """(title, Markdown) of a .docx; raises ValueError when it is not one."""
    try:
        result = mammoth.convert_to_html(io.BytesIO(content), style_map=STYLE_MAP)
    except (zipfile.BadZipFile, KeyError) as error:
        raise ValueError("it is not a readable Word (.docx) file") from error
    html = result.value
    title = ""
    start = html.find('<h1 class="doc-title">')
    if start != -1:
        end = html.find("</h1>", start)
        title = html[start + len('<h1 class="doc-title">') : end]
        html = html[:start] + html[end + len("</h1>") :]
    return title, html_to_markdown(html, section_tag="h1")
