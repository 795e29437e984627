"""Public pages from the page cache, and their HTTP caching headers (issue 9).

Each test changes content as the site does, inside a transaction whose
on-commit work (the ``published`` signals, the generation bump) runs as a
commit would run it.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import http_date

from conditions.models import PublicationGeneration
from reviews.services import review_archive
from tests.factories import (
    approve_condition,
    edit,
    make_article,
    make_user,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def article(draft, editor, reviewer, committed):
    """Published, with a section for patients: the page offers the choice."""
    draft.sections.filter(position=1).update(audience="patients")
    with committed():
        publish(draft, editor=editor, reviewer=reviewer)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def from_cache(client, django_assert_num_queries):
    """GET a page that must come from the cache: one query, the generation."""

    def get(url):
        client.get(url)
        with django_assert_num_queries(1):
            return client.get(url)

    return get


def reapprove(article, *, editor, reviewer, committed, **fields):
    with committed():
        edit(article, by=editor, **fields)
        publish(article, editor=editor, reviewer=reviewer)


def test_a_cached_page_costs_one_query(client, article, django_assert_num_queries):
    """The publication generation, and nothing else: the page is the one
    rendered for the first reader, byte for byte."""
    url = article.get_absolute_url()
    first = client.get(url)

    with django_assert_num_queries(1):
        second = client.get(url)

    assert second.status_code == 200
    assert second.content == first.content
    assert "Section 1" in second.content.decode()


def test_a_cached_page_keeps_the_security_headers_and_redirects(
    client, article, settings, django_assert_num_queries
):
    """The cache answers before the security middleware: what it stored
    went through it. A forged Host is refused, plain HTTP is sent to HTTPS,
    and a cached HTTPS page carries HSTS, nosniff and the policy."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    url = article.get_absolute_url()

    assert client.get(url, HTTP_HOST="evil.example").status_code == 400
    client.get(url)
    with django_assert_num_queries(1):
        redirected = client.get(url)
    assert redirected.status_code == 301
    assert redirected["Location"] == f"https://testserver{url}"
    assert "Strict-Transport-Security" not in redirected
    client.get(url, secure=True)
    with django_assert_num_queries(1):
        page = client.get(url, secure=True)
    assert page.status_code == 200
    assert page["Strict-Transport-Security"] == "max-age=3600"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_an_approval_is_served_on_the_next_request(
    client, article, editor, reviewer, committed, from_cache
):
    url = article.get_absolute_url()
    condition_url = article.condition.get_absolute_url()
    assert "Overview" in from_cache(url).content.decode()
    assert "Overview" in from_cache(condition_url).content.decode()

    reapprove(
        article, editor=editor, reviewer=reviewer, committed=committed, title="Revised"
    )

    assert "<h1>Revised</h1>" in client.get(url).content.decode()
    assert "Revised" in client.get(condition_url).content.decode()


def test_a_first_approval_replaces_a_cached_404(
    client, article, editor, reviewer, committed, from_cache
):
    second = make_article(condition=article.condition, by=editor, title="Treatment")
    url = second.get_absolute_url()
    assert from_cache(url).status_code == 404

    with committed():
        publish(second, editor=editor, reviewer=reviewer)

    assert client.get(url).status_code == 200


def test_an_archival_is_served_on_the_next_request(
    client, article, reviewer, committed, from_cache
):
    url = article.get_absolute_url()
    assert from_cache(url).status_code == 200
    assert article.condition.name in from_cache("/conditions/").content.decode()

    with committed():
        review_archive(obj=article, by=reviewer, reason="Superseded.")

    assert client.get(url).status_code == 410
    assert article.condition.name not in client.get("/conditions/").content.decode()


def test_a_renamed_condition_is_served_on_the_next_request(
    client, article, committed, from_cache
):
    """A condition's approved rename reaches its page at once."""
    url = article.condition.get_absolute_url()
    assert "Monoclonal mast cell" in from_cache(url).content.decode()

    with committed():
        article.condition.name = "Renamed syndrome"
        article.condition.save()
        approve_condition(article.condition)

    assert "Renamed syndrome" in client.get(url).content.decode()


def test_every_publication_and_archival_bumps_the_generation(
    article, editor, reviewer, committed
):
    before, _ = PublicationGeneration.current()
    reapprove(
        article, editor=editor, reviewer=reviewer, committed=committed, title="New"
    )
    after_approval, changed_at = PublicationGeneration.current()
    with committed():
        review_archive(obj=article, by=reviewer, reason="Superseded.")
    after_archival, _ = PublicationGeneration.current()

    assert before < after_approval < after_archival
    assert changed_at is not None


def test_anonymous_public_pages_set_no_cookie_and_may_be_shared(client, article):
    for url in [
        article.get_absolute_url(),
        "/",
        "/conditions/",
        article.condition.get_absolute_url(),
        "/icd10/",
        "/search/?q=mast",
    ]:
        response = client.get(url)

        assert response.status_code == 200, url
        assert not response.cookies, url
        cache_control = response["Cache-Control"]
        assert "public" in cache_control, url
        assert "max-age=60" in cache_control, url
        assert "stale-while-revalidate=300" in cache_control, url
        assert "Cookie" in response["Vary"], url
        assert response["ETag"].startswith('"'), url


def test_the_audience_choice_needs_no_csrf_token(article):
    """The article page's toggle has no token, and still works with CSRF
    checks on, as in a browser."""
    client = Client(enforce_csrf_checks=True)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert "Which best describes you?" in page

    response = client.post(
        reverse("conditions:audience"),
        {"audience": "patients", "next": article.get_absolute_url()},
    )

    assert response.status_code == 302
    assert client.cookies["audience"].value == "patients"


def test_each_audience_choice_gets_its_own_cached_page(client, article, from_cache):
    url = article.get_absolute_url()
    pressed = 'value="patients" aria-pressed="true"'
    assert pressed not in from_cache(url).content.decode()

    client.cookies["audience"] = "patients"
    assert pressed in from_cache(url).content.decode()

    del client.cookies["audience"]
    assert pressed not in from_cache(url).content.decode()


def test_signed_in_pages_are_private_and_never_served_to_others(
    client, article, reader
):
    url = article.get_absolute_url()
    client.force_login(reader)
    mine = client.get(url)
    assert "Log out (reader)" in mine.content.decode()
    assert "private" in mine["Cache-Control"]
    assert "Cookie" in mine["Vary"]

    anonymous = Client().get(url)
    other = Client()
    other.force_login(make_user("other_reader"))
    theirs = other.get(url)

    assert "Log out" not in anonymous.content.decode()
    assert "Log in" in anonymous.content.decode()
    assert "Log out (other_reader)" in theirs.content.decode()
    assert "Log out (reader)" not in theirs.content.decode()


def test_a_page_seen_anonymously_first_is_not_served_to_a_signed_in_reader(
    client, article, reader
):
    url = article.get_absolute_url()
    anonymous = Client().get(url)
    assert "Log in" in anonymous.content.decode()
    assert "public" in anonymous["Cache-Control"]

    client.force_login(reader)

    assert "Log out (reader)" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "url", ["/consultation/", "/accounts/login/", "/accounts/signup/"]
)
def test_pages_with_a_csrf_form_are_never_shared(client, url):
    first = client.get(url)
    Client().get(url)  # would store it, if anything did
    second = Client().get(url)

    assert first.status_code == second.status_code == 200
    assert "csrftoken" in second.cookies  # rendered afresh, with its own token
    assert "private" in second["Cache-Control"]
    assert "public" not in second["Cache-Control"]


def test_health_checks_are_never_cached(client, django_assert_num_queries):
    client.get("/healthz")

    with django_assert_num_queries(2):  # the generation, the database probe
        response = client.get("/healthz")

    assert "no-store" in response["Cache-Control"]


def test_withdrawn_pages_are_never_cached(
    client, article, reviewer, committed, django_assert_max_num_queries
):
    with committed():
        review_archive(obj=article, by=reviewer, reason="Superseded.")
    client.get(article.get_absolute_url())

    with django_assert_max_num_queries(10) as queries:
        response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    assert len(queries.captured_queries) > 1  # rendered again
    assert "no-store" in response["Cache-Control"]


def test_an_unchanged_page_is_a_304_for_its_etag(client, article):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]

    response = client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_an_unchanged_page_is_a_304_since_its_last_modified(client, article):
    url = article.get_absolute_url()
    last_modified = client.get(url)["Last-Modified"]
    _, changed_at = PublicationGeneration.current()
    assert last_modified == http_date(changed_at.timestamp())

    response = client.get(url, headers={"If-Modified-Since": last_modified})

    assert response.status_code == 304
    earlier = http_date(changed_at.timestamp() - 60)
    assert client.get(url, headers={"If-Modified-Since": earlier}).status_code == 200


def test_a_changed_page_is_sent_again_for_an_old_etag(
    client, article, editor, reviewer, committed
):
    url = article.get_absolute_url()
    old = client.get(url)

    reapprove(
        article, editor=editor, reviewer=reviewer, committed=committed, title="Revised"
    )
    response = client.get(url, headers={"If-None-Match": old["ETag"]})

    assert response.status_code == 200
    assert response["ETag"] != old["ETag"]
    assert "<h1>Revised</h1>" in response.content.decode()


def test_with_the_cache_off_pages_still_carry_http_caching(
    client, article, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    url = article.get_absolute_url()
    client.get(url)

    with django_assert_max_num_queries(10) as queries:
        response = client.get(url)

    assert len(queries.captured_queries) > 1  # rendered again
    assert "public" in response["Cache-Control"]
    revalidated = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert revalidated.status_code == 304


def test_summaries_kept_per_generation_follow_an_approval(
    client, article, editor, reviewer, committed
):
    """The home page's chapter counts and the A–Z's letters are worked out
    once per generation: a new approval shows in them on the next request."""
    assert "1 article" in client.get("/").content.decode()
    second = make_article(condition=article.condition, by=editor, title="Second")
    with committed():
        publish(second, editor=editor, reviewer=reviewer)

    home = client.get("/").content.decode()
    index = client.get(reverse("conditions:condition_list")).content.decode()

    assert "2 articles" in home
    assert 'href="?letter=M"' in index


def test_summaries_are_worked_out_at_publication_not_by_readers(
    client, article, editor, reviewer, committed, django_assert_num_queries
):
    """After an approval, the first reader of the home page, the A–Z and the
    sitemap index pays for none of the counts across the catalogue: they were
    worked out when the generation changed."""
    second = make_article(condition=article.condition, by=editor, title="Treatment")
    with committed():
        publish(second, editor=editor, reviewer=reviewer)
    # The generation, read once by the page cache (the summaries' key reuses
    # it), then what the page lists: the newest articles (ids, then rows), a
    # page of A–Z lines (its count is the summary's), the site pages'
    # sitemap section.
    for url, queries in [
        (reverse("conditions:home"), 3),
        (reverse("conditions:condition_list"), 2),
        (reverse("django.contrib.sitemaps.views.index"), 2),
    ]:
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200
    assert "2 articles" in client.get(reverse("conditions:home")).content.decode()


def test_a_bump_inside_a_readers_request_keeps_summaries_of_the_new_generation(
    article,
):
    """The generation a request pinned is the one it was cached under: a
    bump then must not file the new counts under that old number."""
    from django.core.cache import cache

    old = PublicationGeneration.current()
    with PublicationGeneration.pinned(old):
        PublicationGeneration.bump()
        assert PublicationGeneration.current() == old  # the request's own
    new, _ = PublicationGeneration.current()
    assert new == old[0] + 1
    assert cache.get(f"generation:{new}:published-articles") is not None


@pytest.mark.parametrize("cache_seconds", [0, 600])
def test_summaries_are_read_from_the_database_without_the_cache(
    client, article, editor, reviewer, committed, settings, cache_seconds
):
    """With the page cache off, or on an app server whose cache has never
    seen this generation (here: an emptied cache), the counts across the
    catalogue are read from where the bump stored them (one query), not
    worked out again; and they follow the next approval."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = cache_seconds
    second = make_article(condition=article.condition, by=editor, title="Treatment")
    with committed():
        publish(second, editor=editor, reviewer=reviewer)
    cache.clear()

    with CaptureQueriesContext(connection) as queries:
        home = client.get(reverse("conditions:home")).content.decode()

    assert "2 articles" in home
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "conditions_publicationsummary" in sql
    assert "COUNT(" not in sql.upper()  # no count across the catalogue


def test_a_chapters_blocks_are_kept_with_the_generation_as_worked_out(
    client, article, editor, reviewer, committed, django_assert_num_queries
):
    """The blocks under each chapter, with their counts, are worked out once
    at the bump, in one query for every chapter: the same as counting one
    chapter's blocks, and a chapter look-up reads them, not the catalogue."""
    from conditions import icd10
    from conditions.models import Article, published_branches

    other = make_article(condition=article.condition, by=editor, title="Second")
    with committed():
        publish(other, editor=editor, reviewer=reviewer)
    chapter = icd10.icd_item(article.condition.codes.first().code).ancestors[0][0]
    item = icd10.icd_item(chapter)

    kept = published_branches(item)

    assert kept == Article.objects.published().branch_counts(item)
    assert [branch.count for branch in kept] == [2]
    with django_assert_num_queries(1):  # the generation; the cache has the rest
        assert published_branches(item) == kept


def test_a_bump_whose_summaries_fail_still_retires_every_cached_page(
    client, article, monkeypatch, caplog
):
    """The counts across the catalogue cannot be worked out (the database
    refuses the query): the generation still moves, so no cached page is
    served again, and readers work the counts out themselves."""
    from django.db import DatabaseError

    from conditions import models

    url = article.get_absolute_url()
    client.get(url)
    before, _ = PublicationGeneration.current()

    def refused():
        raise DatabaseError("canceling statement due to statement timeout")

    summaries = {**models.GENERATION_SUMMARIES, "a-z-letters": (refused, dict)}
    monkeypatch.setattr(models, "GENERATION_SUMMARIES", summaries)
    PublicationGeneration.bump()
    monkeypatch.undo()

    assert PublicationGeneration.current()[0] == before + 1
    assert "No summaries for generation" in caplog.text
    assert client.get(url).status_code == 200
    assert "1 article" in client.get(reverse("conditions:home")).content.decode()
