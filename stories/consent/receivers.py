"""Signal receivers: consent is checked whenever what it depends on changes."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from wagtail.images import get_image_model
from wagtail.models import PageLogEntry

from ..models import Consent, Participant
from .actions import PUBLISH_ACTIONS
from .gate import refuse_published
from .takedown import schedule, take_down


def on_page_logged(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.action in PUBLISH_ACTIONS:
        refuse_published(instance)


def on_consent_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(instance.participant_id)


def on_participant_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(instance.pk)


def on_participant_deleted(sender, instance, **kwargs):
    # Once the record is gone, its photos would no longer say who they show.
    take_down(instance, revoked=True)


def on_image_saved(sender, instance, raw=False, **kwargs):
    # Unticking "faces made unrecognisable" may leave a photo on pages it may no longer be on.
    if not raw and instance.pk:
        for participant_id in instance.participants.values_list("pk", flat=True):
            schedule(participant_id)


def on_image_participants_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add":
        return
    if isinstance(instance, Participant):
        schedule(instance.pk)
    else:
        for participant_id in pk_set:
            schedule(participant_id)


def on_consent_form_replaced(sender, instance, raw=False, **kwargs):
    # A replaced or cleared form is deleted with the record's change, not kept unlisted.
    if raw or not instance.pk:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("form", flat=True).first()
    if old and old != instance.form.name:
        storage = instance.form.storage
        transaction.on_commit(lambda: storage.delete(old))


def on_consent_deleted(sender, instance, **kwargs):
    if instance.form:
        storage, name = instance.form.storage, instance.form.name
        transaction.on_commit(lambda: storage.delete(name))
    schedule(instance.participant_id)


def connect_signals():
    image_model = get_image_model()
    pre_save.connect(on_consent_form_replaced, sender=Consent)
    post_save.connect(on_consent_changed, sender=Consent)
    post_delete.connect(on_consent_deleted, sender=Consent)
    post_save.connect(on_participant_saved, sender=Participant)
    pre_delete.connect(on_participant_deleted, sender=Participant)
    post_save.connect(on_image_saved, sender=image_model)
    m2m_changed.connect(on_image_participants_changed, sender=image_model.participants.through)
    post_save.connect(on_page_logged, sender=PageLogEntry)
