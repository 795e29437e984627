"""Forms for the review workflow in the admin."""

from django import forms
from django.contrib.auth import get_user_model

from reviews.models import ReviewKind
from reviews.services import MSG_STALE_EDIT


class ReviewableAdminForm(forms.ModelForm):
    """A content form that refuses to overwrite a revision it did not start from.

    It carries the revision it was loaded with; on save it locks the row and
    compares. A refused form is shown again with the user's own text, now
    pointing at the saved revision, so saving again after merging works.
    """

    review_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # Read from the row, not the instance: simple-history's revert
            # form hands us a historical copy without the workflow fields.
            self.initial["review_revision"] = self._stored_revision(lock=False)

    def _stored_revision(self, *, lock: bool) -> str:
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock:
            # Held until the admin's transaction ends, after the content and
            # the new revision hash are written: a concurrent save waits here.
            rows = rows.select_for_update()
        return rows.values_list("revision_hash", flat=True).get()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        stored = self._stored_revision(lock=True)
        if cleaned.get("review_revision", "") != stored:
            self.data = self.data.copy()
            self.data[self.add_prefix("review_revision")] = stored
            raise forms.ValidationError(MSG_STALE_EDIT, code="stale")
        return cleaned


class SignOffForm(forms.Form):
    """What an approval records besides the approver (always the user)."""

    review_kind = forms.ChoiceField(
        choices=ReviewKind.choices, initial=ReviewKind.FULL, required=False
    )
    evidence_current_through = forms.DateField(required=False)
    conflicts = forms.CharField(required=False)


class PassOnForm(forms.Form):
    to = forms.ModelChoiceField(queryset=get_user_model().objects.all())
