"""Email alerts: citizens subscribe without an account to new consultations, events and
news, per topic and language.

- Double opt-in: a subscription is active only after the link in the confirmation email
  is followed and confirmed (a POST, so a mail scanner that opens links confirms nothing).
  New choices for an active subscription wait for a confirmation of their own; until
  then the alerts follow the choices already confirmed (someone who knows an address
  cannot change what it receives).
- Every alert carries a one-click unsubscribe link and the List-Unsubscribe and
  List-Unsubscribe-Post headers of RFC 8058; unsubscribing deletes the subscription.
- An alert goes out when a page is first published in the default language, once (an
  AlertSent row per page), never for a later revision nor for a translation; each
  subscriber gets the page in their language when it is translated.
- Unconfirmed subscriptions are deleted after UNCONFIRMED_DAYS (purge_submissions).

Modules: `forms` (the subscription form), `subscriptions` (storing and confirming
choices), `views` (the public pages), `sending` (the emails, from the task queue)."""
