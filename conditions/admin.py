from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from conditions.models import Article, Condition, ConditionCode, Reference, Section
from reviews.admin import ReviewableAdminMixin


class ConditionCodeInline(admin.TabularInline):
    model = ConditionCode
    extra = 1
    fields = ["position", "code", "title", "category", "block_code", "chapter_code"]
    readonly_fields = ["title", "category", "block_code", "chapter_code"]

    @admin.display(description="Category")
    def category(self, obj):
        return f"{obj.category_code}: {obj.category_title}" if obj.pk else ""


@admin.register(Condition)
class ConditionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "codes_display", "synonyms"]
    search_fields = ["name", "synonyms", "codes__code"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["related"]
    inlines = [ConditionCodeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("codes")

    @admin.display(description="ICD-10-CM")
    def codes_display(self, obj):
        return ", ".join(code.code for code in obj.codes.all())


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["position", "heading", "kind", ("audience", "visibility"), "body"]


class ReferenceInline(admin.StackedInline):
    model = Reference
    extra = 0
    fields = [
        "position",
        "authors",
        "title",
        ("source", "year"),
        ("doi", "pmid"),
        "url",
    ]


@admin.register(Article)
class ArticleAdmin(ReviewableAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "condition", "kind", "review_state", "published"]
    list_filter = ["review_state", "kind", "condition"]
    list_select_related = ["condition", "live_version"]
    search_fields = ["title", "summary", "condition__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["condition"]
    fields = ["condition", "kind", "title", "slug", "summary"]
    inlines = [SectionInline, ReferenceInline]

    @admin.display(description="Public version", ordering="live_version__approved_at")
    def published(self, obj):
        if obj.live_version is None:
            return "—"
        return f"v{obj.live_version.number}, {obj.live_version.approved_at:%d %b %Y}"

    def get_review_preview_url(self, obj):
        return reverse("conditions:article_preview", args=[obj.pk])
