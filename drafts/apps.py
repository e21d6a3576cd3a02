from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "drafts"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks_system  # noqa: F401  (registers the system checks)
        from .accounts import middleware  # noqa: F401  (connects the login signal)
