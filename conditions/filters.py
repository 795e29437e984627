"""django-filter FilterSets for public listings."""

import django_filters

from conditions import icd10
from conditions.models import (
    AUDIENCE_COLUMNS,
    ArticleKind,
    Audience,
    published_branches,
)


class ArticleFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label="Kind of article",
        choices=ArticleKind.choices,
        empty_label="Any kind",
        method="filter_kind",
    )
    chapter = django_filters.ChoiceFilter(
        label="ICD-10-CM chapter", empty_label="Any chapter", method="filter_chapter"
    )
    category = django_filters.CharFilter(
        label="ICD-10-CM category or code",
        method="filter_code",
        validators=[icd10.validate_code],
        help_text="For example D89, or D89.4 for everything under it.",
    )
    audience = django_filters.ChoiceFilter(
        label="Has sections written for",
        choices=[c for c in Audience.choices if c[0] != Audience.EVERYONE],
        empty_label="Any reader",
        method="filter_audience",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The chapters with published articles, kept with the publication
        # generation (the same summary as the home page's).
        self.filters["chapter"].extra["choices"] = [
            (chapter.code, f"Chapter {chapter.code}: {chapter.title}")
            for chapter in published_branches(None)
        ]

    def filter_kind(self, queryset, name, value):
        # The published kind, not the draft's.
        return queryset.filter(public_kind=value)

    def filter_chapter(self, queryset, name, value):
        return queryset.in_chapter(value)

    def filter_code(self, queryset, name, value):
        return queryset.coded_under(icd10.icd_item(value).code)

    def filter_audience(self, queryset, name, value):
        # Of the published sections, not the draft's.
        return queryset.filter(**{AUDIENCE_COLUMNS[value]: True})

    @property
    def is_active(self) -> bool:
        return self.is_bound and any(
            self.form.cleaned_data.get(name) for name in self.filters
        )
