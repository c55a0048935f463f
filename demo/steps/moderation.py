"""The safety-review workflow on the home page (every member's submission goes through it)."""

from wagtail.models import WorkflowPage

from demo.loader import CREATED, UNCHANGED
from home.workflows import WORKFLOW_NAME, ensure_default_workflow


def run(context):
    with context.step("circuit de relecture", total=1) as progress:
        context.current = f"circuit de relecture ({WORKFLOW_NAME})"
        existed = WorkflowPage.objects.filter(workflow__name=WORKFLOW_NAME).exists()
        ensure_default_workflow()
        progress.done(UNCHANGED if existed else CREATED, "circuit")
