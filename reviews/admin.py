"""Admin for the workflow: a mix-in that gives any reviewable model its
workflow panel, comments, diff, versions and queues, and read-only views of
the audit trail."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from reviews.diff import diff_parts
from reviews.forms import (
    MSG_VERIFICATION_LAPSED,
    CommentForm,
    ReviewableAdminForm,
    ReviewerProfileForm,
)
from reviews.models import (
    PERM_SUBMIT,
    PERM_VERIFY_PROFILE,
    STAGES,
    PublishedVersion,
    ReviewComment,
    ReviewerProfile,
    ReviewEvent,
    ReviewState,
    display_name,
    tracker_steps,
)
from reviews.services import (
    PANEL_TRANSITIONS,
    RESTORE_VERSION,
    SUBMIT,
    TransitionRefused,
    available_transitions,
    can_comment,
    can_resolve,
    is_allowed,
    next_stage,
    perform,
    review_ask_back,
    review_comment,
    review_record_edit,
    review_resolve_comment,
    stage_sign_offs,
)

MSG_BAD_FORM = "Review status unchanged: check the form to {action}. {errors}"
MSG_CHECK_BEFORE = (
    "Saved. To check before it is approved (the reviewer must acknowledge "
    "each): {problems}"
)
MSG_SAVED_NOT_MOVED = "Your edits are saved; the review status is unchanged."
# How many saved revisions the diff page offers to compare, newest first.
MAX_REVISIONS = 50
# The name of the change form's workflow buttons (their value: the transition).
REVIEW_ACTION = "_review_action"
MSG_HISTORY_READ_ONLY = (
    "History pages are read-only. To bring an earlier revision back, use "
    "“Restore as a new draft” on its history page."
)
MSG_NOT_DELETABLE = (
    "Not deleted: {items} went to review. Only drafts that were never "
    "submitted can be deleted; archive published content instead, which "
    "withdraws it from readers and keeps the record."
)


def _unsaved_errors(form, formsets) -> list[str]:
    """The errors of a bound change form and its inlines, one line each
    ("Section 2: Body: …"), for the live preview."""
    errors = [_error_text(form)] if not form.is_valid() else []
    for formset in formsets:
        formset.is_valid()
        name = capfirst(formset.model._meta.verbose_name)
        errors += [
            f"{name} {number}: {_error_text(row)}"
            for number, row in enumerate(formset.forms, start=1)
            if row.errors
        ]
        errors += list(formset.non_form_errors())
    return errors


def _kept_rows(formset) -> list:
    """The unsaved instances a validated inline formset would keep, in order:
    rows typed or loaded, less those marked for deletion."""
    rows = [
        row.instance
        for row in formset.forms
        if (row.has_changed() or row.instance.pk)
        and not formset._should_delete_form(row)
    ]
    return sorted(rows, key=lambda row: getattr(row, "position", 0) or 0)


def version_label(version) -> str:
    return f"version {version.number}, approved {version.approved_at:%-d %b %Y}"


def revision_label(revision) -> str:
    saved = timezone.localtime(revision.history_date)
    return f"the revision saved {saved:%-d %b %Y %H:%M}"


def _error_text(form) -> str:
    """A form's errors as one line: "Evidence current through: Enter a date."."""
    return " ".join(
        f"{form.fields[name].label}: {' '.join(errors)}"
        if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    )


class ReviewQueueFilter(admin.SimpleListFilter):
    """Each user's queues, built from the workflow fields every item has."""

    title = "review queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("awaiting", "Awaiting review"),
            ("mine", "My reviews in progress"),
            ("drafts", "My drafts"),
            ("changes", "Changes requested"),
            ("overdue", "Review overdue"),
        ]

    def queryset(self, request, queryset):
        # The model's QuerySet must be a ``ReviewableQuerySet``.
        match self.value():
            case "awaiting":
                return queryset.awaiting_review()
            case "mine":
                return queryset.in_review_by(request.user)
            case "drafts":
                return queryset.drafts_of(request.user)
            case "changes":
                return queryset.changes_requested()
            case "overdue":
                return queryset.review_overdue()
        return queryset


class ReviewableAdminMixin:
    """Workflow panel, buttons, comments, diff, versions, queues and edit
    tracking for a ``Reviewable`` admin. Nothing here changes a state itself:
    every button calls a service."""

    change_form_template = "admin/reviews/reviewable_change_form.html"
    form = ReviewableAdminForm

    class Media:
        js = [
            "js/unsaved_changes.js",
            "js/slug_words.js",
            "js/ordered_inlines.js",
            "js/live_preview.js",
        ]

    # Staff view of one published version, as readers saw it: content types
    # point this at a template that lays out their own snapshot data.
    review_version_template = "reviews/publishedversion_detail.html"

    def get_review_preview_url(self, obj) -> str | None:
        return None

    def review_preview_page(self, request, item, data: dict, errors: list[str]):
        """The page readers would see for ``data``, an edit of ``item`` not
        saved yet, listing ``errors`` and the problems: the change form's live
        preview. Content with a preview page (``get_review_preview_url``)
        implements it."""
        raise NotImplementedError

    @admin.display(description="Review status", ordering="review_state")
    def review_status(self, obj):
        if obj.review_state == ReviewState.UNDER_REVIEW and obj.reviewer:
            return f"Under review by {display_name(obj.reviewer)}"
        return obj.get_review_state_display()

    def get_list_filter(self, request):
        return [ReviewQueueFilter, *super().get_list_filter(request)]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions[name] = (type(self).delete_drafts, name, description)
        return actions

    def _reviewed(self, queryset):
        """What the admin never deletes: anything ever published (nor does
        the ORM, ``ReviewableQuerySet.delete``), or submitted and not
        withdrawn."""
        return queryset.ever_published() | queryset.exclude(
            review_state=ReviewState.DRAFT
        )

    def _refuse_delete(self, request, reviewed) -> None:
        items = ", ".join(f"“{item}”" for item in reviewed)
        self.message_user(
            request, MSG_NOT_DELETABLE.format(items=items), messages.ERROR
        )

    def delete_drafts(self, request, queryset):
        """Django's "delete selected" action, for drafts never submitted:
        with anything else selected it deletes nothing and says why."""
        reviewed = list(self._reviewed(queryset))
        if reviewed:
            self._refuse_delete(request, reviewed)
            return None
        return delete_selected(self, request, queryset)

    def _is_reviewed(self, obj) -> bool:
        return self._reviewed(self.model._default_manager.filter(pk=obj.pk)).exists()

    def has_change_permission(self, request, obj=None):
        """Nobody edits what a reviewer has claimed: it stays as they found
        it until they decide or hand it back, and its form is shown read-only.
        A form sent from before the claim is still read, so that its refusal
        (``ReviewableAdminForm.clean``) shows the editor their text back."""
        allowed = super().has_change_permission(request, obj)
        claimed = obj is not None and obj.review_state == ReviewState.UNDER_REVIEW
        return allowed and not (claimed and request.method in ("GET", "HEAD"))

    def has_delete_permission(self, request, obj=None):
        # No Delete link on the change form of what went to review.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not self._is_reviewed(obj))

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if (
            obj is not None
            and self.has_view_or_change_permission(request, obj)
            and self._is_reviewed(obj)
        ):
            self._refuse_delete(request, [obj])
            return self._back_to_change_form(obj)
        return super().delete_view(request, object_id, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        item = form.instance
        self.review_before_recording(request, form)
        review_record_edit(obj=item, by=request.user)
        if warnings := item.review_warnings(item.review_data()):
            self.message_user(
                request,
                MSG_CHECK_BEFORE.format(problems=" ".join(warnings)),
                messages.WARNING,
            )

    def review_before_recording(self, request, form) -> None:
        """Finish what the change form saved (the item and its inlines)
        before it is recorded as this revision: an article turns citations
        by number into citations by key. Nothing by default."""

    # History pages only show: simple-history's own form would save whatever
    # a POST carries, for anyone who may view the item, and bring back the
    # row alone. Going back goes through the restore service instead.
    object_history_form_template = "admin/reviews/object_history_form.html"

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"], MSG_HISTORY_READ_ONLY)
        obj = self.get_object(request, unquote(object_id))
        revision = obj and obj.history.filter(history_id=version_id).first()
        if revision and is_allowed(
            transition=RESTORE_VERSION, obj=obj, user=request.user
        ):
            extra_context = {
                **(extra_context or {}),
                "restore_url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}"
                    "_review_restore_revision",
                    args=[obj.pk, version_id],
                ),
            }
        diff = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_review_diff",
            args=[object_id],
        )
        extra_context = {
            **(extra_context or {}),
            "revision_date": revision and revision.history_date,
            "compare_url": revision and f"{diff}?from=h{version_id}&to=draft",
        }
        return super().history_form_view(request, object_id, version_id, extra_context)

    @method_decorator(require_POST)
    def review_restore_revision_view(self, request, object_id, history_id):
        obj = self._review_object(request, object_id)
        revision = get_object_or_404(obj.history.all(), history_id=history_id)
        saved = timezone.localtime(revision.history_date)
        return self._restore(
            request,
            obj,
            f"The revision of “{obj}” saved on {saved:%-d %B %Y at %H:%M} is now "
            "a new draft, with all its parts.",
            revision=revision,
        )

    def _restore(self, request, obj, done: str, **source):
        """Restore ``source`` (a published version or a history revision) as
        a new draft through the one service, and say how it went."""
        try:
            perform(transition=RESTORE_VERSION, obj=obj, by=request.user, **source)
        except TransitionRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return self._back_to_change_form(obj)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}_review"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/review/diff/",
                view(self.review_diff_view),
                name=f"{prefix}_diff",
            ),
            path(
                "<path:object_id>/review/versions/",
                view(self.review_versions_view),
                name=f"{prefix}_versions",
            ),
            path(
                "<path:object_id>/review/versions/<int:number>/",
                view(self.review_version_view),
                name=f"{prefix}_version",
            ),
            path(
                "<path:object_id>/review/history/<int:history_id>/restore/",
                view(self.review_restore_revision_view),
                name=f"{prefix}_restore_revision",
            ),
            path(
                "<path:object_id>/review/versions/<int:number>/restore/",
                view(self.review_restore_view),
                name=f"{prefix}_restore",
            ),
            path(
                "<path:object_id>/review/comment/",
                view(self.review_comment_view),
                name=f"{prefix}_comment",
            ),
            path(
                "<path:object_id>/review/ask-back/",
                view(self.review_ask_back_view),
                name=f"{prefix}_ask_back",
            ),
            path(
                "<path:object_id>/review/comment/<int:comment_id>/resolve/",
                view(self.review_resolve_view),
                name=f"{prefix}_resolve",
            ),
            path(
                "<path:object_id>/review/preview/",
                view(self.review_live_preview_view),
                name=f"{prefix}_live_preview",
            ),
            path(
                "<path:object_id>/review/<str:action>/",
                view(self.review_transition_view),
                name=prefix,
            ),
            *super().get_urls(),
        ]

    # -- helpers ----------------------------------------------------------

    def _review_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such item.")
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return obj

    def _back_to_change_form(self, obj):
        return redirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[obj.pk],
            )
        )

    def _review_context(self, request, obj, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": str(obj),
            **extra,
        }

    # -- views ------------------------------------------------------------

    @method_decorator(require_POST)
    def review_transition_view(self, request, object_id, action):
        obj = self._review_object(request, object_id)
        self._act(request, obj, action)
        return self._back_to_change_form(obj)

    def response_change(self, request, obj):
        """A workflow button pressed in the change form itself ("Save and
        submit"): the content is saved by then, in the same transaction, and
        the transition acts on it."""
        action = request.POST.get(REVIEW_ACTION)
        if action is None:
            return super().response_change(request, obj)
        if not self._act(request, obj, action):
            self.message_user(request, MSG_SAVED_NOT_MOVED, messages.WARNING)
        return self._back_to_change_form(obj)

    def _act(self, request, obj, action: str) -> bool:
        """Run the workflow ``action`` on ``obj``, saying how it went; whether
        it moved."""
        transitions = {t.name: t for t in PANEL_TRANSITIONS}
        if action not in transitions:
            raise Http404("No such workflow action.")
        transition = transitions[action]
        # Only the transition's own fields are read: who acts, and when, is
        # never taken from the request.
        form = transition.form(request.POST)
        if not form.is_valid():
            errors = MSG_BAD_FORM.format(
                action=transition.label.lower(), errors=_error_text(form)
            )
            self.message_user(request, errors, messages.ERROR)
            return False
        try:
            state = perform(
                transition=transition, obj=obj, by=request.user, **form.cleaned_data
            )
        except TransitionRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
            return False
        label = ReviewState(state).label.lower()
        self.message_user(request, f"“{obj}” is now {label}.", messages.SUCCESS)
        return True

    @method_decorator(require_POST)
    def review_live_preview_view(self, request, object_id):
        """What the change form holds, rendered as readers would see it and
        with its problems, without saving anything: the form and its inlines
        are validated and read, never saved."""
        obj = self._review_object(request, object_id)
        if self.get_review_preview_url(obj) is None:
            raise Http404("This content has no preview.")
        if not self.has_change_permission(request, obj):
            # Read-only for this user: the saved draft, as the form shows it.
            data, errors = obj.review_data(), []
        else:
            form = self.get_form(request, obj, change=True)(
                request.POST, request.FILES, instance=obj
            )
            formsets, _ = self._create_formsets(request, form.instance, change=True)
            # A field in error keeps its saved value in the preview. The
            # form's stale-edit check reads the row as a save would, in a
            # transaction, and writes nothing.
            with transaction.atomic():
                errors = _unsaved_errors(form, formsets)
            parts = {formset.model: _kept_rows(formset) for formset in formsets}
            data = form.instance.review_data_of(parts)
        response = self.review_preview_page(request, obj, data, errors)
        patch_cache_control(response, no_store=True)
        return response

    @method_decorator(require_POST)
    def review_comment_view(self, request, object_id):
        obj = self._review_object(request, object_id)
        reply_to = request.POST.get("reply_to", "")
        thread = None
        if reply_to:
            if not reply_to.isdigit():
                raise Http404("No such comment.")
            thread = get_object_or_404(
                ReviewComment.objects.for_item(obj), pk=int(reply_to)
            )
        try:
            review_comment(
                obj=obj,
                by=request.user,
                body=request.POST.get("body", ""),
                anchor=request.POST.get("anchor", ""),
                reply_to=thread,
            )
        except TransitionRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        else:
            self.message_user(request, "Comment added.", messages.SUCCESS)
        return self._back_to_change_form(obj)

    @method_decorator(require_POST)
    def review_ask_back_view(self, request, object_id):
        obj = self._review_object(request, object_id)
        try:
            review_ask_back(
                obj=obj, by=request.user, reason=request.POST.get("body", "")
            )
        except TransitionRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        else:
            self.message_user(
                request,
                f"Asked {display_name(obj.reviewer)} to hand it back.",
                messages.SUCCESS,
            )
        return self._back_to_change_form(obj)

    @method_decorator(require_POST)
    def review_resolve_view(self, request, object_id, comment_id):
        obj = self._review_object(request, object_id)
        comment = get_object_or_404(ReviewComment.objects.for_item(obj), pk=comment_id)
        try:
            review_resolve_comment(comment=comment, by=request.user)
        except TransitionRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        else:
            self.message_user(request, "Comment marked resolved.", messages.SUCCESS)
        return self._back_to_change_form(obj)

    def review_diff_view(self, request, object_id):
        """Any two points of the item's life compared, field by field:
        ``?from=`` and ``?to=`` each name a published version (``v3``), a
        saved revision (``h41``) or the current draft (``draft``). By
        default, the last approved version against the current draft."""
        obj = self._review_object(request, object_id)
        versions = list(
            PublishedVersion.objects.for_item(obj).only("number", "approved_at")
        )
        revisions = list(obj.history.only("history_id", "history_date")[:MAX_REVISIONS])
        base = obj.live_version or (versions[0] if versions else None)
        start = request.GET.get("from") or (f"v{base.number}" if base else "")
        end = request.GET.get("to") or "draft"
        old = self._diff_side(obj, start) if start else None
        new = self._diff_side(obj, end)
        parts = diff_parts(
            obj.review_diff_parts(old[1]) if old else [],
            obj.review_diff_parts(new[1]),
        )
        choices = [
            ("draft", "the current draft"),
            *((f"v{v.number}", version_label(v)) for v in versions),
            *((f"h{r.history_id}", revision_label(r)) for r in revisions),
        ]
        context = self._review_context(
            request,
            obj,
            old_label=old and old[0],
            new_label=new[0],
            start=start,
            end=end,
            choices=choices,
            parts=parts,
            changed=[part.label for part in parts if part.status != "same"],
            title=f"What changed in “{obj}”",
        )
        return TemplateResponse(request, "admin/reviews/diff.html", context)

    @staticmethod
    def _diff_side(obj, point: str) -> tuple[str, dict]:
        """(label, reviewed data) of one point named in the diff's address."""
        kind, number = point[:1], point[1:]
        if point == "draft":
            return "the current draft", obj.review_data()
        if kind in ("v", "h") and number.isdigit() and len(number) < 12:
            if kind == "v":
                versions = PublishedVersion.objects.for_item(obj)
                version = versions.filter(number=int(number)).first()
                if version is not None:
                    return version_label(version), version.data
            else:
                revision = obj.history.filter(history_id=int(number)).first()
                if revision is not None:
                    data = obj.review_data_as_of(revision.history_date)
                    return revision_label(revision), data
        raise Http404("No such version or revision of this item.")

    def review_versions_view(self, request, object_id):
        obj = self._review_object(request, object_id)
        can_restore = is_allowed(transition=RESTORE_VERSION, obj=obj, user=request.user)
        versions = PublishedVersion.objects.for_item(obj).select_related("approved_by")
        context = self._review_context(
            request,
            obj,
            versions=versions,
            can_restore=can_restore,
            title=f"Published versions of “{obj}”",
        )
        return TemplateResponse(request, "admin/reviews/versions.html", context)

    def review_version_view(self, request, object_id, number):
        obj = self._review_object(request, object_id)
        version = get_object_or_404(
            PublishedVersion.objects.for_item(obj).select_related("approved_by"),
            number=number,
        )
        return TemplateResponse(
            request,
            self.review_version_template,
            {
                "item": obj,
                "version": version,
                "steps": tracker_steps(ReviewState.APPROVED),
            },
        )

    @method_decorator(require_POST)
    def review_restore_view(self, request, object_id, number):
        obj = self._review_object(request, object_id)
        version = get_object_or_404(
            PublishedVersion.objects.for_item(obj), number=number
        )
        return self._restore(
            request,
            obj,
            f"Version {number} of “{obj}” is now a new draft.",
            version=version,
        )

    @staticmethod
    def _claimed_at(obj):
        """When the reviewer claimed ``obj``, if it is under review."""
        if obj.review_state != ReviewState.UNDER_REVIEW:
            return None
        claim = (
            ReviewEvent.objects.for_item(obj)
            .filter(to_state=ReviewState.UNDER_REVIEW)
            .order_by("-created_at", "-id")
            .first()
        )
        return claim and claim.created_at

    @staticmethod
    def _stages(obj) -> list[dict]:
        """Content approved in stages: each stage, given (with its event) or
        not, for the revision in review (or the latest saved)."""
        names = obj.review_stages()
        if len(names) < 2:
            return []
        given = stage_sign_offs(obj, obj.review_hash or obj.revision_hash)
        following = next_stage(obj, given) if len(given) < len(names) else None
        return [
            {
                "label": STAGES[name].label,
                "role": STAGES[name].role,
                "event": given.get(name),
                "next": STAGES[name] is following,
            }
            for name in names
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            transitions = available_transitions(obj=obj, user=request.user)
            comments = list(ReviewComment.objects.for_item(obj).with_resolution())
            acts_on_form = self.has_change_permission(request, obj)
            if (
                acts_on_form
                and obj.review_state in (ReviewState.APPROVED, ReviewState.ARCHIVED)
                and request.user.has_perm(PERM_SUBMIT)
            ):
                # Saving an edit makes a new draft, which the button submits.
                transitions = [SUBMIT, *transitions]
            for comment in comments:
                comment.can_resolve = can_resolve(comment, obj, request.user)
            threads = [c for c in comments if c.reply_to_id is None]
            for thread in threads:
                thread.thread_replies = [
                    c for c in comments if c.reply_to_id == thread.pk
                ]
            # Those who may edit act through the change form itself, so that a
            # button acts on what is typed (``response_change``): the panel's
            # fields belong to that form.
            panel_forms = [
                CommentForm(),
                # One form per transition that asks for more than a comment.
                *(
                    form
                    for form in (
                        t.form.for_panel(item=obj, user=request.user)
                        for t in transitions
                    )
                    if form.extra_fields()
                ),
            ]
            if acts_on_form:
                for form in panel_forms:
                    for field in form.fields.values():
                        field.widget.attrs["form"] = f"{self.opts.model_name}_form"
            extra_context = {
                **(extra_context or {}),
                "review_transitions": transitions,
                "review_comment_form": panel_forms[0],
                "review_forms": panel_forms[1:],
                "review_events": ReviewEvent.objects.for_item(obj).select_related(
                    "actor"
                ),
                "review_comments": threads,
                "review_anchors": obj.review_anchors(),
                "review_can_comment": can_comment(obj, request.user),
                "review_preview_url": self.get_review_preview_url(obj),
                "review_live_preview_url": self.get_review_preview_url(obj)
                and reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}"
                    "_review_live_preview",
                    args=[obj.pk],
                ),
                "review_acts_on_form": acts_on_form,
                "review_claimed_at": self._claimed_at(obj),
                "review_warnings": obj.review_warnings(obj.review_data()),
                "review_stages": self._stages(obj),
                "review_can_ask_back": obj.review_state == ReviewState.UNDER_REVIEW
                and request.user.has_perm(PERM_SUBMIT),
                "review_action_name": REVIEW_ACTION,
            }
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyAdmin(admin.ModelAdmin):
    """The audit trail: listed and read, never added, changed or deleted."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # The "item" column is a generic relation: fetch every item of a page
        # in one query per content type, not one query per row.
        if "item_column" in self.list_display:
            queryset = queryset.prefetch_related("item")
        return queryset

    # A generic relation has no column to sort by: shown, never a sort key
    # (so ``?o=1`` is ignored instead of failing).
    @admin.display(description="item")
    def item_column(self, obj):
        return obj.item

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "item_column",
        "actor",
        "from_state",
        "to_state",
        "comment",
    ]
    list_filter = ["to_state", "from_state", "content_type"]
    list_select_related = ["actor", "content_type"]
    search_fields = ["comment", "actor__username"]
    date_hierarchy = "created_at"


class ResolvedFilter(admin.SimpleListFilter):
    title = "resolved"
    parameter_name = "resolved"

    def lookups(self, request, model_admin):
        return [("no", "Open"), ("yes", "Resolved")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(resolution__isnull=self.value() == "no")
        return queryset


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "item_column", "author", "body", "resolved_at"]
    list_filter = [ResolvedFilter, "content_type"]
    list_select_related = ["author", "content_type", "resolution"]

    @admin.display(description="resolved at", ordering="resolution__at")
    def resolved_at(self, comment):
        return comment.resolution.at if comment.is_resolved else None


class OverdueFilter(admin.SimpleListFilter):
    title = "review due"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue (live versions)"), ("live", "Live versions")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "live":
            return queryset.live()
        return queryset


@admin.register(PublishedVersion)
class PublishedVersionAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "approved_by",
        "approved_at",
        "review_kind",
        "last_reviewed_on",
        "next_review_due",
        "is_live",
    ]
    list_filter = [OverdueFilter, "review_kind", "content_type"]
    list_select_related = ["approved_by"]
    exclude = ["data", "html", "fragments"]


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    """Reviewers keep their own credentials, public details and declared
    conflicts here; site admins who may verify profiles see them all and mark
    them verified for the public advisory board."""

    form = ReviewerProfileForm
    list_display = ["user", "credentials", "specialty", "verification"]
    list_select_related = ["user", "verified_by"]
    readonly_fields = ["verification"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm(PERM_VERIFY_PROFILE):
            return queryset
        return queryset.filter(user=request.user)

    def get_fields(self, request, obj=None):
        fields = [
            "credentials",
            "specialty",
            "affiliation",
            "bio",
            "conflicts_of_interest",
        ]
        if request.user.has_perm(PERM_VERIFY_PROFILE):
            return ["user", *fields, "verified", "verification"]
        return [*fields, "verification"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.by = request.user  # a class made for this request
        return form

    @admin.display(description="Verified for the advisory board")
    def verification(self, obj):
        if obj is None or not obj.is_verified:
            return "Not verified: not listed on the public advisory board."
        return (
            f"Verified by {display_name(obj.verified_by)} "
            f"on {obj.verified_at:%d %b %Y}."
        )

    def save_model(self, request, obj, form, change):
        if not request.user.has_perm(PERM_VERIFY_PROFILE):
            obj.user = request.user
        super().save_model(request, obj, form, change)
        if form.verification_lapsed:
            self.message_user(request, MSG_VERIFICATION_LAPSED, messages.WARNING)
