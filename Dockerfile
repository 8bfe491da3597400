# One image per implementation: docker build --build-arg IMPL=fastapi .
# It serves in production's posture: run it with a SECRET_KEY of your own (-e SECRET_KEY=...).
FROM python:3.11-slim

ARG IMPL=fastapi
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    ENVIRONMENT=production \
    IMPL=${IMPL}

RUN useradd --create-home --uid 10001 conduit
WORKDIR /app
COPY pyproject.toml README.md ./
COPY domain ./domain
COPY storage_sqlalchemy ./storage_sqlalchemy
COPY bench ./bench
COPY impl_${IMPL} ./impl_${IMPL}
RUN pip install ".[${IMPL}]" && mkdir data && chown conduit data

USER conduit
EXPOSE 8000
STOPSIGNAL SIGTERM
CMD ["sh", "-c", "exec python -m impl_${IMPL} serve --host 0.0.0.0 --port 8000"]
