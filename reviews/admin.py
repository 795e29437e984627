"""Admin for the workflow: a mix-in that gives any reviewable model its
workflow panel and buttons, and read-only views of the audit trail."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse

from reviews.models import PublishedVersion, ReviewEvent, ReviewState
from reviews.services import (
    SERVICES,
    TransitionRefused,
    available_transitions,
    review_record_edit,
)


class ReviewableAdminMixin:
    """Workflow panel, buttons and edit tracking for a ``Reviewable`` admin."""

    change_form_template = "admin/reviews/reviewable_change_form.html"

    def get_review_preview_url(self, obj) -> str | None:
        return None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        review_record_edit(obj=form.instance, by=request.user)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_review"
        return [
            path(
                "<path:object_id>/review/<str:action>/",
                self.admin_site.admin_view(self.review_transition_view),
                name=name,
            ),
            *super().get_urls(),
        ]

    def review_transition_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None or action not in SERVICES:
            raise Http404("No such item or workflow action.")
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        try:
            state = SERVICES[action](
                obj=obj, by=request.user, comment=request.POST.get("comment", "")
            )
        except TransitionRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        else:
            label = ReviewState(state).label.lower()
            self.message_user(request, f"“{obj}” is now {label}.", messages.SUCCESS)
        return redirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[obj.pk],
            )
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context = {
                **(extra_context or {}),
                "review_transitions": available_transitions(obj=obj, user=request.user),
                "review_events": ReviewEvent.objects.for_item(obj).select_related(
                    "actor"
                ),
                "review_preview_url": self.get_review_preview_url(obj),
            }
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "item", "actor", "from_state", "to_state", "comment"]
    list_filter = ["to_state", "from_state", "content_type"]
    list_select_related = ["actor", "content_type"]
    search_fields = ["comment", "actor__username"]
    date_hierarchy = "created_at"


@admin.register(PublishedVersion)
class PublishedVersionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "approved_by", "approved_at", "next_review_due"]
    list_filter = ["content_type", "next_review_due"]
    list_select_related = ["approved_by"]
    exclude = ["data", "html"]
