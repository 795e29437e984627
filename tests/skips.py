"""When a test may skip, decided in one place; and under CI, no test may.

Tests that need something outside Python carry a marker, and this plugin skips
them, with the reason and the fix, when that thing is missing:

- ``browser``: Debian's Chromium (``CHROMIUM_PATH``, default /usr/bin/chromium);
- ``postgres``: ``DATABASE_URL`` pointing at PostgreSQL;
- ``vnu``: a Java runtime for the Nu HTML Checker;
- ``seeds``: the seed pages in ``../shared/seeds/`` (``SEEDS_DIR``), read-only;
- ``redis``: a Redis server at ``REDIS_TEST_URL`` (default
  redis://127.0.0.1:6379/7; tests may empty that database).

Locally a skip prints its reason (``-ra``) and the run still passes. Under
``CI=true`` every skip fails the run and is named in the summary: CI runs all
of the suite or says that it did not. tests/conftest.py loads this plugin.
"""

import os
import shutil

import pytest


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def missing_chromium() -> str | None:
    if shutil.which(chromium_path()) is None:
        return (
            f"no Chromium at {chromium_path()}: install Debian's chromium package "
            "(.ci/run does) or set CHROMIUM_PATH"
        )
    return None


def missing_postgres() -> str | None:
    from django.conf import settings

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    return None


def missing_java() -> str | None:
    if shutil.which("java") is None:
        return (
            "no Java runtime: the Nu HTML Checker (vnu) needs one; "
            "apt-get install default-jre-headless (.ci/run does)"
        )
    return None


def redis_test_url() -> str:
    return os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/7")


def missing_redis() -> str | None:
    import redis

    try:
        redis.Redis.from_url(redis_test_url(), socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        return (
            f"no Redis at {redis_test_url()} ({error.__class__.__name__}): "
            "start redis-server or set REDIS_TEST_URL"
        )
    return None


def seeds_dir():
    from pathlib import Path

    from django.conf import settings

    if "SEEDS_DIR" in os.environ:
        return Path(os.environ["SEEDS_DIR"])
    # Beside the checkout, as on the development machines; a clone elsewhere
    # (CI's, say) finds the machine's copy.
    beside = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    return beside if beside.is_dir() else Path("/work/shared/seeds")


def missing_seeds() -> str | None:
    if not sorted(seeds_dir().glob("*.txt")):
        return (
            f"no seed pages (*.txt) in {seeds_dir()}: check out shared/ beside "
            "the repository (CI has it) or set SEEDS_DIR"
        )
    return None


# marker: (what it means, what says why it cannot run here)
REQUIREMENTS = {
    "browser": ("drives Chromium through Playwright", missing_chromium),
    "postgres": ("needs PostgreSQL (DATABASE_URL)", missing_postgres),
    "vnu": ("runs the Nu HTML Checker, which needs Java", missing_java),
    "redis": ("needs a Redis server (REDIS_TEST_URL)", missing_redis),
    "seeds": ("reads the seed pages in ../shared/seeds/", missing_seeds),
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def skip_reason(report) -> str:
    if isinstance(report.longrepr, tuple):
        return report.longrepr[2].removeprefix("Skipped: ")
    return str(report.longrepr)


class SkipPolicy:
    """Skips marked tests whose needs are missing; under CI, fails on skips."""

    def __init__(self):
        self.skipped = []

    def pytest_collection_modifyitems(self, items):
        reasons = {}
        for item in items:
            for marker, (_, missing) in REQUIREMENTS.items():
                if item.get_closest_marker(marker) is None:
                    continue
                if marker not in reasons:
                    reasons[marker] = missing()
                if reasons[marker]:
                    item.add_marker(pytest.mark.skip(reason=reasons[marker]))

    def pytest_collectreport(self, report):
        if report.skipped:
            self.skipped.append(report)

    def pytest_runtest_logreport(self, report):
        if report.skipped and not hasattr(report, "wasxfail"):
            self.skipped.append(report)

    def pytest_sessionfinish(self, session):
        if in_ci() and self.skipped and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        if not (in_ci() and self.skipped):
            return
        terminalreporter.section("skipped under CI=true", sep="=", red=True)
        terminalreporter.line(
            f"{len(self.skipped)} test(s) skipped; under CI=true a skip fails "
            "the run. Install what they need (.ci/run does) or fix them:",
            red=True,
        )
        for report in self.skipped:
            terminalreporter.line(f"  {report.nodeid}: {skip_reason(report)}")


def pytest_configure(config):
    for marker, (meaning, _) in REQUIREMENTS.items():
        config.addinivalue_line("markers", f"{marker}: {meaning}")
    config.pluginmanager.register(SkipPolicy(), "condition-site-skip-policy")
