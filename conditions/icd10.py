"""The ICD-10-CM code set, from the offline ``simple-icd-10-cm`` data
(read through ``codeset``, which keeps it out of the site's memory).

Everything here is derived from a code, never typed by hand: its title, its
category, block and chapter (``lookup``), its place in the tree
(``icd_item``), how it compares with the condition it is attached to
(``code_scope``). One normaliser (``normalize``) reads what people type, and
one pair of messages says why something is not a code.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.urls import reverse

from conditions.codeset import entry

MSG_UNKNOWN_CODE = (
    "“{code}” is not an ICD-10-CM code. Codes look like D89.41: a letter, two "
    "digits, then up to four characters after the dot."
)
MSG_NOT_A_CODE = (
    "“{code}” is an ICD-10-CM chapter or block, not a code. Enter a category or "
    "subcategory code such as D89 or D89.41."
)


def normalize(raw: str) -> str:
    """Upper-case, no spaces, with the dot where ICD-10-CM puts it."""
    code = "".join(raw.split()).upper()
    if "." not in code and len(code) > 3 and entry(f"{code[:3]}.{code[3:]}"):
        return f"{code[:3]}.{code[3:]}"
    return code


# --- one item of the code set -----------------------------------------------


@dataclass(frozen=True)
class IcdItem:
    """A chapter, block, category or subcategory code, with its place in the tree."""

    code: str
    title: str
    level: str
    is_leaf: bool
    ancestors: tuple[tuple[str, str], ...]  # (code, title), chapter first

    def get_absolute_url(self):
        return reverse("conditions:icd10_lookup", args=[self.code])

    @property
    def is_code(self) -> bool:
        """A category or subcategory: something a condition can be coded with."""
        return self.level in {"category", "code"}

    def covers(self, code: str) -> bool:
        """Whether ``code`` is this item or lies under it."""
        return is_under(code, self.code)


def is_under(code: str, scope: str) -> bool:
    """Whether ``code`` is ``scope`` or lies under it."""
    found = entry(code)
    return code == scope or (found is not None and scope in found.ancestors)


def icd_item(raw: str) -> IcdItem | None:
    """The ICD-10-CM item ``raw`` names (case, spaces and dot forgiven), or None."""
    found = entry(normalize(raw))
    if found is None:
        return None
    return IcdItem(
        code=found.code,
        title=found.title,
        level=found.level,
        is_leaf=found.is_leaf,
        ancestors=tuple(
            (ancestor, title_of(ancestor)) for ancestor in reversed(found.ancestors)
        ),
    )


def title_of(code: str) -> str:
    """The official title of a chapter, block or code of the code set."""
    found = entry(code)
    return found.title if found else ""


def code_item(raw: str) -> IcdItem:
    """The category or subcategory ``raw`` names; ``ValidationError`` otherwise."""
    item = icd_item(raw)
    if item is None:
        raise ValidationError(
            MSG_UNKNOWN_CODE.format(code=normalize(raw) or raw), code="unknown_code"
        )
    if not item.is_code:
        raise ValidationError(MSG_NOT_A_CODE.format(code=item.code), code="not_a_code")
    return item


def validate_code(value: str) -> None:
    code_item(value)


def error_json(status: int, code: str, message: str) -> dict:
    """The error body of the JSON answers (look-up and Infobutton)."""
    return {"error": {"status": status, "code": code, "message": message}}


@dataclass(frozen=True)
class IcdCode:
    """What a condition's code stores: the code and its derived hierarchy."""

    code: str
    title: str
    category_code: str
    category_title: str
    block_code: str
    block_title: str
    chapter_code: str
    chapter_title: str


def lookup(code: str) -> IcdCode:
    """Everything derived from one code; ``ValidationError`` if it is not one."""
    item = code_item(code)
    ancestors = entry(item.code).ancestors  # nearest first: parent … block, chapter
    chapter, block = ancestors[-1], ancestors[-2]
    # The category shown beside a code is its parent group (D89.41 -> D89.4);
    # a three-character category is its own.
    category = ancestors[0] if item.level == "code" else item.code
    return IcdCode(
        code=item.code,
        title=item.title,
        category_code=category,
        category_title=title_of(category),
        block_code=block,
        block_title=title_of(block),
        chapter_code=chapter,
        chapter_title=title_of(chapter),
    )


# --- how a code compares with its condition ---------------------------------

# Words that do not change what a title names.
_IGNORED = {
    "a", "an", "and", "by", "due", "for", "in", "nos", "not", "of", "or", "the",
    "to", "with", "without", "syndrome", "disease", "disorder", "disorders",
    "unspecified",
}  # fmt: skip
# Words by which ICD-10-CM marks a residual or grouping code.
_GROUPING = {"other", "related", "nec"}

SCOPE_NOTES = {
    "exact": "Same as this condition.",
    "broader": "Broader than this condition: the code also covers other conditions.",
    "unspecified": "Matches this condition when its type is not specified.",
    "narrower": "Narrower than this condition: the code names one form of it.",
    "differs": "Not an exact match: the code's official title names something "
    "different from this condition's name.",
}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower())) - _IGNORED


def code_scope(*, name: str, synonyms: list[str], code: str, title: str) -> str:
    """How a code compares with the condition it is attached to.

    Derived from the code set alone: a title equal to the condition's name or
    a synonym is "exact"; a code with codes under it, or a residual ("Other
    …", "… and related disorders") title, is "broader"; a title that adds
    words to the name ("Idiopathic mast cell activation syndrome" for "Mast
    cell activation syndrome") is "narrower", one that drops words is
    "broader"; the "… unspecified" code of the same name is "unspecified";
    anything else "differs", and nothing more is claimed.
    """
    if title.casefold() in {n.casefold() for n in [name, *synonyms]}:
        return "exact"
    title_words, name_words = _words(title), _words(name)
    found = entry(code)
    if found is None or not found.is_leaf or title_words & _GROUPING:
        return "broader"
    if title_words == name_words:
        return "unspecified" if "unspecified" in title.casefold() else "exact"
    if name_words < title_words:
        return "narrower"
    if title_words < name_words:
        return "broader"
    return "differs"


def codes_with_scope(codes: list[dict], *, name: str, synonyms: list[str]) -> list:
    """Code dicts of one condition, each with a ``scope_note`` saying how the
    code compares with the condition ("" where it is the condition itself)."""
    notes = []
    for code in codes:
        scope = code_scope(
            name=name, synonyms=synonyms, code=code["code"], title=code["title"]
        )
        notes.append(
            {**code, "scope_note": "" if scope == "exact" else SCOPE_NOTES[scope]}
        )
    return notes


def coded_entries(articles, item: IcdItem) -> list[dict]:
    """Each article with its condition's codes under ``item`` and their scope."""
    entries = []
    for article in articles:
        condition = article.public_condition
        codes = [
            {
                "code": c.code,
                "title": c.title,
                "scope": (
                    scope := code_scope(
                        name=condition.public_name,
                        synonyms=condition.public_synonym_list,
                        code=c.code,
                        title=c.title,
                    )
                ),
                "scope_note": SCOPE_NOTES[scope],
            }
            for c in condition.published_codes.all()
            if item.covers(c.code)
        ]
        entries.append({"article": article, "codes": codes})
    return entries


# --- the browse pages ---------------------------------------------------------


@dataclass(frozen=True)
class BranchCount:
    """A chapter, block, category or code with the number of published
    articles coded in it or under it."""

    code: str
    title: str
    count: int

    def get_absolute_url(self):
        return reverse("conditions:icd10_lookup", args=[self.code])
