"""The top and foot of a published article, as a reader sees them: one review
line, the codes once, the review dates at the foot, and a notice when the
next review is overdue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from reviews.models import PublishedVersion
from tests.factories import (
    approve_condition,
    make_article,
    make_condition,
    publish,
    reissue_live_version,
    verified_profile,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reviewer_credentials(reviewer):
    """The reviewer's verified credentials, as approval snapshots them."""
    verified_profile(reviewer, credentials="MD, FRCP")


def text_of(page: str, start: str, end: str) -> str:
    """The visible text between two markers, with whitespace collapsed."""
    part = page[page.index(start) : page.index(end, page.index(start))]
    return " ".join(strip_tags(part).split())


def set_next_review_due(article, day: datetime.date) -> None:
    reissue_live_version(article, next_review_due=day)


def test_review_line_names_reviewer_credentials_and_last_review_date(client, published):
    page = client.get(published.get_absolute_url()).content.decode()

    line = text_of(page, '<p class="reviewed">', "</p>")
    today = timezone.localdate()
    assert line == (
        "Medically reviewed by Reviewer, MD, FRCP (credentials verified) · "
        f"Last reviewed {today:%-d %B %Y}"
    )
    # The line sits in the article's header, before the first section.
    assert page.index('class="reviewed"') < page.index('class="article-body"')


def test_tracker_and_sign_off_details_are_one_click_away(client, published):
    page = client.get(published.get_absolute_url()).content.decode()

    details = text_of(page, '<details class="review-details">', "</details>")
    assert details.startswith("How this page was reviewed")
    for fact in ("Submitted", "Under review", "Approved", "Reviewed by"):
        assert fact in details


def test_codes_and_their_category_are_shown_once(client, editor, reviewer):
    condition = make_condition(name="Mast cell activation syndrome", code="D89.40")
    condition.codes.create(code="D89.42", position=1)
    condition.codes.create(code="D89.43", position=2)
    approve_condition(condition)
    article = make_article(condition=condition, by=editor)
    publish(article, editor=editor, reviewer=reviewer)

    page = client.get(article.get_absolute_url()).content.decode()

    codes = text_of(page, '<div class="icd-codes">', "<details")
    assert codes == (
        "ICD-10-CM D89.40 Mast cell activation, unspecified "
        "D89.42 Idiopathic mast cell activation syndrome "
        "D89.43 Secondary mast cell activation "
        "Category D89.4: Mast cell activation syndrome and related disorders"
    )
    for code in ("D89.40", "D89.42", "D89.43"):
        assert page.count(f'href="/icd10/{code}/"') == 1
    category = "Mast cell activation syndrome and related disorders"
    assert page.count(f">D89.4</a>: {category}") == 1


def test_review_dates_are_at_the_foot_of_the_article(client, published):
    page = client.get(published.get_absolute_url()).content.decode()

    foot = text_of(page, '<footer class="review-dates">', "</footer>")
    due = published.live_version.next_review_due
    today = timezone.localdate()
    assert foot == (
        f"Page last reviewed: {today:%-d %B %Y} Next review due: {due:%-d %B %Y}"
    )
    assert page.index('class="review-dates"') > page.index('id="references"')


def test_overdue_page_tells_readers_it_is_overdue_for_review(client, published):
    url = published.get_absolute_url()
    # Positive control: due tomorrow is not overdue yet.
    set_next_review_due(published, timezone.localdate() + datetime.timedelta(days=1))
    page = client.get(url).content.decode()
    assert "overdue for review" not in page
    assert "(overdue)" not in page

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    set_next_review_due(published, yesterday)
    page = client.get(url).content.decode()

    notice = text_of(page, '<p class="notice notice-overdue"', "</p>")
    assert "This page is overdue for review." in notice
    assert f"was due on {yesterday:%-d %B %Y}" in notice
    assert "Next review due:" in page and "(overdue)" in page


def test_page_due_for_review_today_is_not_yet_overdue(client, published):
    set_next_review_due(published, timezone.localdate())

    page = client.get(published.get_absolute_url()).content.decode()

    assert 'data-testid="review-overdue"' not in page
    assert PublishedVersion.objects.overdue().count() == 0


def test_reference_authors_ending_in_a_period_get_no_second_one(
    client, draft, editor, reviewer
):
    first, second, _ = draft.references.all()
    first.authors = "Castells M, Butterfield J."
    first.save()
    publish(draft, editor=editor, reviewer=reviewer)

    page = client.get(draft.get_absolute_url()).content.decode()

    assert "Butterfield J. Study 1." in page
    # Positive control: authors without a final period get one.
    assert "Doe J. Study 2." in page


def test_audience_toggle_offers_a_way_back_to_every_section_open(
    client, draft, editor, reviewer
):
    second = draft.sections.last()
    second.audience = "professionals"
    second.save()
    publish(draft, editor=editor, reviewer=reviewer)
    url = draft.get_absolute_url()
    assert 'name="audience" value=""' not in client.get(url).content.decode()

    client.post(reverse("conditions:audience"), {"audience": "patients", "next": url})
    page = client.get(url).content.decode()
    assert 'class="audience-toggle"' in page
    assert '<button type="submit" name="audience" value=""' in page

    client.post(reverse("conditions:audience"), {"audience": "", "next": url})
    assert 'class="audience-toggle"' not in client.get(url).content.decode()


def test_article_written_for_everyone_offers_no_audience_toggle(client, published):
    page = client.get(published.get_absolute_url()).content.decode()

    assert "Which best describes you?" not in page
    assert all(s.audience == "everyone" for s in published.sections.all())
