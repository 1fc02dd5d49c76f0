"""The images a page or snippet form saves are ones the editor may choose.

An image's id is no way to publish another section's photo: every image the form saves needs
a permission on its collection (the one Wagtail's chooser asks for), unless it was there before
the edit. Fields, inline rows (gallery photos, say), StreamField blocks and rich text alike.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry


def image_ids(model, name, value):
    """The ids of the images a form field's value names: a link, a StreamField, rich text."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    if value in (None, "", []):
        return
    image_model = get_image_model()
    if model_field.is_relation and issubclass(model_field.related_model, image_model):
        for item in value if model_field.many_to_many else [value]:
            yield int(getattr(item, "pk", item))
    elif hasattr(model_field, "extract_references"):
        for related_model, pk, *_paths in model_field.extract_references(value):
            if issubclass(related_model, image_model):
                yield int(pk)


def images_in(form, before=False):
    """(form, field name, image id) in the form and its inline forms, as it was or as sent."""
    model = form._meta.model
    for name, field in form.fields.items():
        if before:
            value = form.get_initial_for_field(field, name)
        else:
            value = getattr(form, "cleaned_data", {}).get(name)
        for pk in image_ids(model, name, value):
            yield form, name, pk
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.initial_forms if before else formset.forms:
            if before or child not in formset.deleted_forms:
                yield from images_in(child, before)


class ChosenImagesFormMixin:
    def is_valid(self):
        valid = super().is_valid()  # the form and its inline forms: their cleaned data
        if self.for_user is None:
            return valid
        before = {pk for _form, _name, pk in images_in(self, before=True)}
        chosen = [item for item in images_in(self) if item[2] not in before]
        policy = policy_registry.get_by_type(get_image_model())
        allowed = set(
            policy.instances_user_has_any_permission_for(self.for_user, ["choose"])
            .filter(pk__in={pk for _form, _name, pk in chosen})
            .values_list("pk", flat=True)
        )
        refused = dict.fromkeys((form, name) for form, name, pk in chosen if pk not in allowed)
        for form, name in refused:
            message = _(
                "“%(field)s” holds an image you may not choose: choose one of your section's "
                "images."
            )
            form.add_error(name, message % {"field": form.fields[name].label or name})
        return valid and not refused


class ChosenImagesForm(ChosenImagesFormMixin, WagtailAdminModelForm):
    """The form of snippets that show images."""
