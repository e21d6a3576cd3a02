from django.urls import path

from ..review import submission_views as submission
from ..review import views as review

urlpatterns = [
    # the official's side
    path("reports/<int:pk>/submit/", submission.submit, name="submit_report"),
    path("reports/<int:pk>/withdraw/", submission.withdraw, name="withdraw_report"),
    path("comments/<int:pk>/addressed/", submission.comment_addressed, name="comment_addressed"),
    # the reviewer's pages
    path("review/", review.queue, name="review_queue"),
    path("review/overview/", review.overview, name="review_overview"),
    path("review/reports/<int:pk>/", review.report_page, name="review_report"),
    path("review/reports/<int:pk>/decide/", review.decide, name="review_decide"),
    path("review/reports/<int:pk>/comment/", review.comment, name="review_comment"),
    path("review/comments/<int:pk>/edit/", review.comment_edit, name="review_comment_edit"),
    path("review/comments/<int:pk>/delete/", review.comment_delete, name="review_comment_delete"),
    path("review/zip/", review.zip_start, name="review_zip_start"),
    path("review/zip/<int:pk>/", review.zip_page, name="review_zip"),
    path("review/zip/<int:pk>/status/", review.zip_status, name="review_zip_status"),
    path("review/zip/<int:pk>/download/", review.zip_download, name="review_zip_download"),
]
