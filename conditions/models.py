"""Medical content: conditions, their ICD-10-CM codes, reviewed articles, and
the reviewed pages about the site itself (about us, editorial policy…)."""

import dataclasses
import datetime
import logging
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import DatabaseError, connection, models, transaction
from django.db.models.functions import Lower, Substr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from modelsearch.queryset import SearchableQuerySetMixin
from simple_history.models import HistoricalRecords

from condition_site.prepared_queries import PreparedQuery
from conditions import icd10
from conditions.indexing import PublishedArticleIndex
from conditions.problems import article_warnings, body_warnings
from conditions.references import (
    DOI,
    KEY_PATTERN,
    keys_cited,
    new_key,
    normalise_doi,
    normalise_pmid,
)
from conditions.rendering import (
    body_problems,
    image_keys,
    markdown_tables,
    readable_text,
    render_article,
    render_site_page,
    section_anchors,
)
from images.models import Image, pinned_text
from reviews.models import PublishedVersion, Reviewable, ReviewableQuerySet

logger = logging.getLogger(__name__)


def nfc(text: str) -> str:
    """``text`` in Unicode NFC: "é" typed as e + accent is the same name as "é"."""
    return unicodedata.normalize("NFC", text)


MSG_CONDITION_NAME_TAKEN = (
    "There is already a condition with this name (names are compared without "
    "regard to case)."
)
# The fields of a code, as a condition's snapshot and its projection rows keep them.
CODE_FIELDS = [field.name for field in dataclasses.fields(icd10.IcdCode)]
RESOURCE_FIELDS = ["kind", "name", "url", "description"]


def condition_review_data(condition, *, codes=None, resources=None) -> dict:
    """A condition as plain data: what is hashed, reviewed and frozen; its
    codes and resources are its own unless given (as they stood earlier).

    A function of the fields alone, so that the data migration that gave
    existing conditions their first version computes exactly this.
    """
    codes = condition.codes.all() if codes is None else codes
    resources = condition.resources.all() if resources is None else resources
    return {
        "name": condition.name,
        "slug": condition.slug,
        "synonyms": condition.synonyms,
        "codes": [
            {field: getattr(code, field) for field in CODE_FIELDS} for code in codes
        ],
        "related": sorted(
            ({"id": other.pk, "name": other.name} for other in condition.related.all()),
            key=lambda other: other["id"],
        ),
        "resources": [
            {field: getattr(resource, field) for field in RESOURCE_FIELDS}
            for resource in resources
        ],
    }


def render_condition(data: dict) -> str:
    """The snapshot as HTML (autoescaped, links scheme-checked), for staff."""
    resources = with_kind_labels(data.get("resources", []))
    return render_to_string(
        "conditions/condition_version.html",
        {"data": {**data, "resources": resources}},
    )


def with_kind_labels(resources: list[dict]) -> list[dict]:
    labels = dict(ResourceKind.choices)
    return [{**r, "kind_label": labels.get(r["kind"], "")} for r in resources]


def as_of(model, moment, **parent) -> list[models.Model]:
    """The rows of ``model`` under one parent (``article_id=…``) as they
    stood at ``moment``, from its history, in their order then."""
    rows = model.history.as_of(moment).filter(**parent)
    return sorted(
        rows, key=lambda row: [getattr(row, name) for name in model._meta.ordering]
    )


def split_synonyms(synonyms: str) -> list[str]:
    return [s.strip() for s in synonyms.split(",") if s.strip()]


class ConditionQuerySet(ReviewableQuerySet):
    def published(self) -> "ConditionQuerySet":
        """Conditions readers may see: approved at least once, not archived,
        each with its live version (the codes, resources and related
        conditions readers see)."""
        return self.filter(live_version__isnull=False).select_related("live_version")

    def with_published_articles(self) -> "ConditionQuerySet":
        """Published conditions with at least one published article, by name."""
        return (
            self.published()
            .filter(models.Exists(Article.objects.live_under(models.OuterRef("pk"))))
            .order_by("public_name")
        )


class Condition(Reviewable):
    """A disease entity, reviewed like an article: readers see only its
    approved version, through the ``public_*`` columns and
    ``PublishedConditionCode`` rows written at approval."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    synonyms = models.CharField(
        max_length=500,
        blank=True,
        help_text="Other names and abbreviations, separated by commas (MAS, HLH/MAS).",
    )
    related = models.ManyToManyField("self", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The published projection (see Reviewable.PUBLISHED_FIELDS).
    public_name = models.CharField(max_length=200, blank=True, editable=False)
    public_slug = models.SlugField(max_length=200, blank=True, editable=False)
    public_synonyms = models.CharField(max_length=500, blank=True, editable=False)

    PUBLISHED_FIELDS = {
        "public_name": "name",
        "public_slug": "slug",
        "public_synonyms": "synonyms",
    }
    history = HistoricalRecords(
        excluded_fields=[*Reviewable.WORKFLOW_FIELDS, *PUBLISHED_FIELDS]
    )

    objects = ConditionQuerySet.as_manager()

    class Meta(Reviewable.Meta):
        ordering = ["name"]
        constraints = [
            *Reviewable.Meta.constraints,
            models.UniqueConstraint(
                Lower("name"),
                name="condition_name_unique_ignoring_case",
                violation_error_message=MSG_CONDITION_NAME_TAKEN,
            ),
            models.UniqueConstraint(
                Lower("public_name"),
                condition=~models.Q(public_name=""),
                name="condition_public_name_unique_ignoring_case",
                violation_error_message=MSG_CONDITION_NAME_TAKEN,
            ),
            models.UniqueConstraint(
                fields=["public_slug"],
                condition=~models.Q(public_slug=""),
                name="condition_public_slug_unique",
                violation_error_message="Another published condition already "
                "has this address (slug).",
            ),
        ]
        indexes = [
            # Lists of published conditions' articles by name (the ICD-10-CM
            # look-up of a chapter or block) walk this index and stop at a
            # page, instead of sorting every condition coded there.
            models.Index(
                fields=["public_name", "id"],
                condition=models.Q(live_version__isnull=False),
                name="condition_published_by_name",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.synonyms = nfc(self.synonyms)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The public page, at the approved slug (the draft's before any)."""
        return reverse(
            "conditions:condition_detail", args=[self.public_slug or self.slug]
        )

    def clean(self):
        self.name = nfc(self.name.strip())
        self.synonyms = nfc(self.synonyms)
        # The database's Lower("name") constraint backs this up, but SQLite's
        # lower() folds ASCII letters only: compare Unicode case here.
        key = self.name.casefold()
        others = Condition.objects.exclude(pk=self.pk).values_list("name", flat=True)
        if any(other.casefold() == key for other in others):
            raise ValidationError({"name": MSG_CONDITION_NAME_TAKEN})

    @property
    def synonym_list(self) -> list[str]:
        """The draft's other names (staff pages, previews)."""
        return split_synonyms(self.synonyms)

    @property
    def public_synonym_list(self) -> list[str]:
        """The approved other names, as readers see them."""
        return split_synonyms(self.public_synonyms)

    @property
    def public_codes(self) -> list[dict]:
        """The approved codes with their derived titles, as readers see them."""
        return self.live_version.data["codes"] if self.live_version else []

    @property
    def related_data(self) -> list[dict]:
        """The approved related conditions ({"id", "name"}; some may not be
        public)."""
        return self.live_version.data["related"] if self.live_version else []

    @property
    def public_resources(self) -> list[dict]:
        """The approved resources, each with its kind's label."""
        if self.live_version is None:
            return []
        return with_kind_labels(self.live_version.data["resources"])

    def as_shown(self, *, published: bool = True) -> dict:
        """What a page about one of its articles shows of the condition: the
        approved version, or for a draft's preview the draft."""
        if published:
            name, slug = self.public_name, self.public_slug
            synonyms, codes = self.public_synonym_list, self.public_codes
        else:
            name, slug, synonyms = self.name, self.slug, self.synonym_list
            codes = condition_review_data(self)["codes"]
        return {"name": name, "slug": slug, "synonyms": synonyms, "codes": codes}

    def review_data(self) -> dict:
        return condition_review_data(self)

    def review_data_as_of(self, moment) -> dict:
        """As it stood at ``moment`` (related conditions as they are now:
        their links keep no history)."""
        return condition_review_data(
            self.history.as_of(moment),
            codes=as_of(ConditionCode, moment, condition_id=self.pk),
            resources=as_of(Resource, moment, condition_id=self.pk),
        )

    def render_review(self, data: dict) -> tuple[str, dict[str, str]]:
        return render_condition(data), {}

    def review_diff_parts(self, data: dict) -> list[tuple[str, str]]:
        """Name, address, other names, codes, related conditions and resources."""
        return [
            ("Name", data.get("name", "")),
            ("Address (slug)", data.get("slug", "")),
            ("Other names", data.get("synonyms", "")),
            (
                "ICD-10-CM codes",
                "\n".join(f"{c['code']} {c['title']}" for c in data.get("codes", [])),
            ),
            (
                "Related conditions",
                "\n".join(other["name"] for other in data.get("related", [])),
            ),
            (
                "Resources",
                "\n".join(
                    f"{r['kind']}: {r['name']} {r['url']} {r['description']}".strip()
                    for r in data.get("resources", [])
                ),
            ),
        ]

    def review_restore(self, data: dict) -> None:
        """Make this condition's content that of an earlier snapshot (related
        conditions that no longer exist are left out)."""
        self.name = data["name"]
        self.slug = data["slug"]
        self.synonyms = data["synonyms"]
        self.save()
        self.codes.all().delete()
        for position, code in enumerate(data.get("codes", []), start=1):
            self.codes.create(code=code["code"], position=position)
        self.resources.all().delete()
        for position, resource in enumerate(data.get("resources", []), start=1):
            self.resources.create(**resource, position=position)
        self.related.set(
            Condition.objects.filter(pk__in=[r["id"] for r in data.get("related", [])])
        )

    def review_last_edited(self):
        return self.updated_at

    def review_public_items(self) -> list[models.Model]:
        """Its page and its articles' pages: the approved slug is part of
        their URLs, so each approval records where they all are now."""
        return [self, *Article.objects.published().filter(public_condition=self)]

    def review_published(self, version) -> None:
        """Rewrite the codes and A–Z entries readers' lists query from the
        approved snapshot, and the chapters its articles are searched by."""
        self.published_codes.all().delete()
        PublishedConditionCode.objects.bulk_create(
            PublishedConditionCode(condition=self, position=position, **code)
            for position, code in enumerate(version.data["codes"], start=1)
        )
        self.index_entries.all().delete()
        IndexEntry.objects.bulk_create(IndexEntry.entries_of(self, version.data))
        self.index_entries.relist()
        write_chapters(Article.objects.filter(public_condition=self))

    def review_withdrawn(self) -> None:
        """Its A–Z lines go with it."""
        self.index_entries.update(listed=False)


class ConditionCode(models.Model):
    """One ICD-10-CM code of a condition (its draft); everything but the
    code is derived."""

    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="codes"
    )
    code = models.CharField(
        "ICD-10-CM code",
        max_length=10,
        validators=[icd10.validate_code],
        help_text="A category or subcategory code, e.g. D89.41. The titles, "
        "category, block and chapter are filled in from the code set.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300, editable=False)
    category_code = models.CharField(max_length=10, editable=False)
    category_title = models.CharField(max_length=300, editable=False)
    block_code = models.CharField(max_length=10, editable=False)
    block_title = models.CharField(max_length=300, editable=False)
    chapter_code = models.CharField(max_length=4, editable=False)
    chapter_title = models.CharField(max_length=300, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "ICD-10-CM code"
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "code"], name="unique_code_per_condition"
            )
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"

    def save(self, *args, **kwargs):
        derived = icd10.lookup(self.code)
        for field, value in vars(derived).items():
            setattr(self, field, value)
        super().save(*args, **kwargs)

    def clean(self):
        self.code = icd10.normalize(self.code)


# How many more of the newest versions ``recently_approved`` looks at.
RECENT_MARGIN = 50

# What lies one level under a chapter, block, category or code, from the
# columns of ``PublishedConditionCode``: (the branch's code, its stored title,
# or None where the code set gives it). A category ("D89") opens on its
# four-character codes ("D89.4"), a code on every code under it.
BRANCHES = {
    None: (models.F("chapter_code"), "chapter_title"),
    "chapter": (models.F("block_code"), "block_title"),
    "block": (Substr("code", 1, 3), None),
    "category": (Substr("code", 1, 5), None),
    "code": (models.F("code"), "title"),
}


def counted(codes, *columns: str):
    """Rows of ``columns`` of ``codes`` (``PublishedConditionCode``), each
    with the number of published articles under it, in one grouped query
    (no default ordering to split the groups)."""
    return (
        codes.values_list(*columns)
        .annotate(articles=models.Count("condition__public_articles", distinct=True))
        .order_by()
    )


def codes_under(code: str) -> models.Q:
    """``PublishedConditionCode`` rows at ``code`` or under it. A block
    ("C00-C96") is the range of its categories, so blocks that hold other
    blocks find their codes too."""
    if "-" in code:
        first, last = code.split("-")
        # "~" sorts after every character of a code: D89.41 is before "D89~".
        return models.Q(code__gte=first, code__lt=f"{last}~")
    if code.isdigit():
        return models.Q(chapter_code=code)
    prefix = code if "." in code else f"{code}."
    return models.Q(code=code) | models.Q(code__startswith=prefix)


class PublishedConditionCode(models.Model):
    """An approved code of a condition, as readers' lists query it (the ICD
    browse tree, look-up, filters, /connect/). Rewritten only when the
    condition's version is approved (``Condition.review_published``)."""

    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="published_codes"
    )
    position = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    category_code = models.CharField(max_length=10)
    category_title = models.CharField(max_length=300)
    block_code = models.CharField(max_length=10)
    block_title = models.CharField(max_length=300)
    chapter_code = models.CharField(max_length=4)
    chapter_title = models.CharField(max_length=300)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "code"], name="unique_published_code_per_condition"
            )
        ]
        # The look-up and browse pages find codes under a branch by these.
        indexes = [
            models.Index(fields=["chapter_code", "condition"]),
            models.Index(fields=["code", "condition"]),
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"


def section_settings(section: dict) -> str:
    """A section's reviewed settings, as the diff shows them."""
    return (
        f"kind: {SectionKind(section['kind']).label}; "
        f"for: {Audience(section['audience']).label}; "
        f"visible to: {Visibility(section['visibility']).label}"
    )


def index_letter(name: str) -> str:
    """The A–Z letter ``name`` is filed under: its first letter without
    accents ("Érythème" under E); "#" for names that start otherwise."""
    first = unicodedata.normalize("NFKD", name.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


class IndexEntryQuerySet(models.QuerySet):
    def public(self) -> "IndexEntryQuerySet":
        """Entries of conditions readers can see (approved, with at least one
        published article): marked ``listed`` at each publication, so that
        a page reads an index range, whatever its depth."""
        return self.filter(listed=True)

    def relist(self) -> int:
        """Work out again which of these lines readers see (``listed``)."""
        condition = models.OuterRef("condition")
        return self.update(
            listed=models.ExpressionWrapper(
                models.Q(
                    models.Exists(
                        Condition.objects.filter(
                            pk=condition, live_version__isnull=False
                        )
                    ),
                    models.Exists(Article.objects.live_under(condition)),
                ),
                output_field=models.BooleanField(),
            )
        )

    def letter_counts(self) -> dict[str, int]:
        """{letter: number of entries}, in one grouped query."""
        rows = self.order_by().values_list("letter").annotate(n=models.Count("pk"))
        return dict(sorted(rows))


class IndexEntry(models.Model):
    """One line of the A–Z: a condition's approved name, or one of its other
    names pointing to it, with what the line shows. Rewritten only when the
    condition's version is approved (``Condition.review_published``), so a
    page of the A–Z reads a page of these rows and nothing else."""

    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="index_entries"
    )
    letter = models.CharField(max_length=1)
    name = models.CharField(max_length=300)
    sort_key = models.CharField(max_length=300)
    see = models.BooleanField(
        default=False, help_text="Another name, pointing to the condition's own."
    )
    target_name = models.CharField(max_length=200)
    target_slug = models.SlugField(max_length=200)
    codes = models.CharField(max_length=300, blank=True)
    also_called = models.CharField(max_length=500, blank=True)
    listed = models.BooleanField(
        default=False,
        help_text="Shown to readers: the condition is public and has a "
        "published article (``IndexEntryQuerySet.relist``, at each publication).",
    )

    objects = IndexEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        indexes = [models.Index(fields=["listed", "letter", "sort_key"])]
        verbose_name_plural = "index entries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conditions:condition_detail", args=[self.target_slug])

    @classmethod
    def entries_of(cls, condition: "Condition", data: dict) -> list["IndexEntry"]:
        """The lines an approved snapshot ``data`` of ``condition`` gives."""
        return [cls(condition=condition, **fields) for fields in index_lines(data)]


def index_lines(data: dict) -> list[dict]:
    """The A–Z lines of an approved condition snapshot, as field values: its
    name, with codes and other names, then one line per other name. (A plain
    function: the migration that wrote the first entries uses it too.)"""
    synonyms = split_synonyms(data["synonyms"])
    target = {"target_name": data["name"], "target_slug": data["slug"]}
    lines = [
        {
            **target,
            "name": data["name"],
            "codes": " ".join(code["code"] for code in data["codes"]),
            "also_called": ", ".join(synonyms),
        },
        *({**target, "name": synonym, "see": True} for synonym in synonyms),
    ]
    return [
        {
            **line,
            "letter": index_letter(line["name"]),
            "sort_key": line["name"].casefold(),
        }
        for line in lines
    ]


class ArticleKind(models.TextChoices):
    OVERVIEW = "overview", "Condition overview"
    TREATMENT = "treatment", "Treatment guide"
    QUESTION = "question", "Clinical question"


# The live version as an article's chapter row holds it (``in_chapter``).
NEWEST_IN_CHAPTER = "chapter_live_version"


class ArticleQuerySet(SearchableQuerySetMixin, ReviewableQuerySet):
    def published(self) -> "ArticleQuerySet":
        """Articles readers may see: approved, under a condition readers may
        see, each with its live version and its condition's."""
        return self.filter(
            live_version__isnull=False, public_condition__live_version__isnull=False
        ).select_related(
            "public_condition__live_version",
            "live_version",
            "live_version__approved_by",
        )

    def newest_ids(self, count: int) -> list[int]:
        """The ids of the ``count`` of these approved last, newest first. An
        article's live version is its last approval, so they are read along
        the index of live versions: a filter that matches most of a large
        catalogue reads ``count`` articles, not every one."""
        # By chapter (``in_chapter``), along the chapter rows' index: they
        # carry the live version. Otherwise the column itself: "-live_version"
        # would sort by PublishedVersion's Meta.ordering, through a join,
        # past every match.
        by = NEWEST_IN_CHAPTER
        if by not in self.query.annotations:
            by = "live_version_id"
        newest = self.order_by(f"-{by}").values_list("pk", flat=True)
        return list(newest[:count])

    def live_under(self, condition) -> "ArticleQuerySet":
        """Articles with a live version filed under ``condition`` (an id or
        an ``OuterRef``): with the condition's own live version, those are
        its published articles, found through the condition's index."""
        return self.filter(public_condition=condition, live_version__isnull=False)

    def at(self, condition_slug: str, slug: str) -> "ArticleQuerySet":
        """The article at a public address (approved slugs)."""
        return self.filter(
            public_condition__public_slug=condition_slug, public_slug=slug
        )

    def recently_approved(self, count: int) -> "ArticleQuerySet":
        """The ``count`` articles approved last. Picked from the newest live
        versions (an index), not by sorting every published article: one
        query now, one when the result is read."""
        # A few more than asked: some may be under a condition not public.
        # Fetched first: as a subquery, the planner sorts every article.
        newest = list(
            PublishedVersion.objects.live()
            .filter(content_type=ContentType.objects.get_for_model(Article))
            .order_by("-approved_at")
            .values_list("pk", flat=True)[: count + RECENT_MARGIN]
        )
        return (
            self.published()
            .filter(live_version__in=newest)
            .order_by("-live_version__approved_at")[:count]
        )

    def coded_under(self, code: str) -> "ArticleQuerySet":
        """Articles about a condition coded ``code`` or anything under it: a
        chapter ("3"), a block ("D80-D89"), a category ("D89") or a
        subcategory ("D89.4" finds the D89.41 article)."""
        return self.filter(
            public_condition__in=PublishedConditionCode.objects.filter(
                codes_under(code)
            ).values("condition")
        )

    def in_chapter(self, chapter: str) -> "ArticleQuerySet":
        """Articles about a condition coded in ``chapter`` ("3"), by the
        rows ``write_chapters`` keeps: ``newest_ids`` reads the newest of a
        chapter along their index, not every article of it."""
        return self.filter(published_chapters__chapter_code=chapter).alias(
            **{NEWEST_IN_CHAPTER: models.F("published_chapters__live_version")}
        )

    def branch_counts(self, item: "icd10.IcdItem | None" = None) -> list:
        """The ICD-10-CM branches one level under ``item`` (the chapters when
        None) that these articles' conditions are coded in, each with its
        number of articles: one grouped query, at most one row per branch of
        the code set whatever the catalogue's size."""
        codes = self._codes()
        if item is not None:
            codes = codes.filter(codes_under(item.code)).exclude(code=item.code)
        branch, title = BRANCHES[item and item.level]
        rows = counted(codes.annotate(branch=branch), "branch", *filter(None, [title]))
        branches = [
            icd10.BranchCount(row[0], row[1] if title else icd10.title_of(row[0]), n)
            for *row, n in rows
        ]
        return sorted(branches, key=lambda b: int(b.code) if item is None else b.code)

    def blocks_by_chapter(self) -> dict[str, list[tuple]]:
        """``branch_counts`` of every chapter at once (its blocks, as (code,
        title, count) in code order), by chapter: one grouped query."""
        rows = counted(self._codes(), "chapter_code", "block_code", "block_title")
        blocks = {}
        for chapter, *block in rows:
            blocks.setdefault(chapter, []).append(tuple(block))
        # In code order, as ``branch_counts`` sorts (not the database's collation).
        return {chapter: sorted(branches) for chapter, branches in blocks.items()}

    def _codes(self):
        """The published codes of these articles' conditions."""
        return PublishedConditionCode.objects.filter(
            condition__public_articles__in=self.values("pk")
        )

    def related_to(self, article: int, conditions: list[int]) -> "ArticleQuerySet":
        """Published articles other than ``article`` (an id) about one of
        ``conditions`` (``Article.related_conditions``), by kind then
        approved title."""
        return (
            self.published()
            .filter(public_condition__in=conditions)
            .exclude(pk=article)
            .order_by("kind", "live_version__data__title", "pk")
        )

    def cards(self, **more: str) -> list[dict]:
        """The articles as the cards that list them show them: approved title,
        kind, condition name and address, and ``more`` (a name for each path).
        One query that reads those columns alone, not the frozen versions."""
        paths = {**CARD_PATHS, **more}
        return as_cards(paths, self.values_list(*paths.values()))


def as_cards(paths: dict[str, str], rows) -> list[dict]:
    """Rows of ``paths`` (``ArticleQuerySet.cards``) as cards."""
    # A key an older frozen version lacks reads as "", as in templates.
    cards = [
        {
            name: "" if value is None else value
            for name, value in zip(paths, row, strict=True)
        }
        for row in rows
    ]
    for card in cards:
        slugs = card.pop("condition_slug"), card.pop("slug")
        card["url"] = reverse("conditions:article_detail", args=slugs)
    return cards


# What an article's card shows (``ArticleQuerySet.cards``), by name.
CARD_PATHS = {
    "slug": "public_slug",
    "condition_slug": "public_condition__public_slug",
    "condition_name": "public_condition__public_name",
    "title": "live_version__data__title",
    "kind_label": "live_version__data__kind_label",
}


class Article(PublishedArticleIndex, Reviewable):
    condition = models.ForeignKey(
        Condition, on_delete=models.PROTECT, related_name="articles"
    )
    kind = models.CharField(
        max_length=20, choices=ArticleKind.choices, default=ArticleKind.OVERVIEW
    )
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=200)
    summary = models.TextField(help_text="One or two plain sentences for listings.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The published projection: the address and condition readers see change
    # only when a new version is approved.
    public_slug = models.SlugField(max_length=200, blank=True, editable=False)
    public_condition = models.ForeignKey(
        Condition,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="public_articles",
    )
    public_kind = models.CharField(
        max_length=20, choices=ArticleKind.choices, blank=True, editable=False
    )
    # Whether the approved version has sections written for each audience
    # (``AUDIENCE_COLUMNS``), for search's filter; written as it goes live.
    public_for_patients = models.BooleanField(default=False, editable=False)
    public_for_professionals = models.BooleanField(default=False, editable=False)

    import_report = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="What an import found and left out; not reviewed content.",
    )

    PUBLISHED_FIELDS = {
        "public_slug": "slug",
        "public_condition": "condition",
        "public_kind": "kind",
    }
    history = HistoricalRecords(
        excluded_fields=[
            *Reviewable.WORKFLOW_FIELDS,
            *PUBLISHED_FIELDS,
            "public_for_patients",
            "public_for_professionals",
            "import_report",
        ]
    )

    objects = ArticleQuerySet.as_manager()

    class Meta(Reviewable.Meta):
        ordering = ["title"]
        constraints = [
            *Reviewable.Meta.constraints,
            models.UniqueConstraint(
                fields=["condition", "slug"], name="unique_article_slug_per_condition"
            ),
            models.UniqueConstraint(
                fields=["public_condition", "public_slug"],
                condition=~models.Q(public_slug=""),
                name="unique_public_article_slug_per_condition",
                violation_error_message="Another published article of this "
                "condition already has this address (slug).",
            ),
        ]
        # Search by filters alone: the newest articles of a kind, or with
        # sections for an audience (``ArticleQuerySet.newest_ids``).
        indexes = [
            models.Index(
                "public_kind",
                models.F("live_version").desc(),
                name="article_kind_newest",
            ),
            *(
                models.Index(
                    models.F("live_version").desc(),
                    condition=models.Q(**{column: True}),
                    name=f"article_{column.removeprefix('public_for_')}_newest",
                )
                for column in ("public_for_patients", "public_for_professionals")
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The public address: the approved slug under the approved condition
        (the draft's before the first approval)."""
        condition = self.public_condition or self.condition
        return reverse(
            "conditions:article_detail",
            args=[
                condition.public_slug or condition.slug,
                self.public_slug or self.slug,
            ],
        )

    @property
    def related_conditions(self) -> list[int]:
        """Its approved condition and those the condition's approved version
        relates it to: their articles are related to this one."""
        related = self.public_condition.related_data
        return [self.public_condition_id, *(other["id"] for other in related)]

    def review_data(self) -> dict:
        """The whole article as plain data: what is hashed, reviewed and frozen,
        with the exact files and texts of the images it shows."""
        return self._tree_data(self, self.sections.all(), self.references.all())

    def review_data_of(self, parts: dict[type, list]) -> dict:
        return self._tree_data(self, parts.get(Section, []), parts.get(Reference, []))

    def review_data_as_of(self, moment) -> dict:
        """The article, its sections and references as they stood at ``moment``."""
        return self._tree_data(
            self.history.as_of(moment),
            as_of(Section, moment, article_id=self.pk),
            as_of(Reference, moment, article_id=self.pk),
        )

    @staticmethod
    def _tree_data(article, sections, references) -> dict:
        sections = list(sections)
        anchors = section_anchors([s.heading for s in sections])
        images = Image.objects.pinned([k for s in sections for k in image_keys(s.body)])
        return {
            "title": article.title,
            "kind": article.kind,
            "kind_label": article.get_kind_display(),
            "summary": article.summary,
            "slug": article.slug,
            # Which condition the page is about; what readers see of it
            # (name, codes) comes from the condition's own published version.
            "condition": {
                "id": article.condition_id,
                "name": article.condition.public_name or article.condition.name,
            },
            "sections": [
                {
                    "heading": s.heading,
                    "kind": s.kind,
                    "audience": s.audience,
                    "visibility": s.visibility,
                    "anchor": anchor,
                    "body": s.body,
                }
                for s, anchor in zip(sections, anchors, strict=True)
            ],
            "references": [
                {"number": number, **ref.as_data()}
                for number, ref in enumerate(references, start=1)
            ],
            # Only when there are any, so that older content keeps its hash.
            **({"images": images} if images else {}),
        }

    def review_warnings(self, data: dict) -> list[str]:
        return article_warnings(data)

    @classmethod
    def workflow_fields(cls) -> list[str]:
        """The audience columns too: only going live writes them."""
        return [*super().workflow_fields(), *AUDIENCE_COLUMNS.values()]

    def review_published(self, version) -> None:
        """The audiences its sections are written for and the chapters its
        condition is coded in, as search filters on them. The A–Z lines of
        its condition show now; those of the condition its previous version
        was under, if it left it and that has no other published article, no
        longer do. Two conditions' lines, whatever the catalogue's size."""
        this = Article.objects.filter(pk=self.pk)
        this.update(**audience_columns(version.data))
        # The chapters as its condition's last approval left them: that
        # approval locks the condition's row, so one running now either
        # finishes first or waits for this one (and then sees it).
        condition = Condition.objects.filter(pk=self.public_condition_id)
        list(condition.select_for_update().values_list("pk"))
        write_chapters(this)
        left = (
            PublishedVersion.objects.for_item(self)
            .filter(number__lt=version.number)
            .order_by("-number")
            .values_list("data__condition__id", flat=True)
            .first()
        )
        IndexEntry.objects.filter(
            condition__in={self.public_condition_id, left} - {None}
        ).relist()

    def review_withdrawn(self) -> None:
        """Its condition's A–Z lines go, if it was its last published article."""
        IndexEntry.objects.filter(condition=self.public_condition_id).relist()

    def review_stages(self) -> list[str]:
        """Kinds about medicines (``REVIEW_TWO_STAGE_KINDS``: treatment
        guides by default) need a pharmacist's approval after the clinical one."""
        if self.kind in settings.REVIEW_TWO_STAGE_KINDS:
            return ["clinical", "pharmacist"]
        return ["clinical"]

    def review_anchors(self) -> list[tuple[str, str]]:
        """Review comments can be about one section: keyed by its anchor."""
        headings = [section.heading for section in self.sections.all()]
        return [
            (anchor, f"Section: {heading}")
            for anchor, heading in zip(section_anchors(headings), headings, strict=True)
        ]

    def review_problems(self, data: dict) -> list[str]:
        """Malformed blocks, and images missing or without alt text, by section."""
        return [
            f"{section['heading']}: {problem}"
            for section in data["sections"]
            for problem in body_problems(section["body"], images=data.get("images", {}))
        ]

    def render_review(self, data: dict) -> tuple[str, dict[str, str]]:
        return render_article(data)

    def review_diff_parts(self, data: dict) -> list[tuple[str, str]]:
        """Every reviewed field, one part each: title, kind, condition,
        address, summary, each section (its settings, then its text as
        rendered), the references and the pinned images."""
        references = data.get("references", [])
        images = data.get("images", {})
        return [
            ("Title", data.get("title", "")),
            ("Kind", data.get("kind_label", data.get("kind", ""))),
            ("Condition", data.get("condition", {}).get("name", "")),
            ("Address (slug)", data.get("slug", "")),
            ("Summary", data.get("summary", "")),
            *(
                (
                    f"Section: {section['heading']}",
                    f"[{section_settings(section)}]\n"
                    + readable_text(
                        section["body"],
                        references=references,
                        images=images,
                    ),
                )
                for section in data.get("sections", [])
            ),
            (
                "References",
                "\n".join(
                    f"[{ref['number']}]{' @' + ref['key'] if ref.get('key') else ''} "
                    f"{ref['authors']}. {ref['title']}. "
                    f"{ref['source']} {ref['year'] or ''} {ref['doi']} {ref['pmid']} "
                    f"{ref['url']}".strip()
                    for ref in references
                ),
            ),
            *([("Images", pinned_text(images))] if images else []),
        ]

    def review_tables(self, data: dict) -> list[str]:
        return [
            table
            for section in data.get("sections", [])
            for table in markdown_tables(section["body"])
        ]

    def review_restore(self, data: dict) -> None:
        """Make this article's content that of an earlier snapshot."""
        self.title = data["title"]
        self.kind = data["kind"]
        self.summary = data["summary"]
        self.slug = data.get("slug", self.slug)
        self.save()
        self.sections.all().delete()
        self.references.all().delete()
        section_fields = {f.name for f in Section._meta.get_fields()}
        for position, section in enumerate(data.get("sections", []), start=1):
            fields = {k: v for k, v in section.items() if k in section_fields}
            self.sections.create(**{**fields, "position": position})
        reference_fields = {f.name for f in Reference._meta.get_fields()}
        for ref in data.get("references", []):
            fields = {k: v for k, v in ref.items() if k in reference_fields}
            self.references.create(**{**fields, "position": ref["number"]})

    def review_interval_months(self) -> int:
        return settings.REVIEW_INTERVAL_MONTHS_BY_KIND.get(
            self.kind, settings.REVIEW_INTERVAL_MONTHS
        )

    def review_last_edited(self):
        return self.updated_at

    def review_depends_on(self) -> list[Reviewable]:
        """The page shows its condition's published name and codes."""
        return [self.condition]


class PublishedArticleChapter(models.Model):
    """An ICD-10-CM chapter an article's approved condition is coded in, with
    the article's live version: search's chapter filter reads the newest
    articles of a chapter along one index, not every article of it.
    Rewritten whenever the article or its condition goes live
    (``write_chapters``); while either is withdrawn the article's rows stay
    but search reads only published articles."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="published_chapters",
        db_index=False,  # the unique constraint's index starts with it
    )
    chapter_code = models.CharField(max_length=4)
    live_version = models.ForeignKey(
        "reviews.PublishedVersion",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "chapter_code"], name="unique_article_chapter"
            )
        ]
        indexes = [
            models.Index(
                "chapter_code",
                models.F("live_version").desc(),
                name="article_chapter_newest",
            )
        ]

    def __str__(self):
        return f"{self.article_id} in chapter {self.chapter_code}"


def write_chapters(articles: "ArticleQuerySet") -> None:
    """Rewrite the chapter rows of ``articles`` from their approved
    conditions' codes, for their live versions: three queries."""
    PublishedArticleChapter.objects.filter(article__in=articles).delete()
    rows = (
        articles.filter(live_version__isnull=False)
        .values_list(
            "pk", "live_version", "public_condition__published_codes__chapter_code"
        )
        .order_by()
        .distinct()
    )
    PublishedArticleChapter.objects.bulk_create(
        PublishedArticleChapter(
            article_id=pk, live_version_id=version, chapter_code=chapter
        )
        for pk, version, chapter in rows
        if chapter  # None: a condition without codes
    )


def validate_body(text: str) -> None:
    """A body's blocks are well formed and its images are in the library
    with alt text; otherwise the editor is told what to fix, line by line."""
    problems = body_problems(text, images=Image.objects.pinned(image_keys(text)))
    if problems:
        raise ValidationError(problems)


class SectionKind(models.TextChoices):
    SYMPTOMS = "symptoms", "Symptoms"
    CAUSES = "causes", "Causes"
    DIAGNOSIS = "diagnosis", "Diagnosis"
    TREATMENT = "treatment", "Treatment"
    RISK_FACTORS = "risk_factors", "Risk factors"
    OUTLOOK = "outlook", "Outlook"
    LIVING_WITH = "living_with", "Living with the condition"
    FAQ = "faq", "Questions and answers"
    OTHER = "other", "Other"


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    PATIENTS = "patients", "Patients and carers"
    PROFESSIONALS = "professionals", "Healthcare professionals"


# The column that says an article's approved version has sections written
# for an audience (search's "Has sections written for" filter).
AUDIENCE_COLUMNS = {
    Audience.PATIENTS: "public_for_patients",
    Audience.PROFESSIONALS: "public_for_professionals",
}


def audience_columns(data: dict) -> dict[str, bool]:
    """``AUDIENCE_COLUMNS``' values for a version's ``data``."""
    written_for = {section.get("audience") for section in data.get("sections", [])}
    return {
        column: audience in written_for for audience, column in AUDIENCE_COLUMNS.items()
    }


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    MEMBERS = "members", "Signed-in readers only"


class Section(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20, choices=SectionKind.choices, default=SectionKind.OTHER
    )
    body = models.TextField(
        help_text="Markdown: tables and lists are supported; a line starting "
        "with # is a sub-heading under this section's heading. Cite a reference "
        "by its key, [@akin2010], or several, [@akin2010; @valent2012]: the "
        "number readers see follows the reference when the list changes (a "
        "number typed as [1] becomes a key when saved). Raw HTML is removed. "
        "An image from the library: a line “![alt text](image:42)”. Blocks "
        "start with a line “:::quote”, “:::faq” or “:::help emergency” (or "
        "urgent, routine) and end with a line “:::”. In a quote, the last "
        "line is “-- Name | Credentials | Affiliation”; in an FAQ, each "
        "question is a line starting “? ” with its answer below; phone links "
        "([999](tel:999)) work in help blocks.",
        validators=[validate_body],
    )
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text="Sections for one audience are collapsed for the other.",
    )
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.heading


class DOIField(models.CharField):
    """A DOI, stored as ``10.prefix/suffix`` whichever common form it was
    typed or pasted in (``references.normalise_doi``)."""

    def to_python(self, value):
        return normalise_doi(super().to_python(value) or "")


class PMIDField(models.CharField):
    """A PubMed ID, stored as digits ("PMID: 123", PubMed links accepted)."""

    def to_python(self, value):
        return normalise_pmid(super().to_python(value) or "")


class Reference(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="references"
    )
    position = models.PositiveSmallIntegerField(default=0)
    key = models.CharField(
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                rf"^{KEY_PATTERN}$",
                "A key is lower-case letters, digits, “-” and “_”, starting with "
                "a letter (such as akin2010).",
            )
        ],
        help_text="Cite it as [@key]. Left empty, it is made from the first "
        "author and the year.",
    )
    authors = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=500)
    source = models.CharField(
        max_length=300, blank=True, help_text="Journal, book or website."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    doi = DOIField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[
            RegexValidator(
                DOI.pattern,
                "Enter a DOI such as 10.1016/j.jaci.2010.08.002 "
                "(a https://doi.org/ link or “doi:” is fine too).",
            )
        ],
    )
    pmid = PMIDField(
        "PMID",
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{1,9}$",
                "A PubMed ID is digits (“PMID: 123” or a PubMed link is fine too).",
            )
        ],
    )
    url = models.URLField("URL", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key"],
                condition=~models.Q(key=""),
                name="one_reference_key_per_article",
                violation_error_message="Another reference of this article has "
                "that key: each key names one reference.",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """DOI and PMID in one form, and a key when none was given: what
        importers and scripts write gets them as forms do."""
        self.doi, self.pmid = normalise_doi(self.doi), normalise_pmid(self.pmid)
        if not self.key:
            # Nor a key a section still cites: that citation's reference was
            # deleted, and it must stay reported, never point at this one.
            taken = set(
                Reference.objects.filter(article_id=self.article_id)
                .exclude(pk=self.pk)
                .values_list("key", flat=True)
            ).union(
                *map(
                    keys_cited,
                    Section.objects.filter(article_id=self.article_id).values_list(
                        "body", flat=True
                    ),
                )
            )
            self.key = new_key(
                authors=self.authors, title=self.title, year=self.year, taken=taken
            )
        super().save(*args, **kwargs)

    def clean(self):
        if self.year is not None and not 1800 <= self.year <= 2100:
            raise ValidationError({"year": "Enter the year of publication, e.g. 2019."})

    def as_data(self) -> dict:
        return {
            "key": self.key,
            "authors": self.authors,
            "title": self.title,
            "source": self.source,
            "year": self.year,
            "doi": self.doi,
            "pmid": self.pmid,
            "url": self.url,
        }


class ResourceKind(models.TextChoices):
    SUPPORT_GROUP = "support_group", "Support group"
    CENTRE = "centre", "Centre of excellence"
    ORGANISATION = "organisation", "Patient organisation"


class Resource(models.Model):
    """A place to find help: support group, specialist centre or charity."""

    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="resources"
    )
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    name = models.CharField(max_length=200)
    url = models.URLField("link")
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "position", "name"]

    def __str__(self):
        return self.name


class EnquiryKind(models.TextChoices):
    FOLLOW_UP = "follow_up", "Follow-up question"
    CONSULTATION = "consultation", "Consultation request"


class EnquiryQuerySet(models.QuerySet):
    def older_than(self, days: int) -> "EnquiryQuerySet":
        cutoff = timezone.now() - datetime.timedelta(days=days)
        return self.filter(created_at__lt=cutoff)


class Enquiry(models.Model):
    """A reader's question or consultation request: personal data, purged
    after its retention period by ``manage.py purge_enquiries``."""

    kind = models.CharField(max_length=20, choices=EnquiryKind.choices)
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
    )
    condition = models.ForeignKey(
        Condition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
        help_text="Needed before the enquiry can become a clinical-question draft.",
    )
    name = models.CharField(max_length=100)
    email = models.EmailField()
    question = models.TextField(max_length=4000)
    consent = models.BooleanField(
        help_text="The reader agreed that we store and use this to answer them."
    )
    address_hash = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    draft = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The clinical-question draft made from this enquiry.",
    )

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "enquiries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent=True), name="enquiry_needs_consent"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.name}"


class SitePageKind(models.TextChoices):
    """What a page is for; the footer lists pages in this order."""

    ABOUT = "about", "About us"
    EDITORIAL_POLICY = "editorial_policy", "Editorial policy"
    ADVISORY_BOARD = "advisory_board", "Advisory board"
    CONTACT = "contact", "Contact us"
    PRIVACY = "privacy", "Privacy"
    OTHER = "other", "Other page"


class SitePageQuerySet(ReviewableQuerySet):
    def published(self) -> "SitePageQuerySet":
        """Pages readers may see, each with its live approved version."""
        return self.filter(live_version__isnull=False).select_related("live_version")

    def in_footer_order(self) -> "SitePageQuerySet":
        return self.alias(
            kind_order=models.Case(
                *(
                    models.When(kind=kind, then=models.Value(position))
                    for position, kind in enumerate(SitePageKind.values)
                ),
                output_field=models.IntegerField(),
            )
        ).order_by("kind_order", "title")


class SitePage(Reviewable):
    """A page about the site itself (who we are, how we write and review,
    how to reach us, what we store), reviewed and published like an article.

    The advisory board page also lists the reviewers' verified profiles.
    """

    kind = models.CharField(
        max_length=20,
        choices=SitePageKind.choices,
        default=SitePageKind.OTHER,
        help_text="Each kind but “Other page” is one page; the footer links "
        "published pages in this order.",
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(
        help_text="One or two plain sentences shown under the title."
    )
    body = models.TextField(
        help_text="Markdown: a line starting with # is a heading under the "
        "page title; tables and lists are supported. Raw HTML is removed. "
        "Images and :::quote, :::faq and :::help blocks as in article sections.",
        validators=[validate_body],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=Reviewable.WORKFLOW_FIELDS)

    objects = SitePageQuerySet.as_manager()

    class Meta(Reviewable.Meta):
        ordering = ["title"]
        verbose_name = "site page"
        constraints = [
            *Reviewable.Meta.constraints,
            models.UniqueConstraint(
                fields=["kind"],
                condition=~models.Q(kind=SitePageKind.OTHER),
                name="one_site_page_per_kind",
                violation_error_message="There is already a page of this kind.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conditions:site_page", args=[self.slug])

    def review_data(self) -> dict:
        """The page as plain data: what is hashed, reviewed and frozen."""
        return self._page_data(self)

    def review_data_as_of(self, moment) -> dict:
        return self._page_data(self.history.as_of(moment))

    @staticmethod
    def _page_data(page) -> dict:
        images = Image.objects.pinned(image_keys(page.body))
        return {
            "title": page.title,
            "kind": page.kind,
            "kind_label": page.get_kind_display(),
            "summary": page.summary,
            "body": page.body,
            **({"images": images} if images else {}),
        }

    def review_problems(self, data: dict) -> list[str]:
        return body_problems(data["body"], images=data.get("images", {}))

    def review_warnings(self, data: dict) -> list[str]:
        return [
            f"{warning[:1].upper()}{warning[1:]}."
            for warning in body_warnings(data["body"])
        ]

    def render_review(self, data: dict) -> tuple[str, dict[str, str]]:
        return render_site_page(data)

    def review_diff_parts(self, data: dict) -> list[tuple[str, str]]:
        images = data.get("images", {})
        return [
            ("Title", data.get("title", "")),
            ("Kind", data.get("kind_label", "")),
            ("Summary", data.get("summary", "")),
            ("Body", readable_text(data.get("body", ""), images=images)),
            *([("Images", pinned_text(data["images"]))] if "images" in data else []),
        ]

    def review_tables(self, data: dict) -> list[str]:
        return markdown_tables(data.get("body", ""))

    def review_restore(self, data: dict) -> None:
        """Make this page's text that of an earlier snapshot. The kind stays:
        it says which page this is, and another page may hold the old one."""
        self.title = data["title"]
        self.summary = data["summary"]
        self.body = data["body"]
        self.save()

    def review_last_edited(self):
        return self.updated_at


# The generation a reader's request was cached under (``pinned``).
_PINNED_GENERATION: ContextVar[tuple | None] = ContextVar(
    "publication_generation", default=None
)


class PublicationGeneration(models.Model):
    """One row: a number bumped whenever anything readers see changes.

    Every cached public page is keyed by it (``conditions/page_cache.py``), so
    one UPDATE of this row retires every cached page on every app server at
    once: they all read the same row, once per request.
    """

    SINGLETON_PK = 1

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Publication generation {self.number}"

    @classmethod
    def current(cls) -> tuple[int, datetime.datetime | None]:
        """The number and when it last changed: one primary-key query, or
        none while a reader's request has it ``pinned``. Before the first
        publication there is no row: (0, None).

        Every cached page pays for this query, so it is plain SQL: building
        it through the ORM took three times as long as the rest of the page.
        """
        if (pinned := _PINNED_GENERATION.get()) is not None:
            return pinned
        return cls._stored()

    @classmethod
    def _stored(cls) -> tuple[int, datetime.datetime | None]:
        """The row as stored, pinned or not."""
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT number, changed_at FROM {table} WHERE id = %s",  # noqa: S608 - the model's own table
                [cls.SINGLETON_PK],
            )
            row = cursor.fetchone()
        if row is None:
            return 0, None
        number, changed_at = row
        # SQLite gives the text it stores, in UTC; PostgreSQL a datetime.
        changed_at = cls._meta.get_field("changed_at").to_python(changed_at)
        if timezone.is_naive(changed_at):
            changed_at = timezone.make_aware(changed_at, datetime.UTC)
        return number, changed_at

    @classmethod
    @contextmanager
    def pinned(cls, generation: tuple[int, datetime.datetime | None]):
        """Within this block (a reader's request, from the page cache that
        read it), ``current()`` is ``generation`` without asking again: the
        page and its summaries are of the generation it is cached under."""
        token = _PINNED_GENERATION.set(generation)
        try:
            yield
        finally:
            _PINNED_GENERATION.reset(token)

    @classmethod
    def summary(cls, name: str):
        """One of ``GENERATION_SUMMARIES``, as of the current generation: worked
        out with each bump and kept in the database (``PublicationSummary``),
        so no reader's request works it out, page cache on or off, on any app
        server (with caching on, the cache in front of it saves the query)."""
        compute, decode = GENERATION_SUMMARIES[name]

        def kept_or_computed():
            value = PublicationSummary.stored(name, cls.current()[0])
            return decode(compute() if value is None else value)

        return cls.remembered(name, kept_or_computed)

    @classmethod
    def remembered(cls, name: str, compute):
        """``compute()``, worked out once per generation and kept in the cache
        (a summary that changes only on publication, such as counts across
        the catalogue): one primary-key query when it is known."""
        if not settings.PAGE_CACHE_SECONDS:
            return compute()  # caching is off: nothing is kept
        number, _ = cls.current()
        return cache.get_or_set(f"generation:{number}:{name}", compute, timeout=None)

    @classmethod
    def bump(cls) -> None:
        """Retire every cached page: an atomic increment in the database,
        committed with the summaries of the new generation (worked out under
        the row's lock, so two bumps never file older counts under a newer
        number). If they cannot be worked out, the bump is committed alone:
        readers then work them out, and no cached page outlives the change."""
        now = timezone.now()
        with transaction.atomic():
            bumped = cls.objects.filter(pk=cls.SINGLETON_PK).update(
                number=models.F("number") + 1, changed_at=now
            )
            if not bumped:
                # The first bump creates the row; if two race, the loser reads
                # the winner's row, already newer than both changes.
                cls.objects.get_or_create(
                    pk=cls.SINGLETON_PK, defaults={"number": 1, "changed_at": now}
                )
            # The number just written, never one a request has pinned.
            number, _ = cls._stored()
            try:
                with transaction.atomic():
                    summaries = {
                        name: compute()
                        for name, (compute, _) in GENERATION_SUMMARIES.items()
                    }
                    PublicationSummary.store(number, summaries)
            except DatabaseError:
                # The pages must still be retired: readers work them out.
                logger.exception("No summaries for generation %s", number)
                summaries = {}
        if settings.PAGE_CACHE_SECONDS:
            for name, value in summaries.items():
                decode = GENERATION_SUMMARIES[name][1]
                cache.set(f"generation:{number}:{name}", decode(value), timeout=None)


class PublicationSummary(models.Model):
    """One of ``GENERATION_SUMMARIES`` as of a publication generation, as
    JSON: one row a summary, rewritten by each bump."""

    name = models.CharField(max_length=100, primary_key=True)
    generation = models.PositiveBigIntegerField()
    value = models.JSONField(encoder=DjangoJSONEncoder)

    def __str__(self):
        return f"{self.name} (generation {self.generation})"

    @classmethod
    def stored(cls, name: str, generation: int):
        """The value kept for ``generation``, or None if it is not: the
        SQL built once per process (``STORED_SUMMARY``)."""
        for kept_for, value in STORED_SUMMARY(name=name):
            if kept_for == generation:
                return value
        return None

    @classmethod
    def store(cls, generation: int, values: dict) -> None:
        """Keep ``values`` (by name) as of ``generation``: one upsert."""
        cls.objects.bulk_create(
            [
                cls(name=name, generation=generation, value=v)
                for name, v in values.items()
            ],
            update_conflicts=True,
            unique_fields=["name"],
            update_fields=["generation", "value"],
        )


# A summary's row (``PublicationSummary.stored``): its generation and value.
STORED_SUMMARY = PreparedQuery(
    lambda name: PublicationSummary.objects.filter(pk=name).values_list(
        "generation", "value"
    )
)


def chapter_rows() -> list[tuple]:
    """``ArticleQuerySet.branch_counts`` of the chapters, as JSON."""
    return [
        dataclasses.astuple(chapter)
        for chapter in Article.objects.published().branch_counts()
    ]


def branches_of(rows: list) -> list["icd10.BranchCount"]:
    return [icd10.BranchCount(*row) for row in rows]


def blocks_of(value: dict) -> dict[str, list["icd10.BranchCount"]]:
    return {chapter: branches_of(rows) for chapter, rows in value.items()}


def publication_totals() -> dict:
    return Article.objects.published().aggregate(
        count=models.Count("pk"), latest=models.Max("live_version__approved_at")
    )


def totals_of(value: dict) -> dict:
    """``publication_totals`` with its time a datetime again."""
    latest = value["latest"]
    if isinstance(latest, str):
        latest = datetime.datetime.fromisoformat(latest)
    return {**value, "latest": latest}


# Summaries across the whole catalogue that change only on publication, by
# name: how to work each out (as JSON) and make it what callers use.
# ``PublicationGeneration.bump`` works them out for each new generation.
GENERATION_SUMMARIES = {
    "icd-chapters": (chapter_rows, branches_of),
    "icd-blocks": (
        lambda: Article.objects.published().blocks_by_chapter(),
        blocks_of,
    ),
    "a-z-letters": (
        lambda: list(IndexEntry.objects.public().letter_counts().items()),
        dict,
    ),
    "published-articles": (publication_totals, totals_of),
}


def published_branches(item: "icd10.IcdItem | None" = None) -> list:
    """``ArticleQuerySet.branch_counts`` of the published articles, worked out
    once per publication generation: the counts change only on publication.
    The chapters and their blocks are worked out with each new generation;
    a branch under a block when it is first asked for."""
    if item is None:
        return PublicationGeneration.summary("icd-chapters")
    if item.level == "chapter":
        return PublicationGeneration.summary("icd-blocks").get(item.code, [])
    return PublicationGeneration.remembered(
        f"icd-branches:{item.code}",
        lambda: Article.objects.published().branch_counts(item),
    )


class FrozenArticlePage(models.Model):
    """An article's whole public page as most readers get it (anonymous, no
    audience chosen, review not overdue), rendered once and kept, so that
    serving it costs what a static file costs (``conditions/frozen_pages.py``).

    ``parts`` is the page's HTML cut where the parts that change without a new
    version go (related articles, the footer's links). It is kept only while
    it shows the article's and its condition's live versions, rendered by the
    same templates and code (``rendering``): anything else re-renders it.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="frozen_page"
    )
    version = models.ForeignKey(
        PublishedVersion, on_delete=models.CASCADE, related_name="+"
    )
    condition_version = models.ForeignKey(
        PublishedVersion, on_delete=models.CASCADE, related_name="+"
    )
    rendering = models.CharField(max_length=64)
    parts = models.JSONField()
    # ``Article.related_conditions`` as of ``condition_version``.
    related_conditions = models.JSONField()

    def __str__(self):
        return f"Frozen page of article {self.article_id}"
