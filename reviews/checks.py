"""System checks: every reviewable model keeps the workflow's constraints,
its review queues, no foreign key that would delete it by cascade and, in the
database, the guards on its live version and on deleting it."""

from django.core import checks
from django.db import connections, models

from reviews.models import Reviewable, ReviewableQuerySet
from reviews.triggers import installed_guards, reviewable_models, trigger_names

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


@checks.register(checks.Tags.models)
def check_reviewable_not_cascaded(app_configs=None, **kwargs):
    """No foreign key of a reviewable model cascades: deleting what it points
    at (its condition, a user) would delete published content with it. The
    database refuses that too (``reviews.triggers``); this says so at start-up,
    naming the field."""
    errors = []
    for model in _reviewable_models(app_configs):
        for field in model._meta.concrete_fields:
            if field.remote_field and field.remote_field.on_delete is models.CASCADE:
                errors.append(
                    checks.Error(
                        f"{model._meta.label}.{field.name} cascades: deleting a "
                        f"{field.related_model._meta.verbose_name} would delete "
                        f"{model._meta.verbose_name_plural} with it, published "
                        "ones included.",
                        hint="Use on_delete=PROTECT or SET_NULL: published "
                        "content is never deleted, only archived.",
                        obj=model,
                        id="reviews.E003",
                    )
                )
    return errors


@checks.register(checks.Tags.database)
def check_reviewable_guards(app_configs=None, databases=None, **kwargs):
    """Each reviewable table has its triggers: the one that keeps its live
    version its own and the one that refuses to delete a published row
    (``manage.py check --database default``). A warning, not an error:
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
            missing = [name for name in trigger_names(model) if name not in present]
            if model._meta.db_table in tables and missing:
                warnings.append(
                    checks.Warning(
                        f"{model._meta.db_table} in database {alias!r} lacks "
                        f"its triggers {', '.join(missing)}.",
                        hint="Run manage.py migrate: it installs them.",
                        obj=model,
                        id="reviews.W001",
                    )
                )
    return warnings
