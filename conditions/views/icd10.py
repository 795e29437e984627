"""ICD-10-CM for readers and record systems: browse and look-up, one level
of the tree at a time, so that no page grows with the catalogue.

- ``/icd10/``: the chapters that have published articles, with counts.
- ``/icd10/<code>/``: a chapter, block, category or code: its official title,
  the branches one level under it that have articles (with counts), and the
  published articles for it and everything under it, fifty a page
  (``?page=``), as HTML or, for ``Accept: application/json``, JSON.
"""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.cache import patch_vary_headers
from django.views.generic import TemplateView

from conditions import icd10
from conditions.models import Article, published_branches
from conditions.pagination import page_of

# Articles a look-up lists a page at a time, each with its summary and how
# each of its codes compares with the item.
PAGE_SIZE = 20


class IcdBrowseView(TemplateView):
    template_name = "conditions/icd10_browse.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(chapters=published_branches(None), **kwargs)


def wants_json(request) -> bool:
    preferred = request.get_preferred_type(["text/html", "application/json"])
    return preferred == "application/json"


def article_json(request, article, codes=()) -> dict:
    data = article.live_version.data
    return {
        "title": data["title"],
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "summary": data["summary"],
        "kind": data["kind"],
        "condition": {
            "name": article.public_condition.public_name,
            "url": request.build_absolute_uri(
                article.public_condition.get_absolute_url()
            ),
        },
        "codes": [
            {key: c[key] for key in ("code", "title", "scope", "scope_note")}
            for c in codes
        ],
        "last_reviewed": article.live_version.approved_at.isoformat(),
        "next_review_due": article.live_version.next_review_due.isoformat(),
    }


class IcdLookupView(TemplateView):
    """One ICD-10-CM item and the published articles for it and under it."""

    template_name = "conditions/icd10_lookup.html"

    def get(self, request, *args, code, **kwargs):
        as_json = wants_json(request)
        item = icd10.icd_item(code)
        if item is None:
            response = self.unknown(code, as_json=as_json)
        elif item.code != code:
            return redirect(item.get_absolute_url(), permanent=True)
        else:
            articles, pages = page_of(
                request,
                Article.objects.published()
                .coded_under(item.code)
                # What an entry shows: not the condition's version, the
                # reviewer or the article's rendered HTML.
                .select_related(None)
                .select_related("public_condition", "live_version")
                .defer("live_version__html", "live_version__fragments")
                .prefetch_related("public_condition__published_codes")
                .order_by("public_condition__public_name", "pk"),
                PAGE_SIZE,
            )
            entries = icd10.coded_entries(articles, item)
            if as_json:
                response = JsonResponse(self.as_json(item, entries, **pages))
            else:
                response = self.render_to_response(
                    self.get_context_data(
                        item=item,
                        entries=entries,
                        branches=published_branches(item),
                        **pages,
                    )
                )
        patch_vary_headers(response, ["Accept"])
        return response

    def as_json(
        self,
        item: icd10.IcdItem,
        entries: list[dict],
        *,
        page: int,
        next_page,
        page_size: int,
    ) -> dict:
        request = self.request
        url = request.build_absolute_uri(item.get_absolute_url())
        return {
            "code": item.code,
            "title": item.title,
            "level": item.level,
            "billable": item.is_leaf,
            "url": url,
            "parents": [{"code": c, "title": t} for c, t in item.ancestors],
            "page": page,
            "page_size": page_size,
            "next": f"{url}?page={next_page}" if next_page else None,
            "articles": [
                article_json(request, e["article"], e["codes"]) for e in entries
            ],
        }

    def unknown(self, code: str, *, as_json: bool) -> HttpResponse:
        message = icd10.MSG_UNKNOWN_CODE.format(code=code)
        if as_json:
            return JsonResponse(
                icd10.error_json(404, "unknown_code", message), status=404
            )
        return self.response_class(
            request=self.request,
            template="conditions/icd10_unknown.html",
            context={"code": code, "message": message},
            status=404,
        )
