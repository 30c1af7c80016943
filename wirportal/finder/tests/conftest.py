import pytest


@pytest.fixture
def grant_and_member(reference_data):
    from .factories import recipient

    return recipient()
