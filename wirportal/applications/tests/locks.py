"""Test helpers for "no heavy work under row locks" (ADR 0014).

`hook_renderer` wraps `render_pdf` where services look it up, so a test can act while a PDF is
being rendered: look at the transaction, try the row lock from another connection, or change the
state as a concurrent request would.
"""

import threading

from django.db import DatabaseError, connections, transaction

from wirportal.documents.pdf import render_pdf


def hook_renderer(monkeypatch, modules, callback):
    """Call `callback(template)` before every rendering by the services of `modules`; returns the
    list of templates rendered."""
    rendered: list[str] = []

    def hooked(template, *args, **kwargs):
        rendered.append(template)
        callback(template)
        return render_pdf(template, *args, **kwargs)

    for module in modules:
        monkeypatch.setattr(module, "render_pdf", hooked)
    return rendered


def row_lock_from_another_connection(model, pk) -> str:
    """Try `SELECT … FOR UPDATE NOWAIT` on the row from a second connection (its own thread):
    "free" if the lock was granted at once, "locked" if another transaction holds it."""
    outcome: list[str] = []

    def probe():
        try:
            with transaction.atomic():
                model.objects.select_for_update(nowait=True).filter(pk=pk).exists()
            outcome.append("free")
        except DatabaseError:
            outcome.append("locked")
        finally:
            connections.close_all()

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join(timeout=30)
    return outcome[0] if outcome else "no answer"
