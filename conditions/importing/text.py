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
    r"|^which best describes you\?|^(related questions|have a follow-up question\?)$",
    "image caption without the image": r"digital illustration$",
}
FURNITURE_PATTERNS = [
    (re.compile(pattern, re.I), reason) for reason, pattern in FURNITURE.items()
]
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


def to_markdown(text: str) -> tuple[str, str, list[dict]]:
    """(title, Markdown, furniture left out) of a plain-text page."""
    left_out, lines = [], []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line.endswith(" Save"):  # a bookmark button glued to the title
            line = line.removesuffix(" Save")
            left_out.append({"text": "Save", "reason": "call to action"})
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
