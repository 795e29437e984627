"""Small helpers that build content the way an editor would."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from conditions.models import Article, Condition, ConditionCode, SitePage
from reviews.models import ReviewState
from reviews.services import (
    review_approve,
    review_record_edit,
    review_request_changes,
    review_start,
    review_submit,
)


def make_user(username: str, group: str | None = None, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        password="pass-for-tests-1",  # noqa: S106
        first_name=username.title(),
        is_staff=group is not None,
        **extra,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_condition(name="Monoclonal mast cell activation syndrome", code="D89.41"):
    condition = Condition.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), synonyms="MMAS"
    )
    ConditionCode.objects.create(condition=condition, code=code)
    return condition


def make_article(*, condition, by, sections=2, references=3, title="Overview"):
    """A draft article with numbered sections and references, saved by ``by``."""
    article = Article.objects.create(
        condition=condition,
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"A summary of {title}.",
    )
    for n in range(1, sections + 1):
        article.sections.create(
            position=n,
            heading=f"Section {n}",
            kind="other",
            body=f"Body of section {n}, citing [1].\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        )
    for n in range(1, references + 1):
        article.references.create(
            position=n, authors="Doe J", title=f"Study {n}", source="J Test", year=2020
        )
    review_record_edit(obj=article, by=by)
    return article


def make_site_page(*, by, kind="other", title="About us", body="We write.", **extra):
    """A draft site page saved by ``by``."""
    page = SitePage.objects.create(
        kind=kind,
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"A summary of {title}.",
        body=body,
        **extra,
    )
    review_record_edit(obj=page, by=by)
    return page


def publish(article, *, editor, reviewer):
    """Take a draft through submit, review and approval."""
    bring_to(ReviewState.APPROVED, article, editor=editor, reviewer=reviewer)
    return article


def bring_to(state, article, *, editor, reviewer):
    """Put a draft into ``state`` through the services, as people would."""
    if state == ReviewState.DRAFT:
        return
    review_submit(obj=article, by=editor)
    if state == ReviewState.SUBMITTED:
        return
    review_start(obj=article, by=reviewer)
    if state == ReviewState.UNDER_REVIEW:
        return
    if state == ReviewState.CHANGES_REQUESTED:
        review_request_changes(obj=article, by=reviewer, comment="Cite a source.")
        return
    review_approve(obj=article, by=reviewer)
