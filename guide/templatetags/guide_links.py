"""``{% page_link "url:name" "text" %}``: a guide's link to a page, for the readers who may
open it; the others read the text and who may (``guide.guides.may_open``)."""

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from guide.guides import may_open, roles_for, signed_in_only

register = template.Library()


@register.simple_tag(takes_context=True)
def page_link(context: dict[str, Any], url_name: str, text: str) -> SafeString:
    user = context.get("user") or AnonymousUser()
    url = reverse(url_name)
    if may_open(user, url_name):
        return format_html('<a href="{}">{}</a>', url, text)
    if not user.is_authenticated and signed_in_only(url_name):
        login = f"{reverse('accounts:login')}?{urlencode({'next': url})}"
        return format_html('<a href="{}">{}</a>', login, text)
    roles = [str(role.label) for role in roles_for(url_name)]
    # "a, b or c", with Django's own word for "or".
    who = get_text_list([label[:1].lower() + label[1:] for label in roles])
    return format_html(
        '{} <small class="only-for">{}</small>', text, _("(only for %(roles)s)") % {"roles": who}
    )
