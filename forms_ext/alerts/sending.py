"""The emails of the alerts, sent from the task queue with forms_ext's one sending policy
(forms_ext.mail: a failure is retried later, one message at a time)."""

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from wagtail.models import Locale, Page, PageViewRestriction

from civic_core.locales import default_locale
from civic_core.urls_absolute import page_origin, page_url
from forms_ext import conf, mail
from forms_ext.models import AlertSent, Subscription


def kind_of(page):
    """The kind of alert that announces `page`'s type (FORMS_EXT_ALERT_KINDS), or None."""
    kinds = {label.lower(): kind for label, kind in conf.get("FORMS_EXT_ALERT_KINDS").items()}
    return kinds.get(page._meta.label_lower)


def _url_in(language, name, token):
    with translation.override(language):
        return reverse(name, args=[token])


@task()
def send_confirmation(subscription_id, token, root_url, attempt=1):
    """The link that starts the alerts (or applies new choices), to the address asked for."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None or token not in (subscription.token, subscription.pending_token):
        return False  # erased, or a newer request replaced this one
    with translation.override(subscription.language):
        confirm_url = root_url + _url_in(subscription.language, "forms_ext:alerts_confirm", token)
        context = {"subscription": subscription, "confirm_url": confirm_url, "change": token != subscription.token}
        subject = render_to_string("forms_ext/alerts/email/confirm_subject.txt", context).strip()
        body = render_to_string("forms_ext/alerts/email/confirm.txt", context)
    message = EmailMessage(subject, body, to=[subscription.email])
    return mail.send(message, send_confirmation, attempt, subscription_id, token, root_url)


def _is_private(page):
    """A page with a view restriction (its own or an ancestor's) is announced to no one."""
    return PageViewRestriction.objects.filter(
        page__path__in=[page.path[:length] for length in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    ).exists()


def page_published(sender, instance, **kwargs):
    """Signal receiver (wagtail page_published): announce a page's first publication."""
    kind = kind_of(instance)
    if kind is None or instance.locale_id != default_locale().pk or instance.alias_of_id or _is_private(instance):
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
    """Queue one alert per matching subscriber (each sent, and retried, on its own)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    page = page.specific
    subscribers = [subscription.pk for subscription in subscribers_for(page, kind_of(page))]
    for subscription_id in subscribers:
        send_alert.enqueue(page_id, subscription_id)
    return len(subscribers)


@task()
def send_alert(page_id, subscription_id, attempt=1):
    """One alert, in the subscriber's language, with the RFC 8058 unsubscribe headers."""
    page = Page.objects.filter(pk=page_id).first()
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at__isnull=False).first()
    if page is None or subscription is None:
        return False
    page = page.specific
    root = page_origin(page)
    with translation.override(subscription.language):
        locale = Locale.objects.filter(language_code=subscription.language).first()
        shown = page.get_translation_or_none(locale) if locale else None
        if shown is None or not shown.live or shown.alias_of_id:
            shown = page
        unsubscribe_url = root + _url_in(subscription.language, "forms_ext:alerts_unsubscribe", subscription.token)
        context = {
            "page": shown.specific,
            "url": page_url(shown),
            "unsubscribe_url": unsubscribe_url,
            "kind": kind_of(page),
        }
        subject = render_to_string("forms_ext/alerts/email/alert_subject.txt", context).strip()
        body = render_to_string("forms_ext/alerts/email/alert.txt", context)
    message = EmailMessage(
        subject,
        body,
        to=[subscription.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    return mail.send(message, send_alert, attempt, page_id, subscription_id)
