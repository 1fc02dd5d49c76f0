"""Admin views for the consent team: signed forms and the consents that expire soon."""

import datetime
import os

from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Consent
from .models.participants import EXPIRING_DAYS


def may_see_consent(user):
    """The "consent" group (and superusers): consent records and signed forms."""
    return user.is_active and user.has_perm("stories.view_consent")


def may_edit_consent(user):
    return user.is_active and user.has_perm("stories.change_consent")


@require_safe
def consent_form(request, consent_id):
    """A signed consent form, for the consent team only, never cached."""
    if not may_see_consent(request.user):
        return HttpResponseForbidden()
    consent = get_object_or_404(Consent, pk=consent_id)
    if not consent.form:
        raise Http404
    try:
        file = consent.form.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # Named by numbers only: the participant's name is not part of any URL or file name.
    name = f"consent-{consent.participant_id}-{consent.pk}{os.path.splitext(consent.form.name)[1]}"
    response = FileResponse(file, as_attachment=True, filename=name)
    patch_cache_control(response, private=True, no_store=True)
    return response


def expiring_consents(today=None):
    """Valid website consents that end within the next 30 days, the soonest first."""
    today = today or timezone.localdate()
    return (
        Consent.objects.filter(
            scope=Consent.Scope.WEBSITE,
            given_on__lte=today,
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
        )
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today))
        .select_related("participant")
        .order_by("expires_on", "participant__pseudonym")
    )


def participant_edit_url(consent):
    return reverse("wagtailsnippets_stories_participant:edit", args=[consent.participant_id])


class ExpiringConsentsView(ReportView):
    page_title = _("Consents expiring soon")
    header_icon = "warning"
    index_url_name = "stories_expiring_consents"
    index_results_url_name = "stories_expiring_consents_results"
    permission_policy = ModelPermissionPolicy(Consent)
    permission_required = "view"
    paginate_by = 50
    columns = [
        TitleColumn(
            "participant",
            label=_("Participant"),
            accessor="participant.pseudonym",
            get_url=participant_edit_url,
        ),
        # Plain dates: the admin's "time ago" display reads future dates as "just now".
        Column("expires_on", label=_("Expires on")),
        Column("given_on", label=_("Given on")),
        Column("face", label=_("Face"), accessor="get_face_display"),
    ]

    def get_queryset(self):
        return expiring_consents()
