"""The "withdrawn" page (410) of an archived article or site page (issue 8,
§7): it names what readers last saw, the archived version's title, never the
unreviewed draft's, and no cache keeps it."""

import pytest

from reviews.models import ReviewState
from reviews.services import review_archive
from tests.factories import edit, make_site_page, publish

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Unreviewed draft title"


@pytest.fixture(params=["article", "site page"])
def archived(request, draft, editor, reviewer):
    """An approved item, archived, then edited: its draft has a new title."""
    item = draft if request.param == "article" else make_site_page(by=editor)
    publish(item, editor=editor, reviewer=reviewer)
    item.refresh_from_db()
    review_archive(obj=item, by=reviewer, reason="Superseded.")
    url = item.get_absolute_url()
    old_title = item.title
    assert edit(item, by=editor, title=DRAFT_TITLE) == ReviewState.DRAFT
    return url, old_title


def test_withdrawn_page_shows_the_archived_title_not_the_drafts(client, archived):
    url, old_title = archived

    response = client.get(url)

    assert response.status_code == 410
    page = response.content.decode()
    assert f"“{old_title}” was withdrawn" in page
    assert f"Withdrawn: {old_title}" in page
    assert DRAFT_TITLE not in page


def test_withdrawn_page_is_never_stored_by_caches(client, archived):
    url, _ = archived

    response = client.get(url)

    assert response.status_code == 410
    assert "no-store" in response.headers["Cache-Control"]
