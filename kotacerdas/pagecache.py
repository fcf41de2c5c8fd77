"""Whole rendered pages kept in the shared cache for anonymous readers.

For pages whose content depends only on the URL's parameters, the language and the data: the
caller puts all three in the key (the data through its version, see ``data_versions``). A page
is served from and stored into the cache only for a GET or HEAD by an anonymous visitor with no
message waiting; everyone else gets a page rendered for them alone.

The one part of such a page that belongs to the visitor is the CSRF token of the language switch:
the page is stored with a placeholder there, filled with the visitor's own token on every answer
(which also gives a first-time visitor the CSRF cookie). Answers carry a weak ETag of the stored
page and the visitor's CSRF secret, so a browser revalidating gets a 304 until either changes.

Each process also keeps the few pages it served last for a few seconds: their keys carry the data
version, so they hold what the shared cache holds, and a hit costs no 100 KB fetch from Redis.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.crypto import salted_hmac

# A few seconds added at most to the caller's timeout, the backstop for writes sending no signal.
LOCAL_SECONDS = 5
LOCAL_PAGES = 32
_local: OrderedDict[str, tuple[float, tuple[bytes, str]]] = OrderedDict()
_local_lock = threading.Lock()


def _local_get(key: str) -> tuple[bytes, str] | None:
    with _local_lock:
        found = _local.get(key)
        if found is None or found[0] < time.monotonic():
            return None
        _local.move_to_end(key)
        return found[1]


def _local_set(key: str, stored: tuple[bytes, str]) -> None:
    with _local_lock:
        _local[key] = (time.monotonic() + LOCAL_SECONDS, stored)
        _local.move_to_end(key)
        while len(_local) > LOCAL_PAGES:
            _local.popitem(last=False)


def _placeholder() -> str:
    # Derived from the secret key: the same in every app server sharing the cache, and no text a
    # user writes into a page can contain it by accident or on purpose.
    return "kc-csrf-" + salted_hmac("kotacerdas.pagecache", "csrf", algorithm="sha256").hexdigest()


def shareable(request: HttpRequest) -> bool:
    """Whether ``request`` may get (and fill) the page every anonymous visitor shares."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        # Counting does not mark the messages read: the page rendered instead shows them.
        and not len(messages.get_messages(request))
    )


def anonymous_page(
    request: HttpRequest,
    key: str,
    render: Callable[[dict[str, Any]], HttpResponse],
    *,
    timeout: int,
) -> HttpResponseBase:
    """``render({})`` for this visitor alone, or the shared page under ``key`` when it may be
    shared: rendered once by ``render(extra_context)`` and kept ``timeout`` seconds."""
    if not shareable(request):
        return render({})
    placeholder = _placeholder()
    key = f"page:{key}"
    stored = _local_get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is None:
            response = render({"csrf_token": placeholder})
            if response.status_code != 200 or response.cookies:  # not the page everyone shares
                response.content = response.content.replace(
                    placeholder.encode(), get_token(request).encode()
                )
                return response
            stored = (bytes(response.content), response["Content-Type"])
            cache.set(key, stored, timeout)
        _local_set(key, stored)
    body, content_type = stored
    token = get_token(request)  # the visitor's masked token; sets the cookie if missing
    secret = request.META["CSRF_COOKIE"]
    digest = salted_hmac("kotacerdas.pagecache.etag", f"{key}\n{secret}", algorithm="sha256")
    answer = HttpResponse(body.replace(placeholder.encode(), token.encode()), content_type)
    answer["ETag"] = f'W/"{digest.hexdigest()[:32]}"'
    # The page holds the visitor's CSRF token: no shared cache may keep it.
    patch_cache_control(answer, private=True, no_cache=True)
    patch_vary_headers(answer, ["Cookie"])
    conditional = get_conditional_response(request, etag=answer["ETag"], response=answer)
    return answer if conditional is None else conditional
