# Page models come last: events.listings, csv_io and stats import the data models from their
# own modules (followup, imports, meetings), never from this package, and are imported by
# pages: the dependency goes one way (pages -> csv_io/stats -> followup/meetings).
from .followup import FollowUpNote, Recommendation, RecommendationStatus, SustainabilityPlan
from .imports import ImportConfirmation
from .meetings import (
    MeetingAttachment,
    MeetingKind,
    MeetingPage,
    MeetingPageTag,
    MeetingPhoto,
    MeetingSession,
    MeetingVoiceNote,
    visible_meetings,
)
from .pages import EventIndexPage, FollowUpPage, ResultsPage

__all__ = [
    "EventIndexPage",
    "FollowUpNote",
    "FollowUpPage",
    "ImportConfirmation",
    "MeetingAttachment",
    "MeetingKind",
    "MeetingPage",
    "MeetingPageTag",
    "MeetingPhoto",
    "MeetingSession",
    "MeetingVoiceNote",
    "Recommendation",
    "RecommendationStatus",
    "ResultsPage",
    "SustainabilityPlan",
    "visible_meetings",
]
