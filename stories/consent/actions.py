"""The codes the audit log stores for what consent did to a page, and the publishing ones."""

TAKEDOWN = "stories.takedown"
REFUSED = "stories.publish_refused"
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")
UNPUBLISH_ACTIONS = ("wagtail.unpublish", "wagtail.unpublish.scheduled", TAKEDOWN, REFUSED)
