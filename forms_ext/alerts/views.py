"""The public pages of the email alerts. Pages reached through a link's token show an
address and change state, so none of them is ever cached."""

from django.db import transaction
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from civic_core import clientip
from civic_core.urls_absolute import public_origin
from forms_ext import spam
from forms_ext.alerts import sending, subscriptions
from forms_ext.alerts.forms import SubscribeForm
from forms_ext.models import Subscription

TOO_FAST = _("The form was sent very quickly after it was opened. Please check your answers and send it again.")


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The subscription form; a POST records the choices and sends the confirmation link.
    The answer is the same whether the address was known or not."""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            client = clientip.hashed_client(request)
            if spam.honeypot_filled(form) or spam.rate_limited("alerts", client):
                return render(request, "forms_ext/alerts/check_inbox.html", status=200)
            if spam.sent_too_fast(form):
                form.add_error(None, TOO_FAST)
            elif not spam.spend_token(form.cleaned_data[spam.TOKEN_FIELD]):
                form.add_error(None, spam.SPENT_MESSAGE)
            else:
                cleaned = form.cleaned_data
                subscription, token = subscriptions.request(
                    cleaned["email"], get_language(), cleaned["kinds"], cleaned["topics"]
                )
                root = public_origin(request)
                transaction.on_commit(lambda: sending.send_confirmation.enqueue(subscription.pk, token, root))
                return render(request, "forms_ext/alerts/check_inbox.html")
        spam.refresh_token(form)
    else:
        form = SubscribeForm(initial={spam.TOKEN_FIELD: spam.issue_token()})
    return render(request, "forms_ext/alerts/subscribe.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET asks, POST confirms (a mail scanner following the link confirms nothing)."""
    subscription, change = subscriptions.find(token)
    if subscription is None:
        return render(request, "forms_ext/alerts/unknown_link.html", status=404)
    done = False
    if request.method == "POST":
        subscription = subscriptions.confirm(subscription, change)
        done = True
    shown = {
        "kinds": subscription.pending_kinds if change and not done else subscription.kinds,
        "topics": subscription.pending_topics if change and not done else subscription.topics,
    }
    labels = dict(Subscription.Kind.choices)
    context = {
        "subscription": subscription,
        "done": done,
        "change": change,
        "kinds": [labels.get(kind, kind) for kind in shown["kinds"] or []],
    }
    return render(request, "forms_ext/alerts/confirm.html", context)


@never_cache
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
