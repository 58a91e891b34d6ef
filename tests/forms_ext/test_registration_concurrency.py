"""200 people register at once for 50 places, then all confirm at once, through a real
server with real concurrent database connections: exactly 50 places held then
confirmed, 150 waiting, none lost."""

import http.cookiejar
import re
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from forms_ext.models import Registration
from forms_ext.tokens import registration_token
from tests.support.forms import form_token, make_registration_page, registration_data

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.system]


@pytest.fixture
def busy_event(transactional_db, demo, settings):
    settings.FORMS_RATE_LIMIT = 10_000
    return make_registration_page(demo.home, capacity=50)


def test_two_hundred_concurrent_registrations_for_fifty_places(live_server, busy_event):
    url = live_server.url + busy_event.url
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    page = opener.open(url).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in cookies)

    def post(address, data):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf})
        request = urllib.request.Request(address, data=body.encode(), headers={"Cookie": cookie, "Referer": url})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def register(n):
        return post(url, {**registration_data(n), "form_token": form_token()})

    with ThreadPoolExecutor(max_workers=16) as pool:
        codes = list(pool.map(register, range(200)))

    assert codes == [200] * 200
    entries = Registration.objects.filter(page_id=busy_event.pk)
    assert entries.count() == 200
    assert entries.filter(status="pending").count() == 50
    assert entries.filter(status="waiting").count() == 150

    def confirm(entry):
        return post(live_server.url + f"/registrations/confirm/{registration_token(entry, 'confirm')}/", {})

    with ThreadPoolExecutor(max_workers=16) as pool:
        codes = list(pool.map(confirm, list(entries)))
    assert codes == [200] * 200
    assert entries.filter(status="confirmed").count() == 50
    assert entries.filter(status="waiting", email_confirmed_at__isnull=False).count() == 150
