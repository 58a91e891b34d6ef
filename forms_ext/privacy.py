"""Personal data helpers. (What identifies a client, its address, is civic_core.clientip's:
it is stored only as a keyed hash.)"""


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()
