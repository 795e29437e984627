"""A reviewable item's live version is always one of its own published
versions: the database refuses anything else, on SQLite and PostgreSQL."""

import pytest
from django.db import IntegrityError, connection, transaction

from conditions.models import Article
from reviews.checks import check_reviewable_guards
from reviews.models import PublishedVersion
from reviews.services import MSG_NOT_THIS_ITEM, TransitionRefused, _move
from reviews.triggers import install_reviewable_guards, trigger_names
from tests.factories import make_article, make_memo, publish
from tests.testapp.models import Memo

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_memos(editor, reviewer):
    first = publish(
        make_memo(by=editor, title="First"), editor=editor, reviewer=reviewer
    )
    second = publish(
        make_memo(by=editor, title="Second"), editor=editor, reviewer=reviewer
    )
    first.refresh_from_db()
    second.refresh_from_db()
    return first, second


def test_orm_update_to_another_items_version_is_refused(two_memos):
    first, second = two_memos

    with pytest.raises(IntegrityError, match="same item"), transaction.atomic():
        Memo.objects.filter(pk=first.pk).update(live_version=second.live_version)

    first.refresh_from_db()
    assert first.live_version.object_id == first.pk


def test_a_version_of_another_type_with_the_same_id_is_refused(
    two_memos, condition, editor
):
    """Same object id, other content type: still not this item's version."""
    first, _ = two_memos
    article = make_article(condition=condition, by=editor)
    memo_version = first.live_version
    lookalike = PublishedVersion.objects.create(
        content_type=memo_version.content_type,
        object_id=article.pk,
        number=99,
        data=memo_version.data,
        html=memo_version.html,
        content_hash=memo_version.content_hash,
        approved_by=memo_version.approved_by,
        approved_at=memo_version.approved_at,
        next_review_due=memo_version.next_review_due,
    )

    with pytest.raises(IntegrityError, match="same item"), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(live_version=lookalike)


def test_inserting_an_item_with_another_items_version_is_refused(two_memos):
    _, second = two_memos

    with pytest.raises(IntegrityError, match="same item"), transaction.atomic():
        Memo.objects.create(title="Forged", live_version=second.live_version)


def test_own_version_and_none_are_accepted(two_memos):
    """Positive control: what the services write."""
    first, _ = two_memos

    Memo.objects.filter(pk=first.pk).update(live_version=first.live_version)
    Memo.objects.filter(pk=first.pk).update(live_version=None)

    first.refresh_from_db()
    assert first.live_version is None


def test_the_service_refuses_another_items_version(two_memos, reviewer):
    first, second = two_memos

    with pytest.raises(TransitionRefused) as refused:
        _move(item=first, by=reviewer, to="approved", live_version=second.live_version)

    assert refused.value.message == MSG_NOT_THIS_ITEM


def drop_guard(model, name):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'DROP TRIGGER "{name}" ON "{model._meta.db_table}"')
        else:
            cursor.execute(f'DROP TRIGGER "{name}"')


@pytest.mark.parametrize("name", trigger_names(Memo))
def test_system_check_warns_of_a_missing_guard_and_migrate_restores_it(name):
    assert check_reviewable_guards(databases=["default"]) == []
    drop_guard(Memo, name)

    warnings = check_reviewable_guards(databases=["default"])

    assert [(w.id, w.obj) for w in warnings] == [("reviews.W001", Memo)]
    assert name in warnings[0].msg
    install_reviewable_guards(None, using="default")
    assert check_reviewable_guards(databases=["default"]) == []
