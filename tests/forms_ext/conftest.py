import pytest

from pages.models import CivicMonitoringPage, FeedbackPage
from tests.support.forms import make_registration_page


@pytest.fixture
def feedback_page(demo):
    return FeedbackPage.objects.get(locale__language_code="bg")


@pytest.fixture
def monitoring_page(demo):
    return CivicMonitoringPage.objects.get(locale__language_code="bg")


@pytest.fixture
def event_page(demo):
    return make_registration_page(demo.home, capacity=2)
