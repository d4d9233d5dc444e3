"""The WSGI entry point a web process starts from."""

import gc
import importlib


def test_the_web_process_freezes_what_start_up_allocated():
    before = gc.get_freeze_count()
    try:
        wsgi = importlib.import_module("config.wsgi")
        importlib.reload(wsgi)
        assert callable(wsgi.application)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
