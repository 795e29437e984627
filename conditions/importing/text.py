"""Text copied from a web page: headings, lists and page furniture guessed
from the shape of the lines."""

import re

# Why a line is left out, and the lines it applies to.
FURNITURE = {
    "browser notice": r"enable javascript",
    "form step": r"^step \d+ of \d+$",
    "call to action": r"free consultation|click to call|^save$",
    "cookie banner": r"cookie",
    "sign-up prompt": r"^(sign up|log in)\b|please sign up or log in",
    "condition data, kept on the condition": r"^(icd-10(-cm)? code|disease category):",
    "page badge": r"reviewed for accuracy by our|^educational purpose only"
    r"|^last updated:|view editorial policy$",
    "page widget": r"^(submitted|under review|approved|article review status)$"
    r"|^(personali[sz]e|help us tailor your experience)$"
    r"|^which best describes you\?",
    "image caption without the image": r"digital illustration$",
    "empty list item": r"^\d{1,3}[.)]$",
}
# Headings of page furniture that has a body: the heading, then its questions
# (links to the site's other pages) and at most one paragraph, are left out.
FURNITURE_SECTIONS = {
    "related questions, links to other pages": r"^related (questions|articles)$",
    "the source site's disclaimer": r"^(professional |medical )*disclaimer$",
    "call to action": r"^have a follow-up question\?$",
}
FURNITURE_PATTERNS = [
    (re.compile(pattern, re.I), reason) for reason, pattern in FURNITURE.items()
]
SECTION_PATTERNS = [
    (re.compile(pattern, re.I), reason)
    for reason, pattern in FURNITURE_SECTIONS.items()
]
REFERENCES = re.compile(r"^(references|sources|bibliography)$", re.I)
# The kind of source a page prints above each reference ("Guideline").
SOURCE_KIND = re.compile(
    r"^(guideline|review|article|journal article|research|study|book|website"
    r"|systematic review|meta-analysis|clinical trial)$",
    re.I,
)
# Citation numbers a page prints at the end of a sentence ("… avoided. 2, 1").
TRAILING_CITATION = re.compile(r"(?<=[^\d\s,])\s+(\d{1,3}(?:,\s*\d{1,3})*)$")
CITED = re.compile(r" \[(\d{1,3}(?:, \d{1,3})*)\]$", re.M)
# A numbered list of "Label:" items each followed by its paragraph.
LABEL = re.compile(r"^(\S+(?: \S+){0,5}):$")
BULLET = re.compile(r"^\s*[•*\-–]\s*(?=\S)")
NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(?=\S)")
END_PUNCTUATION = ".,;:!"


def furniture_reason(line: str) -> str | None:
    for pattern, reason in FURNITURE_PATTERNS:
        if pattern.search(line):
            return reason
    return None


def looks_like_heading(line: str) -> bool:
    return (
        0 < len(line) <= 90
        and len(line.split()) <= 14
        and line[-1] not in END_PUNCTUATION
        and not BULLET.match(line)
        and not NUMBERED.match(line)
        and (line[0].isupper() or line[0].isdigit())
    )


def without_furniture(text: str, left_out: list[dict]) -> list[str | None]:
    """The page's non-empty lines, with ``None`` where furniture was taken out.
    A furniture heading takes its questions and at most one paragraph along."""
    lines, section = [], None
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if section and (line.endswith("?") or not looks_like_heading(line)):
            left_out.append({"text": line[:120], "reason": section})
            section = section if line.endswith("?") else None
            continue
        if line.endswith(" Save"):  # a bookmark button glued to the title
            line = line.removesuffix(" Save")
            left_out.append({"text": "Save", "reason": "call to action"})
        section = next((r for p, r in SECTION_PATTERNS if p.search(line)), None)
        reason = section or furniture_reason(line)
        if reason:
            left_out.append({"text": line[:120], "reason": reason})
        lines.append(None if reason else line)
    return lines


def references_list(lines: list[str | None]) -> tuple[list[str | None], list[str]]:
    """(the lines without the "References" list, one line per reference). The
    list runs to the next furniture. When the page prints a source kind
    ("Guideline") above each reference, the lines after it are one reference;
    otherwise each line is one."""
    start = next(
        (i for i, line in enumerate(lines) if line and REFERENCES.match(line)), None
    )
    if start is None:
        return lines, []
    end = next((i for i in range(start + 1, len(lines)) if lines[i] is None), None)
    listed = lines[start + 1 : end]
    if any(SOURCE_KIND.match(line) for line in listed):
        entries = []
        for line in listed:
            if SOURCE_KIND.match(line) or not entries:
                entries.append([])
            if not SOURCE_KIND.match(line):
                entries[-1].append(line.rstrip("."))
        references = [". ".join(entry) for entry in entries if entry]
    else:
        references = listed
    return lines[:start] + (lines[end:] if end else []), references


def labelled_pairs(blocks: list[str]) -> dict[int, str]:
    """{index: label} of numbered "Label:" items that each head the numbered
    paragraph after them ("1. Symptoms:", "2. Flushing and itching…"): a
    page's sub-headings written as a list."""
    labels, i = {}, 0
    while i < len(blocks):
        run = i
        while run < len(blocks) and NUMBERED.match(blocks[run]):
            run += 1
        items = [NUMBERED.sub("", line) for line in blocks[i:run]]
        pairs = list(zip(items[::2], items[1::2], strict=False))
        if (
            len(items) >= 4
            and len(items) % 2 == 0
            and all(
                LABEL.match(label) and len(text) > len(label) for label, text in pairs
            )
        ):
            labels.update({i + 2 * n: label[:-1] for n, (label, _) in enumerate(pairs)})
        i = max(run, i + 1)
    return labels


def to_markdown(text: str) -> tuple[str, str, list[dict]]:
    """(title, Markdown, furniture left out) of a plain-text page."""
    left_out = []
    lines, references = references_list(without_furniture(text, left_out))
    blocks = [line for line in lines if line]
    title = blocks.pop(0) if blocks else ""
    headings = [
        i
        for i, line in enumerate(blocks)
        if looks_like_heading(line)
        and i + 1 < len(blocks)
        and (looks_like_heading(blocks[i + 1]) or len(blocks[i + 1]) > len(line))
    ]
    heading_set = set(headings)
    # A heading right above another heading opens a group: the groups are the
    # sections and the headings under them sub-headings. Without such pairs,
    # every heading is a section.
    groups = {i for i in headings if i + 1 in heading_set}
    labels = labelled_pairs(blocks)
    out = []
    for i, line in enumerate(blocks):
        if references and i not in heading_set and len(line) >= 40:
            line = TRAILING_CITATION.sub(r" [\1]", line)
        if i in heading_set:
            level = 1 if not groups or i in groups else 2
            out.append(f"\n{'#' * level} {line}\n")
        elif i in labels:
            out.append(f"\n{'#' * (3 if groups else 2)} {labels[i]}\n")
        elif i - 1 in labels:
            out.append(f"\n{NUMBERED.sub('', line)}\n")
        elif match := BULLET.match(line):
            out.append(f"- {line[match.end() :]}")
        elif match := NUMBERED.match(line):
            out.append(f"{match.group(1)}. {line[match.end() :]}")
        else:
            out.append(f"\n{line}\n")
    if references:
        out += ["\n# References\n", *(f"- {reference}" for reference in references)]
        cited = {
            int(n) for n in re.findall(r"\d+", " ".join(CITED.findall("\n".join(out))))
        }
        if missing := sorted(n for n in cited if n > len(references)):
            left_out.append(
                {
                    "text": ", ".join(f"[{n}]" for n in missing),
                    "reason": "cited, but not in the page's reference list",
                }
            )
    return title, "\n".join(out), left_out
