import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from reviews.services import review_archive
from tests.factories import make_article, publish, reissue_live_version

pytestmark = pytest.mark.django_db


def due_in(article, days):
    reissue_live_version(
        article, next_review_due=timezone.localdate() + datetime.timedelta(days=days)
    )


def test_reminds_owners_of_overdue_and_soon_due_articles_once_each(
    condition, editor, other_editor, reviewer
):
    editor.email = "editor@example.org"
    editor.save()
    articles = {}
    for title, owner, days in [
        ("Overdue one", editor, -3),
        ("Soon due", editor, 10),
        ("Far off", editor, 200),
        ("No address owner", other_editor, -1),
    ]:
        article = make_article(condition=condition, by=owner, title=title)
        publish(article, editor=owner, reviewer=reviewer)
        article.refresh_from_db()
        due_in(article, days)
        articles[title] = article

    call_command("review_reminders", days=30, stdout=io.StringIO())

    assert len(mail.outbox) == 1
    (message,) = mail.outbox
    assert message.to == ["editor@example.org"]
    assert "Overdue one: OVERDUE since" in message.body
    assert "Soon due: due" in message.body
    assert "Far off" not in message.body


def test_archived_articles_are_not_reminded(condition, editor, reviewer):
    editor.email = "editor@example.org"
    editor.save()
    article = make_article(condition=condition, by=editor)
    publish(article, editor=editor, reviewer=reviewer)
    article.refresh_from_db()
    due_in(article, -5)
    call_command("review_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # reminded while it is public
    mail.outbox.clear()
    review_archive(obj=article, by=reviewer, reason="Withdrawn.")

    call_command("review_reminders", stdout=io.StringIO())

    assert mail.outbox == []
