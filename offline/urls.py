from django.urls import path

from . import views

# Inside the language prefix (/hors-ligne/, /en/hors-ligne/).
urlpatterns = [
    path("hors-ligne/", views.offline_page, name="offline_page"),
    path(
        "hors-ligne/packs/<str:kind>/<slug:slug>.zip",
        views.pack_download,
        name="offline_pack",
    ),
]
