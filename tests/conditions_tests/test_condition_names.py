"""Condition names are stored in Unicode NFC and unique without regard to case."""

import unicodedata

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from conditions.models import MSG_CONDITION_NAME_TAKEN, Condition
from tests.factories import make_condition, sign_in

pytestmark = pytest.mark.django_db

DECOMPOSED = "Still disease, cafe\u0301 type"  # e + combining acute accent
COMPOSED = "Still disease, caf\u00e9 type"


def condition_form(name, slug):
    """The admin's add form, as the browser sends it, with one code."""
    return {
        "name": name,
        "slug": slug,
        "synonyms": "",
        "codes-TOTAL_FORMS": "1",
        "codes-INITIAL_FORMS": "0",
        "codes-0-position": "1",
        "codes-0-code": "M06.1",
        "resources-TOTAL_FORMS": "0",
        "resources-INITIAL_FORMS": "0",
    }


def test_names_are_saved_in_nfc():
    condition = make_condition(name=DECOMPOSED, code="M06.1", published=False)

    condition.refresh_from_db()
    assert condition.name == COMPOSED
    assert unicodedata.is_normalized("NFC", condition.name)


def test_the_database_refuses_a_name_differing_only_in_case():
    make_condition(name="Still disease", code="M06.1", published=False)

    with pytest.raises(IntegrityError), transaction.atomic():
        Condition.objects.create(name="STILL DISEASE", slug="still-disease-2")


@pytest.mark.parametrize("name", ["still DISEASE, CAFÉ TYPE", DECOMPOSED])
def test_admin_refuses_the_same_name_in_other_case_or_spelling(client, editor, name):
    make_condition(name=COMPOSED, code="M06.1")
    sign_in(client, editor)

    response = client.post(
        reverse("admin:conditions_condition_add"), condition_form(name, "other")
    )

    assert response.status_code == 200
    assert response.content.decode().count(MSG_CONDITION_NAME_TAKEN) == 1
    assert Condition.objects.count() == 1


def test_admin_adds_a_new_name_as_an_unpublished_draft(client, editor):
    sign_in(client, editor)

    response = client.post(
        reverse("admin:conditions_condition_add"),
        condition_form(DECOMPOSED, "still-disease"),
    )

    assert response.status_code == 302
    condition = Condition.objects.get()
    assert condition.name == COMPOSED
    assert condition.review_state == "draft"
    assert condition.live_version is None
    assert client.get(condition.get_absolute_url()).status_code == 404
