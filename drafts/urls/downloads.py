from django.urls import path, re_path

from ..downloads import views
from ..rendering.formats import download_pattern

urlpatterns = [
    re_path(
        rf"^reports/(?P<report_id>[0-9]+)/download\.(?P<fmt>{download_pattern()})$",
        views.download,
        name="report_download",
    ),
    # The same download, linked from the reviewer's page of the report.
    path(
        "review/reports/<int:report_id>/download/<str:fmt>/",
        views.download,
        name="review_download",
    ),
]
