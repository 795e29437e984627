"""The home page, the A–Z index and condition pages."""

from django.views.generic import DetailView, ListView, TemplateView

from conditions.icd10 import codes_with_scope
from conditions.models import Article, Condition


class HomeView(TemplateView):
    template_name = "conditions/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            chapters=Article.objects.published().icd_tree(),
            recent_articles=Article.objects.recently_approved()[:6],
            **kwargs,
        )


class ConditionListView(ListView):
    """The A–Z index of conditions that have published articles.

    Each synonym or abbreviation is an entry of its own ("MAS, see Macrophage
    activation syndrome"), filed under its own letter.
    """

    queryset = Condition.objects.with_published_articles().prefetch_related("codes")
    context_object_name = "conditions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = [
            {"name": condition.name, "condition": condition}
            for condition in context["conditions"]
        ] + [
            {"name": synonym, "condition": condition, "see": True}
            for condition in context["conditions"]
            for synonym in condition.synonym_list
        ]
        context["entries"] = sorted(entries, key=lambda e: e["name"].casefold())
        return context


class ConditionDetailView(DetailView):
    queryset = Condition.objects.with_published_articles().prefetch_related("codes")
    context_object_name = "condition"

    def get_context_data(self, **kwargs):
        condition = self.object
        return super().get_context_data(
            codes=codes_with_scope(
                [code.as_data() for code in condition.codes.all()],
                name=condition.name,
                synonyms=condition.synonym_list,
            ),
            articles=condition.articles.published().order_by("kind", "title"),
            resources=condition.resources.all(),
            related_conditions=Condition.objects.with_published_articles().filter(
                related=condition
            ),
            **kwargs,
        )
