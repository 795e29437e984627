"""Pages about the site itself: about us, editorial policy, the advisory
board, contact and privacy. Readers see their approved text only."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views import View
from django.views.generic import DetailView

from conditions.models import SitePage, SitePageKind
from conditions.reading import preview_problems, unsaved_version, withdrawn_response
from reviews.models import PublishedVersion, ReviewerProfile


def site_page_context(version: PublishedVersion) -> dict:
    """The version to show and, on the advisory board page, the board: the
    verified profiles of active reviewers (one query)."""
    is_board = version.data.get("kind") == SitePageKind.ADVISORY_BOARD
    return {
        "version": version,
        "board": list(ReviewerProfile.objects.on_board()) if is_board else None,
    }


class SitePageDetailView(DetailView):
    """A site page rendered from its frozen published version.

    Editing an approved page leaves the approved text public until the next
    approval. A page never approved is not found (404); an archived one
    answers with the "withdrawn" page (410), as articles do.
    """

    queryset = SitePage.objects.published()
    context_object_name = "site_page"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # Only addresses that are not public pay for these look-ups.
            page = SitePage.objects.filter(slug=kwargs["slug"]).first()
            if page is None:
                raise
            withdrawn = withdrawn_response(
                request, page, template="conditions/sitepage_withdrawn.html"
            )
            if withdrawn is None:
                raise
            return withdrawn

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **site_page_context(self.object.live_version), **kwargs
        )


def site_page_preview_response(request, page, data=None, *, errors=None):
    """The draft (or ``data``, an edit not saved yet) as it would be
    published, with what to fix or check first (as for articles)."""
    draft = unsaved_version(page, data)
    return TemplateResponse(
        request,
        "conditions/sitepage_detail.html",
        {
            "site_page": page,
            **site_page_context(draft),
            "preview": True,
            "preview_unsaved": errors is not None,
            "preview_problems": preview_problems(page, draft.data, errors or ()),
        },
    )


class SitePagePreviewView(PermissionRequiredMixin, View):
    """Staff see the current draft rendered exactly as it would be published."""

    permission_required = "conditions.view_sitepage"

    def get(self, request, pk):
        return site_page_preview_response(request, get_object_or_404(SitePage, pk=pk))
