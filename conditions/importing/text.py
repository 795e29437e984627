"""Text copied from a web page: headings, lists and page furniture guessed
from the shape of the lines."""

import re

FURNITURE = [
    (re.compile(r"enable javascript", re.I), "browser notice"),
    (re.compile(r"^step \d+ of \d+$", re.I), "form step"),
    (
        re.compile(r"free consultation|click to call|^save$|\bsave$", re.I),
        "call to action",
    ),
    (re.compile(r"cookie", re.I), "cookie banner"),
    (
        re.compile(r"^(sign up|log in)\b|please sign up or log in", re.I),
        "sign-up prompt",
    ),
    (
        re.compile(r"^(submitted|under review|approved|article review status)$", re.I),
        "page widget",
    ),
    (
        re.compile(r"^(personali[sz]e|help us tailor your experience)$", re.I),
        "page widget",
    ),
    (re.compile(r"^which best describes you\?", re.I), "page widget"),
    (re.compile(r"digital illustration$", re.I), "image caption without the image"),
]
BULLET = re.compile(r"^\s*[•*\-–]\s*(?=\S)")
NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(?=\S)")
END_PUNCTUATION = ".,;:!"


def furniture_reason(line: str) -> str | None:
    for pattern, reason in FURNITURE:
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


def to_markdown(text: str) -> tuple[str, str, list[dict]]:
    """(title, Markdown, furniture left out) of a plain-text page."""
    left_out, lines = [], []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        reason = furniture_reason(line) if line else None
        if reason:
            left_out.append({"text": line[:120], "reason": reason})
        else:
            lines.append(line)
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
    out = []
    for i, line in enumerate(blocks):
        if i in heading_set:
            level = 1 if not groups or i in groups else 2
            out.append(f"\n{'#' * level} {line}\n")
        elif match := BULLET.match(line):
            out.append(f"- {line[match.end() :]}")
        elif match := NUMBERED.match(line):
            out.append(f"{match.group(1)}. {line[match.end() :]}")
        else:
            out.append(f"\n{line}\n")
    return title, "\n".join(out), left_out
