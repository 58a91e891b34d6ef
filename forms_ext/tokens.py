"""The signed links forms_ext sends by email: each names one registration and one
action, and anything else (a changed character, a link for another action) is refused."""

from django.core import signing

from forms_ext.models import Registration

_SALTS = {"cancel": "forms_ext.cancel-registration", "confirm": "forms_ext.confirm-registration"}


def registration_token(entry, action="cancel"):
    return signing.dumps(entry.pk, salt=_SALTS[action])


def registration_for_token(token, action="cancel"):
    """The registration a link names, or None when it is forged or for another action."""

    try:
        pk = signing.loads(token or "", salt=_SALTS[action])
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Registration.objects.filter(pk=pk).select_related("page").first()
