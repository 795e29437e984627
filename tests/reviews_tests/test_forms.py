"""Transition forms: their cleaned data are exactly their services' keyword
arguments."""

import pytest

from reviews.forms import ArchiveForm, CommentForm, PassOnForm, SignOffForm
from reviews.models import ReviewerProfile, ReviewKind
from reviews.services import (
    APPROVE,
    ARCHIVE,
    PASS_ON,
    SERVICES,
    SUBMIT,
    TRANSITIONS,
)

pytestmark = pytest.mark.django_db


def test_every_transition_has_a_form_and_a_service():
    assert set(SERVICES) == set(TRANSITIONS.values())
    assert (SUBMIT.form, PASS_ON.form, APPROVE.form, ARCHIVE.form) == (
        CommentForm,
        PassOnForm,
        SignOffForm,
        ArchiveForm,
    )


def test_sign_off_defaults_to_a_full_review_and_the_declared_conflicts():
    form = SignOffForm({"comment": "Fine."})

    assert form.is_valid()
    assert form.cleaned_data == {
        "comment": "Fine.",
        "kind": ReviewKind.FULL,
        "evidence_current_through": None,
        "acknowledged": [],
        "goes_live_at": None,
        "conflicts": None,
    }
    sent = SignOffForm({"kind": "minor", "conflicts": ""})
    assert sent.is_valid()
    assert (sent.cleaned_data["kind"], sent.cleaned_data["conflicts"]) == (
        ReviewKind.MINOR,
        "",
    )


def test_sign_off_refuses_an_unknown_kind():
    assert not SignOffForm({"kind": "cursory"}).is_valid()
    assert SignOffForm({"kind": "full"}).is_valid()


def test_panel_sign_off_offers_the_reviewers_declared_conflicts(memo, reviewer):
    ReviewerProfile.objects.create(user=reviewer, conflicts_of_interest="Grants.")

    form = SignOffForm.for_panel(item=memo, user=reviewer)

    assert form["conflicts"].value() == "Grants."


def test_panel_pass_on_lists_other_reviewers_only(
    memo, editor, reviewer, other_reviewer
):
    form = PassOnForm.for_panel(item=memo, user=reviewer)

    assert list(form.fields["to"].queryset) == [other_reviewer]
    assert [field.name for field in form.extra_fields()] == ["to"]
    # Nobody else to pass on to: the panel shows no empty list.
    reviewer.groups.clear()
    assert PassOnForm.for_panel(item=memo, user=other_reviewer).extra_fields() == []


def test_archive_form_asks_for_the_reason_only():
    form = ArchiveForm({"reason": "Superseded.", "comment": "ignored"})

    assert form.is_valid()
    assert form.cleaned_data == {"reason": "Superseded."}
