"""Article pages joined from the pieces kept at their first read
(``conditions/frozen_pages.py``): the same bytes as a page rendered afresh,
never a page that shows something older, never one made for someone else."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from conditions import frozen_pages
from conditions.models import Article, FrozenArticlePage
from reviews.services import review_archive
from tests.factories import (
    approve_condition,
    edit,
    make_article,
    make_condition,
    make_site_page,
    publish,
    reissue_live_version,
    sign_in,
)

pytestmark = pytest.mark.django_db


def page_of(client, article, **extra) -> str:
    response = client.get(article.get_absolute_url(), **extra)
    assert response.status_code == 200
    return response.content.decode()


def kept(article, **changes) -> FrozenArticlePage:
    """Make ``article``'s kept page one whose pieces say "KEPT" (and
    ``changes``), current for the test client's host unless changed."""
    article = Article.objects.get(pk=article.pk)
    page, _ = FrozenArticlePage.objects.update_or_create(
        article=article,
        defaults={
            "version": article.live_version,
            "condition_version": article.public_condition.live_version,
            "rendering": frozen_pages.rendering_key("http://testserver/"),
            "parts": ["<p>KEPT</p>", "", ""],
            "related_conditions": article.related_conditions,
            **changes,
        },
    )
    return page


def test_second_read_is_joined_from_the_kept_page_byte_for_byte(client, published):
    first = page_of(client, published)
    stored = FrozenArticlePage.objects.get(article=published)

    assert page_of(client, published) == first
    assert all(part in first for part in stored.parts)
    kept(published)
    assert page_of(client, published).startswith("<p>KEPT</p>")


@pytest.mark.parametrize("stale", ["version", "condition_version", "rendering"])
def test_a_kept_page_of_other_versions_or_code_is_never_served(
    client, published, stale
):
    """Say a reader's request read the old version and kept its page after a
    new approval (of the article or of its condition), or a deploy changed a
    template since it was kept."""
    published.refresh_from_db()
    before = {
        "version": published.live_version,
        "condition_version": published.public_condition.live_version,
        "rendering": "a deploy ago",
    }
    if stale == "version":
        reissue_live_version(published)
    elif stale == "condition_version":
        reissue_live_version(published.public_condition)
    kept(published, **{stale: before[stale]})

    assert "KEPT" not in page_of(client, published)


def test_a_new_approval_shows_on_the_next_read(client, published, editor, reviewer):
    page_of(client, published)

    edit(published, by=editor, title="Living with mast cell disease")
    publish(published, editor=editor, reviewer=reviewer)

    assert "Living with mast cell disease" in page_of(client, published)


def test_a_renamed_condition_shows_on_its_articles_kept_pages(client, published):
    page_of(client, published)

    condition = published.condition
    condition.name = "Clonal mast cell activation syndrome"
    condition.save()
    approve_condition(condition)

    assert "Clonal mast cell activation syndrome</a>" in page_of(client, published)


def test_related_articles_and_footer_links_are_current_on_a_kept_page(
    client, published, editor, reviewer, committed
):
    page_of(client, published)
    other = make_article(condition=published.condition, by=editor, title="Triggers")
    site_page = make_site_page(by=editor, title="Our editors")
    with committed():
        publish(other, editor=editor, reviewer=reviewer)
        publish(site_page, editor=editor, reviewer=reviewer)

    page = page_of(client, published)

    assert FrozenArticlePage.objects.filter(article=published).exists()
    related = page[page.index('id="related-title"') :]
    assert other.get_absolute_url() in related
    assert site_page.get_absolute_url() in page[page.index("site-footer") :]


def test_a_page_kept_before_its_review_fell_due_says_it_is_overdue(client, published):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    reissue_live_version(published, next_review_due=yesterday)
    kept(published)

    page = page_of(client, published)

    assert "KEPT" not in page
    assert "This page is overdue for review." in page


@pytest.fixture
def members_section(published, editor, reviewer):
    published.sections.create(
        position=9, heading="Dosing", body="Members-only dosing.", visibility="members"
    )
    published.sections.filter(position=1).update(audience="professionals")
    edit(published, by=editor)
    publish(published, editor=editor, reviewer=reviewer)
    return published


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("signed in", "Members-only dosing."),
        ("patient", "Show this section"),
        ("query string", "utm_source"),
    ],
)
def test_readers_with_their_own_page_never_get_nor_leave_the_kept_one(
    client, members_section, who, sees, reader
):
    kept(members_section)
    url = members_section.get_absolute_url()
    if who == "signed in":
        sign_in(client, reader)
    elif who == "patient":
        client.cookies["audience"] = "patients"
    else:
        url += "?utm_source=mail"

    page = client.get(url).content.decode()

    assert "KEPT" not in page
    assert sees in page
    assert FrozenArticlePage.objects.get(article=members_section).parts[0] == (
        "<p>KEPT</p>"
    )


def test_each_host_gets_its_own_absolute_addresses(client, published, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]

    page_of(client, published, HTTP_HOST="one.example")
    page = page_of(client, published, HTTP_HOST="two.example")

    assert "http://two.example/conditions/" in page
    assert "one.example" not in page


def test_a_title_holding_a_marker_cannot_cut_the_page(
    client, published, editor, reviewer
):
    marker = frozen_pages.MARKERS["related"]
    edit(published, by=editor, title=f"Flushing {marker} episodes")
    publish(published, editor=editor, reviewer=reviewer)

    first = page_of(client, published)

    assert page_of(client, published) == first
    assert marker not in first  # escaped wherever the title is shown
    assert first.count('id="related-title"') <= 1


def test_an_archived_article_with_a_kept_page_is_withdrawn(client, published, reviewer):
    page_of(client, published)

    review_archive(obj=published, by=reviewer, reason="Superseded.")

    assert client.get(published.get_absolute_url()).status_code == 410


REFUSE_WRITES = {
    "sqlite": [
        "CREATE TRIGGER refuse_kept_pages BEFORE INSERT ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'read-only'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_kept_pages() RETURNS trigger AS "
        "$$ BEGIN RAISE EXCEPTION 'read-only'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER refuse_kept_pages BEFORE INSERT OR UPDATE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION refuse_kept_pages()",
    ],
}
ALLOW_WRITES = {
    "sqlite": ["DROP TRIGGER refuse_kept_pages"],
    "postgresql": [
        "DROP TRIGGER refuse_kept_pages ON {table}",
        "DROP FUNCTION refuse_kept_pages()",
    ],
}


def run_each(statements):
    table = FrozenArticlePage._meta.db_table
    with connection.cursor() as cursor:
        for statement in statements[connection.vendor]:
            cursor.execute(statement.format(table=table))


@pytest.fixture
def kept_pages_refused():
    """The database refuses to keep pages, as a read-only one would."""
    run_each(REFUSE_WRITES)
    yield
    run_each(ALLOW_WRITES)


@pytest.mark.django_db(transaction=True)
def test_a_database_that_refuses_to_keep_the_page_still_serves_it(
    client, editor, reviewer, kept_pages_refused, caplog
):
    condition = make_condition()
    article = publish(
        make_article(condition=condition, by=editor), editor=editor, reviewer=reviewer
    )

    first = page_of(client, article)

    assert "Section 1" in first
    assert page_of(client, article) == first
    assert not FrozenArticlePage.objects.exists()
    assert "Could not keep article" in caplog.text
