"""Article pages: the published article, a draft's preview, and the reader's
audience choice."""

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.views import RedirectURLMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from conditions import frozen_pages
from conditions.models import Article
from conditions.reading import (
    AUDIENCE_COOKIE,
    READER_AUDIENCES,
    article_body_context,
    preview_problems,
    unsaved_version,
    withdrawn_response,
)
from reviews.models import PublishedVersion, ReviewState, tracker_steps


@method_decorator(csrf_exempt, name="dispatch")
class AudienceView(RedirectURLMixin, View):
    """Remember "Which best describes you?" in a cookie, for a year.

    Exempt from CSRF: a forged choice only folds sections, all still one click
    away, and a token in the form would set a CSRF cookie on every article
    page, which no cache could then share.
    """

    next_page = "conditions:home"

    def post(self, request):
        response = redirect(self.get_success_url())
        choice = request.POST.get("audience", "")
        if choice in READER_AUDIENCES:
            response.set_cookie(
                AUDIENCE_COOKIE, choice, max_age=365 * 24 * 3600, samesite="Lax"
            )
        else:
            response.delete_cookie(AUDIENCE_COOKIE)
        return response


class ArticleDetailView(View):
    """An approved article: joined from its kept page, or rendered from its
    frozen published version (``conditions/frozen_pages.py``).

    An address that is not public answers with the "withdrawn" page (410) if
    the article was archived, the "pending review" page if the site shows
    those, and 404 otherwise.
    """

    def get(self, request, *args, **kwargs):
        address = kwargs["condition_slug"], kwargs["slug"]
        if frozen_pages.is_for_everyone(request):
            kept = frozen_pages.KeptPage.at(*address)
            if kept is None:
                return self.unpublished(*address)
            if kept.is_current():
                return HttpResponse(kept.joined())
        article = Article.objects.published().at(*address).first()
        if article is None:
            return self.unpublished(*address)
        parts = frozen_pages.page_parts(request, article)
        return HttpResponse(
            frozen_pages.joined(parts, article.pk, article.related_conditions)
        )

    def unpublished(self, condition_slug: str, slug: str):
        """An address with no published article: the withdrawn page of an
        archived article at its last public address, the pending page of a
        submission at its draft's, or 404. Only these addresses pay for
        those look-ups."""
        article = (
            Article.objects.at(condition_slug, slug).first()
            or Article.objects.filter(condition__slug=condition_slug, slug=slug).first()
        )
        if article is None:
            raise Http404("No article at this address.")
        if self.shows_pending(article):
            return self.render_pending(article)
        withdrawn = withdrawn_response(
            self.request, article, template="conditions/article_withdrawn.html"
        )
        if withdrawn is None:
            raise Http404("No article at this address.")
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
            "conditions/article_pending.html",
            {
                "article": article,
                "steps": tracker_steps(article.review_state),
                **article_body_context(
                    self.request, draft, article.condition.as_shown(published=False)
                ),
            },
        )


def article_preview_response(request, article, data=None, *, errors=None):
    """The draft (or ``data``, an edit not saved yet) rendered exactly as it
    would be published, with what to fix or check first: ``errors`` of the
    unsaved form (None for the saved draft), the problems that stop a
    submission and those the reviewer must acknowledge."""
    draft = unsaved_version(article, data)
    return TemplateResponse(
        request,
        "conditions/article_detail.html",
        {
            "article": article,
            "steps": tracker_steps(article.review_state),
            **article_body_context(
                request, draft, article.condition.as_shown(published=False)
            ),
            "preview": True,
            "preview_unsaved": errors is not None,
            "preview_problems": preview_problems(article, draft.data, errors or ()),
        },
    )


class ArticlePreviewView(PermissionRequiredMixin, View):
    """Staff see the current draft rendered exactly as it would be published."""

    permission_required = "conditions.view_article"

    def get(self, request, pk):
        article = get_object_or_404(Article.objects.select_related("condition"), pk=pk)
        return article_preview_response(request, article)
