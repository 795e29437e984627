"""Treatment guides need two approvals, clinical then pharmacist, by two
different reviewers; any approval can name a go-live time."""

import datetime
import io
import time

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from conditions.models import Article
from reviews.models import PublishedVersion, ReviewEvent, ReviewState
from reviews.services import (
    APPROVE,
    TransitionRefused,
    is_allowed,
    release_scheduled,
    review_approve,
    review_archive,
    review_record_edit,
    review_start,
)
from reviews.triggers import reviewable_models
from tests.factories import (
    admin_url,
    bring_to,
    make_article,
    make_user,
    messages_of,
    sign_in,
    verified_profile,
    warnings_of,
)

pytestmark = pytest.mark.django_db

S = ReviewState


@pytest.fixture
def pharmacist(db):
    return make_user("pharmacist", "Pharmacists")


@pytest.fixture
def guide(draft, editor):
    """A treatment guide, claimed by the clinical reviewer."""
    Article.objects.filter(pk=draft.pk).update(kind="treatment")
    review_record_edit(obj=draft, by=editor)
    draft.refresh_from_db()
    return draft


def approve(item, by, **extra):
    return review_approve(obj=item, by=by, acknowledged=warnings_of(item), **extra)


def claim(item, by):
    review_start(obj=item, by=by)


def test_a_treatment_guide_needs_clinical_then_pharmacist_approval(
    guide, editor, reviewer, pharmacist
):
    bring_to(S.UNDER_REVIEW, guide, editor=editor, reviewer=reviewer)

    assert approve(guide, reviewer) == S.SUBMITTED
    assert guide.live_version is None
    clinical = ReviewEvent.objects.for_item(guide).last()
    assert clinical.stage == "clinical"
    assert clinical.comment.startswith(
        "Clinical review given; the pharmacist review is next."
    )

    claim(guide, pharmacist)
    assert approve(guide, pharmacist) == S.APPROVED

    version = guide.live_version
    assert version.reviewer_name == "Pharmacist"
    assert [(s["stage"], s["name"]) for s in version.sign_offs] == [
        ("clinical", "Reviewer"),
        ("pharmacist", "Pharmacist"),
    ]
    assert ReviewEvent.objects.for_item(guide).last().stage == "pharmacist"


def test_the_pharmacist_stage_needs_the_pharmacist_role(
    guide, editor, reviewer, other_reviewer
):
    bring_to(S.UNDER_REVIEW, guide, editor=editor, reviewer=reviewer)
    approve(guide, reviewer)
    claim(guide, other_reviewer)

    with pytest.raises(TransitionRefused, match="needs its pharmacist review next"):
        approve(guide, other_reviewer)
    assert not is_allowed(transition=APPROVE, obj=guide, user=other_reviewer)
    guide.refresh_from_db()
    assert guide.review_state == S.UNDER_REVIEW
    assert guide.live_version is None


def test_one_person_cannot_give_both_stages(guide, editor, pharmacist):
    bring_to(S.UNDER_REVIEW, guide, editor=editor, reviewer=pharmacist)
    approve(guide, pharmacist)  # the clinical stage: a pharmacist may review
    claim(guide, pharmacist)

    with pytest.raises(TransitionRefused, match="needs a different reviewer"):
        approve(guide, pharmacist)
    assert guide.live_version is None


def test_an_edit_between_the_stages_starts_them_again(
    guide, editor, reviewer, pharmacist
):
    bring_to(S.UNDER_REVIEW, guide, editor=editor, reviewer=reviewer)
    approve(guide, reviewer)
    guide.sections.filter(position=1).update(
        body="Changed after the clinical review [1]."
    )
    review_record_edit(obj=guide, by=editor)
    claim(guide, pharmacist)

    # The pharmacist gives the clinical stage of the new revision, not the last.
    assert approve(guide, pharmacist) == S.SUBMITTED
    assert ReviewEvent.objects.for_item(guide).last().stage == "clinical"
    assert guide.live_version is None


def test_an_overview_is_published_by_one_approval(draft, editor, reviewer):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    assert approve(draft, reviewer) == S.APPROVED
    assert draft.live_version.sign_offs == []


def test_the_kinds_needing_two_stages_are_a_setting(settings, guide, editor, reviewer):
    settings.REVIEW_TWO_STAGE_KINDS = []
    bring_to(S.UNDER_REVIEW, guide, editor=editor, reviewer=reviewer)
    assert approve(guide, reviewer) == S.APPROVED


def test_both_sign_offs_are_shown_to_readers(
    client, guide, editor, reviewer, pharmacist
):
    verified_profile(pharmacist, credentials="MPharm")
    bring_to(S.UNDER_REVIEW, guide, editor=editor, reviewer=reviewer)
    approve(guide, reviewer)
    claim(guide, pharmacist)
    approve(guide, pharmacist)

    page = client.get(guide.get_absolute_url()).content.decode()

    assert "Clinical review" in page
    assert "Pharmacist review" in page
    assert "MPharm" in page
    assert page.count('"@type": "Person"') >= 2 or page.count('"@type":"Person"') >= 2


# -- go-live times ---------------------------------------------------------


def later(**delta):
    return timezone.now() + datetime.timedelta(**delta)


def test_an_approval_can_name_a_go_live_time(client, draft, editor, reviewer):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    at = later(hours=2)

    assert approve(draft, reviewer, goes_live_at=at) == S.APPROVED

    assert draft.live_version is None
    version = draft.scheduled_version
    assert (version.is_live, version.goes_live_at) == (False, at)
    assert (
        "Approved to go live at" in ReviewEvent.objects.for_item(draft).last().comment
    )
    assert client.get(draft.get_absolute_url()).status_code == 404

    assert release_scheduled(now=at - datetime.timedelta(seconds=1)) == 0
    assert release_scheduled(now=at) == 1
    assert release_scheduled(now=at) == 0  # once only

    draft.refresh_from_db()
    assert draft.live_version == version
    assert draft.scheduled_version is None
    version.refresh_from_db()
    assert (version.is_live, version.went_live_at) == (True, at)
    assert ReviewEvent.objects.for_item(draft).last().comment == (
        "Version 1 went live as scheduled."
    )
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_readers_keep_the_old_version_until_the_new_one_goes_live(
    client, draft, editor, reviewer
):
    bring_to(S.APPROVED, draft, editor=editor, reviewer=reviewer)
    first = draft.live_version
    Article.objects.filter(pk=draft.pk).update(title="Overview, revised")
    review_record_edit(obj=draft, by=editor)
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    at = later(days=1)
    approve(draft, reviewer, goes_live_at=at)

    assert (
        "Overview, revised" not in client.get(draft.get_absolute_url()).content.decode()
    )
    # An edit meanwhile is a new draft; the approved version still goes live.
    Article.objects.filter(pk=draft.pk).update(title="A third title")
    review_record_edit(obj=draft, by=editor)
    release_scheduled(now=at)

    draft.refresh_from_db()
    assert draft.live_version.number == 2
    assert draft.review_state == S.DRAFT
    first.refresh_from_db()
    assert not first.is_live
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Overview, revised" in page
    assert "A third title" not in page


def test_a_go_live_time_in_the_past_is_refused(draft, editor, reviewer):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    with pytest.raises(TransitionRefused, match="in the future"):
        approve(draft, reviewer, goes_live_at=later(minutes=-1))
    draft.refresh_from_db()
    assert draft.review_state == S.UNDER_REVIEW
    assert not PublishedVersion.objects.for_item(draft).exists()


def test_archiving_cancels_a_scheduled_version(draft, editor, reviewer):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    at = later(hours=1)
    approve(draft, reviewer, goes_live_at=at)

    review_archive(obj=draft, by=reviewer, reason="Not needed after all.")

    assert "is cancelled" in ReviewEvent.objects.for_item(draft).last().comment
    assert release_scheduled(now=at) == 0
    draft.refresh_from_db()
    assert draft.live_version is None


def test_a_later_approval_replaces_the_scheduled_one(draft, editor, reviewer):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    approve(draft, reviewer, goes_live_at=later(days=3))
    Article.objects.filter(pk=draft.pk).update(title="Fixed before going live")
    review_record_edit(obj=draft, by=editor)
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)

    approve(draft, reviewer)  # now

    draft.refresh_from_db()
    assert draft.live_version.number == 2
    assert draft.scheduled_version is None
    assert release_scheduled(now=later(days=4)) == 0
    assert draft.live_version.data["title"] == "Fixed before going live"


def test_the_command_releases_what_is_due(draft, editor, reviewer):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    approve(draft, reviewer, goes_live_at=later(seconds=0.3))
    out = io.StringIO()
    call_command("release_scheduled", stdout=out)
    assert out.getvalue() == "0 scheduled version(s) went live.\n"

    time.sleep(0.4)
    call_command("release_scheduled", stdout=out)

    draft.refresh_from_db()
    assert draft.live_version is not None


def test_the_database_lets_a_version_go_live_once_only(draft, editor, reviewer):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    at = later(hours=1)
    approve(draft, reviewer, goes_live_at=at)
    release_scheduled(now=at)
    PublishedVersion.objects.retire()

    for change in ("is_live = true", "editors = '[]'"):
        with (
            pytest.raises(IntegrityError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"UPDATE reviews_publishedversion SET {change}")  # noqa: S608


# -- in the admin ------------------------------------------------------------


def test_the_panel_names_the_stages_and_whose_turn_it_is(
    client, guide, editor, reviewer, pharmacist
):
    bring_to(S.UNDER_REVIEW, guide, editor=editor, reviewer=reviewer)
    approve(guide, reviewer)
    sign_in(client, pharmacist)

    page = client.get(admin_url("change", guide)).content.decode()

    assert 'data-testid="review-stages"' in page
    assert "Clinical review: given by Reviewer" in page
    assert "Pharmacist review: <strong>next</strong> (the pharmacist role)" in page


def test_the_sign_off_takes_a_go_live_time(client, draft, editor, reviewer):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    sign_in(client, reviewer)
    at = timezone.localtime(later(days=2)).replace(second=0, microsecond=0)
    url = admin_url("review", draft, "approve")
    ticks = warnings_of(draft)

    past = client.post(
        url, {"goes_live_at": "2001-01-01T09:00", "acknowledged": ticks}, follow=True
    )
    assert "Pick a go-live time in the future" in " ".join(messages_of(past))
    draft.refresh_from_db()
    assert draft.review_state == S.UNDER_REVIEW

    client.post(url, {"goes_live_at": f"{at:%Y-%m-%dT%H:%M}", "acknowledged": ticks})
    draft.refresh_from_db()
    assert draft.scheduled_version.goes_live_at == at
    page = client.get(admin_url("change", draft)).content.decode()
    assert f"goes live at {at:%-d %b %Y %H:%M}" in page


def test_a_go_live_time_is_named_at_the_last_stage_only(
    guide, editor, reviewer, pharmacist
):
    bring_to(S.UNDER_REVIEW, guide, editor=editor, reviewer=reviewer)
    with pytest.raises(TransitionRefused, match="named at the last approval"):
        approve(guide, reviewer, goes_live_at=later(days=1))
    guide.refresh_from_db()
    assert guide.review_state == S.UNDER_REVIEW

    approve(guide, reviewer)
    claim(guide, pharmacist)
    at = later(days=1)
    assert approve(guide, pharmacist, goes_live_at=at) == S.APPROVED
    assert guide.scheduled_version.goes_live_at == at
    assert len(guide.scheduled_version.sign_offs) == 2


def test_content_that_comes_back_word_for_word_is_approved_again(
    guide, editor, reviewer, pharmacist
):
    """A stage given before the last publication counts for nothing: the
    same text, published, edited and edited back, needs both stages again."""
    bring_to(S.APPROVED, guide, editor=editor, reviewer=reviewer)
    body = guide.sections.get(position=1).body
    for text in ("A passing change [1].", body):
        guide.sections.filter(position=1).update(body=text)
        review_record_edit(obj=guide, by=editor)
    bring_to(S.UNDER_REVIEW, guide, editor=editor, reviewer=reviewer)

    assert approve(guide, reviewer) == S.SUBMITTED
    claim(guide, pharmacist)
    assert approve(guide, pharmacist) == S.APPROVED
    assert guide.live_version.number == 2


def test_an_address_taken_meanwhile_keeps_the_version_off_the_air(
    draft, editor, reviewer, condition
):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    at = later(hours=1)
    approve(draft, reviewer, goes_live_at=at)
    # Its draft moves to another address, and a rival takes the old one.
    Article.objects.filter(pk=draft.pk).update(slug="renamed")
    review_record_edit(obj=draft, by=editor)
    rival = make_article(condition=condition, by=editor, title="Rival")
    Article.objects.filter(pk=rival.pk).update(slug="overview")
    review_record_edit(obj=rival, by=editor)
    bring_to(S.APPROVED, rival, editor=editor, reviewer=reviewer)

    assert release_scheduled(now=at) == 0

    draft.refresh_from_db()
    assert draft.live_version is None and draft.scheduled_version is None
    event = ReviewEvent.objects.for_item(draft).last()
    assert event.comment.startswith("Version 1 did not go live:")
    assert release_scheduled(now=at) == 0


def test_a_cancelled_version_is_never_looked_at_again(
    draft, editor, reviewer, django_assert_num_queries
):
    at = later(hours=1)
    for n in range(3):  # each approval cancels the version scheduled before
        Article.objects.filter(pk=draft.pk).update(title=f"Take {n}")
        review_record_edit(obj=draft, by=editor)
        bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
        approve(draft, reviewer, goes_live_at=at)
    review_archive(obj=draft, by=reviewer, reason="Not after all.")
    assert PublishedVersion.objects.scheduled().count() == 3

    # One look-up per kind of reviewable content, and nothing for the
    # cancelled versions that stay in the record.
    with django_assert_num_queries(len(list(reviewable_models()))):
        assert release_scheduled(now=at) == 0
