"""ICD-10-CM for readers and record systems: browse, look-up and Infobutton.

- ``/icd10/``: chapters → blocks → categories → codes that have published
  articles, with counts.
- ``/icd10/<code>/``: a code's official title and the published articles for
  it and everything under it, as HTML or, for ``Accept: application/json``,
  JSON.
- ``/connect/``: the HL7 Infobutton knowledge request as MedlinePlus Connect
  answers it (Atom by default, JSON on request), so health-record systems can
  call this site exactly as they call MedlinePlus Connect.

Titles and the hierarchy come from the offline ``simple-icd-10-cm`` data;
everything a reader sees about an article comes from its published version.
"""

import io
import re
from dataclasses import dataclass, field

import simple_icd_10_cm as cm
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.xmlutils import SimplerXMLGenerator
from django.views import View
from django.views.generic import TemplateView

from conditions import icd10
from conditions.models import Article

ICD10CM_OID = "2.16.840.1.113883.6.90"
ATOM_NS = "http://www.w3.org/2005/Atom"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SITE_NAME = "Condition Site"
# Articles are written in English only; other languages get an empty answer.
CONTENT_LANGUAGES = {"en"}

MSG_UNKNOWN = (
    "“{code}” is not an ICD-10-CM code, block or chapter. Codes look like "
    "D89.41 (a letter, two digits, then up to four characters after the dot)."
)
MSG_NOT_A_CODE = (
    "“{code}” is an ICD-10-CM chapter or block; send a category or "
    "subcategory code such as D89.41."
)
MSG_NO_CODE = "Send the code in mainSearchCriteria.v.c, e.g. D89.41."
MSG_CODE_SYSTEM = (
    f"Only ICD-10-CM codes are answered: set mainSearchCriteria.v.cs to {ICD10CM_OID}."
)


# --- the code set ---------------------------------------------------------


@dataclass(frozen=True)
class IcdItem:
    """A chapter, block, category or subcategory code, with its place in the tree."""

    code: str
    title: str
    level: str
    is_leaf: bool
    ancestors: tuple[tuple[str, str], ...]  # (code, title), chapter first

    def get_absolute_url(self):
        return reverse("conditions:icd10_lookup", args=[self.code])

    def covers(self, code: str) -> bool:
        """Whether ``code`` is this item or lies under it."""
        return code == self.code or self.code in cm.get_ancestors(code)


def icd_item(raw: str) -> IcdItem | None:
    """The ICD-10-CM item ``raw`` names (case, spaces and dot forgiven), or None."""
    code = icd10.normalize(raw)
    if not code or not cm.is_valid_item(code):
        return None
    if cm.is_chapter(code):
        level = "chapter"
    elif cm.is_block(code):
        level = "block"
    elif cm.is_category(code):
        level = "category"
    else:
        level = "code"
    return IcdItem(
        code=code,
        title=cm.get_description(code),
        level=level,
        is_leaf=cm.is_leaf(code),
        ancestors=tuple(
            (ancestor, cm.get_description(ancestor))
            for ancestor in reversed(cm.get_ancestors(code))
        ),
    )


# Words that do not change what a title names.
_IGNORED = {
    "a", "an", "and", "by", "due", "for", "in", "nos", "not", "of", "or", "the",
    "to", "with", "without", "syndrome", "disease", "disorder", "disorders",
    "unspecified",
}  # fmt: skip
# Words by which ICD-10-CM marks a residual or grouping code.
_GROUPING = {"other", "related", "nec"}

SCOPE_NOTES = {
    "exact": "Same as this condition.",
    "broader": "Broader than this condition: the code also covers other conditions.",
    "unspecified": "Matches this condition when its type is not specified.",
    "narrower": "Narrower than this condition: the code names one form of it.",
    "differs": "Not an exact match: the code's official title names something "
    "different from this condition's name.",
}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower())) - _IGNORED


def code_scope(*, name: str, synonyms: list[str], code: str, title: str) -> str:
    """How a code compares with the condition it is attached to.

    Derived from the code set alone: a title equal to the condition's name or
    a synonym is "exact"; a code with codes under it, or a residual ("Other
    …", "… and related disorders") title, is "broader"; a title that adds
    words to the name ("Idiopathic mast cell activation syndrome" for "Mast
    cell activation syndrome") is "narrower", one that drops words is
    "broader"; the "… unspecified" code of the same name is "unspecified";
    anything else "differs", and nothing more is claimed.
    """
    if title.casefold() in {n.casefold() for n in [name, *synonyms]}:
        return "exact"
    title_words, name_words = _words(title), _words(name)
    if not cm.is_leaf(code) or title_words & _GROUPING:
        return "broader"
    if title_words == name_words:
        return "unspecified" if "unspecified" in title.casefold() else "exact"
    if name_words < title_words:
        return "narrower"
    if title_words < name_words:
        return "broader"
    return "differs"


def codes_with_scope(codes: list[dict], *, name: str, synonyms: list[str]) -> list:
    """Code dicts of one condition, each with a ``scope_note`` saying how the
    code compares with the condition ("" where it is the condition itself)."""
    notes = []
    for code in codes:
        scope = code_scope(
            name=name, synonyms=synonyms, code=code["code"], title=code["title"]
        )
        notes.append(
            {**code, "scope_note": "" if scope == "exact" else SCOPE_NOTES[scope]}
        )
    return notes


def coded_entries(articles, item: IcdItem) -> list[dict]:
    """Each article with its condition's codes under ``item`` and their scope."""
    entries = []
    for article in articles:
        condition = article.condition
        codes = [
            {
                "code": c.code,
                "title": c.title,
                "scope": (
                    scope := code_scope(
                        name=condition.name,
                        synonyms=condition.synonym_list,
                        code=c.code,
                        title=c.title,
                    )
                ),
                "scope_note": SCOPE_NOTES[scope],
            }
            for c in condition.codes.all()
            if item.covers(c.code)
        ]
        entries.append({"article": article, "codes": codes})
    return entries


# --- the browse tree ------------------------------------------------------


@dataclass
class Branch:
    code: str
    title: str
    children: dict = field(default_factory=dict)
    articles: set = field(default_factory=set)
    conditions: dict = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def branches(self) -> list["Branch"]:
        return sorted(self.children.values(), key=lambda b: b.code)

    def get_absolute_url(self):
        return reverse("conditions:icd10_lookup", args=[self.code])


def icd_tree(articles) -> list[Branch]:
    """Chapters → blocks → categories → codes that have published articles.

    ``articles`` yields (article pk, condition name, condition URL, code):
    one row per code of each published article's condition.
    """
    chapters: dict[str, Branch] = {}
    for pk, name, url, code in articles:
        if not code:
            continue
        path = [*reversed(cm.get_ancestors(code)), code]
        # Some chapters nest blocks (C00-C96 > C00-C75 > C00-C14): the
        # deepest block is the one that names the category's group.
        block = [node for node in path if cm.is_block(node)][-1]
        category = next(node for node in path if cm.is_category(node))
        nodes = [path[0], block, category] + ([code] if code != category else [])
        level = chapters
        for node in nodes:
            branch = level.setdefault(node, Branch(node, cm.get_description(node)))
            branch.articles.add(pk)
            level = branch.children
        branch.conditions[url] = name
    return sorted(chapters.values(), key=lambda b: int(b.code))


def published_code_rows():
    return Article.objects.published().values_list(
        "pk", "condition__name", "condition__slug", "condition__codes__code"
    )


def browse_tree() -> list[Branch]:
    """The whole browse tree in one query."""
    rows = (
        (pk, name, reverse("conditions:condition_detail", args=[slug]), code)
        for pk, name, slug, code in published_code_rows()
    )
    return icd_tree(rows)


class IcdBrowseView(TemplateView):
    template_name = "conditions/icd10_browse.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(chapters=browse_tree(), **kwargs)


# --- look-up ----------------------------------------------------------------


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
            "name": article.condition.name,
            "url": request.build_absolute_uri(article.condition.get_absolute_url()),
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
        item = icd_item(code)
        if item is None:
            response = self.unknown(code, as_json=as_json)
        elif item.code != code:
            return redirect(item.get_absolute_url(), permanent=True)
        else:
            articles = (
                Article.objects.published()
                .coded_under(item.code)
                .prefetch_related("condition__codes")
                .order_by("condition__name", "title")
            )
            entries = coded_entries(articles, item)
            if as_json:
                response = JsonResponse(self.as_json(item, entries))
            else:
                response = self.render_to_response(
                    self.get_context_data(item=item, entries=entries)
                )
        patch_vary_headers(response, ["Accept"])
        return response

    def as_json(self, item: IcdItem, entries: list[dict]) -> dict:
        request = self.request
        return {
            "code": item.code,
            "title": item.title,
            "level": item.level,
            "billable": item.is_leaf,
            "url": request.build_absolute_uri(item.get_absolute_url()),
            "parents": [{"code": c, "title": t} for c, t in item.ancestors],
            "articles": [
                article_json(request, e["article"], e["codes"]) for e in entries
            ],
        }

    def unknown(self, code: str, *, as_json: bool) -> HttpResponse:
        message = MSG_UNKNOWN.format(code=code)
        if as_json:
            return JsonResponse(error_json(404, "unknown_code", message), status=404)
        return self.response_class(
            request=self.request,
            template="conditions/icd10_unknown.html",
            context={"code": code, "message": message},
            status=404,
        )


def error_json(status: int, code: str, message: str) -> dict:
    return {"error": {"status": status, "code": code, "message": message}}


# --- HL7 Infobutton, as MedlinePlus Connect answers it ---------------------


def connect_articles(item: IcdItem) -> tuple[str, list]:
    """Articles for a code, else for its nearest parent down to the category.

    MedlinePlus Connect answers a code it has no page for with the pages of
    the nearest broader code; so does this. One query for the category, then
    the nearest level that has articles is chosen in memory.
    """
    category = item.code[:3]
    articles = list(
        Article.objects.published()
        .coded_under(category)
        .prefetch_related("condition__codes")
        .order_by("kind", "title")
    )
    levels = [item.code] + [
        code for code, _ in reversed(item.ancestors) if code.startswith(category)
    ]
    for level in levels:
        matched = [
            a
            for a in articles
            if any(
                c.code == level or level in cm.get_ancestors(c.code)
                for c in a.condition.codes.all()
            )
        ]
        if matched:
            return level, matched
    return item.code, []


class ConnectView(View):
    """``/connect/``: knowledge requests in the HL7 Infobutton URL form.

    Parameters as MedlinePlus Connect takes them:
    ``mainSearchCriteria.v.cs`` (must be ICD-10-CM, 2.16.840.1.113883.6.90),
    ``mainSearchCriteria.v.c`` (the code), ``mainSearchCriteria.v.dn``
    (display name, echoed), ``informationRecipient`` (PAT or PROV, echoed),
    ``informationRecipient.languageCode.c`` (en by default) and
    ``knowledgeResponseType`` (``text/xml`` Atom by default, or
    ``application/json``).
    """

    def get(self, request):
        params = request.GET
        as_json = params.get("knowledgeResponseType", "") == "application/json"
        language = params.get("informationRecipient.languageCode.c", "en").lower()
        raw_code = params.get("mainSearchCriteria.v.c", "").strip()
        code_system = params.get("mainSearchCriteria.v.cs", ICD10CM_OID).strip()

        if code_system != ICD10CM_OID:
            return self.error(400, "unsupported_code_system", MSG_CODE_SYSTEM, as_json)
        if not raw_code:
            return self.error(400, "missing_code", MSG_NO_CODE, as_json)
        item = icd_item(raw_code)
        if item is None:
            message = MSG_UNKNOWN.format(code=raw_code)
            return self.error(404, "unknown_code", message, as_json)
        if item.level in {"chapter", "block"}:
            message = MSG_NOT_A_CODE.format(code=item.code)
            return self.error(404, "not_a_code", message, as_json)

        if language in CONTENT_LANGUAGES:
            _, articles = connect_articles(item)
        else:
            articles = []
        feed = self.feed(item, articles, language)
        if as_json:
            return JsonResponse({"feed": feed})
        return HttpResponse(atom(feed), content_type="application/atom+xml")

    def feed(self, item: IcdItem, articles: list, language: str) -> dict:
        """The MedlinePlus Connect response shape (its JSON form)."""
        request, params = self.request, self.request.GET
        now = timezone.now().isoformat()
        host = request.get_host().split(":")[0]
        return {
            "xsi": XSI_NS,
            "base": request.build_absolute_uri("/"),
            "lang": language,
            "title": {"_value": SITE_NAME, "type": "text"},
            "subtitle": {
                "_value": f"{SITE_NAME} results for ICD-10-CM {item.code}",
                "type": "text",
            },
            "author": {
                "name": {"_value": SITE_NAME},
                "uri": {"_value": request.build_absolute_uri("/")},
            },
            "updated": {"_value": now},
            "category": [
                {"scheme": "mainSearchCriteria.v.c", "term": item.code},
                {"scheme": "mainSearchCriteria.v.cs", "term": ICD10CM_OID},
                {
                    "scheme": "mainSearchCriteria.v.dn",
                    "term": params.get("mainSearchCriteria.v.dn", ""),
                },
                {
                    "scheme": "informationRecipient",
                    "term": params.get("informationRecipient", ""),
                },
            ],
            "id": {"_value": request.build_absolute_uri()},
            "entry": [self.entry(article, host) for article in articles],
        }

    def entry(self, article, host: str) -> dict:
        data, version = article.live_version.data, article.live_version
        url = self.request.build_absolute_uri(article.get_absolute_url())
        approved = version.approved_at
        return {
            "lang": "en",
            "title": {"_value": data["title"], "type": "text"},
            "link": [
                {
                    "title": data["title"],
                    "rel": "alternate",
                    "type": "html",
                    "href": url,
                }
            ],
            "id": {
                "_value": f"tag:{host},{approved:%Y-%m-%d}:{article.get_absolute_url()}"
            },
            "updated": {"_value": approved.isoformat()},
            "summary": {
                "_value": f"<p>{escape(data['summary'])}</p>"
                f'<p class="attribution">{escape(data["kind_label"])} about '
                f"{escape(article.condition.name)}, reviewed by our medical "
                f"advisory board on {approved.day} {approved:%B %Y}.</p>",
                "type": "html",
            },
        }

    def error(self, status: int, code: str, message: str, as_json: bool):
        if as_json:
            return JsonResponse(error_json(status, code, message), status=status)
        return HttpResponse(
            message, status=status, content_type="text/plain; charset=utf-8"
        )


def atom(feed: dict) -> bytes:
    """The same feed as Atom XML, element for element."""
    stream = io.StringIO()
    xml = SimplerXMLGenerator(stream, "utf-8")
    xml.startDocument()
    xml.startElement(
        "feed",
        {
            "xmlns": ATOM_NS,
            "xmlns:xsi": feed["xsi"],
            "xml:base": feed["base"],
            "xml:lang": feed["lang"],
        },
    )
    xml.addQuickElement("title", feed["title"]["_value"], {"type": "text"})
    xml.addQuickElement("subtitle", feed["subtitle"]["_value"], {"type": "text"})
    xml.startElement("author", {})
    xml.addQuickElement("name", feed["author"]["name"]["_value"])
    xml.addQuickElement("uri", feed["author"]["uri"]["_value"])
    xml.endElement("author")
    xml.addQuickElement("updated", feed["updated"]["_value"])
    for category in feed["category"]:
        xml.addQuickElement("category", attrs=category)
    xml.addQuickElement("id", feed["id"]["_value"])
    for entry in feed["entry"]:
        xml.startElement("entry", {"xml:lang": entry["lang"]})
        xml.addQuickElement("title", entry["title"]["_value"], {"type": "text"})
        for link in entry["link"]:
            xml.addQuickElement("link", attrs=link)
        xml.addQuickElement("id", entry["id"]["_value"])
        xml.addQuickElement("updated", entry["updated"]["_value"])
        xml.addQuickElement("summary", entry["summary"]["_value"], {"type": "html"})
        xml.endElement("entry")
    xml.endElement("feed")
    return stream.getvalue().encode()
