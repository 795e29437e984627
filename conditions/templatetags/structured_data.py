"""schema.org JSON-LD for article pages, built from the published version."""

import json

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from conditions.models import Audience

register = template.Library()

# schema.org's medical audiences for the sections' audience field.
AUDIENCE_TYPES = {
    Audience.EVERYONE: ["Patient", "Clinician"],
    Audience.PATIENTS: ["Patient"],
    Audience.PROFESSIONALS: ["Clinician"],
}


@register.simple_tag
def absolute_url(path: str) -> str:
    """``path`` at the site's public address (``SITE_URL``), whatever host a
    request named: canonical links and structured data are the same for
    every reader, and a forged Host header cannot put another site in them."""
    return settings.SITE_URL.rstrip("/") + path


def reviewer_name(version) -> str:
    user = version.approved_by
    return version.reviewer_name or user.get_full_name() or user.get_username()


def reviewed_by(version) -> dict | list[dict]:
    """The approver, or each stage's (clinical, then pharmacist)."""
    if version.sign_offs:
        return [
            {
                "@type": "Person",
                "name": sign_off["name"],
                "description": sign_off["label"],
            }
            for sign_off in version.sign_offs
        ]
    return {"@type": "Person", "name": reviewer_name(version)}


def article_structured_data(article, version, condition: dict) -> dict:
    """A MedicalWebPage about a MedicalCondition (as ``Condition.as_shown``
    gives it) with its ICD-10-CM codes."""
    data = version.data
    audiences = dict.fromkeys(
        kind
        for section in data.get("sections", [])
        for kind in AUDIENCE_TYPES.get(section.get("audience", Audience.EVERYONE), [])
    )
    reviewed = version.last_reviewed_on or version.approved_at.date()
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": absolute_url(article.get_absolute_url()),
        "name": data["title"],
        "headline": data["title"],
        "description": data["summary"],
        "inLanguage": "en",
        "lastReviewed": reviewed.isoformat(),
        "dateModified": version.approved_at.isoformat(),
        "reviewedBy": reviewed_by(version),
        "audience": [
            {"@type": "MedicalAudience", "audienceType": kind} for kind in audiences
        ],
        "about": {
            "@type": "MedicalCondition",
            "name": condition["name"],
            "alternateName": condition["synonyms"],
            "url": absolute_url(
                reverse("conditions:condition_detail", args=[condition["slug"]])
            ),
            "code": [
                {
                    "@type": "MedicalCode",
                    "codeValue": code["code"],
                    "codingSystem": "ICD-10-CM",
                    "name": code["title"],
                }
                for code in condition["codes"]
            ],
        },
        "citation": [
            {"@type": "CreativeWork", "name": ref["title"]}
            for ref in data.get("references", [])
        ],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        **({"hasPart": quotes} if (quotes := _quotations(version)) else {}),
    }


def _public_blocks(version) -> list[dict]:
    """The quotes and FAQs of the public sections, found when the version was
    rendered (none for versions approved before blocks existed)."""
    return json.loads((version.fragments or {}).get("blocks", "[]"))


def _quotations(version) -> list[dict]:
    """Each expert quote as a schema.org Quotation by its Person."""
    quotations = []
    for block in _public_blocks(version):
        if block["type"] != "quote":
            continue
        person = {"@type": "Person", "name": block["name"]}
        if block["credentials"]:
            person["honorificSuffix"] = block["credentials"]
        if block["affiliation"]:
            person["affiliation"] = {
                "@type": "Organization",
                "name": block["affiliation"],
            }
        quotations.append(
            {"@type": "Quotation", "text": block["text"], "spokenByCharacter": person}
        )
    return quotations


def faq_structured_data(version) -> dict | None:
    """A schema.org FAQPage of every public FAQ block's questions, or None."""
    questions = [
        {
            "@type": "Question",
            "name": item["question"],
            "acceptedAnswer": {"@type": "Answer", "text": item["answer"]},
        }
        for block in _public_blocks(version)
        if block["type"] == "faq"
        for item in block["items"]
    ]
    if not questions:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": questions,
    }


def _json_ld(data: dict) -> str:
    """``<script type="application/ld+json">`` with ``<``, ``>`` and ``&`` escaped."""
    return json_script(data).replace(
        'type="application/json"', 'type="application/ld+json"', 1
    )


@register.simple_tag
def article_json_ld(article, version, condition) -> str:
    """The article's JSON-LD script, and an FAQPage one if it has FAQs."""
    scripts = [_json_ld(article_structured_data(article, version, condition))]
    if faq := faq_structured_data(version):
        scripts.append(_json_ld(faq))
    # json_script escapes the JSON for HTML.
    return mark_safe("\n".join(scripts))  # noqa: S308
