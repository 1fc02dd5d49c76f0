"""What a browser posts for an HTML form sent back as the page gave it: for the tests and the
bench, which drive the admin without a browser."""

NOT_POSTED = ("submit", "button", "reset", "image", "file")


def posted_values(fields):
    """The values of these inputs, selects and textareas (BeautifulSoup tags) by name: a
    select's chosen options (else its first), ticked boxes only, lists for repeated names."""
    data = {}
    for field in fields:
        name = field.get("name")
        if not name or field.get("type") in NOT_POSTED:
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = [
                option.get("value", option.text)
                for option in field.find_all("option", selected=True)
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
