from .actor_map_page import ActorMapPage
from .organizations import (
    OrganizationIndexPage,
    OrganizationKind,
    OrganizationPage,
    organization_link,
)
from .pages import CommunityIndexPage, CommunityPage, FeaturedItem, HomePage, StandardPage
from .places import MaliRegion, Place
from .safety import SafetyConfirmation, SafetyGatedPageMixin, SafetyGateError
from .section_pages import FeedRoutesMixin, ListedFeedMixin, ListingIndexPage, SectionPage
from .site_settings import PortalSettings
from .taxonomy import ClassifiedPageMixin, Theme
from .workflows import SurvivorSafetyTask

__all__ = [
    "ActorMapPage",
    "ClassifiedPageMixin",
    "CommunityIndexPage",
    "CommunityPage",
    "FeaturedItem",
    "FeedRoutesMixin",
    "HomePage",
    "ListedFeedMixin",
    "ListingIndexPage",
    "MaliRegion",
    "OrganizationIndexPage",
    "OrganizationKind",
    "OrganizationPage",
    "Place",
    "PortalSettings",
    "SafetyConfirmation",
    "SafetyGateError",
    "SafetyGatedPageMixin",
    "SectionPage",
    "StandardPage",
    "SurvivorSafetyTask",
    "Theme",
    "organization_link",
]
