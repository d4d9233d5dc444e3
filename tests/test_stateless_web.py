"""Web processes keep nothing of their own: any of them serves any request."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOW = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps([s.SESSION_ENGINE, s.CACHES['default']['BACKEND'], s.CELERY_BROKER_URL]))"
)


def settings_with(tmp_path, **env) -> list[str]:
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL")},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ENFORCEDESK_VAR_DIR": str(tmp_path),
        **env,
    }
    code = f"import django; django.setup(); {SHOW}"
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("redis", "session", "cache"),
    [
        ("", "django.contrib.sessions.backends.db", "filebased.FileBasedCache"),
        ("redis://127.0.0.1:6379/5", "django.contrib.sessions.backends.cached_db", "RedisCache"),
    ],
)
def test_sessions_live_in_the_database_and_the_cache_in_redis_when_there_is_one(
    tmp_path, redis, session, cache
):
    engine, backend, broker = settings_with(tmp_path, **({"REDIS_URL": redis} if redis else {}))
    assert engine == session
    assert backend.endswith(cache)
    assert broker == (redis or "filesystem://")
