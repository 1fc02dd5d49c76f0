"""What an editor's browser posts when it sends an admin form back as the page gave it."""

from bs4 import BeautifulSoup

NOT_POSTED = ("submit", "button", "reset", "image", "file")


def form_data(html, action):
    """The fields of the form that posts to `action`: inputs, selects and textareas, those
    outside it that name it too, none from a <template> (the inline panels' empty rows)."""
    document = BeautifulSoup(html, "html.parser")
    form = document.find("form", action=action)
    if form is None:
        raise ValueError(f"no form posts to {action}")
    fields = form.find_all(["input", "select", "textarea"])
    if form.get("id"):
        fields += document.select(f'[form="{form["id"]}"]')
    data = {}
    for field in fields:
        name = field.get("name")
        if not name or field.get("type") in NOT_POSTED or field.find_parent("template"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = [
                option.get("value", option.text) for option in field.select("option[selected]")
            ]
            if field.has_attr("multiple"):
                data[name] = chosen
            else:
                first = field.find("option")
                data[name] = chosen[0] if chosen else first.get("value", "") if first else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        else:
            data[name] = field.get("value", "")
    return data
