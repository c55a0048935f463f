"""The demo loader's steps, run in this order by ``manage.py load_demo``.

Each step is a module with ``run(context)`` (``context``: ``demo.loader.Context``). A step
creates or updates its objects with ``demo.loader.upsert_page`` / ``upsert_object`` (which
publish a revision only when something changed), reports each one through
``context.step(name, total)``, and finds earlier objects by slug: ``context.page("aprofem")``,
``context.themes["plaidoyer"]``, ``context.tags["loi 052"]``.

The search and reference indexes are rebuilt once, after the last step (``demo.indexes``).
Append a step at the end (``STEPS.append(meetings)``) to extend the demo.
"""

from . import (
    communities,
    frames,
    home_page,
    images,
    moderation,
    organisations,
    portal_settings,
    practices,
    site,
    standard_pages,
    taxonomy,
    tools,
)

STEPS = [
    site,
    taxonomy,
    communities,
    organisations,
    images,
    tools,
    practices,
    frames,
    standard_pages,
    home_page,
    portal_settings,
    moderation,
]

from . import meetings  # noqa: E402  (events app: agenda, follow-up, results, plans)

STEPS.append(meetings)
