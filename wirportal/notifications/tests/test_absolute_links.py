"""Issue #12: every link in a mail is absolute (`/dokumente/…` is no link in a mail program)."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction

from wirportal.notifications.services import notify

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def test_paths_in_the_context_become_absolute_links(tmp_path, settings):
    settings.WIR_SITE_URL = "https://wir-portal.hessen.de/"
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "l_subject.txt").write_text("S")
    (tmp_path / "t" / "l_body.txt").write_text("A {{ path }} B {{ letter_path }} C {{ url }}")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    with transaction.atomic():
        notify(
            to=["a@example.org"],
            template="t/l",
            context={
                "path": "/antraege/1/",
                "letter_path": "/dokumente/7/",
                "url": "https://wir-portal.hessen.de/x/",
            },
        )
    body = mail.outbox[0].body
    assert "A https://wir-portal.hessen.de/antraege/1/ " in body
    assert "B https://wir-portal.hessen.de/dokumente/7/ " in body
    assert "C https://wir-portal.hessen.de/x/" in body


def test_every_link_variable_of_the_mail_templates_is_made_absolute():
    """Gate: a mail template prints links only from `path`, `*_path` (made absolute by notify)
    or `url`/`*_url` (built absolute by their service)."""
    pattern = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
    odd = []
    for template in ROOT.glob("*/templates/*/email/*_body.txt"):
        for name in pattern.findall(template.read_text()):
            if "path" in name and not (name == "path" or name.endswith("_path")):
                odd.append(f"{template.name}: {name}")
    assert not odd, odd
