"""Problems a reviewer must acknowledge before approving: found in the
article, shown after a save and in the panel, ticked on the sign-off and
recorded in the approval event."""

import pytest
from django.urls import reverse

from conditions.problems import article_warnings
from reviews.models import ReviewEvent, ReviewState
from reviews.services import TransitionRefused, review_approve
from tests.factories import bring_to, messages_of, sign_in, transition

pytestmark = pytest.mark.django_db


def data(*bodies, references=1):
    return {
        "sections": [
            {"heading": f"Part {n}", "body": body}
            for n, body in enumerate(bodies, start=1)
        ],
        "references": [{"title": f"Study {n}"} for n in range(1, references + 1)],
    }


@pytest.mark.parametrize(
    ("bodies", "references", "expected"),
    [
        (["Cited [1]."], 0, "There are no references."),
        (["Cited [2]."], 1, "Section “Part 1”: citation [2] has no reference."),
        (["Not cited."], 1, "Reference [1] (Study 1) is never cited."),
        (
            ["[1] <script>x()</script>"],
            1,
            "Section “Part 1”: raw HTML is removed: readers will not see it.",
        ),
        (
            ["[1] [click](javascript:alert(1))"],
            1,
            "Section “Part 1”: the link to “javascript:alert(1” is removed "
            "(javascript: links are not allowed).",
        ),
        (
            ["[1] [page](/no/such/page/)"],
            1,
            "Section “Part 1”: the link to “/no/such/page/” leads to no page of "
            "this site.",
        ),
        (
            ["[1]\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |"],
            1,
            "Section “Part 1”: a table has rows of different lengths.",
        ),
    ],
)
def test_each_kind_of_problem_is_found_and_placed(bodies, references, expected):
    assert expected in article_warnings(data(*bodies, references=references))


def test_a_clean_article_has_no_problems():
    body = "Cited [1, 2]. See [the index](/conditions/) or [NHS](https://www.nhs.uk/)."
    assert article_warnings(data(body, references=2)) == []


def test_a_huge_citation_range_is_not_expanded_without_end():
    assert len(article_warnings(data("[1-999]", references=1))) < 1_000


def test_approve_needs_each_problem_acknowledged_and_records_them(
    draft, editor, reviewer
):
    """The draft cites [1] of its three references: two problems."""
    bring_to(ReviewState.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    problems = draft.review_warnings(draft.review_data())
    assert problems == [
        "Reference [2] (Study 2) is never cited.",
        "Reference [3] (Study 3) is never cited.",
    ]
    with pytest.raises(TransitionRefused, match="Not ticked: Reference \\[3\\]"):
        review_approve(obj=draft, by=reviewer, acknowledged=problems[:1])
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.UNDER_REVIEW

    review_approve(obj=draft, by=reviewer, comment="Good.", acknowledged=problems)
    event = ReviewEvent.objects.for_item(draft).last()
    assert event.to_state == ReviewState.APPROVED
    assert event.comment == (
        "Good.\nProblems acknowledged: Reference [2] (Study 2) is never cited. "
        "Reference [3] (Study 3) is never cited."
    )


def test_the_panel_lists_problems_and_the_sign_off_asks_for_each(
    client, draft, editor, reviewer
):
    bring_to(ReviewState.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    sign_in(client, reviewer)
    page = client.get(
        reverse("admin:conditions_article_change", args=[draft.pk])
    ).content.decode()
    assert 'data-testid="review-warnings"' in page
    assert 'value="Reference [2] (Study 2) is never cited."' in page  # a tick box

    refused = client.post(
        reverse("admin:conditions_article_review", args=[draft.pk, "approve"]),
        {"comment": ""},
        follow=True,
    )
    assert "Not approved: tick each problem" in messages_of(refused)[0]
    assert transition(client, draft, "approve").status_code == 200
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.APPROVED
