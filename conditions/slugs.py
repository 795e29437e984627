"""Slugs made from titles. A slash or backslash separates words, as in the
admin (``static/js/slug_words.js``): "Hemophagocytic lymphohistiocytosis/
macrophage activation syndrome" gives
``hemophagocytic-lymphohistiocytosis-macrophage-activation-syndrome``, not
``…lymphohistiocytosismacrophage…``."""

import re

from django.utils.text import slugify

SEPARATORS = re.compile(r"[/\\]+")


def title_slug(title: str, max_length: int = 180) -> str:
    return slugify(SEPARATORS.sub(" ", title))[:max_length].strip("-")
