"""What a browser posts back from one of the admin's forms, read from the form's own HTML.

The inputs are taken as the HTML gives them. StreamFields are the exception: the admin's
JavaScript draws their inputs from the JSON on their element and names them by Wagtail's
convention (the one `wagtail.test.utils.form_data` spells out, which needs Django's settings
to import). Without a browser to run that JavaScript, `stream_fields` repeats the naming.
"""

import json

from bs4 import BeautifulSoup

NOT_SENT = ("submit", "button", "reset", "image", "file")


def form_data(text, action):
    """The (name, value) pairs the form posting to `action` sends as it stands."""
    form = BeautifulSoup(text, "html.parser").find("form", action=action)
    fields = []
    for element in form.select("input[name], textarea[name], select[name]"):
        # Disabled inputs are not sent; templates are rows the admin's JavaScript may add.
        if element.has_attr("disabled") or element.find_parent("template"):
            continue
        fields += [(element["name"], value) for value in values(element)]
    for block in form.select('[data-controller="w-block"]'):
        value = json.loads(block["data-w-block-arguments-value"])[0]
        stream_fields(block["id"], value, fields)
    return fields


def values(element):
    if element.name == "textarea":
        return [element.text.removeprefix("\n")]
    if element.name == "select":
        chosen = element.select("option[selected]")
        if not chosen and not element.has_attr("multiple"):
            chosen = element.select("option")[:1]
        return [option.get("value", option.text) for option in chosen]
    kind = element.get("type", "text")
    if kind in NOT_SENT or (kind in ("checkbox", "radio") and not element.has_attr("checked")):
        return []
    return [element.get("value", "on" if kind in ("checkbox", "radio") else "")]


def stream_fields(prefix, value, fields):
    """A StreamField's inputs as the admin's JavaScript names them, from the field's JSON."""
    if isinstance(value, dict):  # a struct block
        for name, child in value.items():
            stream_fields(f"{prefix}-{name}", child, fields)
    elif isinstance(value, list) and all(isinstance(item, dict) for item in value):
        # A stream or list block: each child has an id, stream children a type too.
        fields.append((f"{prefix}-count", str(len(value))))
        for position, child in enumerate(value):
            fields += [
                (f"{prefix}-{position}-deleted", ""),
                (f"{prefix}-{position}-order", str(position)),
                (f"{prefix}-{position}-id", child.get("id") or ""),
            ]
            if "type" in child:
                fields.append((f"{prefix}-{position}-type", child["type"]))
            stream_fields(f"{prefix}-{position}-value", child["value"], fields)
    elif isinstance(value, list):  # a multiple choice
        fields += [(prefix, str(item)) for item in value]
    elif value is True:
        fields.append((prefix, "on"))
    elif value is not None and value is not False:
        fields.append((prefix, str(value)))
