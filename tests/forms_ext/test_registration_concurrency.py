"""200 people register at once for 50 places, then all confirm at once, through a real
server with real concurrent database connections: exactly 50 places held then
confirmed, 150 waiting, none lost."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from forms_ext.models import Registration
from forms_ext.tokens import registration_token
from tests.support.forms import form_token, live_visitor, make_registration_page, registration_data

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.system]


@pytest.fixture
def busy_event(transactional_db, demo, settings):
    settings.FORMS_RATE_LIMIT = 10_000
    return make_registration_page(demo.home, capacity=50)


def test_two_hundred_concurrent_registrations_for_fifty_places(live_server, busy_event):
    send = live_visitor(live_server.url + busy_event.url)

    def register(n):
        return send({**registration_data(n), "form_token": form_token()})[0]

    with ThreadPoolExecutor(max_workers=16) as pool:
        codes = list(pool.map(register, range(200)))

    assert codes == [200] * 200
    entries = Registration.objects.filter(page_id=busy_event.pk)
    assert entries.count() == 200
    assert entries.filter(status="pending").count() == 50
    assert entries.filter(status="waiting").count() == 150

    def confirm(entry):
        return send({}, address=live_server.url + f"/registrations/confirm/{registration_token(entry, 'confirm')}/")[0]

    with ThreadPoolExecutor(max_workers=16) as pool:
        codes = list(pool.map(confirm, list(entries)))
    assert codes == [200] * 200
    assert entries.filter(status="confirmed").count() == 50
    assert entries.filter(status="waiting", email_confirmed_at__isnull=False).count() == 150
