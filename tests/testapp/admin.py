from django.contrib import admin

from reviews.admin import ReviewableAdminMixin
from tests.testapp.models import Memo


@admin.register(Memo)
class MemoAdmin(ReviewableAdminMixin, admin.ModelAdmin):
    """Every hook left at its default."""

    list_display = ["title", "review_status"]
    fields = ["title", "body"]
