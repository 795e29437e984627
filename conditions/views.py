"""Public pages. Every page reads only published versions."""

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from conditions.accounts import safe_next_url
from conditions.lookup import browse_tree, codes_with_scope
from conditions.models import Article, Condition
from conditions.rendering import article_sections
from reviews.models import PublishedVersion, ReviewState, tracker_steps
from reviews.views import withdrawn_response


class HomeView(TemplateView):
    template_name = "conditions/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            chapters=browse_tree(),
            recent_articles=Article.objects.recently_approved()[:6],
            **kwargs,
        )


class ConditionListView(ListView):
    """The A–Z index of conditions that have published articles."""

    queryset = Condition.objects.with_published_articles().prefetch_related("codes")
    context_object_name = "conditions"


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


RELATED_ARTICLES_SHOWN = 8
AUDIENCE_COOKIE = "audience"
READER_AUDIENCES = {
    "patients": "Patient or carer",
    "professionals": "Healthcare professional",
}


def reader_audience(request) -> str:
    """The reader's remembered choice, or "" if they have not chosen."""
    choice = request.COOKIES.get(AUDIENCE_COOKIE, "")
    return choice if choice in READER_AUDIENCES else ""


def article_body_context(request, version, condition) -> dict:
    """Sections as this reader sees them: the other audience's collapsed,
    members-only ones replaced by a sign-in prompt for anonymous readers;
    the frozen ICD-10-CM codes with how each compares with the condition."""
    audience = reader_audience(request)
    sections = [
        {
            **section,
            "collapsed": bool(audience)
            and section.get("audience", "everyone") not in ("everyone", audience),
        }
        for section in article_sections(version.data, version.fragments)
    ]
    return {
        "version": version,
        "codes": codes_with_scope(
            version.data["condition"]["codes"],
            name=version.data["condition"]["name"],
            synonyms=condition.synonym_list,
        ),
        "sections": sections,
        "references_html": version.fragments.get("references", ""),
        "show_members_sections": request.user.is_authenticated,
        "reader_audience": audience,
        "audiences": READER_AUDIENCES,
    }


def unsaved_version(article) -> PublishedVersion:
    """The current draft rendered as it would be frozen, without saving it."""
    data = article.review_data()
    html, fragments = article.render_review(data)
    return PublishedVersion(data=data, html=html, fragments=fragments)


class AudienceView(View):
    """Remember "Which best describes you?" in a cookie, for a year."""

    def post(self, request):
        response = redirect(safe_next_url(request))
        choice = request.POST.get("audience", "")
        if choice in READER_AUDIENCES:
            response.set_cookie(
                AUDIENCE_COOKIE, choice, max_age=365 * 24 * 3600, samesite="Lax"
            )
        else:
            response.delete_cookie(AUDIENCE_COOKIE)
        return response


class ArticleDetailView(DetailView):
    """An approved article, rendered from its frozen published version."""

    context_object_name = "article"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Article.objects.published(),
            condition__slug=self.kwargs["condition_slug"],
            slug=self.kwargs["slug"],
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # Only unpublished addresses pay for these look-ups.
            article = Article.objects.filter(
                condition__slug=kwargs["condition_slug"], slug=kwargs["slug"]
            ).first()
            if article is not None and self.shows_pending(article):
                return self.render_pending(article)
            withdrawn = article and withdrawn_response(request, article)
            if not withdrawn:
                raise
            return withdrawn

    @staticmethod
    def shows_pending(article) -> bool:
        """Only never-approved submissions, and only when the site opts in."""
        return (
            settings.REVIEW_SHOW_PENDING
            and article.review_state
            in (ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW)
            and not PublishedVersion.objects.for_item(article).exists()
        )

    def render_pending(self, article):
        draft = unsaved_version(article)
        return TemplateResponse(
            self.request,
            "reviews/pending_detail.html",
            {
                "article": article,
                "steps": tracker_steps(article.review_state),
                **article_body_context(self.request, draft, article.condition),
            },
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            steps=tracker_steps(ReviewState.APPROVED),
            related_articles=Article.objects.published().related_to(self.object)[
                :RELATED_ARTICLES_SHOWN
            ],
            **article_body_context(
                self.request, self.object.live_version, self.object.condition
            ),
            **kwargs,
        )


class ArticlePreviewView(PermissionRequiredMixin, DetailView):
    """Staff see the current draft rendered exactly as it would be published."""

    permission_required = "conditions.view_article"
    queryset = Article.objects.select_related("condition")
    context_object_name = "article"
    template_name = "conditions/article_detail.html"

    def get_context_data(self, **kwargs):
        draft = unsaved_version(self.object)
        return super().get_context_data(
            steps=tracker_steps(self.object.review_state),
            **article_body_context(self.request, draft, self.object.condition),
            preview=True,
            **kwargs,
        )


def healthz(request):
    """200 when the database answers; load balancers poll this."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any database failure is a 503
        return HttpResponse(
            f"database unavailable: {error.__class__.__name__}",
            status=503,
            content_type="text/plain",
        )
    return HttpResponse("ok", content_type="text/plain")
