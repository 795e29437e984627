"""Every change of review state happens here, and only here.

Each service locks the item, checks the actor's permission, the current state
and the transition's guard, writes a ``ReviewEvent`` and only then changes the
item's workflow fields; it returns the new state. Mail to the people concerned
is queued to go after commit.

A refused transition raises ``TransitionRefused`` with a message for the user
and writes nothing, with one exception: ``review_approve`` on content that
changed after the review started raises ``ApprovalVoided`` (a kind of
``TransitionRefused``) only after writing an Under review -> Submitted event
and releasing the claim, and those writes are committed: the new revision is
back in the review queue, and nothing is published.

Each ``Transition`` names the form whose cleaned data are its service's
keyword arguments, and the guard its service checks beyond role and state.
``perform`` runs a transition's service, so the admin, a view and a shell
call behave the same.
"""

import calendar
import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from reviews import signals, tasks
from reviews.diff import since_last_full_review
from reviews.forms import (
    MSG_GO_LIVE_PAST,
    MSG_LOCKED_FOR_REVIEW,
    ArchiveForm,
    CommentForm,
    PassOnForm,
    RestoreForm,
    SignOffForm,
)
from reviews.models import (  # noqa: F401 - PERM_* and reviewers are re-exported
    PERM_PHARMACIST,
    PERM_REVIEW,
    PERM_SUBMIT,
    STAGES,
    PublicPath,
    PublishedVersion,
    Reviewable,
    ReviewComment,
    ReviewCommentResolution,
    ReviewerProfile,
    ReviewEvent,
    ReviewKind,
    ReviewStage,
    ReviewState,
    content_hash,
    display_name,
    reviewers,
)
from reviews.triggers import reviewable_models

logger = logging.getLogger(__name__)

# Whoever acts. Anonymous users may call a service too: they are refused.
Actor = AbstractBaseUser | AnonymousUser

MSG_WRONG_STATE = "“{title}” is {state}: you can only {action} when it is {allowed}."
MSG_NO_PERMISSION = "You are not allowed to {action}: that needs the {role} role."
MSG_OWN_WORK = (
    "You cannot approve “{title}” because you wrote or edited this revision. "
    "Another reviewer has to approve it."
)
MSG_CARRIES_OWN_WORK = (
    "You cannot approve “{title}” because its page would show “{other}”, which "
    "you wrote or edited. Another reviewer has to approve it."
)
MSG_PUBLIC_CLASH = "“{title}” was not approved: {reasons}"
MSG_NOT_READY = "“{title}” cannot be submitted yet. Fix this first: {problems}"
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
MSG_EDITED_AFTER_ARCHIVING = "Edited after archiving: a new draft, not public."
MSG_REASON_REQUIRED = (
    "Give the reason: archiving needs one, to tell readers why this {noun} was "
    "withdrawn."
)
MSG_NOT_PUBLISHED = "“{title}” is not public, so there is nothing to archive."
MSG_NOT_YOUR_REVIEW = (
    "“{title}” is under review by {reviewer}: only they can act on this review. "
    "Ask them to pass it on to you or hand it back to the queue."
)
MSG_HANDOVER_TARGET = "Pass the review on to another reviewer, not to {name}."
MSG_MINOR_NEEDS_FULL = (
    "“{title}” has no current published version, so it needs a full clinical "
    "review, not a minor edit."
)
MSG_MINOR_TOO_BIG = (
    "“{title}” needs a full clinical review, not a minor edit: a minor edit "
    "keeps the old review dates, so it is only for small changes with no table "
    "changed. {scope}"
)
MSG_EVIDENCE_AFTER_APPROVAL = (
    "“Evidence current through” can't be later than today ({today}): the "
    "evidence can only have been checked up to the approval."
)
MSG_CONFLICTS_DROPPED = (
    "Declared conflicts of interest can only be added to at approval, not "
    "removed: keep “{declared}” (from your reviewer profile) and add to it. To "
    "change what you declared, update your reviewer profile."
)
MSG_NOT_THIS_ITEM = "That version belongs to another item."
MSG_RESTORED = "Restored version {number} as a new draft."
MSG_RESTORED_REVISION = (
    "Restored the revision saved on {when:%-d %B %Y at %H:%M} (history record "
    "{record}) as a new draft."
)
MSG_NO_HISTORY_RESTORE = (
    "“{title}” keeps no history of its parts, so a revision can't be restored "
    "from the history page: restore one of its published versions instead."
)
MSG_PASSED_ON = "Review passed on to {name}."
MSG_LOCK_REASON_REQUIRED = (
    "Say why: handing back {reviewer}'s review breaks their lock, and the reason "
    "goes into the review log."
)
MSG_LOCK_BROKEN = "Lock broken (the review was {reviewer}'s): {reason}"
MSG_ASKED_BACK = "Asked for it back, to edit it: {reason}"
MSG_EMPTY_COMMENT = "Write the comment first: it is empty."
MSG_UNACKNOWLEDGED = (
    "Not approved: tick each problem on the sign-off once you have checked it. "
    "Not ticked: {problems}"
)
MSG_ACKNOWLEDGED = "Problems acknowledged: {problems}"
MSG_STAGE_NEEDS_ROLE = "“{title}” needs its {stage} next: that needs the {role} role."
MSG_STAGE_SAME_REVIEWER = (
    "You gave “{title}” its {done}: its {stage} needs a different reviewer."
)
MSG_STAGE_GIVEN = "{stage} given; the {next} is next."
MSG_GOES_LIVE = "Approved to go live at {at:%-d %b %Y %H:%M}."
MSG_SCHEDULE_CANCELLED = (
    "The version scheduled to go live at {at:%-d %b %Y %H:%M} is cancelled."
)
MSG_WENT_LIVE = "Version {number} went live as scheduled."
MSG_GO_LIVE_AT_LAST_STAGE = (
    "Not approved: the go-live time is named at the last approval (the "
    "{stage}). Leave it empty for this stage."
)
MSG_NOT_LIVE = "Version {number} did not go live: {reasons}"
MSG_NO_SUCH_PART = "“{title}” has no such part to comment on: pick one of its sections."
MSG_NOT_A_THREAD = (
    "Reply to a comment on this item, and to the first comment of a thread: "
    "replies have no replies."
)
MSG_NOT_YOURS_TO_RESOLVE = (
    "Only the comment's author, or the reviewer who has claimed the item, can "
    "mark it resolved."
)
MSG_ALREADY_RESOLVED = "That comment was already resolved."
MSG_COMMENT_STATE = (
    "“{title}” is {state}: comments are for {nouns} that are submitted, under "
    "review or sent back with changes requested."
)

COMMENT_STATES = frozenset(
    {ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW, ReviewState.CHANGES_REQUESTED}
)


class TransitionRefused(Exception):
    """A transition that may not happen now; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ApprovalVoided(TransitionRefused):
    """An approval refused because the content changed after the review
    started. Unlike other refusals it leaves a trace: the item is back in
    Submitted, unclaimed, with an event that says why."""


def _guard_claim(item: Reviewable, by: Actor) -> None:
    """Only the reviewer who claimed an item (or a superuser) decides on it or
    lets go of it: a claim means one person is accountable for the review."""
    if item.reviewer_id not in (None, by.pk) and not by.is_superuser:
        raise TransitionRefused(
            MSG_NOT_YOUR_REVIEW.format(title=item, reviewer=display_name(item.reviewer))
        )


def stage_sign_offs(item: Reviewable, revision: str) -> dict[str, ReviewEvent]:
    """The stages of ``item``'s approval already given to ``revision`` (a
    content hash) in this round, each with its approval event. A round ends
    with a publication: a stage given before it (to content that later came
    back word for word) counts for nothing. Content approved in one stage
    has none to look up."""
    if len(item.review_stages()) < 2:
        return {}
    events = ReviewEvent.objects.for_item(item)
    last_publication = (
        events.filter(to_state=ReviewState.APPROVED).order_by("-id").values("id")[:1]
    )
    given = (
        events.filter(
            content_hash=revision,
            stage__in=item.review_stages(),
            to_state=ReviewState.SUBMITTED,
            id__gt=Coalesce(models.Subquery(last_publication), 0),
        )
        .select_related("actor")
        .order_by("id")
    )
    return {event.stage: event for event in given}


def next_stage(item: Reviewable, given: dict[str, ReviewEvent]) -> ReviewStage:
    """The first stage of ``item``'s approval not ``given`` yet."""
    return next(STAGES[name] for name in item.review_stages() if name not in given)


def _guard_approval(item: Reviewable, by: Actor) -> None:
    """The claiming reviewer decides; for content approved in stages, only
    with the next stage's role, and not twice: each stage is a different
    reviewer's."""
    _guard_claim(item, by)
    given = stage_sign_offs(item, item.review_hash)
    stage = next_stage(item, given)
    if not by.has_perm(stage.permission):
        raise TransitionRefused(
            MSG_STAGE_NEEDS_ROLE.format(
                title=item, stage=stage.label.lower(), role=stage.role
            )
        )
    if done := [e for e in given.values() if e.actor_id == by.pk]:
        raise TransitionRefused(
            MSG_STAGE_SAME_REVIEWER.format(
                title=item,
                done=STAGES[done[0].stage].label.lower(),
                stage=stage.label.lower(),
            )
        )


def _guard_published(item: Reviewable, by: Actor) -> None:
    """Only what readers can see (or will, at a go-live time) can be
    withdrawn from them."""
    if item.live_version_id is None and item.scheduled_version_id is None:
        raise TransitionRefused(MSG_NOT_PUBLISHED.format(title=item))


@dataclass(frozen=True)
class Transition:
    """One move of the workflow: who may make it, from which states, to which.

    ``form`` is what the admin asks for: its cleaned data are the keyword
    arguments of the transition's service. ``guard`` is a rule beyond role and
    state, checked by the service and before the admin offers a button, so
    both always agree.
    """

    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str
    role: str
    form: type[forms.Form] = CommentForm
    guard: Callable[[Reviewable, Actor], None] | None = None


SUBMIT = Transition(
    "submit",
    "Submit for review",
    frozenset({ReviewState.DRAFT, ReviewState.CHANGES_REQUESTED}),
    ReviewState.SUBMITTED,
    PERM_SUBMIT,
    "editor",
)
WITHDRAW = Transition(
    "withdraw",
    "Withdraw to draft",
    frozenset({ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW}),
    ReviewState.DRAFT,
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
HAND_BACK = Transition(
    "hand_back",
    "Hand back to the queue",
    frozenset({ReviewState.UNDER_REVIEW}),
    ReviewState.SUBMITTED,
    PERM_REVIEW,
    "reviewer",
    guard=_guard_claim,
)
PASS_ON = Transition(
    "pass_on",
    "Pass on",
    frozenset({ReviewState.UNDER_REVIEW}),
    ReviewState.UNDER_REVIEW,
    PERM_REVIEW,
    "reviewer",
    form=PassOnForm,
    guard=_guard_claim,
)
REQUEST_CHANGES = Transition(
    "request_changes",
    "Request changes",
    frozenset({ReviewState.UNDER_REVIEW}),
    ReviewState.CHANGES_REQUESTED,
    PERM_REVIEW,
    "reviewer",
    guard=_guard_claim,
)
APPROVE = Transition(
    "approve",
    "Approve",
    frozenset({ReviewState.UNDER_REVIEW}),
    ReviewState.APPROVED,
    PERM_REVIEW,
    "reviewer",
    form=SignOffForm,
    guard=_guard_approval,
)
ARCHIVE = Transition(
    "archive",
    "Archive (withdraw from readers)",
    frozenset(set(ReviewState) - {ReviewState.ARCHIVED}),
    ReviewState.ARCHIVED,
    PERM_REVIEW,
    "reviewer",
    form=ArchiveForm,
    guard=_guard_published,
)
RESTORE_VERSION = Transition(
    "restore_version",
    "Restore as a new draft",
    frozenset(
        {
            ReviewState.DRAFT,
            ReviewState.CHANGES_REQUESTED,
            ReviewState.APPROVED,
            ReviewState.ARCHIVED,
        }
    ),
    ReviewState.DRAFT,
    PERM_SUBMIT,
    "editor",
    form=RestoreForm,
)
TRANSITIONS = {
    t.name: t
    for t in (
        SUBMIT,
        WITHDRAW,
        START_REVIEW,
        HAND_BACK,
        PASS_ON,
        REQUEST_CHANGES,
        APPROVE,
        ARCHIVE,
        RESTORE_VERSION,
    )
}


# Restoring needs a version to restore, so it is offered per version instead.
PANEL_TRANSITIONS = [t for t in TRANSITIONS.values() if t is not RESTORE_VERSION]


def available_transitions(*, obj: Reviewable, user: Actor) -> list[Transition]:
    """The transitions the current state, the user's role and the guards allow."""
    return [
        t for t in PANEL_TRANSITIONS if is_allowed(transition=t, obj=obj, user=user)
    ]


def is_allowed(*, transition: Transition, obj: Reviewable, user: Actor) -> bool:
    """Whether ``user`` may make ``transition`` on ``obj`` now (inputs aside)."""
    try:
        _check(transition=transition, item=obj, by=user)
    except TransitionRefused:
        return False
    return True


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved ``months`` ahead, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _locked(obj: Reviewable) -> Reviewable:
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def _check(*, transition: Transition, item: Reviewable, by: Actor) -> None:
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
    if transition.guard is not None:
        transition.guard(item, by)


def _move(
    *,
    item: Reviewable,
    by: Actor,
    to: str,
    comment: str = "",
    notify: Iterable[int | None] = (),
    stage: str = "",
    **fields,
) -> str:
    """Log the event, then change the item's workflow fields.

    ``notify`` lists the users to tell by mail; the actor never gets one.
    ``stage`` names the sign-off an approval gave.
    """
    own = (ContentType.objects.get_for_model(item).pk, item.pk)
    for name in ("live_version", "scheduled_version"):
        version = fields.get(name)
        if version is not None and (version.content_type_id, version.object_id) != own:
            # The database refuses a live one too (reviews.triggers).
            raise TransitionRefused(MSG_NOT_THIS_ITEM)
    event = ReviewEvent.objects.create(
        item=item,
        actor=by,
        from_state=item.review_state,
        to_state=to,
        comment=comment,
        content_hash=fields.get("revision_hash", item.revision_hash),
        stage=stage,
    )
    fields["review_state"] = to
    # update() rather than save(): workflow fields are not content, so this
    # writes no content history and runs no save() side effects.
    type(item)._default_manager.filter(pk=item.pk).update(**fields)
    tasks.send_after_commit(event=event, user_ids=notify)
    return to


def _done(obj: Reviewable, state: str) -> str:
    obj.refresh_from_db(fields=type(obj).workflow_fields())
    return state


def _editors(item: Reviewable) -> list[int | None]:
    """The people an item's outcome concerns: its author and this revision's
    editors."""
    return [item.created_by_id, *item.revision_editors.values_list("pk", flat=True)]


def _guard_own_work(item: Reviewable, by: Actor) -> None:
    """Nobody approves their own work: neither an item they created or edited
    in this revision, nor one whose page would show another item (its
    dependency) in a version, or a pending revision, they created or edited."""
    if by.pk in _editors(item):
        raise TransitionRefused(MSG_OWN_WORK.format(title=item))
    for other in item.review_depends_on():
        live = other.live_version
        carried = {*_editors(other), *((live.editors or []) if live else [])}
        if by.pk in carried:
            raise TransitionRefused(
                MSG_CARRIES_OWN_WORK.format(title=item, other=other)
            )


def review_record_edit(*, obj: Reviewable, by: Actor) -> str:
    """Note that ``by`` saved the content; call after every content save.

    Does nothing when the content is unchanged. Otherwise ``by`` becomes one of
    this revision's editors, and an approved or archived item becomes a new
    draft (an approved item's published version stays live). Refused while a
    reviewer has claimed the item (``TransitionRefused``): call it inside the
    save's transaction, and the save is undone with it.
    """
    with transaction.atomic():
        item = _locked(obj)
        new_hash = content_hash(item.review_data())
        state = item.review_state
        if new_hash != item.revision_hash and state == ReviewState.UNDER_REVIEW:
            raise TransitionRefused(
                MSG_LOCKED_FOR_REVIEW.format(
                    title=item, reviewer=display_name(item.reviewer)
                )
            )
        if new_hash != item.revision_hash:
            item.revision_editors.add(by)
            fields = {"revision_hash": new_hash}
            if item.created_by_id is None:
                fields["created_by"] = by
            if state in (ReviewState.APPROVED, ReviewState.ARCHIVED):
                state = _move(
                    item=item,
                    by=by,
                    to=ReviewState.DRAFT,
                    comment=MSG_NEW_DRAFT
                    if state == ReviewState.APPROVED
                    else MSG_EDITED_AFTER_ARCHIVING,
                    **fields,
                )
            else:
                type(item)._default_manager.filter(pk=item.pk).update(**fields)
    return _done(obj, state)


def review_submit(*, obj: Reviewable, by: Actor, comment: str = "") -> str:
    """Editor sends a draft (or a revised draft) to the review board.

    Refused while the content reports problems (``Reviewable.review_problems``),
    with a message listing them.
    """
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=SUBMIT, item=item, by=by)
        problems = item.review_problems(item.review_data())
        if problems:
            raise TransitionRefused(
                MSG_NOT_READY.format(title=item, problems=" ".join(problems))
            )
        state = _move(
            item=item,
            by=by,
            to=SUBMIT.target,
            comment=comment,
            notify=reviewers().values_list("pk", flat=True),
        )
    return _done(obj, state)


def review_withdraw(*, obj: Reviewable, by: Actor, comment: str = "") -> str:
    """Editor takes a submission back to draft, releasing any reviewer's claim."""
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=WITHDRAW, item=item, by=by)
        state = _move(
            item=item,
            by=by,
            to=WITHDRAW.target,
            comment=comment,
            notify=[item.reviewer_id],
            reviewer=None,
            review_hash="",
        )
    return _done(obj, state)


def review_start(*, obj: Reviewable, by: Actor, comment: str = "") -> str:
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


def review_hand_back(*, obj: Reviewable, by: Actor, comment: str = "") -> str:
    """The claiming reviewer puts the item back in the queue for anyone. A
    superuser may do it for them, breaking their lock: only with a reason,
    which the review log keeps."""
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=HAND_BACK, item=item, by=by)
        if item.reviewer_id not in (None, by.pk):
            owner = display_name(item.reviewer)
            if not comment.strip():
                raise TransitionRefused(MSG_LOCK_REASON_REQUIRED.format(reviewer=owner))
            comment = MSG_LOCK_BROKEN.format(reviewer=owner, reason=comment.strip())
        state = _move(
            item=item,
            by=by,
            to=HAND_BACK.target,
            comment=comment,
            reviewer=None,
            review_hash="",
        )
    return _done(obj, state)


def review_pass_on(
    *, obj: Reviewable, by: Actor, to: AbstractBaseUser | None, comment: str = ""
) -> str:
    """The claiming reviewer hands the review to a named colleague."""
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=PASS_ON, item=item, by=by)
        if to is None or to.pk == by.pk or not reviewers().filter(pk=to.pk).exists():
            raise TransitionRefused(MSG_HANDOVER_TARGET.format(name=display_name(to)))
        note = MSG_PASSED_ON.format(name=display_name(to))
        state = _move(
            item=item,
            by=by,
            to=PASS_ON.target,
            comment=f"{note} {comment}".strip(),
            notify=[to.pk],
            reviewer=to,
        )
    return _done(obj, state)


def review_request_changes(*, obj: Reviewable, by: Actor, comment: str) -> str:
    """Reviewer sends the item back to its editors, saying what to change.

    The comment is also kept as an open review comment on this revision, so
    the editor can mark it resolved when the change is made.
    """
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=REQUEST_CHANGES, item=item, by=by)
        if not comment.strip():
            raise TransitionRefused(MSG_COMMENT_REQUIRED)
        ReviewComment.objects.create(
            item=item, author=by, body=comment.strip(), content_hash=item.revision_hash
        )
        state = _move(
            item=item,
            by=by,
            to=REQUEST_CHANGES.target,
            comment=comment.strip(),
            notify=_editors(item),
            reviewer=None,
            review_hash="",
        )
    return _done(obj, state)


def review_approve(
    *,
    obj: Reviewable,
    by: Actor,
    comment: str = "",
    kind: str = ReviewKind.FULL,
    evidence_current_through: datetime.date | None = None,
    conflicts: str | None = None,
    acknowledged: Iterable[str] = (),
    goes_live_at: datetime.datetime | None = None,
) -> str:
    """Reviewer signs off the revision they reviewed, freezing a published version.

    Refused while a problem of ``Reviewable.review_warnings`` is not among
    ``acknowledged``; the approval event records those acknowledged.

    Refused for anyone who created the item or edited this revision. If the
    content changed since the review started, nothing is published: the item
    goes back to Submitted, unclaimed, with an event saying why, and then
    ``ApprovalVoided`` is raised, so what is published is exactly what was
    reviewed. A full review sets the review dates; a minor edit (typo, link)
    keeps those of the version it replaces, so it is refused when more than
    ``REVIEW_MINOR_EDIT_MAX_SHARE`` of the words, or any table, changed since
    the last full review. ``conflicts`` defaults to the reviewer's declared
    conflicts of interest and may only add to them; evidence can't be current
    through a day after the approval.

    Content approved in stages (``Reviewable.review_stages``: a treatment
    guide's clinical review, then a pharmacist's) publishes at the last
    stage: each earlier approval records its stage and puts the item back in
    the queue (Submitted) for the next stage's reviewer, who must be someone
    else. A change to the content after a stage starts the stages again.

    ``goes_live_at``, a time in the future, freezes the version now and keeps
    it off the air until then (``release_scheduled``); readers see the
    previous version, if any, meanwhile.
    """
    if goes_live_at is not None and goes_live_at <= timezone.now():
        raise TransitionRefused(MSG_GO_LIVE_PAST)
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=APPROVE, item=item, by=by)
        _guard_own_work(item, by)
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
            comment = _acknowledged(item, data, comment, list(acknowledged))
            conflicts = _checked_sign_off(
                item=item,
                by=by,
                data=data,
                kind=kind,
                evidence_current_through=evidence_current_through,
                conflicts=conflicts,
            )
            given = stage_sign_offs(item, current_hash)
            stage = next_stage(item, given)
            names = item.review_stages()
            if later := names[names.index(stage.name) + 1 :]:
                if goes_live_at is not None:
                    raise TransitionRefused(
                        MSG_GO_LIVE_AT_LAST_STAGE.format(
                            stage=STAGES[names[-1]].label.lower()
                        )
                    )
                state = _give_stage(item, by, stage, STAGES[later[0]], comment)
            else:
                state = _publish(
                    item=item,
                    by=by,
                    data=data,
                    comment=comment,
                    kind=ReviewKind(kind),
                    evidence_current_through=evidence_current_through,
                    conflicts=conflicts,
                    stage=stage,
                    sign_offs=_sign_offs(given, by, stage) if len(names) > 1 else [],
                    goes_live_at=goes_live_at,
                )
    if changed:
        _done(obj, ReviewState.SUBMITTED)
        raise ApprovalVoided(MSG_CHANGED_SINCE_REVIEW.format(title=obj))
    return _done(obj, state)


def _give_stage(
    item: Reviewable, by: Actor, stage: ReviewStage, following: ReviewStage, comment
) -> str:
    """Record ``stage``'s approval and queue the item for the ``following``
    stage's reviewers."""
    note = MSG_STAGE_GIVEN.format(stage=stage.label, next=following.label.lower())
    return _move(
        item=item,
        by=by,
        to=ReviewState.SUBMITTED,
        comment=f"{note}\n{comment}".strip(),
        notify=[
            *_editors(item),
            *reviewers(following.permission).values_list("pk", flat=True),
        ],
        stage=stage.name,
        reviewer=None,
        review_hash="",
    )


def _sign_off(user, stage: ReviewStage, at: datetime.datetime) -> dict:
    """One stage's sign-off as readers are told it: credentials only if a
    site admin verified them."""
    profile = ReviewerProfile.objects.filter(user=user).first()
    verified = profile is not None and profile.is_verified
    return {
        "stage": stage.name,
        "label": stage.label,
        "name": display_name(user),
        "credentials": profile.credentials if verified else "",
        "approved_at": at.isoformat(),
    }


def _sign_offs(given: dict[str, ReviewEvent], by: Actor, stage: ReviewStage):
    return [
        *(_sign_off(e.actor, STAGES[e.stage], e.created_at) for e in given.values()),
        _sign_off(by, stage, timezone.now()),
    ]


def _acknowledged(item: Reviewable, data: dict, comment: str, ticked: list) -> str:
    """The approval's comment, with the problems the reviewer acknowledged;
    refused while one is not."""
    warnings = item.review_warnings(data)
    if missing := [warning for warning in warnings if warning not in ticked]:
        raise TransitionRefused(MSG_UNACKNOWLEDGED.format(problems=" ".join(missing)))
    if not warnings:
        return comment
    note = MSG_ACKNOWLEDGED.format(problems=" ".join(warnings))
    return f"{comment}\n{note}".strip()


def _checked_sign_off(
    *,
    item: Reviewable,
    by: Actor,
    data: dict,
    kind: str,
    evidence_current_through: datetime.date | None,
    conflicts: str | None,
) -> str:
    """Refuse a sign-off that would tell readers more than was checked; give
    the conflicts of interest to publish (the declared ones, plus any added)."""
    if kind != ReviewKind.FULL:
        scope = since_last_full_review(item, data) if item.live_version_id else None
        if scope is None:
            raise TransitionRefused(MSG_MINOR_NEEDS_FULL.format(title=item))
        if not scope.allows_minor_edit:
            raise TransitionRefused(
                MSG_MINOR_TOO_BIG.format(title=item, scope=scope.describe())
            )
    today = timezone.localdate()
    if evidence_current_through is not None and evidence_current_through > today:
        raise TransitionRefused(MSG_EVIDENCE_AFTER_APPROVAL.format(today=today))
    profile = ReviewerProfile.objects.filter(user=by).first()
    declared = profile.conflicts_of_interest.strip() if profile else ""
    if conflicts is None:
        return declared
    if " ".join(declared.split()) not in " ".join(conflicts.split()):
        raise TransitionRefused(MSG_CONFLICTS_DROPPED.format(declared=declared))
    return conflicts.strip()


def _publish(
    *,
    item: Reviewable,
    by: Actor,
    data: dict,
    comment: str,
    kind: ReviewKind,
    evidence_current_through: datetime.date | None,
    conflicts: str,
    stage: ReviewStage,
    sign_offs: list[dict],
    goes_live_at: datetime.datetime | None,
) -> str:
    projection = _projection(item)
    now = timezone.now()
    today = timezone.localdate(now)
    previous = item.live_version
    if kind == ReviewKind.FULL:
        last_reviewed_on = today
        next_review_due = add_months(today, item.review_interval_months())
    else:
        last_reviewed_on = previous.last_reviewed_on
        next_review_due = previous.next_review_due
        evidence_current_through = (
            evidence_current_through or previous.evidence_current_through
        )
    profile = ReviewerProfile.objects.filter(user=by).first()
    verified = profile is not None and profile.is_verified
    last = PublishedVersion.objects.for_item(item).aggregate(n=models.Max("number"))
    html, fragments = item.render_review(data)
    editors = _editors(item)
    if goes_live_at is None:
        PublishedVersion.objects.for_item(item).retire()
    version = PublishedVersion.objects.create(
        item=item,
        number=(last["n"] or 0) + 1,
        data=data,
        html=html,
        fragments=fragments,
        content_hash=content_hash(data),
        approved_by=by,
        approved_at=now,
        next_review_due=next_review_due,
        review_kind=kind,
        reviewer_name=display_name(by),
        reviewer_credentials=profile.credentials if verified else "",
        reviewer_verified_at=profile.verified_at if verified else None,
        reviewer_conflicts=conflicts,
        last_reviewed_on=last_reviewed_on,
        evidence_current_through=evidence_current_through,
        edited_at=item.review_last_edited(),
        editors=sorted({pk for pk in editors if pk is not None}),
        is_live=goes_live_at is None,
        sign_offs=sign_offs,
        goes_live_at=goes_live_at,
        projection=projection,
    )
    item.revision_editors.clear()
    notes = [comment]
    if pending := item.scheduled_version:
        notes.append(MSG_SCHEDULE_CANCELLED.format(at=_local(pending.goes_live_at)))
    if goes_live_at is not None:
        notes.append(MSG_GOES_LIVE.format(at=_local(goes_live_at)))
        transaction.on_commit(
            lambda: signals.scheduled.send(
                sender=type(item), item=item, version=version
            )
        )
        on_air = {"scheduled_version": version}
    else:
        on_air = {"live_version": version, "scheduled_version": None, **projection}
    state = _move(
        item=item,
        by=by,
        to=APPROVE.target,
        comment="\n".join(notes).strip(),
        notify=editors,
        stage=stage.name,
        reviewer=None,
        review_hash="",
        revision_hash=version.content_hash,
        **on_air,
    )
    if goes_live_at is None:
        _went_live(item, version)
    return state


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def _went_live(item: Reviewable, version: PublishedVersion) -> None:
    """What follows a version going on the air, in its transaction: the
    projection rows, the public address, and (after commit) the signal that
    refreshes caches and the search index."""
    item.review_published(version)
    transaction.on_commit(
        lambda: signals.published.send(sender=type(item), item=item, version=version)
    )
    record_public_paths(items=item.review_public_items())


def release_scheduled(*, now: datetime.datetime | None = None) -> int:
    """Put on the air every version whose go-live time has come; how many.

    The task worker runs it at each approval's go-live time
    (``reviews.scheduling``); the ``release_scheduled`` command does the same
    from cron. Running it twice releases nothing twice. A version that can
    no longer be published (another item took its address meanwhile) stays
    off the air, and an event says why."""
    now = now or timezone.now()
    released = 0
    # Through the items that still wait for a version (an index on the
    # foreign key), never through every version approved with a time: one
    # that was cancelled never goes live, and stays in the record.
    for model in reviewable_models():
        due = model._default_manager.filter(
            scheduled_version__goes_live_at__lte=now
        ).values_list("pk", flat=True)
        for pk in list(due):
            with transaction.atomic():
                item = (
                    model._default_manager.select_for_update()
                    .filter(pk=pk, scheduled_version__goes_live_at__lte=now)
                    .first()
                )
                if item is not None:
                    released += _release(item, item.scheduled_version, now)
    return released


def _release(item: Reviewable, version: PublishedVersion, now) -> int:
    concerned = [version.approved_by_id, *(version.editors or [])]
    try:
        _check_projection(item, version.projection or {})
    except TransitionRefused as refused:
        _move(
            item=item,
            by=version.approved_by,
            to=item.review_state,
            comment=MSG_NOT_LIVE.format(number=version.number, reasons=refused),
            notify=concerned,
            scheduled_version=None,
        )
        return 0
    PublishedVersion.objects.for_item(item).retire()
    PublishedVersion.objects.filter(pk=version.pk).go_live(at=now)
    version.is_live, version.went_live_at = True, now
    _move(
        item=item,
        by=version.approved_by,
        to=item.review_state,
        comment=MSG_WENT_LIVE.format(number=version.number),
        notify=concerned,
        live_version=version,
        scheduled_version=None,
        **(version.projection or {}),
    )
    _went_live(item, version)
    return 1


def record_public_paths(*, items: Iterable[models.Model]) -> None:
    """Remember where each of ``items`` is public now, so that this URL
    keeps leading readers to the item after it moves (``reviews.middleware``).

    Runs at every publication; content whose URLs change otherwise (say, with
    the condition they sit under) calls it then too."""
    for item in items:
        PublicPath.objects.record(item, item.get_absolute_url())


def _projection(item: Reviewable) -> dict:
    """The published projection's new values (the draft's), checked against
    the model's constraints first: a name or address another published item
    holds is refused with the constraint's message, not a database error."""
    projection = {
        item._meta.get_field(column).attname: getattr(
            item, item._meta.get_field(source).attname
        )
        for column, source in item.PUBLISHED_FIELDS.items()
    }
    _check_projection(item, projection)
    return projection


def _check_projection(item: Reviewable, projection: dict) -> None:
    """Set ``projection`` on ``item``, refused if the model's constraints would."""
    for attname, value in projection.items():
        setattr(item, attname, value)
    others = {field.name for field in item._meta.concrete_fields}
    try:
        item.validate_constraints(exclude=others - set(item.PUBLISHED_FIELDS))
    except ValidationError as clash:
        raise TransitionRefused(
            MSG_PUBLIC_CLASH.format(title=item, reasons=" ".join(clash.messages))
        ) from clash


def review_archive(*, obj: Reviewable, by: Actor, reason: str) -> str:
    """Reviewer takes a published item away from readers, saying why; a
    version waiting for its go-live time never goes live.

    Readers then get a "withdrawn" page. The published versions are kept for
    the record and can be restored as a new draft.
    """
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=ARCHIVE, item=item, by=by)
        if not reason.strip():
            raise TransitionRefused(MSG_REASON_REQUIRED.format(noun=item.review_noun()))
        PublishedVersion.objects.for_item(item).retire()
        notes = [reason.strip()]
        if pending := item.scheduled_version:
            notes.append(MSG_SCHEDULE_CANCELLED.format(at=_local(pending.goes_live_at)))
        state = _move(
            item=item,
            by=by,
            to=ARCHIVE.target,
            comment="\n".join(notes),
            notify=_editors(item),
            live_version=None,
            scheduled_version=None,
            reviewer=None,
            review_hash="",
        )
        item.review_withdrawn()
        transaction.on_commit(
            lambda: signals.unpublished.send(sender=type(item), item=item)
        )
    return _done(obj, state)


def review_restore_version(
    *,
    obj: Reviewable,
    by: Actor,
    version: PublishedVersion | None = None,
    revision: models.Model | None = None,
) -> str:
    """Editor makes an earlier state of the content a new draft: a published
    ``version``, or a ``revision`` from the content history (one of
    ``obj.history``'s records), whose whole tree (parts included) is rebuilt
    as it stood until the next revision was saved.

    The one way back to earlier content. Nothing is published: the restored
    content goes through review like any other draft, ``by`` counts as one
    of its editors, and the review log says what was restored.
    """
    with transaction.atomic():
        item = _locked(obj)
        _check(transition=RESTORE_VERSION, item=item, by=by)
        if version is not None:
            item_type = ContentType.objects.get_for_model(item)
            if (version.content_type_id, version.object_id) != (
                item_type.pk,
                item.pk,
            ):
                raise TransitionRefused(MSG_NOT_THIS_ITEM)
            data, comment = version.data, MSG_RESTORED.format(number=version.number)
        else:
            data, comment = _revision_data(item, revision)
        item.review_restore(data)
        item.revision_editors.add(by)
        state = _move(
            item=item,
            by=by,
            to=RESTORE_VERSION.target,
            comment=comment,
            revision_hash=content_hash(item.review_data()),
        )
    return _done(obj, state)


def _revision_data(item: Reviewable, revision) -> tuple[dict, str]:
    """The tree ``revision`` (a history record of ``item``) stood for, and
    the review log's note of it."""
    if revision is None or revision.instance.pk != item.pk:
        raise TransitionRefused(MSG_NOT_THIS_ITEM)
    later = revision.next_record
    # Parts are saved just after the item's row: the revision lasts until
    # the next one began.
    until = (
        later.history_date - datetime.timedelta(microseconds=1)
        if later
        else timezone.now()
    )
    try:
        data = item.review_data_as_of(until)
    except NotImplementedError:
        raise TransitionRefused(MSG_NO_HISTORY_RESTORE.format(title=item)) from None
    when = timezone.localtime(revision.history_date)
    return data, MSG_RESTORED_REVISION.format(when=when, record=revision.history_id)


def can_comment(item: Reviewable, user: Actor) -> bool:
    """Whether ``user`` may comment on ``item`` now: editors and reviewers,
    while the item is submitted, under review or sent back for changes."""
    return _editor_or_reviewer(user) and item.review_state in COMMENT_STATES


def can_resolve(comment: ReviewComment, item: Reviewable, user: Actor) -> bool:
    """Whether ``user`` may mark ``comment`` resolved: its author, or the
    reviewer who has claimed the item."""
    claimer = item.review_state == ReviewState.UNDER_REVIEW and (
        item.reviewer_id == user.pk
    )
    return comment.author_id == user.pk or claimer


def _editor_or_reviewer(user: Actor) -> bool:
    return user.has_perm(PERM_REVIEW) or user.has_perm(PERM_SUBMIT)


def review_comment(
    *,
    obj: Reviewable,
    by: Actor,
    body: str,
    anchor: str = "",
    reply_to: ReviewComment | None = None,
) -> ReviewComment:
    """Reviewer or editor remarks on the revision under discussion: on the
    whole item, on one of its parts (``anchor``, one of
    ``Reviewable.review_anchors``), or in reply to a comment on it."""
    with transaction.atomic():
        item = _locked(obj)
        if not _editor_or_reviewer(by):
            raise TransitionRefused(
                MSG_NO_PERMISSION.format(action="comment", role="editor or reviewer")
            )
        if item.review_state not in COMMENT_STATES:
            raise TransitionRefused(
                MSG_COMMENT_STATE.format(
                    title=item,
                    state=item.get_review_state_display().lower(),
                    nouns=item.review_noun(plural=True),
                )
            )
        if not body.strip():
            raise TransitionRefused(MSG_EMPTY_COMMENT)
        labels = dict(item.review_anchors())
        if anchor and anchor not in labels:
            raise TransitionRefused(MSG_NO_SUCH_PART.format(title=item))
        if reply_to is not None:
            if (reply_to.content_type_id, reply_to.object_id) != (
                ContentType.objects.get_for_model(item).pk,
                item.pk,
            ) or reply_to.reply_to_id is not None:
                raise TransitionRefused(MSG_NOT_A_THREAD)
            anchor = reply_to.anchor
        return ReviewComment.objects.create(
            item=item,
            author=by,
            body=body.strip(),
            content_hash=item.revision_hash,
            anchor=anchor,
            anchor_label=labels.get(anchor, reply_to.anchor_label if reply_to else ""),
            reply_to=reply_to,
        )


def review_ask_back(*, obj: Reviewable, by: Actor, reason: str) -> ReviewComment:
    """An editor asks the reviewer who claimed ``obj`` to hand it back (the
    item is read-only while claimed): a comment in the review panel, for the
    reviewer to answer by handing back, or the editor withdraws it."""
    with transaction.atomic():
        item = _locked(obj)
        if not by.has_perm(PERM_SUBMIT):
            raise TransitionRefused(
                MSG_NO_PERMISSION.format(action="ask for it back", role="editor")
            )
        if item.review_state != ReviewState.UNDER_REVIEW:
            raise TransitionRefused(
                MSG_WRONG_STATE.format(
                    title=item,
                    state=item.get_review_state_display().lower(),
                    action="ask for it back",
                    allowed=ReviewState.UNDER_REVIEW.label.lower(),
                )
            )
    return review_comment(
        obj=obj, by=by, body=MSG_ASKED_BACK.format(reason=reason.strip() or "—")
    )


def review_resolve_comment(*, comment: ReviewComment, by: Actor) -> ReviewComment:
    """Mark a comment as dealt with: a resolution row saying who and when is
    added; the comment itself stays as written."""
    with transaction.atomic():
        # Lock the comment so that two people resolving it at once are told
        # "already resolved", not shown an IntegrityError.
        comment = (
            ReviewComment.objects.select_for_update(of=("self",))
            .with_resolution()
            .get(pk=comment.pk)
        )
        if not can_resolve(comment, comment.item, by):
            raise TransitionRefused(MSG_NOT_YOURS_TO_RESOLVE)
        if comment.is_resolved:
            raise TransitionRefused(MSG_ALREADY_RESOLVED)
        ReviewCommentResolution.objects.create(comment=comment, by=by)
        return ReviewComment.objects.with_resolution().get(pk=comment.pk)


# Which service makes each transition: the one way from a transition (say, a
# button in the admin) to the function that makes it.
SERVICES: dict[Transition, Callable[..., str]] = {
    SUBMIT: review_submit,
    WITHDRAW: review_withdraw,
    START_REVIEW: review_start,
    HAND_BACK: review_hand_back,
    PASS_ON: review_pass_on,
    REQUEST_CHANGES: review_request_changes,
    APPROVE: review_approve,
    ARCHIVE: review_archive,
    RESTORE_VERSION: review_restore_version,
}


def perform(*, transition: Transition, obj: Reviewable, by: Actor, **inputs) -> str:
    """Make ``transition`` on ``obj`` through its service; ``inputs`` are the
    cleaned data of the transition's form (and, to restore, the version).

    A refusal is logged here, once, as the attempt of a person: the same
    checks also run quietly to decide which buttons to show."""
    try:
        return SERVICES[transition](obj=obj, by=by, **inputs)
    except TransitionRefused as refused:
        logger.warning(
            "Refused %s of %s %s by %s: %s",
            transition.label.lower(),
            obj._meta.label,
            obj.pk,
            by.get_username(),
            refused.message,
        )
        raise
