"""Every public page of the demo site, for the checks that must hold on all of
them (valid HTML, no accessibility violations, no sideways scrolling)."""

import io
import re
from urllib.parse import urlencode

from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse

from conditions.models import Condition

SEARCHES = ["MAS", "mast cell", "tryptase"]


def load_demo_site() -> dict[str, str]:
    """Load the demo content; return {page name: path} for each public page.

    The articles come from the sitemap, as a search engine would find them;
    around them, every page a reader reaches from the header and the articles.
    """
    # Tests run with DEBUG off, as production does. The search index is
    # written after commit, which a test inside a transaction must run itself.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", allow_production=True, stdout=io.StringIO())
    sitemap = Client().get("/sitemap.xml").content.decode()
    articles = [
        re.sub(r"^https?://[^/]+", "", loc)
        for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]
    pages = {
        "home": reverse("conditions:home"),
        "A–Z": reverse("conditions:condition_list"),
        "ICD-10-CM browse": reverse("conditions:icd10_browse"),
        "sign up": reverse("signup"),
        "log in": reverse("login"),
        "consultation request": reverse("conditions:consultation_request"),
    }
    for query in SEARCHES:
        pages[f"search {query}"] = (
            f"{reverse('conditions:search')}?{urlencode({'q': query})}"
        )
    pages["search, filtered"] = reverse("conditions:search") + "?kind=overview"
    for condition in Condition.objects.with_published_articles():
        pages[condition.name] = condition.get_absolute_url()
    # Every chapter, block, category and code the browse tree links to.
    browse = Client().get(pages["ICD-10-CM browse"]).content.decode()
    for path in sorted(set(re.findall(r'href="(/icd10/[^"/]+/)"', browse))):
        pages[f"ICD-10-CM {path.split('/')[2]}"] = path
    for path in articles:
        pages[path] = path
    pages["follow-up question"] = articles[0] + "ask/"
    return pages
