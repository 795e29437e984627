"""Staff and reader pages of the workflow that are not part of the admin."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django_filters.views import FilterView

from reviews.filters import ReviewEventFilter
from reviews.models import ReviewEvent


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
