"""The release the running code belongs to, for cache keys shared between servers."""

import hashlib
from collections.abc import Iterable
from pathlib import Path

#: what a rendered page depends on besides the data: code, templates, compiled translations
SUFFIXES = frozenset({".py", ".html", ".txt", ".mo"})


def code_fingerprint(roots: Iterable[Path]) -> str:
    """A short digest of the files under `roots` that shape rendered HTML.

    Pages and fragments in the shared cache (Redis) outlive a deployment: without the release in
    their keys, a server with new templates would serve the old HTML of the cache (forms with the
    old field names) for up to WIR_PAGE_CACHE_TTL, and during a rolling upgrade an old and a new
    server would serve each other's pages. Servers of one release compute the same digest from
    the same files; a deployment may set WIR_RELEASE (e.g. the commit) instead."""
    digest = hashlib.blake2b(digest_size=8)
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "tests" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
