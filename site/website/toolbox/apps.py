from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "website.toolbox"
    label = "toolbox"
    verbose_name = _("Toolbox")
