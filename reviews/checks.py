"""System checks: every reviewable model keeps the workflow's constraints,
its review queues and, in the database, the guard on its live version."""

from django.core import checks
from django.db import connections

from reviews.models import Reviewable, ReviewableQuerySet
from reviews.triggers import installed_guards, reviewable_models, trigger_name

_reviewable_models = reviewable_models


@checks.register(checks.Tags.models)
def check_reviewable_constraints(app_configs=None, **kwargs):
    """A content model that declares its own ``Meta.constraints`` must extend
    ``Reviewable.Meta.constraints``, or the database stops backing the
    workflow's invariants."""
    errors = []
    for model in _reviewable_models(app_configs):
        names = {
            "app_label": model._meta.app_label.lower(),
            "class": model.__name__.lower(),
        }
        have = {constraint.name for constraint in model._meta.constraints}
        missing = sorted(
            constraint.name % names
            for constraint in Reviewable.Meta.constraints
            if constraint.name % names not in have
        )
        if missing:
            errors.append(
                checks.Error(
                    f"{model._meta.label} lacks the workflow constraints "
                    f"{', '.join(missing)}.",
                    hint="Declare Meta(Reviewable.Meta) with constraints = "
                    "[*Reviewable.Meta.constraints, ...].",
                    obj=model,
                    id="reviews.E001",
                )
            )
    return errors


@checks.register(checks.Tags.models)
def check_reviewable_queryset(app_configs=None, **kwargs):
    """The admin's review queues are ``ReviewableQuerySet`` methods: a content
    model with its own manager must build it from a subclass of it."""
    errors = []
    for model in _reviewable_models(app_configs):
        if not isinstance(model._default_manager.all(), ReviewableQuerySet):
            errors.append(
                checks.Error(
                    f"{model._meta.label}'s default manager does not return a "
                    "ReviewableQuerySet, so its review queues cannot work.",
                    hint="Make its QuerySet inherit reviews.models.ReviewableQuerySet.",
                    obj=model,
                    id="reviews.E002",
                )
            )
    return errors


@checks.register(checks.Tags.database)
def check_live_version_guards(app_configs=None, databases=None, **kwargs):
    """Each reviewable table has the trigger that keeps its live version its
    own (``manage.py check --database default``). A warning, not an error:
    ``migrate`` runs this check before it installs the triggers."""
    warnings = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor not in ("postgresql", "sqlite"):
            continue
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
        present = installed_guards(connection)
        for model in reviewable_models(app_configs):
            if model._meta.db_table in tables and trigger_name(model) not in present:
                warnings.append(
                    checks.Warning(
                        f"{model._meta.db_table} in database {alias!r} lacks "
                        "its trigger refusing a live version of another item.",
                        hint="Run manage.py migrate: it installs the trigger.",
                        obj=model,
                        id="reviews.W001",
                    )
                )
    return warnings
