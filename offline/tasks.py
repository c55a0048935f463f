"""Background work of offline reading (django-tasks: immediate in development and tests, the
database queue in production)."""

from django_tasks import task

from .packs import build_pack, every_pack


@task()
def build_pack_task(kind, slug):
    return build_pack(kind, slug)


@task()
def build_every_pack_task():
    return [build_pack(kind, slug) for kind, slug in every_pack()]
