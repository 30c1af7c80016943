"""Shared cached pages carry the release in their keys (config/release.py)."""

import os
import subprocess
import sys
from pathlib import Path

from config.release import code_fingerprint

REPO = Path(__file__).resolve().parent.parent


def _tree(root: Path, template: str) -> Path:
    (root / "app" / "templates").mkdir(parents=True, exist_ok=True)
    (root / "app" / "tests").mkdir(parents=True, exist_ok=True)
    (root / "app" / "templates" / "page.html").write_text(template)
    (root / "app" / "views.py").write_text("def view(request): ...\n")
    return root / "app"


def test_the_fingerprint_follows_templates_and_code_but_not_tests(tmp_path):
    app = _tree(tmp_path, '<input name="verdict">')
    before = code_fingerprint([app])
    assert code_fingerprint([app]) == before  # same files, same release on every server
    (app / "tests" / "test_page.py").write_text("def test(): ...\n")
    (app / "notes.md").write_text("not shaping any page")
    assert code_fingerprint([app]) == before
    (app / "templates" / "page.html").write_text('<input name="verdict-1">')
    changed = code_fingerprint([app])
    assert changed != before
    (app / "views.py").write_text("def view(request): return 1\n")
    assert code_fingerprint([app]) != changed


def _keys(**env: str) -> str:
    """The release, a page entry's key and a content token's full key under these settings."""
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.cache import caches; from wirportal.core import caching; "
        "print(settings.WIR_RELEASE, caching._key('page', ('/', 'de')), "
        "caches[caching.VERSIONS_ALIAS].make_key(caching._key_of('offices')))"
    )
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"WIR_RELEASE", "WIR_TEST_PAGE_CACHE"}
    }
    environ |= {"DJANGO_SETTINGS_MODULE": "config.settings.base", "DJANGO_DEBUG": "1", **env}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_with_redis_the_pages_of_one_release_are_apart_from_the_next():
    """Entries of one release are never served by the next; the content tokens are the same
    for both, so that during a rolling deployment each sees the other's writes."""
    redis = "redis://127.0.0.1:6379/0"
    release, page, token = _keys(REDIS_URL=redis, WIR_RELEASE="2027.1").split()
    assert release == "2027.1"
    next_release, next_page, next_token = _keys(REDIS_URL=redis, WIR_RELEASE="2027.2").split()
    assert next_release == "2027.2" and next_page != page
    assert next_token == token == "wir-pages:1:v:offices"
    computed = code_fingerprint([REPO / "wirportal", REPO / "templates", REPO / "locale"])
    assert _keys(REDIS_URL=redis).split()[0] == computed
