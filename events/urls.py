from django.urls import path

from . import views

urlpatterns = [
    path("agenda.ics", views.agenda_ics, name="events_ics"),
    path("agenda/communautes/<slug:slug>.ics", views.community_ics, name="events_community_ics"),
    path("agenda/reunions/<int:pk>.ics", views.meeting_ics, name="events_meeting_ics"),
]
