"""What a reviewer should check before approving: problems that do not stop a
submission but that readers would notice. Shown after a save, in the review
panel, and on the sign-off, where each must be acknowledged before Approve
(``Reviewable.review_warnings``; ``reviews.services.review_approve``).

Images without alt text and malformed blocks are not here: they stop the
submission itself (``rendering.body_problems``).
"""

import re

from django.urls import Resolver404, resolve

from conditions.references import cited_keys
from conditions.rendering import CITATION_PATTERN, URL_SCHEMES, markdown_tables

CITATION = re.compile(CITATION_PATTERN)
# A tag the sanitiser removes: "<div", "</span", "<!--".
RAW_HTML = re.compile(r"<\s*(?:[a-zA-Z][\w-]*|/[a-zA-Z]|!--)")
# The target of an inline link, [text](target).
LINK_TARGET = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]+)")


def citations(body: str) -> tuple[set[int], set[str]]:
    """The numbers and the keys ``body`` cites."""
    numbers, keys = set(), set()
    for match in CITATION.finditer(body):
        if match[2] is not None:
            keys.update(cited_keys(match[2]))
            continue
        for part in re.split(r"\s*,\s*", match[1]):
            first, *last = re.split(r"\s*[\u2013-]\s*", part)
            end = int(last[0]) if last else int(first)
            numbers.update(range(int(first), min(end, int(first) + 999) + 1))
    return numbers, keys


def _ragged(table: str) -> bool:
    widths = {line.strip().strip("|").count("|") for line in table.splitlines()}
    return len(widths) > 1


def _link_problem(target: str) -> str:
    scheme = target.split(":", 1)[0].lower() if ":" in target else ""
    if scheme and scheme not in URL_SCHEMES and scheme != "tel":
        return (
            f"the link to “{target[:80]}” is removed ({scheme}: links are not allowed)"
        )
    if target.startswith("/") and not target.startswith("//"):
        try:
            resolve(target.split("#")[0].split("?")[0])
        except Resolver404:
            return f"the link to “{target[:80]}” leads to no page of this site"
    return ""


def body_warnings(body: str) -> list[str]:
    """Raw HTML, links that are removed or lead nowhere, ragged tables."""
    warnings = []
    if RAW_HTML.search(body):
        warnings.append("raw HTML is removed: readers will not see it")
    warnings += [p for t in LINK_TARGET.findall(body) if (p := _link_problem(t))]
    if any(_ragged(table) for table in markdown_tables(body)):
        warnings.append("a table has rows of different lengths")
    return warnings


def article_warnings(data: dict) -> list[str]:
    """An article's warnings, each naming where it is."""
    references = data.get("references", [])
    warnings = [] if references else ["There are no references."]
    known = {ref["key"]: ref["number"] for ref in references if ref.get("key")}
    cited = set()
    for section in data.get("sections", []):
        where = f"Section “{section['heading']}”"
        numbers, keys = citations(section["body"])
        cited |= numbers | {known[key] for key in keys if key in known}
        warnings += [
            f"{where}: citation [{n}] has no reference."
            for n in sorted(numbers)
            if n > len(references)
        ]
        warnings += [
            f"{where}: citation [@{key}] has no reference."
            for key in sorted(keys - set(known))
        ]
        warnings += [f"{where}: {w}." for w in body_warnings(section["body"])]
    warnings += [
        f"Reference [{n}] ({reference['title'][:60]}) is never cited."
        for n, reference in enumerate(references, start=1)
        if n not in cited
    ]
    return warnings
