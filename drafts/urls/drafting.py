from django.urls import path

from ..views import drafting

urlpatterns = [
    path("", drafting.home, name="home"),
]
