from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from audit.context import client_ip
from audit.models import Action, AuditEvent


@receiver(user_logged_in, dispatch_uid="audit:login")
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username(),
        action=Action.LOGIN,
        ip=client_ip(request) if request else None,
    )


@receiver(user_logged_out, dispatch_uid="audit:logout")
def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        AuditEvent.objects.create(
            actor=user,
            actor_label=user.get_username(),
            action=Action.LOGOUT,
            ip=client_ip(request) if request else None,
        )


@receiver(user_login_failed, dispatch_uid="audit:login_failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The password never reaches the log; only the name that was tried.
    AuditEvent.objects.create(
        actor=None,
        actor_label=str(credentials.get("username", ""))[:150],
        action=Action.LOGIN_FAILED,
        ip=client_ip(request) if request else None,
    )
