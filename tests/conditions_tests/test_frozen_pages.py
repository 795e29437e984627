"""Article pages joined from the pieces kept as they are published
(``conditions/frozen_pages.py``): the same bytes as a page rendered afresh,
never a page that shows something older, never one made for someone else,
and never a write on a read."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conditions import frozen_pages
from conditions.models import Article, FrozenArticlePage
from reviews.services import review_archive
from tests.factories import (
    approve_condition,
    edit,
    make_article,
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
    ``changes``), current unless changed."""
    article = Article.objects.get(pk=article.pk)
    page, _ = FrozenArticlePage.objects.update_or_create(
        article=article,
        defaults={
            "version": article.live_version,
            "condition_version": article.public_condition.live_version,
            "rendering": frozen_pages.rendering_key(),
            "parts": ["<p>KEPT</p>", "", ""],
            "related_conditions": article.related_conditions,
            **changes,
        },
    )
    return page


@pytest.fixture
def approved(draft, editor, reviewer, committed):
    """The draft approved, with what follows a commit (its page kept)."""
    with committed():
        publish(draft, editor=editor, reviewer=reviewer)
    return draft


def test_an_approval_keeps_the_page_and_reads_join_it_byte_for_byte(
    client, approved, django_assert_num_queries
):
    stored = FrozenArticlePage.objects.get(article=approved)
    url = approved.get_absolute_url()
    # The publication generation, the kept page, the related articles.
    with django_assert_num_queries(3):
        joined = client.get(url).content.decode()

    kept(approved, rendering="a deploy ago")  # read as rendered afresh
    assert page_of(client, approved) == joined
    assert all(part in joined for part in stored.parts)
    kept(approved)
    assert page_of(client, approved).startswith("<p>KEPT</p>")


def test_no_read_writes_a_page_not_even_a_stale_one(client, published):
    kept(published, rendering="a deploy ago")

    with CaptureQueriesContext(connection) as queries:
        page_of(client, published)

    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries)
    assert FrozenArticlePage.objects.get().rendering == "a deploy ago"


def test_a_renamed_condition_keeps_its_articles_pages_again(
    client, approved, committed
):
    condition = approved.condition
    condition.name = "Clonal mast cell activation syndrome"
    condition.save()
    with committed():
        approve_condition(condition)

    page = FrozenArticlePage.objects.get(article=approved)
    assert page.condition_version_id == condition.live_version_id
    assert "Clonal mast cell activation syndrome</a>" in page.parts[0]


def test_the_task_worker_keeps_a_condition_s_pages_readers_never_see_old_ones(
    client, approved, committed, settings, django_assert_num_queries
):
    """A condition may have thousands of articles: its approval queues their
    pages for the task worker. Until it has run, readers get each page
    rendered afresh, with the new name."""
    from django_tasks import default_task_backend

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    condition = approved.condition
    condition.name = "Clonal mast cell activation syndrome"
    condition.save()
    with committed():
        approve_condition(condition)

    (queued,) = [
        result
        for result in default_task_backend.results
        if result.task.name == "keep_condition_pages"
    ]
    assert queued.kwargs == {"condition_id": condition.pk}
    url = approved.get_absolute_url()
    with django_assert_num_queries(4):  # rendered: the kept page is stale
        page = client.get(url).content.decode()
    assert "Clonal mast cell activation syndrome</a>" in page

    assert queued.task.call(**queued.kwargs) == 1
    with django_assert_num_queries(3):  # the kept page
        assert client.get(url).content.decode() == page


def test_keep_pages_keeps_what_a_deploy_made_stale_once(approved, editor, reviewer):
    other = publish(
        make_article(condition=approved.condition, by=editor, title="Triggers"),
        editor=editor,
        reviewer=reviewer,
    )  # not committed: its page is not kept yet
    kept(approved, rendering="a deploy ago")

    call_command("keep_pages", stdout=(first := io.StringIO()))
    call_command("keep_pages", stdout=(second := io.StringIO()))

    assert "Kept 2 article page(s)" in first.getvalue()
    assert "Kept 0 article page(s)" in second.getvalue()
    assert (
        FrozenArticlePage.objects.filter(
            article__in=[approved, other], rendering=frozen_pages.rendering_key()
        ).count()
        == 2
    )


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
    client, approved, editor, reviewer, committed
):
    other = make_article(condition=approved.condition, by=editor, title="Triggers")
    site_page = make_site_page(by=editor, title="Our editors")
    with committed():
        publish(other, editor=editor, reviewer=reviewer)
        publish(site_page, editor=editor, reviewer=reviewer)

    page = page_of(client, approved)

    assert FrozenArticlePage.objects.filter(article=approved).exists()
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


def test_a_forged_host_never_reaches_a_page(client, approved, settings):
    settings.ALLOWED_HOSTS = ["testserver", "forged.example"]

    page = page_of(client, approved, HTTP_HOST="forged.example")

    assert f"{settings.SITE_URL}/conditions/" in page
    assert "forged.example" not in page


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


def test_an_approval_whose_page_cannot_be_kept_still_goes_live(
    client, draft, editor, reviewer, committed, monkeypatch, caplog
):
    def unrenderable(request, article):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(frozen_pages, "page_parts", unrenderable)
    with committed():
        publish(draft, editor=editor, reviewer=reviewer)
    monkeypatch.undo()

    assert "Section 1" in page_of(client, draft)
    assert not FrozenArticlePage.objects.exists()
    assert "Could not keep the pages" in caplog.text
