from django.urls import path

from ..importing import views as importing

urlpatterns = [
    path("import/", importing.import_start, name="import_start"),
    path("import/review/", importing.import_review, name="import_review"),
    path("import/accept/", importing.import_accept, name="import_accept"),
    path("import/cancel/", importing.import_cancel, name="import_cancel"),
    path(
        "reports/<int:report_id>/import/restore/", importing.import_restore, name="import_restore"
    ),
]
