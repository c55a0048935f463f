from django.urls import path

from . import opendata, views

urlpatterns = [
    path("feed/", views.site_feed, name="feed_rss"),
    path("feed/atom/", views.site_feed, {"kind": "atom"}, name="feed_atom"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("themes/<slug:slug>/feed/", views.theme_feed, name="theme_feed_rss"),
    path(
        "themes/<slug:slug>/feed/atom/", views.theme_feed, {"kind": "atom"}, name="theme_feed_atom"
    ),
    path("mots-cles/<str:slug>/", views.tag_detail, name="tag_detail"),
    path("mots-cles/<str:slug>/feed/", views.tag_feed, name="tag_feed_rss"),
    path("mots-cles/<str:slug>/feed/atom/", views.tag_feed, {"kind": "atom"}, name="tag_feed_atom"),
]

urlpatterns += [
    path("donnees-ouvertes/", opendata.open_data, name="open_data"),
    path("donnees-ouvertes/<slug:slug>.csv", opendata.export_csv, name="open_data_csv"),
    path("donnees-ouvertes/<slug:slug>.json", opendata.export_json, name="open_data_json"),
]
