# Everyday commands; each one is a script in scripts/ that also works without make.
.PHONY: run test lint check-deploy services bench load

run:
	scripts/run

test:
	scripts/test

lint:
	scripts/bootstrap
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/python manage.py makemigrations --check --dry-run

check-deploy:
	scripts/bootstrap
	DJANGO_ENV=production DJANGO_SECRET_KEY="$$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	DJANGO_ALLOWED_HOSTS=enforcedesk.example.com \
	.venv/bin/python manage.py check --deploy --fail-level WARNING

services:
	scripts/services

bench:
	scripts/bootstrap
	.venv/bin/python scripts/bench_import.py
	.venv/bin/python scripts/bench_sweep.py
	.venv/bin/python scripts/bench_pages.py
	.venv/bin/python scripts/bench_exports.py

load:
	scripts/bootstrap
	.venv/bin/python scripts/load_run.py
