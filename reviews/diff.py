"""Word-level differences between two snapshots, part by part, and how much
of a snapshot changed (what decides whether a minor edit is allowed).

difflib's matcher takes time quadratic in the number of tokens, so a long part
is compared line by line instead, and only the lines between the unchanged
start and end; past a limit even that middle is shown removed and inserted
whole. The diff of any part therefore takes time roughly linear in its size.
"""

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reviews.models import PublishedVersion, Reviewable, ReviewKind

# Words and the whitespace between them, so that joining the tokens gives the
# text back exactly.
TOKEN = re.compile(r"\s+|[^\s]+")
# Parts with more tokens than this (both sides together) are compared by line.
MAX_WORD_TOKENS = 4_000
# Changed regions with more lines than this are not compared at all.
MAX_LINES = 2_000
MOVED_NOTE = "Moved: it was part {old}, it is part {new} now."
TOO_LONG_NOTE = (
    "Too long to compare word by word: whole changed lines are marked instead."
)


@dataclass(frozen=True)
class PartDiff:
    label: str
    status: str  # "added", "removed", "changed" or "same"
    html: SafeString
    note: str = ""


def _marked(a: list[str], b: list[str]) -> list[str]:
    """Tokens ``a`` changed into ``b``, with difflib, as escaped HTML pieces."""
    out = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[a1:a2]))}</del>")
        if op == "replace":
            out.append(" ")  # "is causes", never "iscauses"
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[b1:b2]))}</ins>")
        if op == "equal":
            out.append(escape("".join(a[a1:a2])))
    return out


def _marked_lines(a: list[str], b: list[str]) -> list[str]:
    """Like _marked for lines, in linear time: the unchanged first and last
    lines are set aside, and a long middle is shown removed and inserted."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    if len(middle_a) + len(middle_b) <= MAX_LINES:
        middle = _marked(middle_a, middle_b)
    else:
        middle = [
            f"<del>{escape(''.join(middle_a))}</del>" if middle_a else "",
            f"<ins>{escape(''.join(middle_b))}</ins>" if middle_b else "",
        ]
    return [escape("".join(a[:start])), *middle, escape("".join(a[len(a) - end :]))]


def _diff(old: str, new: str) -> tuple[SafeString, str]:
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    if len(a) + len(b) <= MAX_WORD_TOKENS:
        out, note = _marked(a, b), ""
    else:
        lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        out, note = _marked_lines(*lines), TOO_LONG_NOTE
    return mark_safe("".join(out)), note  # noqa: S308 - every piece is escaped


def diff_words(old: str, new: str) -> SafeString:
    """``new`` as HTML with inserted words in <ins> and removed ones in <del>
    (whole lines, for parts too long to compare word by word)."""
    return _diff(old, new)[0]


def _part(label: str, status: str, old: str, new: str) -> PartDiff:
    html, note = _diff(old, new)
    return PartDiff(label, status, html, note)


def diff_parts(
    old: list[tuple[str, str]], new: list[tuple[str, str]]
) -> list[PartDiff]:
    """Compare labelled parts: matched by label, in the new order, with parts
    that no longer exist listed where they used to be."""
    old_by_label = dict(old)
    old_places = {label: n for n, (label, _) in enumerate(old, start=1)}
    new_labels = {label for label, _ in new}
    kept = [label for label, _ in new if label in old_by_label]
    kept_before = [label for label, _ in old if label in new_labels]
    result = []
    for label, text in new:
        if label not in old_by_label:
            result.append(_part(label, "added", "", text))
        else:
            before = old_by_label[label]
            status = "same" if before == text else "changed"
            part = _part(label, status, before, text)
            if kept.index(label) != kept_before.index(label):
                moved = MOVED_NOTE.format(old=old_places[label], new=len(result) + 1)
                part = PartDiff(label, "changed", part.html, f"{moved} {part.note}")
            result.append(part)
    for position, (label, text) in enumerate(old):
        if label not in new_labels:
            result.insert(
                min(position, len(result)),
                _part(label, "removed", text, ""),
            )
    return result


WORD = re.compile(r"\w+", re.UNICODE)


def _words(parts: list[tuple[str, str]]) -> Counter:
    return Counter(
        (label, word.casefold()) for label, text in parts for word in WORD.findall(text)
    )


def changed_share(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> float:
    """The share of ``old``'s words that were removed or added in ``new``,
    counted per part (a word moved to another part counts as changed).

    Words are counted, not aligned: linear in the size of both, whatever the
    input. Replacing a word counts once (one out, one in); moving words within
    a part counts nothing.
    """
    before, after = _words(old), _words(new)
    removed = sum((before - after).values())
    added = sum((after - before).values())
    return max(removed, added) / max(sum(before.values()), 1)


@dataclass(frozen=True)
class ChangeScope:
    """What changed in a revision since the item's last full clinical review."""

    share: float
    tables_changed: bool

    @property
    def allows_minor_edit(self) -> bool:
        return (
            not self.tables_changed
            and self.share <= settings.REVIEW_MINOR_EDIT_MAX_SHARE
        )

    def describe(self) -> str:
        limit = settings.REVIEW_MINOR_EDIT_MAX_SHARE
        words = (
            f"{self.share:.1%} of the words changed (a minor edit allows {limit:.0%})"
        )
        tables = "a table changed" if self.tables_changed else "no table changed"
        return f"Since the last full review: {words}, {tables}."


def since_last_full_review(item: Reviewable, data: dict) -> ChangeScope | None:
    """How far ``data`` (a revision of ``item``) is from the version its last
    full clinical review approved; None if it never had one."""
    base = (
        PublishedVersion.objects.for_item(item)
        .filter(review_kind=ReviewKind.FULL)
        .only("data")
        .order_by("-number")
        .first()
    )
    if base is None:
        return None
    return ChangeScope(
        share=changed_share(
            item.review_diff_parts(base.data), item.review_diff_parts(data)
        ),
        tables_changed=item.review_tables(base.data) != item.review_tables(data),
    )
