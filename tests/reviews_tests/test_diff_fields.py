"""The reviewer's diff: every reviewed field, text compared as rendered,
sections that moved, and any two points of an item's life."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.services import review_record_edit
from tests.factories import admin_url, edit, make_article, publish, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, editor, reviewer):
    publish(draft, editor=editor, reviewer=reviewer)
    draft.refresh_from_db()
    return draft


def diff_page(client, article, query=""):
    return client.get(admin_url("review_diff", article) + query).content.decode()


def summary(page: str) -> str:
    start = page.index('data-testid="diff-summary"')
    return page[start : page.index("</p>", start)]


def test_a_metadata_only_change_names_what_changed(client, published, editor, reviewer):
    """Kind and a section's audience change; not a word of text does."""
    section = published.sections.get(position=1)
    section.audience = "patients"
    section.save()
    edit(published, by=editor, kind="treatment")
    sign_in(client, reviewer)

    page = diff_page(client, published)

    assert "Kind; Section: Section 1." in summary(page)
    assert "<del>Condition</del> <ins>Treatment</ins> <del>overview</del>" in page
    assert "for: <del>Everyone;</del> <ins>Patients and carers;</ins>" in page
    assert "Section: Section 2 <small>(unchanged)</small>" in page
    assert "References <small>(unchanged)</small>" in page


def test_slug_and_references_show_as_changed(client, published, editor, reviewer):
    reference = published.references.get(position=2)
    reference.title = "Study two, revised"
    reference.save()
    edit(published, by=editor, slug="overview-of-mmas")
    sign_in(client, reviewer)

    page = diff_page(client, published)

    assert "Address (slug); References." in summary(page)
    assert "<del>overview</del> <ins>overview-of-mmas</ins>" in page
    assert "Study <del>2.</del> <ins>two, revised.</ins> J Test" in page


def test_text_is_compared_as_readers_read_it(client, published, editor, reviewer):
    """Markup that changes nothing a reader sees is no change; a link's
    new target is one."""
    section = published.sections.get(position=2)
    section.body = section.body.replace("Body of", "Body  of") + (
        "\n\nSee [the guideline](https://example.org/new)."
    )
    section.save()
    review_record_edit(obj=published, by=editor)
    sign_in(client, reviewer)

    page = diff_page(client, published)

    assert "Body of section 2, citing [1]." in page  # not split by the markup
    assert "<ins>\nSee the guideline &lt;https://example.org/new&gt;.</ins>" in page


def test_a_moved_section_says_where_it_was(client, published, editor, reviewer):
    first, second = published.sections.order_by("position")
    first.position, second.position = 3, 1
    first.save()
    second.save()
    review_record_edit(obj=published, by=editor)
    sign_in(client, reviewer)

    page = diff_page(client, published)

    assert "Moved: it was part 7, it is part 6 now." in page


def test_any_two_versions_and_revisions_compare(client, published, editor, reviewer):
    edit(published, by=editor, title="Overview, second edition")
    publish(published, editor=editor, reviewer=reviewer)
    edit(published, by=editor, title="Overview, third draft")
    sign_in(client, reviewer)

    versions = diff_page(client, published, "?from=v1&to=v2")
    assert "Version 2, approved" in versions and "against version 1" in versions
    assert "<del>Overview</del> <ins>Overview, second edition</ins>" in versions

    first_save = published.history.order_by("history_date").first()
    revision = diff_page(client, published, f"?from=h{first_save.history_id}")
    assert "The current draft against the revision saved" in revision
    assert "<ins>Overview, third draft</ins>" in revision
    assert f'<option value="h{first_save.history_id}" selected>' in revision


@pytest.mark.parametrize("point", ["x", "v99", "h-1", "h" + "9" * 20, "draftx"])
def test_a_point_that_is_not_this_items_is_a_404(client, published, reviewer, point):
    sign_in(client, reviewer)
    response = client.get(admin_url("review_diff", published) + f"?from={point}")
    assert response.status_code == 404


def test_a_condition_diff_shows_a_changed_code(client, condition, editor, reviewer):
    """The condition fixture is approved, coded D89.41."""
    condition.codes.update(code="D89.42")
    review_record_edit(obj=condition, by=editor)
    sign_in(client, reviewer)

    url = reverse("admin:conditions_condition_review_diff", args=[condition.pk])
    page = client.get(url).content.decode()

    assert "ICD-10-CM codes" in summary(page)
    assert "<ins>D89.42" in page


def test_the_diff_page_costs_the_same_whatever_the_size(
    client, condition, editor, reviewer
):
    """The page reads both sides whole (the version's frozen data, the
    draft's tree in three queries): more sections and references add none."""
    counts = []
    for size in (2, 12):
        article = make_article(
            condition=condition,
            by=editor,
            sections=size,
            references=size,
            title=f"Size {size}",
        )
        publish(article, editor=editor, reviewer=reviewer)
        article.sections.update(body="Changed everywhere [1].")
        review_record_edit(obj=article, by=editor)
        sign_in(client, reviewer)
        diff_page(client, article)  # warm caches (content types, permissions)
        with CaptureQueriesContext(connection) as queries:
            assert "everywhere" in diff_page(client, article)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
