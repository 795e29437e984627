"""ICD-10-CM look-ups from the offline ``simple-icd-10-cm`` data.

Titles, categories, blocks and chapters are always derived from the code here,
never typed by hand.
"""

from dataclasses import dataclass

import simple_icd_10_cm as cm
from django.core.exceptions import ValidationError

MSG_UNKNOWN_CODE = (
    "“{code}” is not an ICD-10-CM code. Enter a category or subcategory code "
    "such as D89.41."
)
MSG_NOT_A_CODE = (
    "“{code}” is an ICD-10-CM chapter or block, not a code. Enter a category or "
    "subcategory code such as D89.41."
)


@dataclass(frozen=True)
class IcdCode:
    code: str
    title: str
    category_code: str
    category_title: str
    block_code: str
    block_title: str
    chapter_code: str
    chapter_title: str


def normalize(code: str) -> str:
    """Upper-case, no spaces, with the dot where ICD-10-CM puts it."""
    code = "".join(code.split()).upper()
    if code and cm.is_valid_item(code) and "." not in code and len(code) > 3:
        return cm.add_dot(code)
    return code


def lookup(code: str) -> IcdCode:
    """Everything derived from one code; ``ValidationError`` if it is not one."""
    code = normalize(code)
    if not code or not cm.is_valid_item(code):
        raise ValidationError(MSG_UNKNOWN_CODE.format(code=code), code="unknown")
    if not cm.is_category_or_subcategory(code):
        raise ValidationError(MSG_NOT_A_CODE.format(code=code), code="not_a_code")
    ancestors = cm.get_ancestors(code)  # nearest first: parent … block, chapter
    chapter, block = ancestors[-1], ancestors[-2]
    # The category shown beside a code is its parent group (D89.41 -> D89.4);
    # a three-character category is its own.
    category = ancestors[0] if cm.is_subcategory(code) else code
    return IcdCode(
        code=code,
        title=cm.get_description(code),
        category_code=category,
        category_title=cm.get_description(category),
        block_code=block,
        block_title=cm.get_description(block),
        chapter_code=chapter,
        chapter_title=cm.get_description(chapter),
    )


def validate_code(value: str) -> None:
    lookup(value)
