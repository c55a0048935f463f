from django.db.models.signals import post_save
from django.dispatch import receiver

from .member_spaces import ensure_member_group
from .models import OrganizationPage


@receiver(post_save, sender=OrganizationPage, dispatch_uid="home.organization_member_group")
def create_member_group(sender, instance, created, raw=False, **kwargs):
    """Every new organisation gets its own space (group, page permissions, collection)."""
    if created and not raw:
        ensure_member_group(instance)
