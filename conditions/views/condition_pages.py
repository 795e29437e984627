"""The home page, the A–Z index and condition pages."""

from django.views.generic import DetailView, ListView, TemplateView

from conditions.icd10 import codes_with_scope
from conditions.models import Article, Condition


class HomeView(TemplateView):
    template_name = "conditions/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            chapters=Article.objects.published().chapter_counts(),
            recent_articles=Article.objects.recently_approved()[:6],
            **kwargs,
        )


class ConditionListView(ListView):
    """The A–Z index of conditions that have published articles.

    Each synonym or abbreviation is an entry of its own ("MAS, see Macrophage
    activation syndrome"), filed under its own letter.
    """

    queryset = Condition.objects.with_published_articles()
    context_object_name = "conditions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = [
            {"name": condition.public_name, "condition": condition}
            for condition in context["conditions"]
        ] + [
            {"name": synonym, "condition": condition, "see": True}
            for condition in context["conditions"]
            for synonym in condition.public_synonym_list
        ]
        context["entries"] = sorted(entries, key=lambda e: e["name"].casefold())
        return context


class ConditionDetailView(DetailView):
    """A condition's approved version and its published articles."""

    queryset = Condition.objects.with_published_articles()
    slug_field = "public_slug"
    context_object_name = "condition"

    def get_context_data(self, **kwargs):
        condition = self.object
        related = [other["id"] for other in condition.related_data]
        return super().get_context_data(
            codes=codes_with_scope(
                condition.public_codes,
                name=condition.public_name,
                synonyms=condition.public_synonym_list,
            ),
            articles=Article.objects.published()
            .filter(public_condition=condition)
            .order_by("kind", "title"),
            resources=condition.public_resources,
            related_conditions=Condition.objects.with_published_articles().filter(
                pk__in=related
            ),
            **kwargs,
        )
