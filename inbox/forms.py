from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from inbox.models import Delivery, Preference
from kotacerdas.fields import ModelForm


class PreferenceForm(ModelForm):
    email = forms.ChoiceField(
        label=_("Send my notifications by e-mail"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        help_text=_("They always stay here, in the app, whatever you choose."),
    )

    language = forms.ChoiceField(
        label=_("Write my e-mails in"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Preference
        fields = ["email", "language"]
