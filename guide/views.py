"""The help section: every page is public and shows the same to everyone, but for the index
pointing a signed-in person at the guides of their own roles, and a guide linking only the pages
its reader may open (naming who may open the others)."""

from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guide import glossary
from guide.guides import BY_NAME, GUIDES, guide_language, guides_for

GLOSSARY = settings.BASE_DIR / "docs" / "glossary.md"


def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    yours: set[str] = set()
    if user.is_authenticated:
        roles = set(user.memberships.values_list("role", flat=True))
        yours = {guide.name for guide in guides_for(roles)}
    return render(request, "guide/index.html", {"guides": GUIDES, "yours": yours})


def guide_page(request: HttpRequest, name: str) -> HttpResponse:
    guide = BY_NAME[name]
    others = [other for other in GUIDES if other is not guide]
    return render(request, "guide/guide.html", {"guide": guide, "others": others})


@lru_cache(maxsize=len(glossary.MEANINGS))
def _entries(language: str) -> list[glossary.Entry]:
    # The file ships with the code: read once per process and language.
    return glossary.read(GLOSSARY, language)


def glossary_page(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/glossary.html", {"entries": _entries(guide_language())})
