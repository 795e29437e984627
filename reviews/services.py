"""Every change of review state happens here, and only here.

Each service locks the item, checks the current state and the actor's
permission, writes a ``ReviewEvent`` and only then changes the item. Views,
admin actions and management commands call these functions; a refused
transition raises ``TransitionRefused`` with a message for the user and
changes nothing.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from reviews import signals
from reviews.models import (
    PublishedVersion,
    Reviewable,
    ReviewEvent,
    ReviewState,
    content_hash,
)

PERM_SUBMIT = "reviews.submit_for_review"
PERM_REVIEW = "reviews.review_content"

MSG_WRONG_STATE = "“{title}” is {state}: you can only {action} when it is {allowed}."
MSG_NO_PERMISSION = "You are not allowed to {action}: that needs the {role} role."
MSG_OWN_WORK = (
    "You cannot approve “{title}” because you wrote or edited this revision. "
    "Another reviewer has to approve it."
)
MSG_COMMENT_REQUIRED = "Say what needs to change: requesting changes needs a comment."
MSG_CHANGED_SINCE_REVIEW = (
    "“{title}” was not approved: its content changed after the review started, "
    "so what you reviewed is no longer what would be published. It is back in "
    "the review queue as a new revision."
)
MSG_NEW_DRAFT = (
    "Edited after approval: a new draft. The approved version stays public "
    "until this one is approved."
)


class TransitionRefused(Exception):
    """A transition that may not happen now; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str
    role: str


SUBMIT = Transition(
    "submit",
    "Submit for review",
    frozenset({ReviewState.DRAFT, ReviewState.CHANGES_REQUESTED}),
    ReviewState.SUBMITTED,
    PERM_SUBMIT,
    "editor",
)
START_REVIEW = Transition(
    "start_review",
    "Start review",
    frozenset({ReviewState.SUBMITTED}),
    ReviewState.UNDER_REVIEW,
    PERM_REVIEW,
    "reviewer",
)
REQUEST_CHANGES = Transition(
    "request_changes",
    "Request changes",
    frozenset({ReviewState.UNDER_REVIEW}),
    ReviewState.CHANGES_REQUESTED,
    PERM_REVIEW,
    "reviewer",
)
APPROVE = Transition(
    "approve",
    "Approve",
    frozenset({ReviewState.UNDER_REVIEW}),
    ReviewState.APPROVED,
    PERM_REVIEW,
    "reviewer",
)
TRANSITIONS = {t.name: t for t in (SUBMIT, START_REVIEW, REQUEST_CHANGES, APPROVE)}


def available_transitions(*, obj: Reviewable, user) -> list[Transition]:
    """The transitions the current state and the user's role allow."""
    return [
        t
        for t in TRANSITIONS.values()
        if obj.review_state in t.sources and user.has_perm(t.permission)
    ]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved ``months`` ahead, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _locked(obj: Reviewable) -> Reviewable:
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def _check(*, transition: Transition, item: Reviewable, by) -> None:
    action = transition.label.lower()
    if not by.has_perm(transition.permission):
        raise TransitionRefused(
            MSG_NO_PERMISSION.format(action=action, role=transition.role)
        )
    if item.review_state not in transition.sources:
        allowed = " or ".join(
            sorted(ReviewState(s).label.lower() for s in transition.sources)
        )
        raise TransitionRefused(
            MSG_WRONG_STATE.format(
                title=item,
                state=item.get_review_state_display().lower(),
                action=action,
                allowed=allowed,
            )
        )


def _move(*, item: Reviewable, by, to: str, comment: str = "", **fields) -> str:
    """Log the event, then change the item's workflow fields."""
    ReviewEvent.objects.create(
        item=item,
        actor=by,
        from_state=item.review_state,
        to_state=to,
        comment=comment,
        content_hash=fields.get("revision_hash", item.revision_hash),
    )
    fields["review_state"] = to
    # update() rather than save(): workflow fields are not content, so this
    # writes no content history and runs no save() side effects.
    type(item)._default_manager.filter(pk=item.pk).update(**fields)
    return to


def _done(obj: Reviewable, state: str) -> str:
    obj.refresh_from_db(fields=[*Reviewable.WORKFLOW_FIELDS])
    return state


def review_record_edit(*, obj: Reviewable, by) -> str:
    """Note that ``by`` saved the content; call after every content save.

    Does nothing when the content is unchanged. Otherwise ``by`` becomes one of
    this revision's editors, and an approved item becomes a new draft while its
    published version stays live.
    """
    with transaction.atomic():
        item = _locked(obj)
        new_hash = content_hash(item.review_data())
        state = item.review_state
        if new_hash != item.revision_hash:
            item.revision_editors.add(by)
            fields = {"revision_hash": new_hash}
            if item.created_by_id is None:
                fields["created_by"] = by
            if state == ReviewState.APPROVED:
                state = _move(
                    item=item,
                    by=by,
                    to=ReviewState.DRAFT,
                    comment=MSG_NEW_DRAFT,
                    **fields,
                )
            else:
                type(item)._default_manager.filter(pk=item.pk).update(**fields)
    return _done(obj, state)


def review_submit(*, obj: Reviewable, by, comment: str = "") -> str:
    """Editor sends a draft (or a revised draft) to the review board."""
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=SUBMIT, item=item, by=by)
        state = _move(item=item, by=by, to=SUBMIT.target, comment=comment)
    return _done(obj, state)


def review_start(*, obj: Reviewable, by, comment: str = "") -> str:
    """Reviewer claims a submitted item; the approval is tied to this revision."""
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=START_REVIEW, item=item, by=by)
        state = _move(
            item=item,
            by=by,
            to=START_REVIEW.target,
            comment=comment,
            reviewer=by,
            review_hash=content_hash(item.review_data()),
        )
    return _done(obj, state)


def review_request_changes(*, obj: Reviewable, by, comment: str) -> str:
    """Reviewer sends the item back to its editors, saying what to change."""
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=REQUEST_CHANGES, item=item, by=by)
        if not comment.strip():
            raise TransitionRefused(MSG_COMMENT_REQUIRED)
        state = _move(
            item=item,
            by=by,
            to=REQUEST_CHANGES.target,
            comment=comment.strip(),
            reviewer=None,
            review_hash="",
        )
    return _done(obj, state)


def review_approve(*, obj: Reviewable, by, comment: str = "") -> str:
    """Reviewer approves the revision they reviewed, freezing a published version.

    Refused for anyone who created the item or edited this revision. If the
    content changed since the review started, nothing is published and the
    item goes back to Submitted, so what is published is exactly what was
    reviewed.
    """
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=APPROVE, item=item, by=by)
        if (
            by.pk == item.created_by_id
            or item.revision_editors.filter(pk=by.pk).exists()
        ):
            raise TransitionRefused(MSG_OWN_WORK.format(title=item))
        data = item.review_data()
        current_hash = content_hash(data)
        changed = current_hash != item.review_hash
        if changed:
            _move(
                item=item,
                by=by,
                to=ReviewState.SUBMITTED,
                comment=MSG_CHANGED_SINCE_REVIEW.format(title=item),
                reviewer=None,
                review_hash="",
            )
        else:
            state = _publish(item=item, by=by, data=data, comment=comment)
    if changed:
        _done(obj, ReviewState.SUBMITTED)
        raise TransitionRefused(MSG_CHANGED_SINCE_REVIEW.format(title=obj))
    return _done(obj, state)


def _publish(*, item: Reviewable, by, data: dict, comment: str) -> str:
    now = timezone.now()
    last = PublishedVersion.objects.for_item(item).aggregate(n=models.Max("number"))
    version = PublishedVersion.objects.create(
        item=item,
        number=(last["n"] or 0) + 1,
        data=data,
        html=item.render_review_html(data),
        fragments=item.render_review_fragments(data),
        content_hash=content_hash(data),
        approved_by=by,
        approved_at=now,
        next_review_due=add_months(
            timezone.localdate(now), settings.REVIEW_INTERVAL_MONTHS
        ),
    )
    item.revision_editors.clear()
    transaction.on_commit(
        lambda: signals.published.send(sender=type(item), item=item, version=version)
    )
    return _move(
        item=item,
        by=by,
        to=APPROVE.target,
        comment=comment,
        live_version=version,
        reviewer=None,
        review_hash="",
        revision_hash=version.content_hash,
    )


SERVICES = {
    SUBMIT.name: review_submit,
    START_REVIEW.name: review_start,
    REQUEST_CHANGES.name: review_request_changes,
    APPROVE.name: review_approve,
}
