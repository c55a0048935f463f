from django.urls import path

from . import views

urlpatterns = [
    path("proposer/pratique/", views.ProposePracticeView.as_view(), name="propose_practice"),
    path("proposer/outil/", views.ProposeToolView.as_view(), name="propose_tool"),
    path("livret/", views.booklet, name="practice_booklet"),
    path("proposer/envoye/<int:page_id>/", views.proposal_sent, name="proposal_sent"),
]
