"""The admin mix-in on a content type that overrides none of its hooks (the
test-only Memo): every page works and none of them speaks of articles."""

import pytest
from django.urls import reverse

from reviews.models import ReviewState
from reviews.services import review_archive
from tests.factories import (
    bring_to,
    make_memo,
    make_user,
    messages_of,
    publish,
    sign_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(db):
    """A superuser reviewer: the Memo admin needs no group permissions then."""
    return make_user("chief", "Reviewers", is_superuser=True)


def memo_url(name, memo, *args):
    return reverse(f"admin:testapp_memo_{name}", args=[memo.pk, *args])


def test_panel_speaks_of_the_content_type_not_of_articles(client, memo, chief, editor):
    bring_to(ReviewState.SUBMITTED, memo, editor=editor, reviewer=chief)
    sign_in(client, chief)

    page = client.get(memo_url("change", memo)).content.decode()

    panel = page[page.index('class="module review-panel"') :]
    panel = panel[: panel.index("</section>")]
    assert "start review" in panel and "Add a comment on this revision" in panel
    assert "article" not in panel.lower()


def test_version_page_falls_back_to_the_generic_template(client, memo, chief, editor):
    publish(memo, editor=editor, reviewer=chief)
    sign_in(client, chief)

    response = client.get(memo_url("review_version", memo, 1))

    assert [t.name for t in response.templates][0] == (
        "reviews/publishedversion_detail.html"
    )
    assert "<p>First words.</p>" in response.content.decode()


def test_article_admin_supplies_its_own_version_page(client, draft, editor, reviewer):
    publish(draft, editor=editor, reviewer=reviewer)
    sign_in(client, reviewer)

    response = client.get(
        reverse("admin:conditions_article_review_version", args=[draft.pk, 1])
    )

    assert response.templates[0].name == "conditions/article_version.html"


def test_messages_use_the_content_types_own_noun(client, memo, chief, editor):
    publish(memo, editor=editor, reviewer=chief)
    sign_in(client, chief)

    response = client.post(
        memo_url("review", memo, "archive"), {"reason": " "}, follow=True
    )

    (message,) = messages_of(response)
    assert "this memo was withdrawn" in message
    assert review_archive(obj=memo, by=chief, reason="Old.") == ReviewState.ARCHIVED


def test_queue_filter_works_on_the_inherited_queryset(client, memo, chief, editor):
    other = publish(make_memo(by=editor, title="Other"), editor=editor, reviewer=chief)
    bring_to(ReviewState.SUBMITTED, memo, editor=editor, reviewer=chief)
    sign_in(client, chief)

    response = client.get(
        reverse("admin:testapp_memo_changelist"), {"queue": "awaiting"}
    )

    assert list(response.context["cl"].queryset) == [memo]
    assert other not in response.context["cl"].queryset
