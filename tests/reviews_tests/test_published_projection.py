"""The published projection (``Reviewable.PUBLISHED_FIELDS``): columns that
hold the approved values of draft fields, written only at approval."""

import pytest

from conditions.models import Article, Condition

pytestmark = pytest.mark.django_db


def test_projection_columns_are_workflow_fields():
    assert {"public_slug", "public_condition"} <= set(Article.workflow_fields())
    assert {"public_name", "public_slug", "public_synonyms"} <= set(
        Condition.workflow_fields()
    )


def test_a_content_save_never_writes_the_projection(published):
    stale = Article.objects.get(pk=published.pk)
    stale.public_slug = "forged"
    stale.slug = "draft-slug"

    stale.save()

    published.refresh_from_db()
    assert (published.slug, published.public_slug) == ("draft-slug", "overview")


@pytest.mark.parametrize("model", [Article, Condition])
def test_content_history_leaves_the_projection_out(model):
    recorded = {field.name for field in model.history.model._meta.fields}
    assert recorded.isdisjoint(model.PUBLISHED_FIELDS)
    assert "slug" in recorded


def test_approval_copies_the_draft_values_into_the_projection(condition):
    condition.refresh_from_db()
    assert (
        condition.public_name,
        condition.public_slug,
        condition.public_synonyms,
    ) == (
        condition.name,
        condition.slug,
        "MMAS",
    )
