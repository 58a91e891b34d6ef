"""The admin's password reset, throttled: a client may ask for a few reset emails an
hour, and an address receives a few, so the form can neither flood an officer's inbox
nor be used to guess which addresses have accounts (the answer is always the same)."""

from django.http import HttpResponseRedirect
from wagtail.admin.views.account import PasswordResetView

from civic_core import clientip, throttle

PER_CLIENT_PER_HOUR = 5
PER_ADDRESS_PER_HOUR = 3


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        client = clientip.client_key(self.request.META)
        address = (form.cleaned_data.get("email") or "").strip().lower()
        if throttle.over_limit("password-reset-client", client, PER_CLIENT_PER_HOUR, 3600) or throttle.over_limit(
            "password-reset-address", address, PER_ADDRESS_PER_HOUR, 3600
        ):
            return HttpResponseRedirect(self.get_success_url())  # as if sent: nothing tells the difference
        return super().form_valid(form)
