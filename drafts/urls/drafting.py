from django.urls import path

from ..drafting import autosave_views as autosave
from ..drafting import findings_views as findings
from ..drafting import history_views as history
from ..drafting import views as drafting

urlpatterns = [
    path("", drafting.home, name="home"),
    path("years/<int:year>/start/", drafting.start, name="start_report"),
    path("reports/<int:report_id>/", drafting.wizard, name="wizard"),
    path("reports/<int:report_id>/step/<str:step>/", drafting.wizard_step, name="wizard_step"),
    path("reports/<int:report_id>/autosave/", autosave.autosave, name="autosave"),
    path("reports/<int:report_id>/fix/", findings.apply_fix, name="apply_fix"),
    path("reports/<int:report_id>/findings/", findings.findings, name="findings_panel"),
    path(
        "reports/<int:report_id>/promises/<int:index>/",
        findings.promise_answer,
        name="promise_answer",
    ),
    path("reports/<int:report_id>/versions/", history.versions, name="report_versions"),
    path(
        "reports/<int:report_id>/versions/<str:kind>/<int:pk>/",
        history.version,
        name="report_version",
    ),
    path(
        "reports/<int:report_id>/versions/<str:kind>/<int:pk>/restore/",
        history.restore,
        name="report_version_restore",
    ),
]
