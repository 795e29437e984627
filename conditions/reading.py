"""How one reader sees a published version.

Readers choose "patient or carer" or "healthcare professional" (kept in a
cookie); sections written for the other audience are collapsed, never
removed, and members-only sections are replaced by a sign-in prompt for
anonymous readers. Used by the article page, its preview and the pending page.
"""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from conditions.icd10 import codes_with_scope
from conditions.models import Audience, Visibility
from conditions.rendering import article_sections
from reviews.models import PublishedVersion, ReviewEvent

AUDIENCE_COOKIE = "audience"
READER_AUDIENCES = {
    Audience.PATIENTS: "Patient or carer",
    Audience.PROFESSIONALS: "Healthcare professional",
}

# The label above a section written for one audience only.
WRITTEN_FOR = {
    Audience.PATIENTS: "Written for patients and carers",
    Audience.PROFESSIONALS: "Written for healthcare professionals",
}


def reader_audience(request) -> str:
    """The reader's remembered choice, or "" if they have not chosen."""
    choice = request.COOKIES.get(AUDIENCE_COOKIE, "")
    return choice if choice in READER_AUDIENCES else ""


def article_body_context(request, version, condition: dict) -> dict:
    """Sections as this reader sees them, the condition as the page shows it
    (``Condition.as_shown``) with how each ICD-10-CM code compares with it,
    and whether the version's next review date has passed (the same rule as
    ``PublishedVersionQuerySet.overdue``)."""
    audience = reader_audience(request)
    sections = []
    for section in article_sections(version.data, version.fragments):
        written_for = section.get("audience", Audience.EVERYONE)
        sections.append(
            {
                **section,
                "written_for": WRITTEN_FOR.get(written_for, ""),
                "members_only": section.get("visibility") == Visibility.MEMBERS,
                "collapsed": bool(audience)
                and written_for not in (Audience.EVERYONE, audience),
            }
        )
    due = version.next_review_due
    return {
        "version": version,
        "review_overdue": due is not None and due < timezone.localdate(),
        "has_audience_sections": any(section["written_for"] for section in sections),
        "condition": condition,
        "codes": codes_with_scope(
            condition["codes"], name=condition["name"], synonyms=condition["synonyms"]
        ),
        "sections": sections,
        "references_html": version.fragments.get("references", ""),
        "show_members_sections": request.user.is_authenticated,
        "reader_audience": audience,
        "audiences": READER_AUDIENCES,
    }


def unsaved_version(item, data: dict | None = None) -> PublishedVersion:
    """The current draft (or ``data``, an edit not saved yet) rendered as it
    would be frozen, without saving it."""
    data = item.review_data() if data is None else data
    html, fragments = item.render_review(data)
    return PublishedVersion(data=data, html=html, fragments=fragments)


def preview_problems(item, data: dict, errors=()) -> list[str]:
    """What a preview lists above the draft: the form's ``errors`` (an edit
    not saved yet), what stops a submission, then what the reviewer will
    have to acknowledge."""
    return [*errors, *item.review_problems(data), *item.review_warnings(data)]


def withdrawn_response(request, item, *, template: str) -> TemplateResponse | None:
    """The 410 "withdrawn" page of an archived item, or None if it never was.

    The item is named as readers last saw it (the draft's title is
    unreviewed), and no cache may keep the page: a later re-approval or a
    changed reason must show at once.
    """
    archival = ReviewEvent.objects.last_archival(item)
    if archival is None:
        return None
    version = PublishedVersion.objects.for_item(item).order_by("-number").first()
    response = TemplateResponse(
        request,
        template,
        {"title": version.data.get("title", "") if version else "", "event": archival},
        status=410,
    )
    patch_cache_control(response, no_store=True)
    return response
