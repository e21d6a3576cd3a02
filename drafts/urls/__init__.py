"""URL configuration, one module per area so each area's routes live beside its views."""

from . import accounts, cycle, downloads, drafting, importing, review

app_name = None  # routes are named globally (e.g. "home", "wizard")

urlpatterns = (
    accounts.urlpatterns
    + drafting.urlpatterns
    + importing.urlpatterns
    + downloads.urlpatterns
    + review.urlpatterns
    + cycle.urlpatterns
)
