import json

import factory
import wagtail_factories

from website.toolbox.models import MethodPage, TargetGroup, ToolboxPage


def steps(*titles):
    """StreamField data for steps with these titles, ten minutes each."""
    return json.dumps(
        [
            {
                "type": "step",
                "value": {
                    "title": title,
                    "instructions": f"<p>Anleitung für {title}.</p>",
                    "duration_minutes": 10,
                },
            }
            for title in titles
        ]
    )


class ToolboxPageFactory(wagtail_factories.PageFactory):
    title = "Toolbox"
    slug = "toolbox"
    intro = "<p>In unserer Toolbox finden Sie einige Überlegungen und Reflexionsanleitungen.</p>"

    class Meta:
        model = ToolboxPage


class MethodPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Methode {n}")
    slug = factory.Sequence(lambda n: f"methode-{n}")
    aim = "Die Teilnehmenden erleben, wie es ist, in einer Gruppe als fremd zu gelten."
    target_group = TargetGroup.ADULTS
    group_size_min = 4
    group_size_max = 12
    duration_minutes = 45
    steps = factory.LazyFunction(lambda: steps("Ankommen", "Austausch"))

    class Meta:
        model = MethodPage
