"""Security the browser enforces (a Content-Security-Policy) and throttled passwords and mails.

Throttling: a `Throttle` counts attempts at one target (a username, a password-protected page
or collection, the email address of a password reset) and from one client address. Once either
count reaches its limit within LOGIN_THROTTLE_SECONDS, further attempts are refused without
checking the password (or sending the mail) until that window has passed. Counts live in the
default cache, which every process shares (Redis in production), so all workers see the same
numbers.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import ngettext

from wagtail.admin.forms.auth import LoginForm, PasswordResetForm
from wagtail.forms import PasswordViewRestrictionForm

logger = logging.getLogger("website.security")

# The Wagtail admin renders inline scripts and styles throughout, so the policy cannot cover it.
# Previews (the preview panel, draft and revision views) are public templates: Wagtail renders
# them as a request to the page's own address, so they get the policy.
CSP_EXEMPT_PREFIXES = ("/admin/",)


def framed_by_the_site(policy):
    """The policy, letting this site's own pages (the admin's preview panel) frame the page."""
    directives = [
        directive.strip()
        for directive in policy.split(";")
        if directive.split() and directive.split()[0] != "frame-ancestors"
    ]
    return "; ".join([*directives, "frame-ancestors 'self'"])


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY with every HTML response outside the admin.

    A preview may be framed by the site itself: the admin shows it in its preview panel.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY
        self.preview_policy = self.policy and framed_by_the_site(self.policy)

    def __call__(self, request):
        response = self.get_response(request)
        if (
            self.policy
            and "Content-Security-Policy" not in response
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(CSP_EXEMPT_PREFIXES)
            # Django's own debug error pages are built from inline styles and scripts.
            and not (settings.DEBUG and response.status_code >= 400)
        ):
            if getattr(request, "is_preview", False):
                response["Content-Security-Policy"] = self.preview_policy
                response["X-Frame-Options"] = "SAMEORIGIN"
            else:
                response["Content-Security-Policy"] = self.policy
        return response


def client_address(request):
    """The visitor's address; behind a proxy, from the header that proxy sets (last entry)."""
    header = settings.LOGIN_THROTTLE_CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


class Throttle:
    """Attempts of one kind ("login", "view-restriction", "password-reset") at one target and
    from the request's address."""

    def __init__(self, kind, target, request, attempts=None):
        self.kind = kind
        self.request = request
        self.attempts = attempts or settings.LOGIN_THROTTLE_ATTEMPTS
        self.identities = []
        if target:
            self.identities.append(("target", str(target).strip().casefold()))
        if request is not None:
            self.identities.append(("address", client_address(request)))

    def key(self, scope, identity, part):
        digest = hashlib.sha256(identity.encode()).hexdigest()
        return f"throttle:{self.kind}:{scope}:{digest}:{part}"

    def seconds_left(self):
        """How long attempts stay refused; 0 when they are allowed."""
        now = time.time()
        waits = [0]
        for scope, identity in self.identities:
            attempts = cache.get(self.key(scope, identity, "attempts"), 0)
            until = cache.get(self.key(scope, identity, "until"))
            if attempts >= self.attempts and until:
                waits.append(max(0, until - now))
        return max(waits)

    def record(self):
        window = settings.LOGIN_THROTTLE_SECONDS
        for scope, identity in self.identities:
            # The window starts at the first attempt and is not extended by later ones.
            until_key = self.key(scope, identity, "until")
            cache.add(until_key, time.time() + window, window)
            until = cache.get(until_key) or time.time() + window
            attempts_key = self.key(scope, identity, "attempts")
            cache.add(attempts_key, 0, window)
            try:
                cache.incr(attempts_key)  # atomic in Redis
            except ValueError:  # expired in between
                cache.set(attempts_key, 1, window)
            # Some caches reset the expiry on incr; the count ends with its window.
            cache.touch(attempts_key, max(1, math.ceil(until - time.time())))

    def clear_target(self):
        for scope, identity in self.identities:
            if scope == "target":
                cache.delete_many(
                    [self.key(scope, identity, "attempts"), self.key(scope, identity, "until")]
                )

    def refuses(self, what):
        """Whether attempts are refused now; a refusal is logged."""
        if not self.seconds_left():
            return False
        target = next((identity for scope, identity in self.identities if scope == "target"), "")
        address = client_address(self.request) if self.request is not None else "unknown address"
        logger.warning("%s refused while throttled: %r from %s", what, target, address)
        return True


def minutes(seconds):
    return max(1, math.ceil(seconds / 60))


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing to check any password while its username or address is
    throttled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        throttle = Throttle("login", username, request)
        if throttle.refuses("Login"):
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.record()
        else:
            throttle.clear_target()
        return user


class ThrottledLoginForm(LoginForm):
    """The admin's login form, saying so when attempts are refused instead of "didn't match"."""

    def get_invalid_login_error(self):
        throttle = Throttle("login", self.cleaned_data.get("username"), self.request)
        seconds = throttle.seconds_left()
        if seconds:
            return ValidationError(
                ngettext(
                    "Too many failed login attempts. Please wait %(minutes)d minute and try again.",
                    "Too many failed login attempts. Please wait %(minutes)d minutes and try "
                    "again.",
                    minutes(seconds),
                ),
                code="throttled",
                params={"minutes": minutes(seconds)},
            )
        return super().get_invalid_login_error()


class ThrottledPasswordViewRestrictionForm(PasswordViewRestrictionForm):
    """Wagtail's form for a password-protected page or collection, refusing to check the
    password while the restriction or the visitor's address is throttled."""

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        target = f"{self.restriction._meta.label_lower}:{self.restriction.pk}"
        self.throttle = Throttle("view-restriction", target, request)

    def clean_password(self):
        if self.throttle.refuses("Password"):
            raise self.throttled_error()
        try:
            return super().clean_password()
        except ValidationError:
            self.throttle.record()
            if self.throttle.seconds_left():  # the failure that reaches the limit says so
                raise self.throttled_error() from None
            raise

    def throttled_error(self):
        seconds = self.throttle.seconds_left()
        return ValidationError(
            ngettext(
                "Too many wrong passwords. Please wait %(minutes)d minute and try again.",
                "Too many wrong passwords. Please wait %(minutes)d minutes and try again.",
                minutes(seconds),
            ),
            code="throttled",
            params={"minutes": minutes(seconds)},
        )


class ThrottledPasswordResetForm(PasswordResetForm):
    """The admin's password reset form, sending no mail once an email address or a client
    address has asked PASSWORD_RESET_THROTTLE_ATTEMPTS times within the window.

    Every request counts, whether or not an account has that address, and the visitor sees the
    same answer either way: nobody learns which addresses have accounts.
    """

    def save(self, *args, request=None, **kwargs):
        throttle = Throttle(
            "password-reset",
            self.cleaned_data["email"],
            request,
            attempts=settings.PASSWORD_RESET_THROTTLE_ATTEMPTS,
        )
        if throttle.refuses("Password reset mail"):
            return
        throttle.record()
        super().save(*args, request=request, **kwargs)
