"""The Celery app runs a real task on a real worker, through the configured broker.

CI sets REDIS_URL, so there the broker and the cache are the real Redis; without it the
embedded default (kombu's filesystem transport) is exercised instead.
"""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache
from django.urls import reverse

from clients.tasks import HEARTBEAT_KEY, last_heartbeat, record_heartbeat
from config.celery import app


@pytest.fixture
def worker():
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


@pytest.mark.django_db(transaction=True)
def test_heartbeat_task_runs_on_a_worker(worker):
    cache.delete(HEARTBEAT_KEY)
    record_heartbeat.delay()
    deadline = time.monotonic() + 20
    while last_heartbeat() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert last_heartbeat() is not None


def test_broker_is_redis_when_redis_url_is_set(settings):
    if settings.REDIS_URL:
        assert app.conf.broker_url.startswith("redis://")
    else:
        assert app.conf.broker_url.startswith("filesystem://")


@pytest.mark.django_db
def test_dashboard_warns_when_worker_is_silent(client, paralegal):
    cache.delete(HEARTBEAT_KEY)
    client.force_login(paralegal)
    assert "has not reported yet" in client.get(reverse("home")).content.decode()
    record_heartbeat()
    assert "has not reported yet" not in client.get(reverse("home")).content.decode()
