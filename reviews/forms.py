"""Forms for the review workflow in the admin.

Each transition in ``reviews.services`` names one of the transition forms
below; its cleaned data are exactly the keyword arguments of the transition's
service, so whatever else a request carries is never read.
"""

import hashlib

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from reviews.diff import since_last_full_review
from reviews.models import (
    PERM_VERIFY_PROFILE,
    Reviewable,
    ReviewerProfile,
    ReviewKind,
    ReviewState,
    display_name,
    reviewers,
)

MSG_LOCKED_FOR_REVIEW = (
    "Not saved: {reviewer} is reviewing “{title}”, and it stays as they found it "
    "until they decide or hand it back. Ask for it back in the review panel, or "
    "withdraw it to draft."
)
MSG_GO_LIVE_PAST = (
    "Pick a go-live time in the future, or leave it empty to publish now."
)
MSG_STALE_EDIT = (
    "Not saved: someone else saved this {noun} after you opened it. Your text "
    "is kept below; compare it with the saved version (preview), merge your "
    "changes and save again."
)


def revision_token(item: Reviewable, *, lock: bool = False) -> str:
    """A fingerprint of ``item``'s stored content, read from its row: the
    revision (the whole reviewed tree, parts kept in other tables included)
    and every content column of the row itself, slug and condition among
    them, whether or not the reviewed data names them. Any save changes it;
    a workflow transition (a submission, an approval and the published
    projection it writes) does not.

    With ``lock``, the row stays locked until the transaction ends, after the
    content and the new revision hash are written: a concurrent save waits.
    """
    model = type(item)
    workflow = {
        model._meta.get_field(name).attname
        for name in model.workflow_fields()
        if name != "revision_hash"
    }
    columns = [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in workflow
    ]
    rows = model._default_manager.filter(pk=item.pk)
    if lock:
        rows = rows.select_for_update()
    return hashlib.sha256(repr(rows.values_list(*columns).get()).encode()).hexdigest()


class ReviewableAdminForm(forms.ModelForm):
    """A content form that refuses to overwrite a revision it did not start from.

    It carries the ``revision_token`` of what it was loaded with; on save it
    locks the row and compares. A refused form is shown again with the user's
    own text, now pointing at the saved revision, so saving again after
    merging works.
    """

    review_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # Read from the row, not the instance: simple-history's revert
            # form hands us a historical copy without the workflow fields.
            self.initial["review_revision"] = revision_token(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        stored = revision_token(self.instance, lock=True)
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        claimed = (
            rows.filter(review_state=ReviewState.UNDER_REVIEW)
            .select_related("reviewer")
            .first()
        )
        if claimed is not None:
            raise forms.ValidationError(
                MSG_LOCKED_FOR_REVIEW.format(
                    title=claimed, reviewer=display_name(claimed.reviewer)
                ),
                code="locked",
            )
        if cleaned.get("review_revision", "") != stored:
            self.data = self.data.copy()
            self.data[self.add_prefix("review_revision")] = stored
            raise forms.ValidationError(
                MSG_STALE_EDIT.format(noun=self.instance.review_noun()), code="stale"
            )
        return cleaned


class CommentForm(forms.Form):
    """A note for the review log; every transition but archiving takes one."""

    # Its fieldset legend in the review panel; None: shown with the log comment.
    legend = None
    # The panel is one HTML form with a button per transition: a field one
    # transition requires must not stop the browser submitting another.
    use_required_attribute = False

    comment = forms.CharField(
        label="Comment for the review log",
        required=False,
        widget=forms.Textarea(attrs={"id": "review-comment", "rows": 3, "cols": 80}),
    )

    @classmethod
    def for_panel(cls, *, item, user) -> "CommentForm":
        """The unbound form the review panel shows ``user`` for ``item``."""
        return cls()

    def extra_fields(self) -> list[forms.BoundField]:
        """The fields the panel shows apart from the shared comment box."""
        return [field for field in self if field.name != "comment"]


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return display_name(obj)


class PassOnForm(CommentForm):
    """Whom to pass a claimed review on to; the service checks they review."""

    legend = "Pass on"

    to = UserChoiceField(
        label="Pass on to",
        queryset=get_user_model().objects.filter(is_active=True),
        widget=forms.Select(attrs={"id": "review-pass-on"}),
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["to"].queryset = candidates

    @classmethod
    def for_panel(cls, *, item, user) -> "PassOnForm":
        # Someone else than the actor and the claimant.
        return cls(candidates=reviewers().exclude(pk__in=[user.pk, item.reviewer_id]))

    def extra_fields(self) -> list[forms.BoundField]:
        # Nobody to pass on to: no empty list to choose from.
        return super().extra_fields() if self.fields["to"].queryset.exists() else []


class AcknowledgedField(forms.MultipleChoiceField):
    """The problems ticked on the sign-off. Their choices are the item's
    problems when the form is shown; what comes back is checked against
    the item's problems again by the approval service, not here."""

    def valid_value(self, value) -> bool:
        return True


class SignOffForm(CommentForm):
    """What an approval records besides the approver (always the user)."""

    legend = "Sign-off (for Approve)"

    kind = forms.TypedChoiceField(
        label="Kind of review",
        choices=ReviewKind.choices,
        coerce=ReviewKind,
        initial=ReviewKind.FULL,
        empty_value=ReviewKind.FULL,
        required=False,
        widget=forms.RadioSelect,
        help_text="A minor edit keeps the review dates of the version it replaces.",
    )
    evidence_current_through = forms.DateField(
        label="Evidence current through",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "id": "review-evidence"}),
    )
    acknowledged = AcknowledgedField(
        label="Problems you have checked",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Approving needs each one ticked: it is recorded with the approval.",
    )
    goes_live_at = forms.DateTimeField(
        label="Goes live at",
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "id": "review-goes-live"}
        ),
        help_text="Leave empty to publish at once. Until then readers see the "
        "version they see now, if any.",
    )
    conflicts = forms.CharField(
        label="Declared conflicts of interest",
        required=False,
        help_text="From your reviewer profile: you can add to them here, not "
        "remove them.",
        widget=forms.Textarea(attrs={"id": "review-conflicts", "rows": 2, "cols": 80}),
    )

    @classmethod
    def for_panel(cls, *, item, user) -> "SignOffForm":
        # Offer the reviewer's declared conflicts, to confirm or add to, and say
        # how much changed since the last full review before they choose.
        profile = ReviewerProfile.objects.filter(user=user).first()
        form = cls(
            initial={"conflicts": profile.conflicts_of_interest if profile else ""}
        )
        scope = (
            since_last_full_review(item, item.review_data())
            if item.live_version_id
            else None
        )
        warnings = item.review_warnings(item.review_data())
        if warnings:
            form.fields["acknowledged"].choices = [(w, w) for w in warnings]
        else:
            del form.fields["acknowledged"]
        kind = form.fields["kind"]
        kind.help_text = (
            f"{kind.help_text} {scope.describe()}"
            if scope
            else f"{kind.help_text} Never fully reviewed: a full review is needed."
        )
        return form

    def clean_evidence_current_through(self):
        day = self.cleaned_data["evidence_current_through"]
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(
                "Evidence can't be current through a day after today's approval."
            )
        return day

    def clean_goes_live_at(self):
        moment = self.cleaned_data["goes_live_at"]
        if moment is not None and moment <= timezone.now():
            raise forms.ValidationError(MSG_GO_LIVE_PAST)
        return moment

    def clean_conflicts(self) -> str | None:
        # Not sent at all: the service takes the reviewer's declared ones.
        if self.add_prefix("conflicts") not in self.data:
            return None
        return self.cleaned_data["conflicts"]


class ArchiveForm(forms.Form):
    """The reason readers are given when an item is withdrawn from them."""

    legend = "Archive"
    use_required_attribute = False

    reason = forms.CharField(
        label="Reason for readers (required to archive)",
        required=False,
        widget=forms.Textarea(attrs={"id": "review-reason", "rows": 2, "cols": 80}),
    )

    @classmethod
    def for_panel(cls, *, item, user) -> "ArchiveForm":
        return cls()

    def extra_fields(self) -> list[forms.BoundField]:
        return list(self)


class RestoreForm(forms.Form):
    """Restoring takes the version from the URL, not from the form."""

    legend = None

    @classmethod
    def for_panel(cls, *, item, user) -> "RestoreForm":
        return cls()

    def extra_fields(self) -> list[forms.BoundField]:
        return []


MSG_VERIFY_OWN_PROFILE = (
    "You cannot verify your own profile: another site admin has to check your "
    "credentials."
)
MSG_VERIFICATION_LAPSED = (
    "The public details changed, so this profile is off the advisory board "
    "until a site admin verifies them again."
)


class ReviewerProfileForm(forms.ModelForm):
    """A reviewer's profile; site admins also verify it for the public board.

    The admin sets ``by`` (the user saving); only users with the verify
    permission get the "verified" box. Verifying records who and when; nobody
    verifies their own profile; changing what the board shows
    (``ReviewerProfile.VERIFIED_FIELDS``) without a new check withdraws it.
    """

    by = None

    verified = forms.BooleanField(
        label="Credentials verified",
        required=False,
        help_text="I checked this reviewer's registration and credentials: the "
        "profile may appear on the public advisory board.",
    )

    class Meta:
        model = ReviewerProfile
        fields = [
            "user",
            "credentials",
            "specialty",
            "affiliation",
            "bio",
            "conflicts_of_interest",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.by is not None and self.by.has_perm(PERM_VERIFY_PROFILE):
            self.fields["verified"].initial = self.instance.is_verified
        else:
            del self.fields["verified"]
        self.verification_lapsed = False

    def clean(self):
        cleaned = super().clean()
        profile_user = cleaned.get("user") or getattr(self.instance, "user", None)
        public_changed = bool(
            {"user", *ReviewerProfile.VERIFIED_FIELDS} & set(self.changed_data)
        )
        if "verified" in self.fields:
            verified = cleaned.get("verified", False)
        else:
            verified = self.instance.is_verified and not public_changed
            self.verification_lapsed = self.instance.is_verified and public_changed
        if not verified:
            self.instance.verified_at = self.instance.verified_by = None
        elif public_changed or not self.instance.is_verified:
            # A new check of what readers will see, by this user (only users
            # who may verify have the box).
            if profile_user is not None and profile_user.pk == self.by.pk:
                self.add_error("verified", MSG_VERIFY_OWN_PROFILE)
                return cleaned
            self.instance.verified_at = timezone.now()
            self.instance.verified_by = self.by
        return cleaned
