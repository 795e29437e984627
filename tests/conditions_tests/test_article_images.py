"""Images and blocks in articles are reviewed content: pinned at approval,
checked before submission, shown to readers as approved."""

import json
import re

import pytest
from django.urls import reverse

from conditions.models import Visibility
from images.services import image_set_file
from reviews.models import ReviewState
from reviews.services import (
    ApprovalVoided,
    TransitionRefused,
    review_approve,
    review_record_edit,
    review_submit,
)
from tests.factories import (
    admin_url,
    bring_to,
    change_data,
    image_upload,
    make_image,
    messages_of,
    sign_in,
    transition,
)

pytestmark = pytest.mark.django_db


def put(article, body, *, editor, visibility=Visibility.PUBLIC):
    section = article.sections.first()
    section.body, section.visibility = body, visibility
    section.save()
    review_record_edit(obj=article, by=editor)


def test_readers_see_the_image_with_renditions_caption_and_credit(
    client, draft, editor, reviewer
):
    image = make_image(size=(1200, 600))
    put(draft, f"Intro.\n\n![Mast cells in the skin](image:{image.pk})", editor=editor)
    bring_to(ReviewState.APPROVED, draft, editor=editor, reviewer=reviewer)

    page = client.get(draft.get_absolute_url()).text

    figure = re.search(r'<figure class="illustration">.*?</figure>', page, re.S)[0]
    webp = image.renditions[0]["webp"]
    assert f'<source type="image/webp" srcset="/media/{webp} 480w' in figure
    assert f'src="/media/{image.renditions[-1]["fallback"]}"' in figure
    assert 'alt="Mast cells in the skin"' in figure
    assert 'width="1200" height="600"' in figure
    assert "How it works." in figure and "Drawing: A. Lee" in figure


def test_replacing_the_file_after_approval_changes_nothing_public_until_approved(
    client, draft, editor, reviewer
):
    image = make_image(colour="teal")
    put(draft, f"![](image:{image.pk})", editor=editor)
    bring_to(ReviewState.APPROVED, draft, editor=editor, reviewer=reviewer)
    approved_file = image.renditions[-1]["fallback"]

    image.alt_text = "A new description"
    image_set_file(image=image, upload=image_upload(colour="orange"))
    new = image.renditions[-1]["fallback"]

    page = client.get(draft.get_absolute_url()).text
    assert approved_file in page and new not in page
    assert 'alt="A diagram of mast cells"' in page
    assert "A new description" not in page

    # The next approval publishes the new file and text.
    review_record_edit(obj=draft, by=editor)
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT
    bring_to(ReviewState.APPROVED, draft, editor=editor, reviewer=reviewer)
    page = client.get(draft.get_absolute_url()).text
    assert new in page and approved_file not in page
    assert 'alt="A new description"' in page


def test_changing_an_image_under_review_voids_the_approval(draft, editor, reviewer):
    image = make_image()
    put(draft, f"![](image:{image.pk})", editor=editor)
    bring_to(ReviewState.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    image.caption = "Changed after the review started."
    image.save()

    with pytest.raises(ApprovalVoided):
        review_approve(obj=draft, by=reviewer)

    draft.refresh_from_db()
    assert draft.review_state == ReviewState.SUBMITTED
    assert draft.live_version is None


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("![](image:{pk})", "image {pk} has no alt text"),
        ("![](image:999999)", "there is no image 999999 in the image library"),
        (":::help soon\nGo.\n:::", "“:::help” needs a level"),
    ],
    ids=["no alt text", "unknown image", "malformed block"],
)
def test_submission_is_refused_saying_what_to_fix(draft, editor, body, problem):
    image = make_image(alt_text="")
    put(draft, body.format(pk=image.pk), editor=editor)

    with pytest.raises(TransitionRefused) as refused:
        review_submit(obj=draft, by=editor)

    assert "cannot be submitted yet" in refused.value.message
    assert f"Section 1: Line 1: {problem.format(pk=image.pk)}" in refused.value.message
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT


def test_alt_text_in_the_reference_is_enough(draft, editor):
    image = make_image(alt_text="")
    put(draft, f"![Skin with raised wheals](image:{image.pk})", editor=editor)

    assert review_submit(obj=draft, by=editor) == ReviewState.SUBMITTED


def test_the_admin_shows_the_refusal(client, draft, editor):
    put(draft, "![](image:999999)", editor=editor)
    sign_in(client, editor)

    response = transition(client, draft, "submit")

    assert any("no image 999999" in m for m in messages_of(response))


def test_a_malformed_block_is_a_form_error_and_nothing_is_saved(client, draft, editor):
    section = draft.sections.first()
    sign_in(client, editor)
    data = change_data(
        draft,
        **{
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "1",
            "sections-0-id": str(section.pk),
            "sections-0-article": str(draft.pk),
            "sections-0-position": "1",
            "sections-0-heading": section.heading,
            "sections-0-kind": "other",
            "sections-0-body": ":::quote\nSaid, but by nobody.\n:::",
            "sections-0-audience": "everyone",
            "sections-0-visibility": "public",
        },
    )

    response = client.post(
        reverse("admin:conditions_article_change", args=[draft.pk]), data
    )

    assert response.status_code == 200
    assert "Line 1: the quote needs a last line" in response.text
    section.refresh_from_db()
    assert section.body.startswith("Body of section 1")


def json_ld(page: str) -> list[dict]:
    return [
        json.loads(script)
        for script in re.findall(
            r'<script[^>]*type="application/ld\+json">(.*?)</script>', page, re.S
        )
    ]


def test_quotes_and_faqs_are_in_the_pages_structured_data(
    client, draft, editor, reviewer
):
    put(
        draft,
        ":::quote\nMost attacks pass.\n-- Dr Ada Byron | MD | City Hospital\n:::\n\n"
        ":::faq\n? Is it contagious?\nNo, **never**.\n:::",
        editor=editor,
    )
    bring_to(ReviewState.APPROVED, draft, editor=editor, reviewer=reviewer)

    article, faq = json_ld(client.get(draft.get_absolute_url()).text)

    assert article["hasPart"] == [
        {
            "@type": "Quotation",
            "text": "Most attacks pass.",
            "spokenByCharacter": {
                "@type": "Person",
                "name": "Dr Ada Byron",
                "honorificSuffix": "MD",
                "affiliation": {"@type": "Organization", "name": "City Hospital"},
            },
        }
    ]
    assert faq["@type"] == "FAQPage"
    assert faq["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Is it contagious?",
            "acceptedAnswer": {"@type": "Answer", "text": "No, never."},
        }
    ]


def test_members_only_blocks_stay_out_of_structured_data(
    client, draft, editor, reviewer
):
    put(
        draft,
        ":::faq\n? Secret?\nYes.\n:::",
        editor=editor,
        visibility=Visibility.MEMBERS,
    )
    bring_to(ReviewState.APPROVED, draft, editor=editor, reviewer=reviewer)

    [article] = json_ld(client.get(draft.get_absolute_url()).text)

    assert article["@type"] == "MedicalWebPage"
    assert "hasPart" not in article


def test_the_reviewers_diff_shows_a_replaced_image(client, draft, editor, reviewer):
    image = make_image(colour="teal")
    put(draft, f"![](image:{image.pk})", editor=editor)
    bring_to(ReviewState.APPROVED, draft, editor=editor, reviewer=reviewer)
    old_file = image.file.name
    image_set_file(image=image, upload=image_upload(colour="orange"))
    sign_in(client, reviewer)

    page = client.get(admin_url("review_diff", draft)).text

    assert "Images" in page
    assert old_file.split("/")[-1] in page and image.file.name.split("/")[-1] in page
