"""Versions approved with a go-live time go on the air at that time.

An approval that names one sends ``signals.scheduled``; ``queue_release``
has the task worker run ``release_scheduled_versions`` then. The
``release_scheduled`` command does the same from cron, where no worker runs
or as a safety net: releasing twice releases nothing twice.
"""

from django_tasks import default_task_backend, task

from reviews.services import release_scheduled


@task()
def release_scheduled_versions() -> int:
    """Put on the air the versions whose go-live time has come."""
    return release_scheduled()


def queue_release(sender, item, version, **kwargs) -> None:
    """signals.scheduled receiver: release at the version's go-live time. A
    task backend that cannot defer a task leaves it to the command."""
    if default_task_backend.supports_defer:
        release_scheduled_versions.using(run_after=version.goes_live_at).enqueue()
