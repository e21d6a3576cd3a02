from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/fonts/", include("drafts.admin_fonts")),
    path("admin/", admin.site.urls),
    path("", include("drafts.urls")),
]
