"""A small published site, and the public pages to check on it."""

from django.urls import reverse
from django.utils import timezone

from conditions.models import Resource, SitePageKind
from reviews.models import ReviewerProfile
from tests.factories import (
    make_article,
    make_condition,
    make_site_page,
    make_user,
    publish,
)


def build_public_site() -> dict[str, str]:
    """Publish one richly structured article; return {page name: path}."""
    editor = make_user("site-editor", "Editors")
    reviewer = make_user("site-reviewer", "Reviewers")
    condition = make_condition()
    Resource.objects.create(
        condition=condition,
        kind="support_group",
        name="A support group",
        url="https://support.example.org/",
    )
    article = make_article(condition=condition, by=editor, sections=3, references=2)
    first, second, third = article.sections.all()
    second.audience = "professionals"
    second.save()
    third.visibility = "members"
    third.save()
    publish(article, editor=editor, reviewer=reviewer)
    board = make_site_page(
        by=editor,
        kind=SitePageKind.ADVISORY_BOARD,
        title="Advisory board",
        body="# How members are chosen\n\nBy their peers.\n\n| a | b |\n|---|---|\n"
        "| 1 | 2 |",
    )
    publish(board, editor=editor, reviewer=reviewer)
    ReviewerProfile.objects.create(
        user=reviewer,
        credentials="MD",
        specialty="Immunology",
        bio="A short biography.",
        verified_at=timezone.now(),
        verified_by=make_user("site-admin", is_superuser=True),
    )
    return {
        "home": reverse("conditions:home"),
        "index": reverse("conditions:condition_list"),
        "condition": condition.get_absolute_url(),
        "article": article.get_absolute_url(),
        "question form": reverse(
            "conditions:follow_up_question", args=[condition.slug, article.slug]
        ),
        "icd10 browse": reverse("conditions:icd10_browse"),
        "icd10 look-up": reverse("conditions:icd10_lookup", args=["D89.4"]),
        "search": reverse("conditions:search") + "?q=mast",
        "sign up": reverse("signup"),
        "log in": reverse("login"),
        "advisory board": board.get_absolute_url(),
    }
