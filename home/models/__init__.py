from .organizations import OrganizationIndexPage, OrganizationKind, OrganizationPage
from .pages import CommunityIndexPage, CommunityPage, FeaturedItem, HomePage, StandardPage
from .safety import SafetyConfirmation, SafetyGatedPageMixin, SafetyGateError
from .section_pages import FeedRoutesMixin, ListedFeedMixin, ListingIndexPage, SectionPage
from .site_settings import PortalSettings
from .taxonomy import ClassifiedPageMixin, Theme
from .workflows import SurvivorSafetyTask

__all__ = [
    "ClassifiedPageMixin",
    "CommunityIndexPage",
    "CommunityPage",
    "FeaturedItem",
    "FeedRoutesMixin",
    "HomePage",
    "ListedFeedMixin",
    "ListingIndexPage",
    "OrganizationIndexPage",
    "OrganizationKind",
    "OrganizationPage",
    "PortalSettings",
    "SafetyConfirmation",
    "SafetyGateError",
    "SafetyGatedPageMixin",
    "SectionPage",
    "StandardPage",
    "SurvivorSafetyTask",
    "Theme",
]
