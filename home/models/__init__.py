from .organizations import OrganizationIndexPage, OrganizationKind, OrganizationPage
from .pages import CommunityIndexPage, CommunityPage, FeaturedItem, HomePage, StandardPage
from .site_settings import PortalSettings
from .taxonomy import ClassifiedPageMixin, Theme
from .workflows import SurvivorSafetyTask

__all__ = [
    "ClassifiedPageMixin",
    "CommunityIndexPage",
    "CommunityPage",
    "FeaturedItem",
    "HomePage",
    "OrganizationIndexPage",
    "OrganizationKind",
    "OrganizationPage",
    "PortalSettings",
    "StandardPage",
    "SurvivorSafetyTask",
    "Theme",
]
