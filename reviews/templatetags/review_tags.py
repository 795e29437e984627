"""Template filters of the review workflow."""

from django import template

from reviews import models

register = template.Library()


@register.filter
def display_name(user) -> str:
    """How a person is named in the workflow: full name, else username."""
    return models.display_name(user)
