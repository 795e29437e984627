"""Every URL an article was public at answers 301, straight to its current
URL, forever: after its slug changes and after its condition's does. Nothing
for what is archived or was never public, and never to another site."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from conditions.models import Article
from reviews.forms import revision_token
from reviews.models import PublicPath
from reviews.services import review_archive
from tests.factories import (
    admin_url,
    change_data,
    edit,
    make_article,
    make_site_page,
    publish,
    sign_in,
)

pytestmark = pytest.mark.django_db


def rename(client, article, slug, *, editor, reviewer):
    """An editor changes the slug (and the summary, so that this branch sees a
    new revision too) in the admin; a reviewer approves it."""
    sign_in(client, editor)
    data = change_data(article, slug=slug, summary=f"Now at {slug}.")
    response = client.post(admin_url("change", article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    publish(article, editor=editor, reviewer=reviewer)
    client.logout()
    return article.get_absolute_url()


def rename_condition(client, condition, slug, *, editor, reviewer):
    """An editor changes the condition's slug in the admin; a reviewer
    approves it (until then its articles stay where they are)."""
    sign_in(client, editor)
    response = client.post(
        reverse("admin:conditions_condition_change", args=[condition.pk]),
        {
            "name": condition.name,
            "slug": slug,
            "synonyms": condition.synonyms,
            "codes-TOTAL_FORMS": "0",
            "codes-INITIAL_FORMS": "0",
            "resources-TOTAL_FORMS": "0",
            "resources-INITIAL_FORMS": "0",
            "review_revision": revision_token(condition),
        },
    )
    assert response.status_code == 302
    client.logout()
    publish(condition, editor=editor, reviewer=reviewer)


def test_every_earlier_url_goes_straight_to_the_current_one(
    client, published, editor, reviewer, django_assert_num_queries
):
    url_a = published.get_absolute_url()
    url_b = rename(client, published, "slug-b", editor=editor, reviewer=reviewer)

    assert client.get(url_a).headers["Location"] == url_b

    url_c = rename(client, published, "slug-c", editor=editor, reviewer=reviewer)

    with django_assert_num_queries(7):
        # The publication generation (page cache), the view's three look-ups
        # (published, withdrawn, pending), then the path, the article, its
        # condition.
        response = client.get(url_a)
    assert response.status_code == 301
    assert response.headers["Location"] == url_c
    assert client.get(url_b).headers["Location"] == url_c
    assert client.head(url_b).status_code == 301
    assert client.get(url_c).status_code == 200


def test_article_urls_under_earlier_condition_slugs_go_straight_to_the_current_one(
    client, published, condition, editor, reviewer
):
    url_a = published.get_absolute_url()
    rename_condition(client, condition, "condition-b", editor=editor, reviewer=reviewer)
    published.refresh_from_db()
    url_b = published.get_absolute_url()
    rename_condition(client, condition, "condition-c", editor=editor, reviewer=reviewer)
    published.refresh_from_db()
    url_c = published.get_absolute_url()

    assert url_b.startswith("/conditions/condition-b/")
    assert [client.get(url).headers.get("Location") for url in (url_a, url_b)] == [
        url_c,
        url_c,
    ]
    assert client.get(url_c).status_code == 200


def test_site_pages_keep_their_old_urls_too(client, editor, reviewer):
    """The rule is the workflow's, for any reviewable content with a page."""
    page = publish(make_site_page(by=editor), editor=editor, reviewer=reviewer)
    old_url = page.get_absolute_url()
    edit(page, by=editor, slug="who-we-are", body="We write and review.")
    publish(page, editor=editor, reviewer=reviewer)

    response = client.get(old_url)

    assert (response.status_code, response.headers["Location"]) == (
        301,
        "/about/who-we-are/",
    )


def test_no_redirect_for_what_is_archived_or_never_public(
    client, published, condition, editor, reviewer
):
    url_a = published.get_absolute_url()
    rename(client, published, "slug-b", editor=editor, reviewer=reviewer)
    draft = make_article(condition=condition, by=editor, title="Draft only")
    draft_url = draft.get_absolute_url()
    sign_in(client, editor)
    client.post(admin_url("change", draft), change_data(draft, slug="draft-moved"))
    client.logout()

    review_archive(obj=published, by=reviewer, reason="Superseded.")

    assert client.get(url_a).status_code == 404
    assert client.get(draft_url).status_code == 404


def test_an_old_url_taken_by_another_article_shows_that_article(
    client, published, condition, editor, reviewer
):
    url_a = published.get_absolute_url()
    rename(client, published, "slug-b", editor=editor, reviewer=reviewer)
    newcomer = make_article(condition=condition, by=editor, title="Overview")
    publish(newcomer, editor=editor, reviewer=reviewer)

    response = client.get(url_a)

    assert response.status_code == 200
    assert response.context["article"] == newcomer


def test_never_redirects_to_another_site(
    client, published, editor, reviewer, monkeypatch
):
    url_a = published.get_absolute_url()
    rename(client, published, "slug-b", editor=editor, reviewer=reviewer)
    monkeypatch.setattr(Article, "get_absolute_url", lambda self: "//evil.example/")

    assert client.get(url_a).status_code == 404


def test_urls_public_before_the_upgrade_are_recorded_by_the_migration(
    client, published, editor, reviewer
):
    """Published before paths were recorded: the data migration records
    today's URLs, so they lead on after the next move."""
    migration = import_module("conditions.migrations.0008_record_public_paths")
    url_a = published.get_absolute_url()
    PublicPath.objects.all().delete()
    migration.record(apps, None)

    url_b = rename(client, published, "slug-b", editor=editor, reviewer=reviewer)

    assert client.get(url_a).headers["Location"] == url_b
