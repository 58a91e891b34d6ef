"""Reading the emails the site sent (Django's test outbox)."""

from django.core import mail


def to(address):
    return [message for message in mail.outbox if address in message.to]


def link(message, path_part):
    """The path of the first link in `message` that contains `path_part`."""
    for word in message.body.split():
        if path_part in word:
            return "/" + word.split("://", 1)[-1].split("/", 1)[1]
    raise AssertionError(f"no link with {path_part!r} in: {message.body}")
