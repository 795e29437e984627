"""The admin's "Import documents" form."""

from django import forms

from conditions.models import ArticleKind, Condition


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ImportDocumentsForm(forms.Form):
    condition = forms.ModelChoiceField(Condition.objects.all())
    kind = forms.ChoiceField(choices=ArticleKind.choices)
    files = MultipleFileField(
        help_text="One draft per file: .docx, .html, .htm, .md or .txt, "
        "10 MB at most each."
    )
