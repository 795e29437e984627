"""Word-level differences between two snapshots, part by part."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words and the whitespace between them, so that joining the tokens gives the
# text back exactly.
TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class PartDiff:
    label: str
    status: str  # "added", "removed", "changed" or "same"
    html: SafeString


def diff_words(old: str, new: str) -> SafeString:
    """``new`` as HTML with inserted words in <ins> and removed ones in <del>."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    out = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[b1:b2]))}</ins>")
        if op == "equal":
            out.append(escape("".join(a[a1:a2])))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def diff_parts(
    old: list[tuple[str, str]], new: list[tuple[str, str]]
) -> list[PartDiff]:
    """Compare labelled parts: matched by label, in the new order, with parts
    that no longer exist listed where they used to be."""
    old_by_label = dict(old)
    new_labels = {label for label, _ in new}
    result = []
    for label, text in new:
        if label not in old_by_label:
            result.append(PartDiff(label, "added", diff_words("", text)))
        else:
            before = old_by_label[label]
            status = "same" if before == text else "changed"
            result.append(PartDiff(label, status, diff_words(before, text)))
    for position, (label, text) in enumerate(old):
        if label not in new_labels:
            result.insert(
                min(position, len(result)),
                PartDiff(label, "removed", diff_words(text, "")),
            )
    return result
