import pytest

from reviews.services import review_start, review_submit
from tests.factories import make_article, make_condition, make_memo, make_user


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
