from django import forms
from django.contrib import admin
from django.utils.html import format_html

from images.models import Image
from images.services import image_check_upload, image_set_file


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "licence"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if "file" in self.changed_data:
            image_check_upload(upload)
        return upload


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """The image library. A new file never overwrites the old one: pages
    approved with the old file keep it until they are approved again."""

    form = ImageForm
    list_display = ["thumbnail", "id", "alt_text", "credit", "licence", "created_at"]
    list_display_links = ["thumbnail", "id"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["reference", "thumbnail", "size"]
    fields = [
        "file",
        "thumbnail",
        "size",
        "reference",
        "alt_text",
        "caption",
        "credit",
        "licence",
    ]

    @admin.display(description="Preview")
    def thumbnail(self, obj):
        if not obj or not obj.renditions:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="120" style="height:auto">',
            obj.file.storage.url(obj.renditions[0]["fallback"]),
        )

    @admin.display(description="Size in pixels")
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj and obj.width else "—"

    @admin.display(description="Place it in a body with")
    def reference(self, obj):
        return obj.reference() if obj and obj.pk else "Save the image first."

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            image_set_file(image=obj, upload=form.cleaned_data["file"])
        else:
            obj.save()
