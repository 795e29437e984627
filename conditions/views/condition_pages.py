"""The home page, the A–Z index and condition pages."""

from django.http import Http404
from django.views.generic import DetailView, ListView, TemplateView

from conditions.icd10 import codes_with_scope
from conditions.models import (
    Article,
    Condition,
    IndexEntry,
    PublicationGeneration,
    published_branches,
)
from conditions.pagination import CountedPaginator, page_of

# A condition's articles, a page at a time.
ARTICLES_PER_PAGE = 50
# What the home page's and a condition's cards show besides the title.
WITH_SUMMARY = {
    "summary": "live_version__data__summary",
    "approved_at": "live_version__approved_at",
}


class HomeView(TemplateView):
    template_name = "conditions/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            chapters=published_branches(None),
            recent_articles=Article.objects.recently_approved(6).cards(**WITH_SUMMARY),
            **kwargs,
        )


class ConditionListView(ListView):
    """The A–Z index, one letter at a time, a hundred lines a page: each
    condition with a published article, and each of its other names and
    abbreviations as a line of its own ("MAS, see Macrophage activation
    syndrome") under its own letter. Two queries at any catalogue size and
    depth: the publication generation (the letter bar's counts, the page
    count among them, are worked out once per generation and kept under it)
    and the page's lines (``IndexEntry`` rows, written at approval and marked
    ``listed``, read through an index on letter and sort order)."""

    context_object_name = "entries"
    paginate_by = 100
    template_name = "conditions/condition_list.html"

    def get(self, request, *args, **kwargs):
        self.letters = PublicationGeneration.summary("a-z-letters")
        self.letter = request.GET.get("letter", next(iter(self.letters), ""))
        if self.letters and self.letter not in self.letters:
            raise Http404("No conditions are filed under that letter.")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return IndexEntry.objects.public().filter(letter=self.letter)

    def get_paginator(self, queryset, per_page, **kwargs):
        # The letter's count is in the letter bar's summary: no COUNT(*).
        return CountedPaginator(
            queryset, per_page, count=self.letters.get(self.letter, 0)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            letters=self.letters, letter=self.letter, **kwargs
        )


class ConditionDetailView(DetailView):
    """A condition's approved version and its published articles."""

    queryset = Condition.objects.with_published_articles()
    slug_field = "public_slug"
    context_object_name = "condition"

    def get_context_data(self, **kwargs):
        condition = self.object
        related = [other["id"] for other in condition.related_data]
        articles, pages = page_of(
            self.request,
            Article.objects.published()
            .filter(public_condition=condition)
            .order_by("kind", "live_version__data__title", "pk"),
            ARTICLES_PER_PAGE,
            read=lambda rows: rows.cards(**WITH_SUMMARY),
        )
        return super().get_context_data(
            codes=codes_with_scope(
                condition.public_codes,
                name=condition.public_name,
                synonyms=condition.public_synonym_list,
            ),
            articles=articles,
            **pages,
            resources=condition.public_resources,
            related_conditions=Condition.objects.with_published_articles().filter(
                pk__in=related
            ),
            **kwargs,
        )
