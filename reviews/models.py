"""The editorial workflow's data, for any kind of content.

This app never imports the content apps: a content model takes part in review
by inheriting ``Reviewable`` and saying how to snapshot itself. State changes
happen only in ``reviews.services``.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class ReviewState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under_review", "Under review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    ARCHIVED = "archived", "Archived"


PERM_SUBMIT = "reviews.submit_for_review"
PERM_REVIEW = "reviews.review_content"
PERM_PHARMACIST = "reviews.review_medicines"


@dataclass(frozen=True)
class ReviewStage:
    """One sign-off an approval needs. Content needing more than one
    (``Reviewable.review_stages``) is approved stage by stage, in order,
    each by a different reviewer holding the stage's permission."""

    name: str
    label: str
    permission: str
    role: str


STAGES = {
    stage.name: stage
    for stage in (
        ReviewStage("clinical", "Clinical review", PERM_REVIEW, "reviewer"),
        ReviewStage("pharmacist", "Pharmacist review", PERM_PHARMACIST, "pharmacist"),
    )
}


def display_name(user) -> str:
    """How a person is named in the workflow: full name, else username."""
    return (user.get_full_name() or user.get_username()) if user else "nobody"


def reviewers(permission: str = PERM_REVIEW) -> models.QuerySet:
    """Active users who hold the review permission (or ``permission``)
    through a group or directly.

    Superusers are left out unless they hold it explicitly: they can review,
    but every submission should not land in every administrator's inbox.
    """
    app_label, codename = permission.split(".")
    perm = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(models.Q(groups__permissions=perm) | models.Q(user_permissions=perm))
        .distinct()
        .order_by("username")
    )


def content_hash(data: dict) -> str:
    """A stable fingerprint of a snapshot's data: same content, same hash."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


MSG_APPEND_ONLY = (
    "{table} is append-only: its rows are written once and never {action}. "
    "Record the change as a new row instead."
)


class AppendOnlyError(ValueError):
    """A write that would change or remove a row of the approval record."""

    def __init__(self, model: type[models.Model], action: str):
        super().__init__(
            MSG_APPEND_ONLY.format(table=model._meta.db_table, action=action)
        )


class AppendOnlyQuerySet(models.QuerySet):
    """Rows are added, never changed or removed, in bulk or otherwise.

    The database refuses it too (the triggers of reviews' migrations 0010 for
    PostgreSQL and 0011 for SQLite); this says so early and clearly, before
    any SQL is sent.
    """

    def update(self, **kwargs):
        raise AppendOnlyError(self.model, "updated")

    def delete(self):
        raise AppendOnlyError(self.model, "deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(self.model, "updated")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise AppendOnlyError(self.model, "updated")

    delete.queryset_only = True


class AppendOnlyModel(models.Model):
    """A row of the approval record: saved once, then never changed or deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(type(self), "changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(type(self), "deleted")


class ReviewKind(models.TextChoices):
    FULL = "full", "Full clinical review"
    MINOR = "minor", "Minor edit (typo, link)"


class PublishedVersionQuerySet(AppendOnlyQuerySet):
    def for_item(self, item: models.Model) -> "PublishedVersionQuerySet":
        content_type = ContentType.objects.get_for_model(item)
        return self.filter(content_type=content_type, object_id=item.pk)

    def live(self) -> "PublishedVersionQuerySet":
        """The versions readers see now: at most one per item."""
        return self.filter(is_live=True)

    def retire(self) -> int:
        """Take these versions off the air: the one change a published version
        allows (``is_live`` from true to false, nothing else; the database
        refuses any other)."""
        return super(AppendOnlyQuerySet, self.filter(is_live=True)).update(
            is_live=False
        )

    def go_live(self, *, at: datetime.datetime) -> int:
        """Put scheduled versions on the air: the other change a published
        version allows (``is_live`` from false to true, once, for a version
        approved with a go-live time, recording when; the database refuses
        any other). The service retires the item's live version first."""
        return super(AppendOnlyQuerySet, self.scheduled()).update(
            is_live=True, went_live_at=at
        )

    def scheduled(self) -> "PublishedVersionQuerySet":
        """Versions approved to go live later that have not gone live yet."""
        return self.filter(goes_live_at__isnull=False, went_live_at__isnull=True)

    def overdue(self, *, on: datetime.date | None = None) -> "PublishedVersionQuerySet":
        return self.live().filter(next_review_due__lt=on or timezone.localdate())

    def due_by(self, day: datetime.date) -> "PublishedVersionQuerySet":
        """Live versions whose next review falls on or before ``day``."""
        return self.live().filter(next_review_due__lte=day)


class PublishedVersion(AppendOnlyModel):
    """A frozen, approved snapshot: what readers see until the next approval.

    Append-only, sign-off included: the only change is ``retire()``.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField()
    data = models.JSONField(help_text="The whole content tree as it was approved.")
    html = models.TextField(help_text="Rendered, sanitised body HTML.")
    fragments = models.JSONField(
        default=dict,
        blank=True,
        help_text="Named pieces of the rendered body (e.g. one per section), for "
        "pages that show parts of it to some readers only.",
    )
    content_hash = models.CharField(max_length=64)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField()
    next_review_due = models.DateField()
    # The sign-off, snapshotted: later changes to the reviewer's profile must
    # not rewrite what readers were told about who approved this version.
    review_kind = models.CharField(
        max_length=10, choices=ReviewKind.choices, default=ReviewKind.FULL
    )
    reviewer_name = models.CharField(max_length=200, blank=True)
    reviewer_credentials = models.CharField(
        max_length=300,
        blank=True,
        help_text="Published only if a site admin had verified them at approval.",
    )
    reviewer_verified_at = models.DateTimeField(
        "credentials verified at",
        null=True,
        blank=True,
        help_text="When the reviewer's credentials were verified, as it stood at "
        "approval; empty: not verified, and no credentials are published.",
    )
    reviewer_conflicts = models.TextField("declared conflicts of interest", blank=True)
    last_reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="Date of the last full clinical review (minor edits keep it).",
    )
    evidence_current_through = models.DateField(null=True, blank=True)
    edited_at = models.DateTimeField(
        null=True, blank=True, help_text="When this content was last edited."
    )
    editors = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="Ids of the users who created or edited this revision (empty "
        "for versions approved before it was recorded): nobody approves content "
        "that carries their own work.",
    )
    is_live = models.BooleanField(default=False, editable=False)
    # The four columns below are nullable without a default, so that adding
    # them never made SQLite rebuild this table (and drop its guards).
    sign_offs = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="Content approved in stages (clinical, then pharmacist): "
        "each stage's sign-off, in order, as it stood at publication.",
    )
    goes_live_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The go-live time the approval named; empty: live at approval.",
    )
    went_live_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a scheduled version went live; empty until then.",
    )
    projection = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="The published projection's values approved with this "
        "version (``Reviewable.PUBLISHED_FIELDS``), written when it goes live.",
    )

    objects = PublishedVersionQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"],
                name="one_published_version_number_per_item",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(is_live=True),
                name="one_live_version_per_item",
            ),
        ]
        indexes = [
            # The newest live versions of a type (recently approved lists).
            models.Index(
                "content_type",
                models.F("approved_at").desc(),
                condition=models.Q(is_live=True),
                name="live_versions_newest_first",
            ),
        ]

    def __str__(self):
        return f"{self.data.get('title', self.item)} (version {self.number})"

    @property
    def is_full_review(self) -> bool:
        return self.review_kind == ReviewKind.FULL

    @property
    def stage_sign_offs(self) -> list[dict]:
        """``sign_offs`` with their times as datetimes, for templates."""
        return [
            {**s, "approved_at": datetime.datetime.fromisoformat(s["approved_at"])}
            for s in self.sign_offs or []
        ]


class ReviewEventQuerySet(AppendOnlyQuerySet):
    def for_item(self, item: models.Model) -> "ReviewEventQuerySet":
        content_type = ContentType.objects.get_for_model(item)
        return self.filter(content_type=content_type, object_id=item.pk)

    def last_archival(self, item: models.Model) -> "ReviewEvent | None":
        """When and why ``item`` was last withdrawn from readers, if ever."""
        return (
            self.for_item(item)
            .filter(to_state=ReviewState.ARCHIVED)
            .order_by("-created_at", "-id")
            .first()
        )


class ReviewEvent(AppendOnlyModel):
    """One line of the audit trail. Written once by the service, never changed."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    from_state = models.CharField(max_length=20, choices=ReviewState.choices)
    to_state = models.CharField(max_length=20, choices=ReviewState.choices)
    comment = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    stage = models.CharField(
        max_length=20,
        blank=True,
        db_default="",
        help_text="The stage an approval signed off (``STAGES``); empty otherwise.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        permissions = [
            ("submit_for_review", "Can submit content for review"),
            ("review_content", "Can review, request changes to and approve content"),
            ("review_medicines", "Can give the pharmacist's approval"),
        ]

    def __str__(self):
        return (
            f"{self.actor} moved {self.item} from {self.get_from_state_display()} "
            f"to {self.get_to_state_display()}"
        )


MSG_NEVER_DELETED = (
    "Not deleted: {items} {verb} been published, and what readers have seen is "
    "never deleted. Archive instead: that withdraws it from readers and keeps "
    "the record."
)


class ReviewedDeleteError(ValueError):
    """A delete that would remove content readers have seen.

    The database refuses it too (``reviews.triggers``); this says so early and
    clearly, before any SQL is sent.
    """

    def __init__(self, items: list[models.Model]):
        names = ", ".join(f"“{item}”" for item in items[:5])
        if len(items) > 5:
            names += f" and {len(items) - 5} more"
        super().__init__(
            MSG_NEVER_DELETED.format(
                items=names, verb="has" if len(items) == 1 else "have"
            )
        )


class ReviewableQuerySet(models.QuerySet):
    """The review queues, for any reviewable content, and the rule that what
    has been published is never deleted.

    Content QuerySets inherit it (``class PageQuerySet(ReviewableQuerySet)``) so
    that the admin's queue filter works on them.
    """

    def ever_published(self) -> "ReviewableQuerySet":
        """Items that have had a published version, live or retired."""
        return self.filter(
            models.Exists(
                PublishedVersion.objects.filter(
                    content_type=ContentType.objects.get_for_model(self.model),
                    object_id=models.OuterRef("pk"),
                )
            )
        )

    def delete(self):
        published = list(self.ever_published())
        if published:
            raise ReviewedDeleteError(published)
        return super().delete()

    delete.queryset_only = True

    def awaiting_review(self) -> "ReviewableQuerySet":
        return self.filter(review_state=ReviewState.SUBMITTED)

    def in_review_by(self, user) -> "ReviewableQuerySet":
        """What ``user`` has claimed and not yet decided on."""
        return self.filter(review_state=ReviewState.UNDER_REVIEW, reviewer=user)

    def drafts_of(self, user) -> "ReviewableQuerySet":
        """Drafts (and items sent back) that ``user`` created or edited."""
        return self.filter(
            models.Q(created_by=user) | models.Q(revision_editors=user),
            review_state__in=[ReviewState.DRAFT, ReviewState.CHANGES_REQUESTED],
        ).distinct()

    def changes_requested(self) -> "ReviewableQuerySet":
        return self.filter(review_state=ReviewState.CHANGES_REQUESTED)

    def review_overdue(
        self, *, on: datetime.date | None = None
    ) -> "ReviewableQuerySet":
        """Items whose public version is past its next review date."""
        return self.filter(live_version__next_review_due__lt=on or timezone.localdate())


class Reviewable(models.Model):
    """Mix-in for content that goes through review.

    Subclasses implement ``review_data()`` (the whole tree as JSON-able data),
    ``render_review(data)`` (sanitised HTML for that data) and
    ``review_restore(data)``; the other ``review_*`` hooks have defaults. None
    of these fields is editable in forms: only ``reviews.services`` changes
    them, and the constraints below hold whatever writes the row. A subclass
    with its own ``Meta`` inherits ``Reviewable.Meta`` and extends its
    constraints; one with its own QuerySet builds it on ``ReviewableQuerySet``
    (system checks reviews.E001 and E002 say so otherwise).
    """

    review_state = models.CharField(
        max_length=20,
        choices=ReviewState.choices,
        default=ReviewState.DRAFT,
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
    )
    revision_editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        editable=False,
        related_name="+",
        help_text="Everyone who edited the content since it was last approved.",
    )
    revision_hash = models.CharField(max_length=64, blank=True, editable=False)
    review_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="The revision the current reviewer is looking at.",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    live_version = models.ForeignKey(
        PublishedVersion,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
    )
    scheduled_version = models.ForeignKey(
        PublishedVersion,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
        help_text="An approved version waiting for its go-live time.",
    )

    # Fields that describe the workflow, not the content: kept out of content
    # history so that reverting content can never publish or unpublish anything.
    # A subclass's PUBLISHED_FIELDS count too (see ``workflow_fields``).
    WORKFLOW_FIELDS = [
        "review_state",
        "created_by",
        "revision_hash",
        "review_hash",
        "reviewer",
        "live_version",
        "scheduled_version",
    ]
    # The published projection: columns that hold the approved value of a
    # draft field ({"public_slug": "slug"}), so that lists and URLs can query
    # what readers may see. ``reviews.services`` copies the draft values into
    # them in the approval's transaction, and nothing else writes them.
    PUBLISHED_FIELDS: dict[str, str] = {}

    objects = ReviewableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_state__in=ReviewState.values),
                name="%(app_label)s_%(class)s_review_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(review_state=ReviewState.UNDER_REVIEW)
                | models.Q(reviewer__isnull=True),
                name="%(app_label)s_%(class)s_reviewer_only_under_review",
            ),
            models.CheckConstraint(
                condition=models.Q(review_state=ReviewState.UNDER_REVIEW)
                | models.Q(review_hash=""),
                name="%(app_label)s_%(class)s_review_hash_only_under_review",
            ),
        ]

    def save(self, *args, update_fields=None, **kwargs):
        # A content save never writes the workflow fields of a row that exists:
        # the instance may have been loaded before an approval committed, and
        # writing its copies back would undo the approval (state, live
        # version). Only reviews.services change them, with update(). (An
        # instance built by hand for an existing row, such as simple-history's
        # copy of an old revision, counts too.)
        if not kwargs.get("force_insert") and self._stored_row_exists():
            if update_fields is None:
                deferred = self.get_deferred_fields()
                update_fields = [
                    field.name
                    for field in self._meta.concrete_fields
                    if not field.primary_key and field.attname not in deferred
                ]
            workflow = {
                name
                for field in self.workflow_fields()
                for name in (field, self._meta.get_field(field).attname)
            }
            update_fields = [name for name in update_fields if name not in workflow]
            if not update_fields:
                return
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        """Delete a draft that was never published; anything that was is
        only ever archived (``ReviewedDeleteError``)."""
        if type(self)._default_manager.filter(pk=self.pk).ever_published().exists():
            raise ReviewedDeleteError([self])
        return super().delete(*args, **kwargs)

    def _stored_row_exists(self) -> bool:
        if self.pk is None:
            return False
        if not self._state.adding:
            return True
        return type(self)._base_manager.filter(pk=self.pk).exists()

    @classmethod
    def workflow_fields(cls) -> list[str]:
        """Every field only ``reviews.services`` writes: the workflow's own and
        the published projection's (kept out of content history too)."""
        return [*Reviewable.WORKFLOW_FIELDS, *cls.PUBLISHED_FIELDS]

    def review_noun(self, *, plural: bool = False) -> str:
        """What the workflow calls this kind of content in messages and mail
        (say "page", "pages"); by default the model's verbose name."""
        return str(
            self._meta.verbose_name_plural if plural else self._meta.verbose_name
        )

    def review_data(self) -> dict:
        raise NotImplementedError

    def review_data_of(self, parts: dict[type, list]) -> dict:
        """The snapshot of an edit not saved yet (the live preview): this
        instance as the form left it, with its parts as the inline forms
        left them (unsaved instances by model, in order). Content without
        parts keeps the default, its ``review_data()``."""
        return self.review_data()

    def render_review(self, data: dict) -> tuple[str, dict[str, str]]:
        """Sanitised HTML of the whole body, and named pieces of it (e.g. one
        per section; may be empty) for pages that show parts to some readers."""
        raise NotImplementedError

    def review_diff_parts(self, data: dict) -> list[tuple[str, str]]:
        """The snapshot as labelled plain-text parts, compared part by part.

        Content made of parts returns one each (e.g. per section), so that
        reviewers see what changed where; the default compares the data as a whole.
        """
        return [("Content", json.dumps(data, indent=2, sort_keys=True))]

    def review_tables(self, data: dict) -> list[str]:
        """The tables in the snapshot, as text. A minor edit may change words,
        never a table; content without tables keeps the default."""
        return []

    def review_restore(self, data: dict) -> None:
        """Overwrite the content with a snapshot (restoring an old version)."""
        raise NotImplementedError

    def review_data_as_of(self, moment: datetime.datetime) -> dict:
        """The whole tree as it stood at ``moment``, read from the content's
        own history (simple-history records of the item and its parts): what
        restoring a revision from the history pages brings back. Content that
        keeps no such history keeps this default, and restores only
        published versions."""
        raise NotImplementedError

    def review_anchors(self) -> list[tuple[str, str]]:
        """[(key, label)] of the parts of the current draft a review comment
        can be anchored to (an article's sections); none by default."""
        return []

    def review_stages(self) -> list[str]:
        """The sign-offs an approval needs, in order (names of ``STAGES``):
        one clinical review by default."""
        return ["clinical"]

    def review_warnings(self, data: dict) -> list[str]:
        """Problems that do not stop a submission but that the reviewer must
        acknowledge, one by one, to approve (no references, a citation
        without its reference…); none by default."""
        return []

    def review_problems(self, data: dict) -> list[str]:
        """What must be fixed before this snapshot can be submitted for review
        (each a message for the editor); none by default."""
        return []

    def review_interval_months(self) -> int:
        """How long a full review stays current for this item."""
        return settings.REVIEW_INTERVAL_MONTHS

    def review_last_edited(self) -> datetime.datetime | None:
        """When the content last changed, if the content model knows."""
        return None

    def review_public_items(self) -> list[models.Model]:
        """The items whose public URL this item's publication makes current:
        itself, if it has a page (``get_absolute_url``). Content whose URL is
        part of other items' URLs (a condition's, in its articles') adds them,
        so that those URLs are recorded too."""
        return [self] if hasattr(self, "get_absolute_url") else []

    def review_published(self, version: "PublishedVersion") -> None:
        """Rewrite projection rows (child data that lists query) from the
        content just approved as ``version``; called in the approval's
        transaction. By default there are none."""

    def review_withdrawn(self) -> None:
        """Rewrite projection rows after the item was withdrawn from readers
        (archived); called in the archival's transaction. By default none."""

    def review_depends_on(self) -> list["Reviewable"]:
        """Other reviewable items whose published version this item's public
        page shows (an article shows its condition's name and codes). Whoever
        edited those can't approve this item. By default none."""
        return []


class ReviewCommentQuerySet(AppendOnlyQuerySet):
    def for_item(self, item: models.Model) -> "ReviewCommentQuerySet":
        content_type = ContentType.objects.get_for_model(item)
        return self.filter(content_type=content_type, object_id=item.pk)

    def open(self) -> "ReviewCommentQuerySet":
        return self.filter(resolution__isnull=True)

    def with_resolution(self) -> "ReviewCommentQuerySet":
        """With author and resolution fetched in the same query."""
        return self.select_related("author", "resolution__by")


class ReviewComment(AppendOnlyModel):
    """A remark on one revision, kept with the revision it was made on.

    Written only through ``reviews.services``, and never changed: resolving it
    adds a ``ReviewCommentResolution``.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField()
    content_hash = models.CharField(
        max_length=64, help_text="The revision the comment was made on."
    )
    anchor = models.CharField(
        max_length=200,
        blank=True,
        help_text="The part of the item it is about (``Reviewable.review_anchors``); "
        "empty for the whole item.",
    )
    anchor_label = models.CharField(max_length=300, blank=True)
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        help_text="The comment this answers (one level: replies have no replies).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self):
        return f"{self.author}: {self.body[:60]}"

    @property
    def is_resolved(self) -> bool:
        # A missing reverse one-to-one raises an AttributeError subclass.
        return hasattr(self, "resolution")


class ReviewCommentResolution(AppendOnlyModel):
    """Who marked a comment dealt with, and when: a row of its own, so that
    the comment itself is never changed. At most one per comment."""

    comment = models.OneToOneField(
        ReviewComment, on_delete=models.PROTECT, related_name="resolution"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"Resolved by {self.by} at {self.at:%Y-%m-%d %H:%M}"


class PublicPathQuerySet(models.QuerySet):
    def record(self, item: models.Model, path: str) -> "PublicPath":
        """Note that ``item`` is public at ``path`` now (taking the path over
        if another item had it before)."""
        path_row, _ = self.update_or_create(
            path=path,
            defaults={
                "content_type": ContentType.objects.get_for_model(item),
                "object_id": item.pk,
            },
        )
        return path_row


class PublicPath(models.Model):
    """A URL an item was public at: written at every publication, kept
    forever, so that every earlier URL of an item can send readers to its
    current one (``reviews.middleware``)."""

    path = models.CharField(max_length=500, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    recorded_at = models.DateTimeField(auto_now=True)

    objects = PublicPathQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.path


REVIEWERS_GROUP = "Reviewers"
PERM_VERIFY_PROFILE = "reviews.verify_reviewerprofile"


class ReviewerProfileQuerySet(models.QuerySet):
    def on_board(self) -> "ReviewerProfileQuerySet":
        """The profiles readers see on the advisory board: verified by a site
        admin, of active users in the Reviewers group, ordered by name."""
        return (
            self.filter(
                verified_at__isnull=False,
                user__is_active=True,
                user__groups__name=REVIEWERS_GROUP,
            )
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "user__username")
        )


class ReviewerProfile(models.Model):
    """What a sign-off says about the reviewer (copied into each approval),
    and the public profile the advisory board lists once a site admin has
    verified it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
    )
    credentials = models.CharField(
        max_length=300, blank=True, help_text="E.g. MD, FRCP, consultant allergist."
    )
    specialty = models.CharField(
        max_length=200, blank=True, help_text="E.g. clinical immunology."
    )
    affiliation = models.CharField(
        max_length=300, blank=True, help_text="Hospital, university or practice."
    )
    bio = models.TextField(
        "short biography",
        max_length=1000,
        blank=True,
        help_text="Two or three plain sentences for the advisory board page.",
    )
    conflicts_of_interest = models.TextField(
        blank=True,
        help_text="Declared conflicts of interest; leave empty if none.",
    )
    # Set and cleared only through ReviewerProfileForm, which checks who may.
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ReviewerProfileQuerySet.as_manager()

    # What readers see on the board: changing any of it needs a new check.
    VERIFIED_FIELDS = ("credentials", "specialty", "affiliation", "bio")

    class Meta:
        ordering = ["user__username"]
        permissions = [
            (
                "verify_reviewerprofile",
                "Can verify reviewers' credentials for the advisory board",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verified_at__isnull=True, verified_by__isnull=True)
                | models.Q(verified_at__isnull=False, verified_by__isnull=False),
                name="reviewer_verification_says_who_and_when",
            ),
            models.CheckConstraint(
                condition=models.Q(verified_by__isnull=True)
                | ~models.Q(verified_by=models.F("user")),
                name="reviewer_not_verified_by_self",
            ),
        ]

    def __str__(self):
        return f"Reviewer profile of {self.user}"

    @property
    def name(self) -> str:
        return display_name(self.user)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


TRACKER_STEPS = [ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW, ReviewState.APPROVED]


def tracker_steps(state: str) -> list[dict]:
    """The Submitted → Under review → Approved tracker shown to readers."""
    reached = TRACKER_STEPS.index(state) + 1 if state in TRACKER_STEPS else 0
    return [
        {"label": step.label, "done": i <= reached, "current": i == reached + 1}
        for i, step in enumerate(TRACKER_STEPS, start=1)
    ]
