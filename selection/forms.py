from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kotacerdas.fields import Form
from kotacerdas.numbers import language_of

ALLOWED_SUFFIXES = {".csv", ".txt", ".xlsx"}


class IndicatorUploadForm(Form):
    file = forms.FileField(label=_("CSV or Excel file"))
    numbers = forms.ChoiceField(
        label=_("Numbers typed as text in the file"),
        choices=[
            ("id", _("Indonesian: 1.234,5 (a dot groups thousands, a comma marks decimals)")),
            ("en", _("English: 1,234.5 (a comma groups thousands, a point marks decimals)")),
        ],
        help_text=_("Cells Excel holds as numbers are read as they are."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["numbers"].initial = language_of(get_language())

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > settings.KC_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s.")
                % {"limit": filesizeformat(settings.KC_MAX_UPLOAD_BYTES)}
            )
        return upload
