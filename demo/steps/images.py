"""Neutral illustrations (Pillow), stored in the "Démo" collection."""

from demo import illustrations
from demo.data.images import IMAGES
from demo.files import upsert_image


def run(context):
    collection = context.extra["collection"]
    with context.step("illustrations", total=len(IMAGES)) as progress:
        for spec in IMAGES:
            data = getattr(illustrations, spec["draw"])()
            _, status = upsert_image(
                context, collection, spec["title"], spec["file"], data, spec["alt"]
            )
            progress.done(status, spec["file"])
