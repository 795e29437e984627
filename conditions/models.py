"""Medical content: conditions, their ICD-10-CM codes, reviewed articles, and
the reviewed pages about the site itself (about us, editorial policy…)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from modelsearch.queryset import SearchableQuerySetMixin
from simple_history.models import HistoricalRecords

from conditions import icd10
from conditions.indexing import PublishedArticleIndex
from conditions.rendering import (
    body_problems,
    image_keys,
    render_article,
    render_site_page,
    section_anchors,
)
from images.models import Image, pinned_text
from reviews.models import Reviewable, ReviewableQuerySet


class ConditionQuerySet(models.QuerySet):
    def with_published_articles(self) -> "ConditionQuerySet":
        """Conditions a reader can see: those with at least one published article."""
        return self.filter(
            pk__in=Article.objects.published().values("condition_id")
        ).order_by("name")


class Condition(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    synonyms = models.CharField(
        max_length=500,
        blank=True,
        help_text="Other names and abbreviations, separated by commas (MAS, HLH/MAS).",
    )
    related = models.ManyToManyField("self", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conditions:condition_detail", args=[self.slug])

    @property
    def synonym_list(self) -> list[str]:
        return [s.strip() for s in self.synonyms.split(",") if s.strip()]


class ConditionCode(models.Model):
    """One ICD-10-CM code of a condition; everything but the code is derived."""

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

    def as_data(self) -> dict:
        return {
            "code": self.code,
            "title": self.title,
            "category_code": self.category_code,
            "category_title": self.category_title,
        }


class ArticleKind(models.TextChoices):
    OVERVIEW = "overview", "Condition overview"
    TREATMENT = "treatment", "Treatment guide"
    QUESTION = "question", "Clinical question"


class ArticleQuerySet(SearchableQuerySetMixin, ReviewableQuerySet):
    def published(self) -> "ArticleQuerySet":
        """Articles readers may see, each with its live approved version."""
        return self.filter(live_version__isnull=False).select_related(
            "condition", "live_version", "live_version__approved_by"
        )

    def recently_approved(self) -> "ArticleQuerySet":
        return self.published().order_by("-live_version__approved_at")

    def coded_under(self, code: str) -> "ArticleQuerySet":
        """Articles about a condition coded ``code`` or anything under it: a
        chapter ("3"), a block ("D80-D89"), a category ("D89") or a
        subcategory ("D89.4" finds the D89.41 article)."""
        if "-" in code:
            under = models.Q(block_code=code)
        elif code.isdigit():
            under = models.Q(chapter_code=code)
        else:
            prefix = code if "." in code else f"{code}."
            under = models.Q(code=code) | models.Q(code__startswith=prefix)
        return self.filter(
            condition__in=ConditionCode.objects.filter(under).values("condition")
        )

    def icd_tree(self) -> list[icd10.Branch]:
        """The ICD-10-CM browse tree of these articles' codes, in one query."""
        rows = self.values_list(
            "pk", "condition__name", "condition__slug", "condition__codes__code"
        )
        return icd10.icd_tree(
            (pk, name, reverse("conditions:condition_detail", args=[slug]), code)
            for pk, name, slug, code in rows
        )

    def related_to(self, article: "Article") -> "ArticleQuerySet":
        """Other articles on the same condition or on a related one."""
        return (
            self.filter(
                models.Q(condition=article.condition_id)
                | models.Q(condition__related=article.condition_id)
            )
            .exclude(pk=article.pk)
            .distinct()
            .order_by("kind", "title")
        )


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
    history = HistoricalRecords(excluded_fields=Reviewable.WORKFLOW_FIELDS)

    objects = ArticleQuerySet.as_manager()

    class Meta(Reviewable.Meta):
        ordering = ["title"]
        constraints = [
            *Reviewable.Meta.constraints,
            models.UniqueConstraint(
                fields=["condition", "slug"], name="unique_article_slug_per_condition"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "conditions:article_detail", args=[self.condition.slug, self.slug]
        )

    def review_data(self) -> dict:
        """The whole article as plain data: what is hashed, reviewed and frozen,
        with the exact files and texts of the images it shows."""
        sections = list(self.sections.all())
        anchors = section_anchors([s.heading for s in sections])
        images = Image.objects.pinned([k for s in sections for k in image_keys(s.body)])
        return {
            "title": self.title,
            "kind": self.kind,
            "kind_label": self.get_kind_display(),
            "summary": self.summary,
            "condition": {
                "name": self.condition.name,
                "slug": self.condition.slug,
                "codes": [code.as_data() for code in self.condition.codes.all()],
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
                for number, ref in enumerate(self.references.all(), start=1)
            ],
            # Only when there are any, so that older content keeps its hash.
            **({"images": images} if images else {}),
        }

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
        """Title, summary, each section and the references, compared one by one."""
        references = "\n".join(
            f"[{ref['number']}] {ref['authors']}. {ref['title']}. "
            f"{ref['source']} {ref['year'] or ''} {ref['doi']} {ref['pmid']} "
            f"{ref['url']}".strip()
            for ref in data.get("references", [])
        )
        return [
            ("Title", data.get("title", "")),
            ("Summary", data.get("summary", "")),
            *(
                (f"Section: {section['heading']}", section["body"])
                for section in data.get("sections", [])
            ),
            ("References", references),
            *([("Images", pinned_text(data["images"]))] if "images" in data else []),
        ]

    def review_restore(self, data: dict) -> None:
        """Make this article's content that of an earlier snapshot."""
        self.title = data["title"]
        self.kind = data["kind"]
        self.summary = data["summary"]
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
        "with # is a sub-heading under this section's heading. Cite references "
        "as [1] or [1, 2]. Raw HTML is removed. An image from the library: a "
        "line “![alt text](image:42)”. Blocks start with a line “:::quote”, "
        "“:::faq” or “:::help emergency” (or urgent, routine) and end with a "
        "line “:::”. In a quote, the last line is “-- Name | Credentials | "
        "Affiliation”; in an FAQ, each question is a line starting “? ” with "
        "its answer below; phone links ([999](tel:999)) work in help blocks.",
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


class Reference(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="references"
    )
    position = models.PositiveSmallIntegerField(default=0)
    authors = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=500)
    source = models.CharField(
        max_length=300, blank=True, help_text="Journal, book or website."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[
            RegexValidator(
                r"^10\.\d{4,9}/\S+$",
                "Enter a DOI such as 10.1016/j.jaci.2010.08.002 (without https://doi.org/).",
            )
        ],
    )
    pmid = models.CharField(
        "PMID",
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{1,9}$", "A PubMed ID is digits only.")],
    )
    url = models.URLField("URL", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.year is not None and not 1800 <= self.year <= 2100:
            raise ValidationError({"year": "Enter the year of publication, e.g. 2019."})

    def as_data(self) -> dict:
        return {
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
        images = Image.objects.pinned(image_keys(self.body))
        return {
            "title": self.title,
            "kind": self.kind,
            "kind_label": self.get_kind_display(),
            "summary": self.summary,
            "body": self.body,
            **({"images": images} if images else {}),
        }

    def review_problems(self, data: dict) -> list[str]:
        return body_problems(data["body"], images=data.get("images", {}))

    def render_review(self, data: dict) -> tuple[str, dict[str, str]]:
        return render_site_page(data)

    def review_diff_parts(self, data: dict) -> list[tuple[str, str]]:
        return [
            ("Title", data.get("title", "")),
            ("Kind", data.get("kind_label", "")),
            ("Summary", data.get("summary", "")),
            ("Body", data.get("body", "")),
            *([("Images", pinned_text(data["images"]))] if "images" in data else []),
        ]

    def review_restore(self, data: dict) -> None:
        """Make this page's text that of an earlier snapshot. The kind stays:
        it says which page this is, and another page may hold the old one."""
        self.title = data["title"]
        self.summary = data["summary"]
        self.body = data["body"]
        self.save()

    def review_last_edited(self):
        return self.updated_at
