"""Helpers for extraction tests: one analyzer per session, documents built from strings."""

import pytest

from signoff.extract import get_analyzer
from signoff.ingest import load_text


@pytest.fixture(scope="session")
def analyzer():
    return get_analyzer()


@pytest.fixture(scope="session")
def analyze(analyzer):
    def run(text: str, vendor: str | None = None, fmt: str = "txt"):
        return analyzer.analyze(load_text(text, path="passage.txt", format=fmt), vendor=vendor)

    return run
