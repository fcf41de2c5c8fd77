import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
application = get_wsgi_application()


def _refuse_a_setup_that_cannot_work() -> None:
    """gunicorn runs no system checks: in production the app's own (kotacerdas.checks) run at
    start, and an error stops it with its message instead of serving wrongly."""
    from django.conf import settings
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    if settings.PRODUCTION:
        errors = [m for m in checks.run_checks(tags=[checks.Tags.caches]) if m.is_serious()]
        if errors:
            raise ImproperlyConfigured("; ".join(f"{e.id}: {e.msg} {e.hint}" for e in errors))


_refuse_a_setup_that_cannot_work()
