"""The admin home's dashboard: each person's queues, across every reviewable
type registered in the admin, and the review calendar of what is published.

Panels of items (awaiting my review, my reviews in progress, my drafts and
changes requested) cost two queries per content type: the count and the
first rows, each row annotated with the event that put it where it is (who,
and since when). Panels of published versions (due in 30, 60 and 90 days,
overdue, recently published) cost two queries each. Then one query for the
names of everyone shown. None of it grows
with the number of rows.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from reviews.models import (
    PublishedVersion,
    ReviewEvent,
    ReviewState,
    display_name,
)

ROWS = 10
DUE_WINDOWS = (30, 60, 90)


@dataclass
class Row:
    title: str
    url: str
    state: str = ""
    since: datetime.datetime | None = None
    due: datetime.date | None = None
    # Who moved the item there (item panels), or who edited the version.
    people_ids: list[int] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


@dataclass
class Panel:
    key: str
    title: str
    count: int = 0
    rows: list[Row] = field(default_factory=list)
    # Where the whole list is, per content type: [(label, URL)].
    links: list[tuple[str, str]] = field(default_factory=list)
    when: str = "Waiting since"


def _change_url(app_label: str, model_name: str, pk) -> str:
    return reverse(f"admin:{app_label}_{model_name}_change", args=[pk])


def _latest_event(model, **match):
    """The newest review event of each row of ``model`` (matching ``match``)."""
    return ReviewEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=models.OuterRef("pk"),
        **match,
    ).order_by("-created_at", "-id")


def _item_panel(panel: Panel, querysets, *, queue: str, event: dict) -> Panel:
    for model, queryset in querysets:
        opts = model._meta
        events = _latest_event(model, **event)
        panel.count += queryset.count()
        rows = (
            queryset.select_related("live_version")
            .annotate(
                since=models.Subquery(events.values("created_at")[:1]),
                actor_id=models.Subquery(events.values("actor")[:1]),
            )
            .order_by("since", "pk")[:ROWS]
        )
        panel.rows += [
            Row(
                title=str(item),
                url=_change_url(opts.app_label, opts.model_name, item.pk),
                state=item.get_review_state_display(),
                people_ids=[item.actor_id] if item.actor_id else [],
                since=item.since,
                due=item.live_version and item.live_version.next_review_due,
            )
            for item in rows
        ]
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        panel.links.append((str(opts.verbose_name_plural), f"{changelist}?{queue}"))
    panel.rows.sort(key=lambda row: row.since or timezone.now())
    panel.rows = panel.rows[:ROWS]
    return panel


def _version_panel(panel: Panel, versions, *, order: str) -> Panel:
    panel.count = versions.count()
    shown = versions.select_related("content_type").order_by(order, "pk")[:ROWS]
    panel.rows = [
        Row(
            title=version.data.get("title") or version.data.get("name") or "",
            url=_change_url(
                version.content_type.app_label,
                version.content_type.model,
                version.object_id,
            ),
            since=version.approved_at,
            due=version.next_review_due,
            people_ids=list(version.editors or []),
        )
        for version in shown
    ]
    return panel


def dashboard(user, models_: list) -> list[Panel]:
    """The panels for ``user``, over the reviewable ``models_``."""
    today = timezone.localdate()
    panels = []
    if user.has_perm("reviews.review_content"):
        panels += [
            _item_panel(
                Panel("awaiting", "Awaiting my review"),
                [(m, m._default_manager.awaiting_review()) for m in models_],
                queue="queue=awaiting",
                event={"to_state": ReviewState.SUBMITTED},
            ),
            _item_panel(
                Panel("reviewing", "My reviews in progress"),
                [(m, m._default_manager.in_review_by(user)) for m in models_],
                queue="queue=mine",
                event={"to_state": ReviewState.SUBMITTED},
            ),
        ]
    if user.has_perm("reviews.submit_for_review"):
        panels.append(
            _item_panel(
                Panel("drafts", "My drafts and changes requested", when="Since"),
                [(m, m._default_manager.drafts_of(user)) for m in models_],
                queue="queue=drafts",
                event={},
            )
        )
    live = PublishedVersion.objects.live()
    start = today
    for days in DUE_WINDOWS:
        end = today + datetime.timedelta(days=days)
        panels.append(
            _version_panel(
                Panel(f"due-{days}", f"Due for review within {days} days", when="Due"),
                live.filter(next_review_due__gte=start, next_review_due__lte=end),
                order="next_review_due",
            )
        )
        start = end + datetime.timedelta(days=1)
    panels += [
        _version_panel(
            Panel("overdue", "Review overdue", when="Due"),
            live.overdue(on=today),
            order="next_review_due",
        ),
        _version_panel(
            Panel("published", "Recently published", when="Approved"),
            live,
            order="-approved_at",
        ),
    ]
    _name_people(panels)
    return panels


def _name_people(panels: list[Panel]) -> None:
    """The names of everyone the rows mention, in one query for all panels."""
    ids = {pk for panel in panels for row in panel.rows for pk in row.people_ids}
    users = get_user_model()._default_manager.in_bulk(ids) if ids else {}
    for panel in panels:
        for row in panel.rows:
            row.people = [
                display_name(users[pk]) for pk in row.people_ids if pk in users
            ]
