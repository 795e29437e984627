"""Small helpers that build content the way an editor would."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

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
    from conditions.models import Condition, ConditionCode

    condition = Condition.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), synonyms="MMAS"
    )
    ConditionCode.objects.create(condition=condition, code=code)
    return condition


def make_article(*, condition, by, sections=2, references=3, title="Overview"):
    """A draft article with numbered sections and references, saved by ``by``."""
    # Imported here: the workflow's own tests run on tests.testapp alone.
    from conditions.models import Article

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


def make_memo(*, by, title="Overview", body="First words."):
    """A draft of the test-only reviewable content, saved by ``by``."""
    from tests.testapp.models import Memo

    memo = Memo.objects.create(title=title, body=body)
    review_record_edit(obj=memo, by=by)
    return memo


def edit(item, *, by, **fields):
    """Change ``item``'s content fields and record the edit, as the admin does."""
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    return review_record_edit(obj=item, by=by)


def publish(article, *, editor, reviewer):
    """Take a draft through submit, review and approval."""
    bring_to(ReviewState.APPROVED, article, editor=editor, reviewer=reviewer)
    return article


def bring_to(state, article, *, editor, reviewer):
    """Put a draft (of any reviewable type) into ``state`` through the
    services, as people would."""
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


# -- the admin, as a browser uses it -----------------------------------------


def article_form(condition, **overrides):
    data = {
        "condition": condition.pk,
        "kind": "overview",
        "title": "Living with MMAS",
        "slug": "living-with-mmas",
        "summary": "Day-to-day life with the condition.",
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "0",
        "sections-0-position": "1",
        "sections-0-heading": "Triggers",
        "sections-0-kind": "living_with",
        "sections-0-body": "Heat can be a trigger [1].",
        "sections-0-audience": "everyone",
        "sections-0-visibility": "public",
        "references-TOTAL_FORMS": "1",
        "references-INITIAL_FORMS": "0",
        "references-0-position": "1",
        "references-0-title": "A study of triggers",
        "references-0-year": "2021",
    }
    return {**data, **overrides}


def transition(client, article, action, comment=""):
    url = reverse("admin:conditions_article_review", args=[article.pk, action])
    return client.post(url, {"comment": comment}, follow=True)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def admin_url(name, article, *args):
    return reverse(f"admin:conditions_article_{name}", args=[article.pk, *args])


def change_data(article, **overrides):
    """The change form as the browser sends it, sections and references kept."""
    data = article_form(
        article.condition,
        title=article.title,
        slug=article.slug,
        summary=article.summary,
        review_revision=article.revision_hash,
        **{"sections-TOTAL_FORMS": "0", "references-TOTAL_FORMS": "0"},
    )
    return {**data, **overrides}
