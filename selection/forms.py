from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kotacerdas.fields import Form

ALLOWED_SUFFIXES = {".csv", ".txt", ".xlsx"}


class IndicatorUploadForm(Form):
    file = forms.FileField(label=_("CSV or Excel file"))

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
