"""Staff and reader pages of the workflow that are not part of the admin."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import models
from django.template.response import TemplateResponse
from django_filters.views import FilterView

from reviews.filters import ReviewEventFilter
from reviews.models import ReviewEvent, ReviewState


class AuditView(PermissionRequiredMixin, FilterView):
    """Every review event, newest first, filterable by user, item, state, date."""

    permission_required = "reviews.view_reviewevent"
    filterset_class = ReviewEventFilter
    queryset = (
        ReviewEvent.objects.select_related("actor", "content_type")
        .prefetch_related("item")
        .order_by("-created_at", "-id")
    )
    paginate_by = 50
    template_name = "reviews/reviewevent_filter.html"


def withdrawn_response(request, item: models.Model) -> TemplateResponse | None:
    """The 410 "withdrawn" page for an archived item, or None if it never was.

    Readers who follow an old link learn that the article was taken down on
    purpose, and why, instead of meeting a bare 404.
    """
    event = (
        ReviewEvent.objects.for_item(item)
        .filter(to_state=ReviewState.ARCHIVED)
        .order_by("-created_at", "-id")
        .first()
    )
    if event is None:
        return None
    return TemplateResponse(
        request, "reviews/withdrawn.html", {"item": item, "event": event}, status=410
    )
