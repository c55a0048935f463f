"""Serializers for the meeting fields of the JSON API (see ``home.api_fields``)."""

from rest_framework.fields import Field

from home.api_fields import is_public_page, page_reference


class ParticipantsField(Field):
    """Participants by sex and age group, as recorded (null where not counted)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, meeting):
        return {
            "total": meeting.participants_total,
            "women": meeting.participants_women,
            "men": meeting.participants_men,
            "youth": meeting.participants_youth,
        }


class RecommendationListField(Field):
    """The meeting's recommendations with their follow-up status; never the follow-up notes
    (working notes of the coordination)."""

    prefetch = ("responsible_organization",)

    def to_representation(self, manager):
        request = self.context["request"]
        rows = []
        for row in manager.all():
            organization = row.responsible_organization
            rows.append(
                {
                    "id": row.pk,
                    "text": row.text,
                    "responsible_organization": (
                        {**page_reference(organization, request), "acronym": organization.acronym}
                        if organization is not None and is_public_page(organization)
                        else None
                    ),
                    "responsible_other": row.responsible_other,
                    "due_date": row.due_date.isoformat() if row.due_date else None,
                    "status": {"code": row.status, "label": str(row.get_status_display())},
                    "overdue": row.is_overdue,
                }
            )
        return rows
