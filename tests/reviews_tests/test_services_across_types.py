"""Nobody approves their own work, across reviewable types: whoever edited a
condition revision can't approve it, nor an article whose page would show it."""

import pytest
from django.contrib.auth.models import Group

from reviews.models import PublishedVersion, ReviewState
from reviews.services import (
    MSG_CARRIES_OWN_WORK,
    MSG_OWN_WORK,
    TransitionRefused,
    review_approve,
    review_record_edit,
    review_start,
    review_submit,
)
from tests.factories import approve_condition, edit, make_condition, make_user, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def both(db):
    """Someone in both groups: may edit and may review."""
    user = make_user("both", "Editors")
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


def recode(condition, *, by, code="A00.0"):
    """Change the condition's code and record the edit, as the admin does."""
    row = condition.codes.get()
    row.code = code
    row.save()
    review_record_edit(obj=condition, by=by)


def test_condition_editor_cannot_approve_that_condition(both, editor):
    condition = make_condition(published=False)
    recode(condition, by=both)
    review_submit(obj=condition, by=editor)
    review_start(obj=condition, by=both)

    with pytest.raises(TransitionRefused) as refused:
        review_approve(obj=condition, by=both)

    assert refused.value.message == MSG_OWN_WORK.format(title=condition)
    condition.refresh_from_db()
    assert condition.review_state == ReviewState.UNDER_REVIEW
    assert condition.public_name == ""


def test_editor_of_the_live_condition_version_cannot_approve_an_article_under_it(
    condition, draft, both, editor, other_reviewer
):
    recode(condition, by=both)
    approve_condition(condition)
    review_submit(obj=draft, by=editor)
    review_start(obj=draft, by=both)

    with pytest.raises(TransitionRefused) as refused:
        review_approve(obj=draft, by=both)

    assert refused.value.message == MSG_CARRIES_OWN_WORK.format(
        title=draft, other=condition
    )
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.UNDER_REVIEW
    assert not PublishedVersion.objects.for_item(draft).exists()


def test_editor_of_a_pending_condition_draft_cannot_approve_an_article_under_it(
    condition, draft, both, editor
):
    recode(condition, by=both)  # not approved: the next version would carry it
    review_submit(obj=draft, by=editor)
    review_start(obj=draft, by=both)

    with pytest.raises(TransitionRefused, match="which you wrote or edited"):
        review_approve(obj=draft, by=both)


def test_another_reviewer_approves_the_article(
    condition, draft, both, editor, reviewer
):
    recode(condition, by=both)
    approve_condition(condition)

    publish(draft, editor=editor, reviewer=reviewer)

    draft.refresh_from_db()
    assert draft.review_state == ReviewState.APPROVED


def test_each_published_version_records_who_edited_it(
    memo, editor, other_editor, reviewer
):
    edit(memo, by=other_editor, body="Second words.")

    publish(memo, editor=editor, reviewer=reviewer)

    memo.refresh_from_db()
    assert memo.live_version.editors == sorted([editor.pk, other_editor.pk])
