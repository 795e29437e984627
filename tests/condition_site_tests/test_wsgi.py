"""The WSGI entry point the production server loads."""

import gc
import importlib


def test_a_worker_freezes_what_start_up_loaded():
    """The collector's full passes skip Django, the apps and the URL
    patterns: they live as long as the worker."""
    import condition_site.wsgi

    gc.unfreeze()
    importlib.reload(condition_site.wsgi)

    assert gc.get_freeze_count() > 10_000
    assert callable(condition_site.wsgi.application)
    gc.unfreeze()
