"""Choosing a password from an invitation (or a reset) link: Django's password-reset views
with the site's own French templates. The link is sent by ``home.onboarding``."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

urlpatterns = [
    path(
        "compte/mot-de-passe/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_set_form.html",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "compte/mot-de-passe/choisi/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_set_done.html",
        ),
        name="password_reset_complete",
    ),
]
