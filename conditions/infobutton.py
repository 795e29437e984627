"""The HL7 Infobutton knowledge response, as MedlinePlus Connect gives it.

A health-record system that links a diagnosis to MedlinePlus Connect can link
it here instead: the same request parameters, the same JSON shape
(``feed.entry[].title._value``, ``link[].href``, ``summary._value``) and the
same Atom, written by Django's own ``Atom1Feed``. A code with no article of
its own gets the articles of its nearest broader code in the same category.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from conditions.icd10 import IcdItem, is_under
from conditions.models import Article

ICD10CM_OID = "2.16.840.1.113883.6.90"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
# Articles are written in English only; other languages get an empty answer.
CONTENT_LANGUAGES = {"en"}

MSG_NO_CODE = "Send the code in mainSearchCriteria.v.c, e.g. D89.41."
MSG_CODE_SYSTEM = (
    f"Only ICD-10-CM codes are answered: set mainSearchCriteria.v.cs to {ICD10CM_OID}."
)


def connect_articles(item: IcdItem) -> list[Article]:
    """Articles for a code, else for its nearest parent down to the category.

    One query for the category, then the nearest level that has articles is
    chosen in memory.
    """
    category = item.code[:3]
    articles = list(
        Article.objects.published()
        .coded_under(category)
        .prefetch_related("public_condition__published_codes")
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
                is_under(c.code, level)
                for c in a.public_condition.published_codes.all()
            )
        ]
        if matched:
            return matched
    return []


def knowledge_response(request, item: IcdItem, language: str) -> dict:
    """The MedlinePlus Connect response shape (its JSON form) for ``item``."""
    params = request.GET
    articles = connect_articles(item) if language in CONTENT_LANGUAGES else []
    host = request.get_host().split(":")[0]
    site = settings.SITE_NAME
    return {
        "xsi": XSI_NS,
        "base": request.build_absolute_uri("/"),
        "lang": language,
        "title": {"_value": site, "type": "text"},
        "subtitle": {
            "_value": f"{site} results for ICD-10-CM {item.code}",
            "type": "text",
        },
        "author": {
            "name": {"_value": site},
            "uri": {"_value": request.build_absolute_uri("/")},
        },
        "updated": {"_value": timezone.now().isoformat()},
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
        "entry": [_entry(request, article, host) for article in articles],
    }


def _entry(request, article: Article, host: str) -> dict:
    data, version = article.live_version.data, article.live_version
    path = article.get_absolute_url()
    url = request.build_absolute_uri(path)
    approved = version.approved_at
    return {
        "lang": "en",
        "title": {"_value": data["title"], "type": "text"},
        "link": [
            {"title": data["title"], "rel": "alternate", "type": "html", "href": url}
        ],
        "id": {"_value": f"tag:{host},{approved:%Y-%m-%d}:{path}"},
        "updated": {"_value": approved.isoformat()},
        "summary": {
            "_value": f"<p>{escape(data['summary'])}</p>"
            f'<p class="attribution">{escape(data["kind_label"])} about '
            f"{escape(article.public_condition.public_name)}, reviewed by our medical "
            f"advisory board on {approved.day} {approved:%B %Y}.</p>",
            "type": "html",
        },
    }


class KnowledgeAtomFeed(Atom1Feed):
    """Atom whose feed categories carry their Infobutton ``scheme``."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:xsi": XSI_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        for category in self.feed["schemed_categories"]:
            handler.addQuickElement("category", "", category)


def atom(feed: dict) -> bytes:
    """The same knowledge response as Atom XML."""
    atom_feed = KnowledgeAtomFeed(
        title=feed["title"]["_value"],
        link=feed["base"],
        description="",
        language=feed["lang"],
        subtitle=feed["subtitle"]["_value"],
        author_name=feed["author"]["name"]["_value"],
        author_link=feed["author"]["uri"]["_value"],
        feed_guid=feed["id"]["_value"],
        schemed_categories=feed["category"],
    )
    for entry in feed["entry"]:
        atom_feed.add_item(
            title=entry["title"]["_value"],
            link=entry["link"][0]["href"],
            description=entry["summary"]["_value"],
            unique_id=entry["id"]["_value"],
            updateddate=datetime.datetime.fromisoformat(entry["updated"]["_value"]),
        )
    return atom_feed.writeString("utf-8").encode()
