from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from ..accounts.forms import LoginForm
from ..accounts.views import PasswordChangeView

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password/",
        PasswordChangeView.as_view(success_url=reverse_lazy("home")),
        name="password_change",
    ),
]
