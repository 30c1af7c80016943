"""Property tests: any name is neutralised; any bytes are accepted or refused, never a crash."""

import unicodedata

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirportal.documents.validation import clean_display_name, validate_upload

from . import corpus
from .factories import uploaded

PDF = corpus.pdf_bytes()
DOCX = corpus.docx_bytes()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_name_is_neutralised(name):
    cleaned = clean_display_name(name)
    assert cleaned
    assert len(cleaned) <= 150
    assert "/" not in cleaned and "\\" not in cleaned
    assert not any(unicodedata.category(ch).startswith("C") for ch in cleaned)
    assert not cleaned.startswith((".", " "))
    assert cleaned.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}


def _mutate(data: bytes, edits) -> bytes:
    buffer = bytearray(data)
    for position, value in edits:
        buffer[position % len(buffer)] = value
    return bytes(buffer)


EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([("a.pdf", PDF), ("a.docx", DOCX)]), EDITS)
def test_corrupted_files_are_accepted_or_refused_cleanly(sample, edits):
    name, data = sample
    try:
        validate_upload(uploaded(name, _mutate(data, edits)))
    except ValidationError as error:
        assert error.code in {
            "corrupt",
            "content_mismatch",
            "pdf_active_content",
            "polyglot",
            "archive_unsafe",
            "macro",
            "encrypted",
        }, error.code


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=4096), st.sampled_from(["x.pdf", "x.png", "x.jpg", "x.docx", "x.ods"]))
def test_random_bytes_are_refused_cleanly(data, name):
    try:
        result = validate_upload(uploaded(name, data))
    except ValidationError as error:
        assert error.messages[0].endswith(".")
    else:  # random bytes are never a valid document
        raise AssertionError(result)
