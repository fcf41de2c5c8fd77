# Kota Cerdas in a container: gunicorn serving the app (static files by WhiteNoise), as a
# non-root user, with WeasyPrint's Debian libraries for the PDF documents. Configuration comes
# from the environment (docs/deploy.md, "Settings"); compose.yaml runs it with PostgreSQL,
# Redis and the task worker. What was and was not tried: docs/deploy.md, "Containers".
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    KC_ENV=production \
    STATIC_ROOT=/srv/kotacerdas/static \
    MEDIA_ROOT=/srv/kotacerdas/media

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system kotacerdas \
    && useradd --system --gid kotacerdas --home-dir /srv/kotacerdas kotacerdas

WORKDIR /srv/kotacerdas/app
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
# collectstatic needs settings that load; the real secret comes from the environment at run time.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost KC_SITE_URL=http://localhost \
        REDIS_URL=redis://localhost:6379/0 python manage.py collectstatic --noinput -v0 \
    && install -d -o kotacerdas -g kotacerdas /srv/kotacerdas/media

USER kotacerdas
EXPOSE 8000
CMD ["gunicorn", "kotacerdas.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--threads", "4", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
