from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ConditionSiteConfig(AppConfig):
    """The project itself, as an app for its management commands
    (``totp_enrol``, ``demo_otp_code``)."""

    name = "condition_site"


class EditorialAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the editorial site (a second factor for staff) as
    ``admin.site``, so every ``admin.register`` in the apps lands on it."""

    default = False
    default_site = "condition_site.admin.EditorialAdminSite"
