"""Condition data goes through review: readers see only a condition's
approved version, everywhere it shows, and a condition never approved is not
public, nor are its articles."""

import json

import pytest
from django.urls import reverse

from conditions.models import Article, ConditionCode, ResourceKind
from reviews.forms import revision_token
from reviews.models import ReviewState
from reviews.services import review_record_edit
from tests.factories import (
    approve_condition,
    make_article,
    make_condition,
    publish,
    sign_in,
)

pytestmark = pytest.mark.django_db

OLD = [
    "Monoclonal mast cell activation syndrome",
    "D89.41",
    "/conditions/monoclonal-mast-cell-activation-syndrome/overview/",
]
NEW = ["Cholera state", "A00.0"]


def connect(code):
    return reverse("conditions:connect") + (
        f"?mainSearchCriteria.v.c={code}&knowledgeResponseType=application/json"
    )


# Every public reader of condition data: what it shows of the article's
# condition (OLD before the edits are approved, NEW after).
READERS = {
    "condition page": lambda article: article.public_condition.get_absolute_url(),
    "A–Z": lambda article: reverse("conditions:condition_list"),
    "home": lambda article: reverse("conditions:home"),
    "ICD-10-CM browse": lambda article: reverse("conditions:icd10_browse"),
    "article page": lambda article: article.get_absolute_url(),
    "RSS": lambda article: reverse("conditions:feed_rss"),
    "Atom": lambda article: reverse("conditions:feed_atom"),
    "search": lambda article: reverse("conditions:search") + "?q=MMAS",
    "sitemap": lambda article: "/sitemap-articles.xml",
    "ICD look-up JSON": lambda article: reverse(
        "conditions:icd10_lookup", args=["D89.41"]
    ),
}


@pytest.fixture
def live(published, django_capture_on_commit_callbacks):
    """The published D89.41 overview, indexed for search."""
    from reviews.signals import published as published_signal

    with django_capture_on_commit_callbacks(execute=True):
        published_signal.send(
            sender=Article, item=published, version=published.live_version
        )
    return published


@pytest.fixture
def drafted(live, editor):
    """The condition renamed, recoded D89.41 → A00.0, with a new resource:
    saved and recorded as an editor does, not approved."""
    condition = live.condition
    condition.name, condition.synonyms = NEW[0], "CHOL"
    condition.save()
    code = condition.codes.get()
    code.code = NEW[1]
    code.save()
    condition.resources.create(
        kind=ResourceKind.SUPPORT_GROUP,
        name="Unchecked support group",
        url="https://unchecked.example.org/",
    )
    review_record_edit(obj=condition, by=editor)
    return live


def page(client, url):
    response = client.get(url, HTTP_ACCEPT="application/json, text/html;q=0.5")
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("reader", READERS)
def test_drafted_condition_edits_change_nothing_public(client, drafted, reader):
    text = page(client, READERS[reader](drafted))

    assert any(old in text for old in OLD)
    assert not any(new in text for new in NEW)
    assert "Unchecked support group" not in text
    assert drafted.condition.review_state == ReviewState.DRAFT


@pytest.mark.parametrize("reader", ["condition page", "article page", "RSS", "A–Z"])
def test_approved_condition_edits_reach_readers(
    client, drafted, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approve_condition(drafted.condition)
    drafted.refresh_from_db()

    text = page(client, READERS[reader](drafted))

    assert NEW[0] in text
    assert OLD[0] not in text


def test_drafted_code_change_leaves_lookup_connect_and_search_alone(
    client, drafted, django_capture_on_commit_callbacks
):
    def titles(url):
        return [a["title"] for a in json.loads(page(client, url))["articles"]]

    def connect_titles(code):
        feed = json.loads(page(client, connect(code)))["feed"]
        return [entry["title"]["_value"] for entry in feed["entry"]]

    def found(q):
        response = client.get(reverse("conditions:search"), {"q": q})
        return [entry["article"].title for entry in response.context["entries"]]

    lookup = reverse("conditions:icd10_lookup", args=["A00.0"])
    assert titles(reverse("conditions:icd10_lookup", args=["D89.41"])) == ["Overview"]
    assert titles(lookup) == []
    assert connect_titles("D89.41") == ["Overview"]
    assert connect_titles("A00.0") == []
    assert found("MMAS") == ["Overview"]
    assert found("CHOL") == []

    with django_capture_on_commit_callbacks(execute=True):
        approve_condition(drafted.condition)

    assert titles(lookup) == ["Overview"]
    assert connect_titles("A00.0") == ["Overview"]
    assert found("CHOL") == ["Overview"]
    assert found("MMAS") == []


def test_new_resource_is_shown_only_once_approved(client, drafted):
    url = drafted.public_condition.get_absolute_url()
    assert "Unchecked support group" not in page(client, url)

    approve_condition(drafted.condition)

    assert "Unchecked support group" in page(client, url)


def test_never_approved_condition_is_not_public_nor_its_articles(
    client, editor, reviewer
):
    condition = make_condition(
        name="Hemophagocytic lymphohistiocytosis", code="D76.1", published=False
    )
    article = make_article(condition=condition, by=editor, title="HLH basics")
    publish(article, editor=editor, reviewer=reviewer)
    article.refresh_from_db()

    assert article.review_state == ReviewState.APPROVED
    assert not Article.objects.published().exists()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(condition.get_absolute_url()).status_code == 404
    for url in [
        reverse("conditions:condition_list"),
        reverse("conditions:home"),
        reverse("conditions:icd10_browse"),
        reverse("conditions:feed_rss"),
        "/sitemap-articles.xml",
    ]:
        assert "HLH basics" not in page(client, url)
        assert "Hemophagocytic lymphohistiocytosis" not in page(client, url)

    approve_condition(condition)

    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Hemophagocytic lymphohistiocytosis" in page(
        client, reverse("conditions:condition_list")
    )


def test_code_rows_readers_query_are_rewritten_only_at_approval(drafted):
    condition = drafted.condition
    published_codes = list(condition.published_codes.values_list("code", flat=True))
    assert published_codes == ["D89.41"]
    assert list(
        ConditionCode.objects.filter(condition=condition).values_list("code", flat=True)
    ) == ["A00.0"]

    approve_condition(condition)

    assert [c.code for c in condition.published_codes.all()] == ["A00.0"]
    assert condition.published_codes.get().chapter_code == "1"


def condition_change_data(condition, **overrides):
    """The condition's change form as the browser sends it, code and resources
    kept."""
    code = condition.codes.get()
    data = {
        "name": condition.name,
        "slug": condition.slug,
        "synonyms": condition.synonyms,
        "review_revision": revision_token(condition),
        "codes-TOTAL_FORMS": "1",
        "codes-INITIAL_FORMS": "1",
        "codes-0-id": str(code.pk),
        "codes-0-condition": str(condition.pk),
        "codes-0-position": str(code.position),
        "codes-0-code": code.code,
        "resources-TOTAL_FORMS": "0",
        "resources-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_a_rename_in_the_admin_is_a_draft_until_approved(client, live, editor):
    condition = live.condition
    change = reverse("admin:conditions_condition_change", args=[condition.pk])
    sign_in(client, editor)
    assert "Editorial review" in client.get(change).content.decode()

    response = client.post(
        change, condition_change_data(condition, name="Cholera state")
    )

    assert response.status_code == 302
    condition.refresh_from_db()
    assert (condition.name, condition.review_state) == (NEW[0], ReviewState.DRAFT)
    client.logout()
    text = page(client, live.get_absolute_url())
    assert OLD[0] in text and NEW[0] not in text


def test_restoring_an_old_version_brings_back_its_codes_as_a_draft(drafted, editor):
    from reviews.models import PublishedVersion
    from reviews.services import review_restore_version

    condition = drafted.condition
    approve_condition(condition)
    first = PublishedVersion.objects.for_item(condition).get(number=1)

    review_restore_version(obj=condition, by=editor, version=first)

    condition.refresh_from_db()
    assert condition.review_state == ReviewState.DRAFT
    assert condition.name == OLD[0]
    assert [c.code for c in condition.codes.all()] == ["D89.41"]
    assert not condition.resources.exists()
    assert condition.public_name == NEW[0]  # public until the restore is approved


def test_approving_a_name_another_published_condition_holds_is_refused(editor):
    from reviews.services import TransitionRefused

    alpha = make_condition(name="Alpha syndrome", code="D76.1")
    beta = make_condition(name="Beta syndrome", code="D76.2")
    alpha.name, alpha.slug = "Gamma syndrome", "gamma-syndrome"  # not approved
    alpha.save()
    review_record_edit(obj=alpha, by=editor)
    beta.name, beta.slug = "ALPHA syndrome", "alpha-syndrome"
    beta.save()

    with pytest.raises(TransitionRefused) as refused:
        approve_condition(beta)

    assert "already a condition with this name" in refused.value.message
    assert "already has this address (slug)" in refused.value.message
    beta.refresh_from_db()
    assert (beta.public_name, beta.review_state) == ("Beta syndrome", "under_review")
