import pytest
from django.template import Context, Template

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def render(user) -> str:
    template = Template("{% load review_tags %}{{ user|display_name }}")
    return template.render(Context({"user": user}))


def test_display_name_prefers_the_full_name_then_the_username():
    named = make_user("rosa", last_name="Diaz")
    unnamed = make_user("kim")
    unnamed.first_name = ""
    unnamed.save()

    assert render(named) == "Rosa Diaz"
    assert render(unnamed) == "kim"
    assert render(None) == "nobody"
