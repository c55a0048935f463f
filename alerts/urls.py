from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("alertes/", views.subscribe, name="subscribe"),
    path("alertes/demande-envoyee/", views.sent, name="sent"),
    path("alertes/confirmer/<slug:token>/", views.confirm, name="confirm"),
    path("alertes/abonnement/<slug:token>/", views.manage, name="manage"),
    path("alertes/abonnement/<slug:token>/supprimer/", views.delete, name="delete"),
    path("alertes/desabonnement/<slug:token>/", views.unsubscribe, name="unsubscribe"),
]
