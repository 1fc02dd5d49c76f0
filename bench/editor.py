"""What an editor's browser posts when it sends an admin form back as the page gave it."""

from bs4 import BeautifulSoup

from tools.form_values import posted_values


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
    return posted_values(field for field in fields if not field.find_parent("template"))
