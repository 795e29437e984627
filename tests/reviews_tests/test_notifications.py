"""Review mail: only to the people concerned, once, never to the actor, and
only after the transaction commits (as a background task)."""

import pytest
from django.core import mail

from reviews.services import (
    review_approve,
    review_pass_on,
    review_request_changes,
    review_start,
    review_submit,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def people(editor, reviewer, other_reviewer):
    for user in (editor, reviewer, other_reviewer):
        user.email = f"{user.username}@example.org"
        user.save()
    make_user("root", is_superuser=True, email="root@example.org")
    make_user("silent", "Reviewers")  # no address: skipped, not an error
    return editor, reviewer, other_reviewer


def test_submission_mails_every_reviewer_but_no_superuser_or_actor(
    memo, people, django_capture_on_commit_callbacks
):
    editor, *_ = people
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(obj=memo, by=editor)

    assert recipients() == ["other_reviewer@example.org", "reviewer@example.org"]
    assert "waiting for review" in mail.outbox[0].subject


def test_reviewer_who_submits_is_not_mailed_about_it(
    memo, people, django_capture_on_commit_callbacks
):
    editor, reviewer, _ = people
    reviewer.groups.add(*editor.groups.all())
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(obj=memo, by=reviewer)

    assert recipients() == ["other_reviewer@example.org"]


def test_changes_requested_mails_the_editor_once(
    memo, people, other_editor, django_capture_on_commit_callbacks
):
    editor, reviewer, _ = people
    review_submit(obj=memo, by=editor)
    review_start(obj=memo, by=reviewer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        review_request_changes(obj=memo, by=reviewer, comment="Add a table.")

    # The editor both created the memo and edited this revision: one mail.
    assert recipients() == ["editor@example.org"]
    assert "Add a table." in mail.outbox[0].body
    assert f"/admin/testapp/memo/{memo.pk}/change/" in mail.outbox[0].body


def test_approval_mails_the_editor(memo, people, django_capture_on_commit_callbacks):
    editor, reviewer, _ = people
    review_submit(obj=memo, by=editor)
    review_start(obj=memo, by=reviewer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        review_approve(obj=memo, by=reviewer)

    assert recipients() == ["editor@example.org"]
    assert "approved" in mail.outbox[0].subject


def test_pass_on_mails_only_the_new_reviewer(
    memo, people, django_capture_on_commit_callbacks
):
    editor, reviewer, other_reviewer = people
    review_submit(obj=memo, by=editor)
    review_start(obj=memo, by=reviewer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        review_pass_on(obj=memo, by=reviewer, to=other_reviewer)

    assert recipients() == ["other_reviewer@example.org"]


def test_no_mail_before_commit_nor_after_rollback(
    memo, people, django_capture_on_commit_callbacks
):
    from django.db import transaction

    editor, *_ = people
    with pytest.raises(RuntimeError), transaction.atomic():
        review_submit(obj=memo, by=editor)
        assert mail.outbox == []
        raise RuntimeError("rolled back")

    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(obj=memo, by=editor)
    assert len(mail.outbox) == 2


def test_mail_goes_through_the_task_backend(
    settings, memo, people, django_capture_on_commit_callbacks
):
    """With a queueing backend nothing is sent in the request: the task waits
    for the worker."""
    from django_tasks import default_task_backend

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    editor, *_ = people
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(obj=memo, by=editor)

    assert mail.outbox == []
    (queued,) = default_task_backend.results
    assert queued.task.name == "send_review_mail"
    queued.task.call(*queued.args, **queued.kwargs)
    assert len(mail.outbox) == 2
