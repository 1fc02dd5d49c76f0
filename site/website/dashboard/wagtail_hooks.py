from wagtail import hooks

from .panels import (
    ExpiringConsentsPanel,
    MissingAltTextPanel,
    OutdatedTranslationsPanel,
    SectionDraftsPanel,
)


@hooks.register("construct_homepage_panels")
def add_panels_by_role(request, panels):
    panels.extend(
        panel
        for panel in (
            ExpiringConsentsPanel(request.user),
            MissingAltTextPanel(request.user),
            OutdatedTranslationsPanel(request.user),
            SectionDraftsPanel(request.user),
        )
        if panel.is_for_user()
    )
