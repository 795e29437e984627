"""The data migration that brought condition data under review: conditions
readers could see get an approved first version, so nothing public
disappears; approved articles keep their address."""

import dataclasses
import datetime

import pytest
from django.utils import timezone

from conditions import icd10
from tests.factories import migrated_back_to, migrated_to_the_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("conditions", "0010_condition_reviewable_and_published_projection")]


def live_article(old, *, condition, approver, **data):
    """An approved article as the site held it before the migration (its
    version's ``data`` as given)."""
    Article = old.get_model("conditions", "Article")
    content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="conditions", model="article"
    )[0]
    article = Article.objects.create(
        condition=condition,
        title="Overview",
        slug="overview",
        summary="A summary.",
        review_state="approved",
    )
    data = {
        "title": "Overview",
        "kind": "overview",
        "kind_label": "Condition overview",
        "summary": "A summary.",
        "condition": {"name": condition.name, "slug": condition.slug, "codes": []},
        "sections": [],
        "references": [],
        **data,
    }
    version = old.get_model("reviews", "PublishedVersion").objects.create(
        content_type=content_type,
        object_id=article.pk,
        number=1,
        data=data,
        html="<p>Body.</p>",
        content_hash="0" * 64,
        approved_by=approver,
        approved_at=timezone.now(),
        next_review_due=datetime.date(2099, 1, 1),
        is_live=True,
    )
    Article.objects.filter(pk=article.pk).update(live_version=version)
    return article


def test_public_conditions_get_an_approved_first_version(client):
    old = migrated_back_to(BEFORE)
    approver = old.get_model("auth", "User").objects.create(
        username="approver", first_name="Ann", last_name="Approver"
    )
    Condition = old.get_model("conditions", "Condition")
    mmas = Condition.objects.create(
        name="Monoclonal mast cell activation syndrome", slug="mmas", synonyms="MMAS"
    )
    old.get_model("conditions", "ConditionCode").objects.create(
        condition=mmas, **dataclasses.asdict(icd10.lookup("D89.41"))
    )
    unused = Condition.objects.create(name="Never shown", slug="never-shown")
    article = live_article(old, condition=mmas, approver=approver)

    migrated_to_the_latest()

    from conditions.models import Article, Condition
    from reviews.models import PublicPath, ReviewEvent, ReviewState, content_hash

    condition = Condition.objects.get(pk=mmas.pk)
    version = condition.live_version
    assert condition.review_state == ReviewState.APPROVED
    assert (version.number, version.approved_by_id) == (1, approver.pk)
    assert "D89.41" in version.html
    assert version.reviewer_name == "Ann Approver"
    # The stored revision is the one the model computes: saving unchanged
    # content leaves it approved.
    assert condition.revision_hash == content_hash(condition.review_data())
    assert (condition.public_name, condition.public_slug) == (mmas.name, "mmas")
    assert [c.code for c in condition.published_codes.all()] == ["D89.41"]
    assert ReviewEvent.objects.for_item(condition).get().to_state == "approved"
    assert Condition.objects.get(pk=unused.pk).live_version is None
    moved = Article.objects.get(pk=article.pk)
    assert (moved.public_slug, moved.public_condition_id) == ("overview", mmas.pk)
    page = client.get("/conditions/mmas/overview/")
    assert page.status_code == 200
    assert "D89.41" in page.content.decode()
    assert client.get("/conditions/mmas/").status_code == 200
    # Its address is on record, so it keeps leading here after a rename.
    assert PublicPath.objects.get(path="/conditions/mmas/").object_id == mmas.pk


def test_published_articles_get_their_approved_kind_and_audiences(client):
    before = [("conditions", "0025_frozen_article_page")]
    old = migrated_back_to(before)
    approver = old.get_model("auth", "User").objects.create(username="approver")
    condition = old.get_model("conditions", "Condition").objects.create(
        name="Mastocytosis", slug="mastocytosis"
    )
    article = live_article(
        old,
        condition=condition,
        approver=approver,
        kind="question",
        sections=[{"heading": "Doses", "audience": "professionals"}],
    )

    migrated_to_the_latest()

    from conditions.models import Article

    moved = Article.objects.get(pk=article.pk)
    assert moved.public_kind == "question"
    assert (moved.public_for_patients, moved.public_for_professionals) == (
        False,
        True,
    )


def test_published_articles_are_filed_under_their_conditions_chapters():
    old = migrated_back_to([("conditions", "0026_published_facets")])
    approver = old.get_model("auth", "User").objects.create(username="approver")
    condition = old.get_model("conditions", "Condition").objects.create(
        name="Mastocytosis", slug="mastocytosis"
    )
    for code in ["D89.41", "D76.1", "J45.40"]:  # chapters 3, 3 and 10
        old.get_model("conditions", "PublishedConditionCode").objects.create(
            condition=condition, **dataclasses.asdict(icd10.lookup(code))
        )
    article = live_article(old, condition=condition, approver=approver)
    Article = old.get_model("conditions", "Article")
    Article.objects.filter(pk=article.pk).update(public_condition=condition)
    Article.objects.create(condition=condition, title="Draft", slug="draft")

    migrated_to_the_latest()

    from conditions.models import Article, PublishedArticleChapter

    assert list(Article.objects.in_chapter("3").values_list("pk", flat=True)) == [
        article.pk
    ]
    assert Article.objects.in_chapter("10").count() == 1
    assert not Article.objects.in_chapter("1").exists()
    assert PublishedArticleChapter.objects.count() == 2
