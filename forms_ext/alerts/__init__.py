"""Email alerts: citizens subscribe without an account to new consultations, events and
news, per topic and language.

- Double opt-in: a subscription is active only after the link in the confirmation email
  is followed and confirmed (a POST, so a mail scanner that opens links confirms nothing).
- Every alert carries a one-click unsubscribe link and the List-Unsubscribe and
  List-Unsubscribe-Post headers of RFC 8058; unsubscribing deletes the subscription.
- An alert goes out when a page is first published in the default language, once (an
  AlertSent row per page), never for a later revision nor for a translation; each
  subscriber gets the page in their language when it is translated.
- Unconfirmed subscriptions are deleted after UNCONFIRMED_DAYS (purge_submissions)."""

import datetime
import logging
import secrets

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.core.mail import EmailMessage
from django.db import transaction
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_tasks import task

from forms_ext import conf
from forms_ext.models import AlertSent, Subscription
from forms_ext.privacy import client_ip, hash_ip, normalise_email
from forms_ext.spam import (
    HONEYPOT_FIELD,
    TOKEN_FIELD,
    SpamDefenceFields,
    honeypot_filled,
    issue_token,
    rate_limited,
    sent_too_fast,
)
from forms_ext.topics import topic_keys_and_names

logger = logging.getLogger(__name__)
UNCONFIRMED_DAYS = 7


def kind_of(page):
    """The kind of alert that announces `page`'s type, or None."""
    kinds = {label.lower(): kind for label, kind in conf.get("FORMS_EXT_ALERT_KINDS").items()}
    return kinds.get(page._meta.label_lower)


class SubscribeForm(SpamDefenceFields):
    email = forms.EmailField(label=_("Your email"), max_length=254)
    kinds = forms.MultipleChoiceField(
        label=_("Tell me about"),
        choices=Subscription.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of alert.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Only on these topics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to hear about every topic."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my email is kept to send me these alerts until I unsubscribe."),
        error_messages={"required": _("We need your agreement to keep your email for the alerts.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topic_keys_and_names()
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "email",
            "kinds",
            "topics",
            "consent",
            Div(Field(HONEYPOT_FIELD), css_class="form-hp", aria_hidden="true"),
            Field(TOKEN_FIELD),
            Submit("submit", _("Subscribe")),
        )


def _url_in(language, name, token):
    with translation.override(language):
        return reverse(name, args=[token])


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The subscription form; a POST stores an unconfirmed subscription (or updates the
    address's choices) and sends the confirmation link. The answer is the same whether
    the address was known or not."""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            ip_hash = hash_ip(client_ip(request))
            if honeypot_filled(form) or rate_limited("alerts", ip_hash):
                return render(request, "forms_ext/alerts/check_inbox.html", status=200)
            if sent_too_fast(form):
                form.add_error(
                    None,
                    _(
                        "The form was sent very quickly after it was opened. Please check your answers and send it again."
                    ),
                )
            else:
                subscription = _store(form.cleaned_data, get_language())
                root = request.build_absolute_uri("/")[:-1]
                transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk, root))
                return render(request, "forms_ext/alerts/check_inbox.html")
        data = form.data.copy()
        data["form_token"] = issue_token()
        form.data = data
    else:
        form = SubscribeForm(initial={"form_token": issue_token()})
    return render(request, "forms_ext/alerts/subscribe.html", {"form": form}, status=400 if form.errors else 200)


@transaction.atomic
def _store(cleaned, language):
    email = normalise_email(cleaned["email"])
    subscription = Subscription.objects.select_for_update().filter(email=email, language=language).first()
    if subscription is None:
        subscription = Subscription(email=email, language=language, token=secrets.token_urlsafe(32))
    subscription.kinds = sorted(cleaned["kinds"])
    subscription.topics = sorted(cleaned["topics"])
    subscription.save()
    return subscription


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        return render(request, "forms_ext/alerts/unknown_link.html", status=404)
    done = False
    if request.method == "POST":
        if subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
        done = True
    return render(request, "forms_ext/alerts/confirm.html", {"subscription": subscription, "done": done})


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" without a form of ours
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks (a scanner following the link changes nothing); POST unsubscribes, from our
    button or from the mail program's one-click unsubscribe."""
    subscription = Subscription.objects.filter(token=token).first()
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return render(request, "forms_ext/alerts/unsubscribed.html")
    if subscription is None:
        return render(request, "forms_ext/alerts/unknown_link.html", status=404)
    return render(request, "forms_ext/alerts/unsubscribe.html", {"subscription": subscription})


def purge_unconfirmed(now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=UNCONFIRMED_DAYS)
    return Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[0]


# Sending -----------------------------------------------------------------------------
@task()
def send_confirmation(subscription_id, root_url):
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return False
    with translation.override(subscription.language):
        confirm_url = root_url + _url_in(subscription.language, "forms_ext:alerts_confirm", subscription.token)
        context = {"subscription": subscription, "confirm_url": confirm_url}
        subject = render_to_string("forms_ext/alerts/email/confirm_subject.txt", context).strip()
        body = render_to_string("forms_ext/alerts/email/confirm.txt", context)
    EmailMessage(subject, body, to=[subscription.email]).send()
    return True


def page_published(sender, instance, **kwargs):
    """Signal handler (wagtail page_published): announce a page's first publication."""
    from wagtail.models import Locale

    kind = kind_of(instance)
    if kind is None or instance.locale_id != Locale.get_default().pk or instance.alias_of_id:
        return
    _sent, created = AlertSent.objects.get_or_create(translation_key=instance.translation_key)
    if created:
        page_id = instance.pk
        transaction.on_commit(lambda: send_alerts.enqueue(page_id))


def subscribers_for(page, kind):
    topic_keys = (
        {str(key) for key in page.topics.values_list("translation_key", flat=True)}
        if hasattr(page, "topics")
        else set()
    )
    for subscription in Subscription.objects.filter(confirmed_at__isnull=False).order_by("pk"):
        if kind not in subscription.kinds:
            continue
        if subscription.topics and not (set(subscription.topics) & topic_keys):
            continue
        yield subscription


@task()
def send_alerts(page_id):
    """One email per matching subscriber, in their language, with RFC 8058 headers."""
    from wagtail.models import Locale, Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    page = page.specific
    kind = kind_of(page)
    root = page.get_site().root_url
    sent = 0
    for subscription in subscribers_for(page, kind):
        with translation.override(subscription.language):
            locale = Locale.objects.filter(language_code=subscription.language).first()
            shown = page.get_translation_or_none(locale) if locale else None
            if shown is None or not shown.live or shown.alias_of_id:
                shown = page
            unsubscribe_url = root + _url_in(subscription.language, "forms_ext:alerts_unsubscribe", subscription.token)
            context = {
                "page": shown.specific,
                "url": shown.get_full_url(),
                "unsubscribe_url": unsubscribe_url,
                "kind": kind,
            }
            subject = render_to_string("forms_ext/alerts/email/alert_subject.txt", context).strip()
            body = render_to_string("forms_ext/alerts/email/alert.txt", context)
        message = EmailMessage(
            subject,
            body,
            to=[subscription.email],
            headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
        try:
            message.send()
            sent += 1
        except Exception:  # one address failing must not stop the others
            logger.warning("alert for page %s to subscription %s failed", page_id, subscription.pk, exc_info=True)
    return sent
