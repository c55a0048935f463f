from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import OrganizationOwnedMixin


@receiver(post_page_move, dispatch_uid="practices.organization_follows_a_move")
def organization_follows_a_move(sender, instance, **kwargs):
    """A practice or tool moved under another organisation page now belongs to it (Wagtail
    saves the moved page as a plain Page, which skips OrganizationOwnedMixin.save)."""
    page = instance.specific
    if not isinstance(page, OrganizationOwnedMixin):
        return
    page.take_organization_from_tree()
    type(page).objects.filter(pk=page.pk).update(organization_id=page.organization_id)
