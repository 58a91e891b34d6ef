import pytest
from django.contrib.auth.models import Group

from pages.translation.translators import TRANSLATORS_GROUP


@pytest.fixture
def translator(django_user_model):
    user = django_user_model.objects.create_user("vera", "vera@example.org", "pw")
    user.groups.add(Group.objects.get(name=TRANSLATORS_GROUP))
    return user


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client
