from django import forms
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

    class Meta:
        model = Preference
        fields = ["email"]
