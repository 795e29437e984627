import io

import pytest
from django.core.management import CommandError, call_command

from conditions.models import Article, Condition
from images.models import Image
from reviews.models import PublishedVersion, ReviewEvent, ReviewState

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    # Tests run with DEBUG off, as production does.
    call_command("load_demo", allow_production=True, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        Condition.objects.count(),
        sorted(Article.objects.values_list("slug", "review_state")),
        PublishedVersion.objects.count(),
        ReviewEvent.objects.count(),
    )


def test_demo_content_covers_every_state_and_is_idempotent(client):
    load_demo()
    first = snapshot()
    load_demo()

    assert snapshot() == first
    assert first[0] == 5
    states = [state for _, state in first[1]]
    assert len(states) >= 6
    assert Article.objects.published().count() >= 4
    assert states.count(ReviewState.SUBMITTED) == 1
    assert states.count(ReviewState.DRAFT) == 1
    assert Article.objects.filter(
        review_state=ReviewState.UNDER_REVIEW, live_version__isnull=False
    ).exists()
    for article in Article.objects.published():
        assert client.get(article.get_absolute_url()).status_code == 200


def test_demo_conditions_have_their_icd10_codes():
    load_demo()

    codes = {
        c.slug: [code.code for code in c.codes.all()] for c in Condition.objects.all()
    }
    assert codes["monoclonal-mast-cell-activation-syndrome"] == ["D89.41"]
    assert codes["hemophagocytic-lymphohistiocytosis"] == ["D76.1"]
    for condition in Condition.objects.all():
        assert condition.resources.exists(), condition


def test_demo_accounts_are_refused_in_production_without_the_flag():
    with pytest.raises(CommandError, match="DJANGO_DEBUG is off"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Condition.objects.exists()


def test_demo_prints_the_logins():
    output = load_demo()

    assert "editor / editor-demo-2026" in output
    assert "reviewer / reviewer-demo-2026" in output


def test_demo_articles_show_an_illustration_and_every_block(client):
    load_demo()
    load_demo()

    assert Image.objects.count() == 1
    pages = "".join(
        client.get(article.get_absolute_url()).text
        for article in Article.objects.published()
    )
    assert '<figure class="illustration">' in pages
    assert '<figure class="expert-quote">' in pages
    assert '<details class="faq-item">' in pages
    for level in ("emergency", "urgent", "routine"):
        assert f'<div class="help help-{level}">' in pages
    assert '"@type": "FAQPage"' in pages
