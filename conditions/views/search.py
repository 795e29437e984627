"""``/search/?q=…``: ranked, highlighted, paginated, filterable."""

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
        articles = Article.objects.published()
        if self.filterset.is_valid() and self.filterset.is_active:
            articles = articles.filter(pk__in=self.filterset.qs.values("pk"))
        elif not self.words:
            return Article.objects.none()
        if not self.words:
            return articles.newest(MAX_LISTED)
        return search_published(articles, self.words, self.alternatives)

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
            listed_newest=not self.words
            and paginator
            and paginator.count >= MAX_LISTED,
            entries=[
                {
                    "article": article,
                    "title": highlight(article.live_version.data["title"], pattern),
                    "snippet": snippet(article, pattern),
                }
                for article in context["results"]
            ],
        )
        return context
