"""Reviewer profiles: site admins verify them for the public advisory board."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from reviews.forms import (
    MSG_VERIFICATION_LAPSED,
    MSG_VERIFY_OWN_PROFILE,
)
from reviews.models import ReviewerProfile
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(db):
    """Staff who may verify profiles, and are reviewers themselves."""
    user = make_user("chief", "Reviewers")
    user.user_permissions.add(
        Permission.objects.get(codename="verify_reviewerprofile"),
        Permission.objects.get(codename="add_reviewerprofile"),
    )
    return user


@pytest.fixture
def profile(reviewer):
    return ReviewerProfile.objects.create(
        user=reviewer, credentials="MD", specialty="Clinical immunology"
    )


def change_url(profile):
    return reverse("admin:reviews_reviewerprofile_change", args=[profile.pk])


def form_data(profile, **overrides):
    data = {
        "user": profile.user_id,
        "credentials": profile.credentials,
        "specialty": profile.specialty,
        "affiliation": profile.affiliation,
        "bio": profile.bio,
        "conflicts_of_interest": profile.conflicts_of_interest,
    }
    return {**data, **overrides}


def verify(profile, by):
    profile.verified_at, profile.verified_by = timezone.now(), by
    profile.save()


def test_site_admin_verifies_another_reviewers_profile(client, site_admin, profile):
    sign_in(client, site_admin)

    response = client.post(change_url(profile), form_data(profile, verified="on"))

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.verified_by == site_admin
    assert profile.verified_at is not None


def test_site_admin_cannot_verify_their_own_profile(client, site_admin):
    own = ReviewerProfile.objects.create(user=site_admin, credentials="MD")
    sign_in(client, site_admin)

    response = client.post(change_url(own), form_data(own, verified="on"))

    assert response.status_code == 200
    assert MSG_VERIFY_OWN_PROFILE in response.content.decode()
    own.refresh_from_db()
    assert not own.is_verified


def test_site_admin_cannot_add_their_own_profile_verified(client, site_admin):
    sign_in(client, site_admin)

    response = client.post(
        reverse("admin:reviews_reviewerprofile_add"),
        {"user": site_admin.pk, "credentials": "MD", "verified": "on"},
    )

    assert MSG_VERIFY_OWN_PROFILE in response.content.decode()
    assert not ReviewerProfile.objects.filter(user=site_admin).exists()


def test_reviewer_cannot_verify_even_with_a_forged_field(
    client, reviewer, profile, site_admin
):
    sign_in(client, site_admin)
    admins_page = client.get(change_url(profile)).content.decode()
    sign_in(client, reviewer)
    page = client.get(change_url(profile)).content.decode()

    response = client.post(change_url(profile), form_data(profile, verified="on"))

    assert 'name="verified"' in admins_page
    assert 'name="verified"' not in page
    assert "Not verified" in page
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.credentials == "MD"  # the save went through…
    assert not profile.is_verified  # …without the verification


def test_reviewer_sees_only_their_own_profile(client, reviewer, profile):
    other = ReviewerProfile.objects.create(user=make_user("dr_two", "Reviewers"))
    sign_in(client, reviewer)

    assert client.get(change_url(profile)).status_code == 200
    assert client.get(change_url(other)).status_code == 302  # "does not exist"


def test_changing_public_details_withdraws_verification(
    client, reviewer, profile, site_admin
):
    verify(profile, site_admin)
    sign_in(client, reviewer)

    response = client.post(
        change_url(profile), form_data(profile, credentials="MD, PhD"), follow=True
    )

    profile.refresh_from_db()
    assert profile.credentials == "MD, PhD"
    assert not profile.is_verified
    assert profile.verified_by is None
    assert MSG_VERIFICATION_LAPSED in [
        str(m) for m in get_messages(response.wsgi_request)
    ]


def test_declaring_a_conflict_keeps_verification(client, reviewer, profile, site_admin):
    verify(profile, site_admin)
    sign_in(client, reviewer)

    client.post(
        change_url(profile), form_data(profile, conflicts_of_interest="Grant from X.")
    )

    profile.refresh_from_db()
    assert profile.conflicts_of_interest == "Grant from X."
    assert profile.verified_by == site_admin


def test_site_admin_withdraws_verification(client, site_admin, profile):
    verify(profile, site_admin)
    sign_in(client, site_admin)

    client.post(change_url(profile), form_data(profile))  # box left unticked

    profile.refresh_from_db()
    assert not profile.is_verified


def test_database_refuses_self_verification(reviewer, profile):
    profile.verified_at, profile.verified_by = timezone.now(), reviewer

    with pytest.raises(IntegrityError), transaction.atomic():
        profile.save()


def test_database_refuses_verification_without_who(profile):
    profile.verified_at = timezone.now()

    with pytest.raises(IntegrityError), transaction.atomic():
        profile.save()


def test_board_lists_verified_profiles_of_active_reviewers_only(
    site_admin, reviewer, profile
):
    verify(profile, site_admin)
    unverified = make_user("unverified", "Reviewers")
    ReviewerProfile.objects.create(user=unverified, credentials="MD")
    left = make_user("left", "Reviewers", is_active=False)
    verify(ReviewerProfile.objects.create(user=left), site_admin)
    editor = make_user("not_a_reviewer", "Editors")
    verify(ReviewerProfile.objects.create(user=editor), site_admin)

    board = list(ReviewerProfile.objects.on_board())

    assert board == [profile]
