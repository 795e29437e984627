"""The one HTML → Markdown step, shared by .docx and saved web pages."""

from markdownify import ATX, markdownify


def html_to_markdown(html: str, *, section_tag: str) -> str:
    """Markdown whose ``#`` headings are the ``section_tag`` headings
    (h1 for Word, h2 for web pages); deeper headings become ``##``..."""
    shift = int(section_tag[1]) - 1
    markdown = markdownify(
        html,
        heading_style=ATX,
        bullets="-",
        strip=["script", "style"],
    )
    if not shift:
        return markdown
    lines = []
    for line in markdown.splitlines():
        hashes = len(line) - len(line.lstrip("#"))
        if hashes and line[hashes : hashes + 1] == " ":
            line = "#" * max(hashes - shift, 1) + line[hashes:]
        lines.append(line)
    return "\n".join(lines)
