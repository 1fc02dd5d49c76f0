"""The images and documents a page or snippet form saves are ones the editor may choose.

An id is no way to publish another section's photo or document: every image or document the
form saves needs a permission on its collection (the one Wagtail's chooser asks for), unless it
was there before the edit. Fields, inline rows (gallery photos, say), StreamField blocks and
rich text alike.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry


def chosen_models():
    """The kinds of chosen items that belong to a collection, with the refusal for each."""
    return {
        get_image_model(): _(
            "“%(field)s” holds an image you may not choose: choose one of your section's images."
        ),
        get_document_model(): _(
            "“%(field)s” holds a document you may not choose: choose one of your section's "
            "documents."
        ),
    }


def chosen_in_value(model, name, value, kinds):
    """(kind, id) of the items a form field's value names: a link, a StreamField, rich text."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    if value in (None, "", []):
        return
    if model_field.is_relation:
        kind = next((k for k in kinds if issubclass(model_field.related_model, k)), None)
        if kind is not None:
            for item in value if model_field.many_to_many else [value]:
                yield kind, int(getattr(item, "pk", item))
    elif hasattr(model_field, "extract_references"):
        for related_model, pk, *_paths in model_field.extract_references(value):
            kind = next((k for k in kinds if issubclass(related_model, k)), None)
            if kind is not None:
                yield kind, int(pk)


def chosen_in(form, kinds, before=False):
    """(form, field name, kind, id) in the form and its inline forms, as it was or as sent."""
    model = form._meta.model
    for name, field in form.fields.items():
        if before:
            value = form.get_initial_for_field(field, name)
        else:
            value = getattr(form, "cleaned_data", {}).get(name)
        for kind, pk in chosen_in_value(model, name, value, kinds):
            yield form, name, kind, pk
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.initial_forms if before else formset.forms:
            if before or child not in formset.deleted_forms:
                yield from chosen_in(child, kinds, before)


class ChosenMediaFormMixin:
    def is_valid(self):
        valid = super().is_valid()  # the form and its inline forms: their cleaned data
        if self.for_user is None:
            return valid
        messages = chosen_models()
        before = {(kind, pk) for _form, _name, kind, pk in chosen_in(self, messages, True)}
        chosen = [item for item in chosen_in(self, messages) if item[2:] not in before]
        refused = {}
        for kind, message in messages.items():
            asked = {pk for _form, _name, k, pk in chosen if k is kind}
            if not asked:
                continue
            policy = policy_registry.get_by_type(kind)
            allowed = set(
                policy.instances_user_has_any_permission_for(self.for_user, ["choose"])
                .filter(pk__in=asked)
                .values_list("pk", flat=True)
            )
            for form, name, k, pk in chosen:
                if k is kind and pk not in allowed:
                    refused.setdefault((form, name), message)
        for (form, name), message in refused.items():
            form.add_error(name, message % {"field": form.fields[name].label or name})
        return valid and not refused


class ChosenMediaForm(ChosenMediaFormMixin, WagtailAdminModelForm):
    """The form of snippets that show images or documents."""
