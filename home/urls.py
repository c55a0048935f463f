from django.urls import path

from . import views

urlpatterns = [
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("mots-cles/<str:slug>/", views.tag_detail, name="tag_detail"),
]
