"""Filters for the staff audit view (django-filter)."""

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from reviews.models import ReviewEvent, ReviewState


class ReviewEventFilter(django_filters.FilterSet):
    actor = django_filters.ModelChoiceFilter(
        label="User",
        queryset=get_user_model().objects.filter(is_staff=True).order_by("username"),
    )
    content_type = django_filters.ModelChoiceFilter(
        label="Kind of item",
        queryset=ContentType.objects.filter(
            pk__in=ReviewEvent.objects.values("content_type")
        ),
    )
    object_id = django_filters.NumberFilter(label="Item id")
    to_state = django_filters.ChoiceFilter(
        label="New state", choices=ReviewState.choices
    )
    from_state = django_filters.ChoiceFilter(
        label="Old state", choices=ReviewState.choices
    )
    created_at = django_filters.DateFromToRangeFilter(
        label="Date (from – to)",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = ReviewEvent
        fields = [
            "actor",
            "content_type",
            "object_id",
            "to_state",
            "from_state",
            "created_at",
        ]
