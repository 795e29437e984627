"""Site pages take the same blocks and library images as article sections."""

import pytest

from reviews.models import ReviewState
from reviews.services import TransitionRefused, review_submit
from tests.factories import bring_to, make_image, make_site_page

pytestmark = pytest.mark.django_db


def test_a_site_page_shows_its_blocks_and_pinned_image(client, editor, reviewer):
    image = make_image()
    page = make_site_page(
        by=editor,
        body=f"![](image:{image.pk})\n\n:::help urgent\nWrite to us.\n:::",
    )
    bring_to(ReviewState.APPROVED, page, editor=editor, reviewer=reviewer)

    html = client.get(page.get_absolute_url()).text

    assert image.renditions[-1]["fallback"] in html
    assert 'alt="A diagram of mast cells"' in html
    assert '<h2 class="help-heading">' in html


def test_a_site_page_with_a_malformed_block_cannot_be_submitted(editor):
    page = make_site_page(by=editor, body=":::faq\n? Open question\n")

    with pytest.raises(TransitionRefused) as refused:
        review_submit(obj=page, by=editor)

    assert "Line 1: the “:::faq” block is not closed" in refused.value.message
