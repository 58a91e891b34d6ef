"""URL converters: a link's token is letters, digits and the few signs signing uses; any
other character (a NUL, a space) is not a token, and the address is not found."""


class TokenConverter:
    regex = r"[A-Za-z0-9_:\-]{8,200}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
