"""In the admin, nobody deletes what went to review, superusers included: no
Delete link, and the delete page and "delete selected" refuse with a message
saying to archive instead. Drafts never submitted can still be deleted."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from conditions.models import Article
from reviews.admin import MSG_NOT_DELETABLE
from reviews.services import review_archive, review_submit, review_withdraw
from tests.factories import (
    admin_url,
    edit,
    make_article,
    messages_of,
    publish,
    sign_in,
)

pytestmark = pytest.mark.django_db

REFUSED = MSG_NOT_DELETABLE.split("{items}")[1].strip()


@pytest.fixture
def root(client):
    user = get_user_model().objects.create_superuser("root", password="x-pass-1")
    sign_in(client, user)
    return user


@pytest.fixture
def withdrawn_and_edited(published, editor, reviewer):
    """Archived, then edited into a draft: no live version, no review under
    way, but readers have seen it."""
    review_archive(obj=published, by=reviewer, reason="Superseded.")
    edit(published, by=editor, summary="New words.")
    return published


@pytest.fixture
def scratch(condition, editor):
    return make_article(condition=condition, by=editor, title="Scratch")


def test_the_delete_page_of_a_published_article_refuses(
    client, root, withdrawn_and_edited
):
    shown = client.get(admin_url("delete", withdrawn_and_edited), follow=True)
    posted = client.post(
        admin_url("delete", withdrawn_and_edited), {"post": "yes"}, follow=True
    )

    for response in (shown, posted):
        assert response.redirect_chain == [
            (admin_url("change", withdrawn_and_edited), 302)
        ]
        assert (
            f"Not deleted: “{withdrawn_and_edited}” went to review"
            in (messages_of(response)[0])
        )
    assert Article.objects.filter(pk=withdrawn_and_edited.pk).exists()
    change_form = client.get(admin_url("change", withdrawn_and_edited))
    assert admin_url("delete", withdrawn_and_edited) not in change_form.content.decode()


def test_delete_selected_with_a_published_article_deletes_nothing(
    client, root, withdrawn_and_edited, scratch
):
    response = client.post(
        reverse("admin:conditions_article_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [withdrawn_and_edited.pk, scratch.pk],
            "post": "yes",
        },
        follow=True,
    )

    (message,) = messages_of(response)
    assert f"“{withdrawn_and_edited}”" in message
    assert REFUSED in message
    assert "Scratch" not in message
    assert Article.objects.count() == 2


def test_drafts_never_submitted_are_deleted_one_by_one_or_selected(
    client, root, scratch, condition, editor, reviewer
):
    """Positive control: a submission withdrawn to draft before anyone
    approved it is a draft like any other."""
    withdrawn = make_article(condition=condition, by=editor, title="Withdrawn")
    kept = make_article(condition=condition, by=editor, title="Kept")
    publish(kept, editor=editor, reviewer=reviewer)
    review_submit(obj=withdrawn, by=editor)
    review_withdraw(obj=withdrawn, by=editor)

    assert client.get(admin_url("delete", scratch)).status_code == 200
    client.post(admin_url("delete", scratch), {"post": "yes"})
    client.post(
        reverse("admin:conditions_article_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [withdrawn.pk],
            "post": "yes",
        },
    )

    assert list(Article.objects.values_list("title", flat=True)) == ["Kept"]
