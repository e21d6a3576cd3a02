from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("admin/fonts/", include("drafts.admin_fonts")),
    path("admin/", admin.site.urls),
    # The interface strings of static/js (djangojs catalogues), for gettext() in scripts.
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("drafts.urls")),
]
