from django.urls import re_path

from ..downloads import views as downloads

urlpatterns = [
    re_path(
        r"^reports/(?P<report_id>[0-9]+)/download\.(?P<fmt>pdf|docx)$",
        downloads.download,
        name="report_download",
    ),
]
