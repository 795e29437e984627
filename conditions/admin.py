from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from conditions.importing.forms import ImportDocumentsForm
from conditions.models import (
    Article,
    Condition,
    ConditionCode,
    Enquiry,
    Reference,
    Resource,
    Section,
    SitePage,
)
from conditions.references import PasteError, parse_pasted
from conditions.services import (
    add_pasted_references,
    cite_sections_by_key,
    cited_message,
    enquiry_to_draft,
    pasted_message,
)
from conditions.views.articles import article_preview_response
from conditions.views.site_pages import site_page_preview_response
from reviews.admin import ReviewableAdminMixin
from reviews.forms import ReviewableAdminForm

# A link typed without a scheme ("nhs.uk/...") means https (Django 6's default).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ConditionCodeInline(admin.TabularInline):
    model = ConditionCode
    extra = 1
    fields = ["position", "code", "title", "category", "block_code", "chapter_code"]
    readonly_fields = ["title", "category", "block_code", "chapter_code"]

    @admin.display(description="Category")
    def category(self, obj):
        return f"{obj.category_code}: {obj.category_title}" if obj.pk else ""


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0
    fields = ["position", "kind", "name", "url", "description"]
    formfield_overrides = HTTPS_URL_FIELDS


class PositionedFormSet(BaseInlineFormSet):
    """Rows numbered 1, 2, 3… in the order they were given (by position,
    then as sent): duplicates and gaps are repaired, never refused. The
    change form's up/down buttons (``static/js/ordered_inlines.js``) keep
    the numbers for the editor, who no longer types them."""

    def clean(self):
        super().clean()
        kept = [
            (form.cleaned_data.get("position") or 0, n, form)
            for n, form in enumerate(self.forms)
            if form.has_changed() or form.instance.pk
            if not self._should_delete_form(form) and form.is_valid()
        ]
        for position, (_, _, form) in enumerate(sorted(kept, key=lambda k: k[:2]), 1):
            form.instance.position = position
            if position != form.initial.get("position"):
                # Saved even when nothing else in the row changed.
                form.changed_data.append("position")


class SectionInline(admin.StackedInline):
    model = Section
    formset = PositionedFormSet
    extra = 0
    fields = ["position", "heading", "kind", ("audience", "visibility"), "body"]


class ReferenceInline(admin.StackedInline):
    model = Reference
    formset = PositionedFormSet
    extra = 0
    fields = [
        "position",
        "key",
        "authors",
        "title",
        ("source", "year"),
        ("doi", "pmid"),
        "url",
    ]
    formfield_overrides = HTTPS_URL_FIELDS


class PublicVersionColumn:
    """The "Public version" column of a reviewable content list."""

    @admin.display(description="Public version", ordering="live_version__approved_at")
    def published(self, obj):
        if obj.live_version is None:
            return "—"
        return f"v{obj.live_version.number}, {obj.live_version.approved_at:%d %b %Y}"


@admin.register(Condition)
class ConditionAdmin(PublicVersionColumn, ReviewableAdminMixin, SimpleHistoryAdmin):
    """Name, other names, codes, related conditions and resources: Editors
    write them, Reviewers approve them; readers see only the approved version."""

    list_display = ["name", "codes_display", "synonyms", "review_status", "published"]
    list_filter = ["review_state"]
    list_select_related = ["live_version", "reviewer"]
    search_fields = ["name", "synonyms", "codes__code"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["related"]
    fields = ["name", "slug", "synonyms", "related"]
    inlines = [ConditionCodeInline, ResourceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("codes")

    @admin.display(description="ICD-10-CM")
    def codes_display(self, obj):
        return ", ".join(code.code for code in obj.codes.all())


class ArticleAdminForm(ReviewableAdminForm):
    """The article, and references to add from a paste (RIS or BibTeX)."""

    paste_references = forms.CharField(
        label="Add references from RIS or BibTeX",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text="Paste what a reference manager or PubMed exports (RIS or "
        "BibTeX): each entry is added to the references below when you save, "
        "with its key; entries already listed (same DOI, PMID or title) are left "
        "out.",
    )

    def clean_paste_references(self) -> list[dict]:
        text = self.cleaned_data["paste_references"]
        if not text.strip():
            return []
        try:
            entries = parse_pasted(text)
        except PasteError as refused:
            raise forms.ValidationError(str(refused)) from refused
        # Each entry as the reference form would check it (a DOI, a web
        # address), so that nothing is added that the form would refuse.
        problems = []
        for number, entry in enumerate(entries, start=1):
            try:
                Reference(**entry).full_clean(
                    exclude=["article", "key", "position"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                problems += [f"Entry {number}: {m}" for m in error.messages]
        if problems:
            raise forms.ValidationError(problems)
        return entries


@admin.register(Article)
class ArticleAdmin(PublicVersionColumn, ReviewableAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "condition", "kind", "review_status", "published"]
    list_filter = ["review_state", "kind", "condition"]
    list_select_related = ["condition", "live_version", "reviewer"]
    search_fields = ["title", "summary", "condition__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["condition"]
    form = ArticleAdminForm
    fieldsets = [
        (None, {"fields": ["condition", "kind", "title", "slug", "summary"]}),
        ("Add references from RIS or BibTeX", {"fields": ["paste_references"]}),
    ]
    inlines = [SectionInline, ReferenceInline]

    review_version_template = "conditions/article_version.html"
    change_list_template = "admin/conditions/article/change_list.html"

    def get_review_preview_url(self, obj):
        return reverse("conditions:article_preview", args=[obj.pk])

    def review_preview_page(self, request, item, data, errors):
        return article_preview_response(request, item, data, errors=errors)

    def save_model(self, request, obj, form, change):
        # The reference list the editor saw: numbers typed in the sections
        # are read against it (``review_before_recording``).
        form.keys_before = (
            list(obj.references.values_list("key", flat=True)) if obj.pk else []
        )
        super().save_model(request, obj, form, change)

    def review_before_recording(self, request, form):
        article = form.instance
        if pasted := form.cleaned_data.get("paste_references"):
            added, skipped = add_pasted_references(article, pasted)
            self.message_user(request, pasted_message(added, skipped), messages.INFO)
        if changes := cite_sections_by_key(article, keys_before=form.keys_before):
            self.message_user(request, cited_message(changes), messages.INFO)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "review_panel_notes": "admin/conditions/article/_import_report.html",
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="conditions_article_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Several files at once, one draft each, through the import service."""
        # Imported here: the importers (trafilatura, lxml, mammoth) hold about
        # 13 MB, which a process that never imports should not carry.
        from conditions.importing.service import ImportRefused, import_document

        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportDocumentsForm(request.POST or None, request.FILES or None)
        results = []
        if request.method == "POST" and form.is_valid():
            for upload in form.cleaned_data["files"]:
                try:
                    results.append(
                        import_document(
                            upload.name,
                            upload.read(),
                            condition=form.cleaned_data["condition"],
                            kind=form.cleaned_data["kind"],
                            editor=request.user,
                        )
                    )
                except ImportRefused as refused:
                    self.message_user(request, str(refused), messages.ERROR)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import documents",
            "form": form,
            "results": results,
        }
        return TemplateResponse(
            request, "admin/conditions/article/import.html", context
        )


@admin.register(SitePage)
class SitePageAdmin(PublicVersionColumn, ReviewableAdminMixin, SimpleHistoryAdmin):
    """About us, editorial policy, advisory board, contact and privacy: Editors
    write them, Reviewers approve them, as for articles."""

    list_display = ["title", "kind", "review_status", "published"]
    list_filter = ["review_state", "kind"]
    list_select_related = ["live_version", "reviewer"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["kind", "title", "slug", "summary", "body"]

    def get_review_preview_url(self, obj):
        return reverse("conditions:site_page_preview", args=[obj.pk])

    def review_preview_page(self, request, item, data, errors):
        return site_page_preview_response(request, item, data, errors=errors)


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    """Readers' questions; one button turns one into a clinical-question draft."""

    list_display = [
        "created_at",
        "kind",
        "name",
        "question_start",
        "condition",
        "draft",
    ]
    list_filter = ["kind", "created_at", "condition"]
    list_select_related = ["condition", "draft"]
    search_fields = ["name", "email", "question"]
    readonly_fields = ["kind", "article", "name", "email", "question", "consent"]
    fields = ["kind", "article", "condition", "name", "email", "question", "consent"]
    change_form_template = "admin/conditions/enquiry/change_form.html"

    def has_add_permission(self, request):
        return False  # enquiries come from readers, not from staff

    @admin.display(description="Question")
    def question_start(self, obj):
        return obj.question[:80]

    def get_urls(self):
        return [
            path(
                "<path:object_id>/draft/",
                self.admin_site.admin_view(self.make_draft_view),
                name="conditions_enquiry_draft",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def make_draft_view(self, request, object_id):
        enquiry = self.get_object(request, unquote(object_id))
        if enquiry is None:
            raise Http404("No such enquiry.")
        if not request.user.has_perm("conditions.add_article"):
            raise PermissionDenied
        try:
            article = enquiry_to_draft(enquiry=enquiry, by=request.user)
        except ValueError as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return redirect("admin:conditions_enquiry_change", enquiry.pk)
        self.message_user(
            request, f"Clinical-question draft “{article}” is ready to write."
        )
        return redirect("admin:conditions_article_change", article.pk)
