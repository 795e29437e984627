"""``/search/?q=…``: ranked, highlighted, paginated, filterable."""

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.views.generic import ListView

from conditions.filters import ArticleFilter
from conditions.models import Article
from conditions.pagination import WindowCountPaginator
from conditions.search import (
    MAX_LISTED,
    alternative_names,
    highlight,
    is_capped,
    match_pattern,
    query_words,
    search_published,
    snippet,
    typed_code,
)


class SearchView(ListView):
    """``/search/?q=…``: ranked, highlighted, paginated, filterable."""

    template_name = "conditions/search.html"
    context_object_name = "results"
    paginate_by = 10
    paginator_class = WindowCountPaginator
    listed = more_listed = None

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "").strip()[:200]
        item = typed_code(self.query)
        if item is not None:
            return redirect(item.get_absolute_url())
        self.words = query_words(self.query)
        self.alternatives = alternative_names(self.words, self.query)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.filterset = ArticleFilter(
            self.request.GET, queryset=Article.objects.published()
        )
        filtered = self.filterset.is_valid() and self.filterset.is_active
        if not self.words:
            if not filtered:
                return Article.objects.none()
            # Filters alone: the newest ``MAX_LISTED`` ids first (one query
            # along an index, one id more to know whether there are more),
            # then a page of them; never a count of every match, nor a join
            # of every match's version.
            newest = self.filterset.qs.newest_ids(MAX_LISTED + 1)
            self.listed, self.more_listed = newest[:MAX_LISTED], newest[MAX_LISTED:]
            return self.listed
        return search_published(
            Article.objects.published(),
            self.words,
            self.alternatives,
            filtered=self.filterset.qs if filtered else None,
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.listed is None:
            return super().get_paginator(queryset, per_page, **kwargs)
        return Paginator(queryset, per_page, **kwargs)

    def results(self, page: list) -> list:
        """The page's articles: a page of ranked matches, or the articles of
        a page of listed ids (one query), in their order."""
        if self.listed is None:
            return page
        articles = Article.objects.published().in_bulk(page)
        return [articles[pk] for pk in page if pk in articles]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pattern = match_pattern(self.words, self.alternatives)
        paginator = context["paginator"]
        context.update(
            query=self.query,
            filterset=self.filterset,
            alternatives=self.alternatives,
            # Ranked matches stopped at the cap: there may be more.
            capped=bool(self.words) and paginator and is_capped(paginator.count),
            # Filters alone list the newest ``MAX_LISTED`` articles at most.
            listed_newest=bool(self.more_listed),
            entries=[
                {
                    "article": article,
                    "title": highlight(article.live_version.data["title"], pattern),
                    "snippet": snippet(article, pattern),
                }
                for article in self.results(context["results"])
            ],
        )
        return context
