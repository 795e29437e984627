import pytest
from django.test import override_settings

from reviews.services import review_start, review_submit
from tests.factories import make_article, make_condition, make_memo, make_user, publish

# The markers that say what a test needs, and the rule that CI never skips.
pytest_plugins = ["tests.skips"]


@pytest.fixture(scope="session", autouse=True)
def _static_root(tmp_path_factory):
    # Tests run without collectstatic; WhiteNoise warns when STATIC_ROOT is
    # missing, so give it an empty one. (The live server serves static files
    # from the finders, as runserver does.)
    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("staticfiles")):
        yield


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    # Uploaded images go to a throw-away folder, never the developer's var/.
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture
def editor(db):
    return make_user("editor", "Editors")


@pytest.fixture
def other_editor(db):
    return make_user("other_editor", "Editors")


@pytest.fixture
def reviewer(db):
    return make_user("reviewer", "Reviewers")


@pytest.fixture
def other_reviewer(db):
    return make_user("other_reviewer", "Reviewers")


@pytest.fixture
def reader(db):
    return make_user("reader")


@pytest.fixture
def condition(db):
    return make_condition()


@pytest.fixture
def draft(condition, editor):
    return make_article(condition=condition, by=editor)


@pytest.fixture
def published(draft, editor, reviewer):
    """The draft, approved: the D89.41 overview readers can see."""
    publish(draft, editor=editor, reviewer=reviewer)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs the change's after-commit work (the
    ``published`` signals, the page cache's generation) as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def under_review(draft, editor, reviewer):
    """The draft article, submitted and claimed by ``reviewer``."""
    review_submit(obj=draft, by=editor)
    review_start(obj=draft, by=reviewer)
    return draft


@pytest.fixture
def memo(editor):
    """A draft of the test-only reviewable type: the workflow without content."""
    return make_memo(by=editor)


@pytest.fixture(autouse=True)
def _footer_cache():
    """Each test starts with the cache as a running site has it: the footer's
    list of site pages cached, and empty, as the test database has none.
    Tests that publish site pages see the footer follow through receivers."""
    from django.apps import apps
    from django.core.cache import cache

    cache.clear()
    # The workflow tests also run without conditions/ (on tests.testapp).
    if apps.is_installed("conditions"):
        from conditions.context_processors import FOOTER_CACHE_KEY

        cache.set(FOOTER_CACHE_KEY, [])


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.3 s a user; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    # Review mail is a background task; in tests it runs at once, in-process,
    # still only after the transaction commits.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
