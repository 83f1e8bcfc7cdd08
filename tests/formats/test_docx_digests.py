"""The Word writer gives the same bytes for the same report as the writer the digests were
made with (see docx_corpus.py): a rebuilt writer changes no output by accident."""

from __future__ import annotations

import json

import pytest

from formats.docx_corpus import DIGESTS, digests

RECORDED = json.loads(DIGESTS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, str]:
    return digests(tmp_path_factory.mktemp("corpus"), RECORDED["random_reports"])


@pytest.mark.parametrize("case", list(RECORDED["digests"]))
def test_the_document_has_the_recorded_bytes(made, case):
    assert made[case] == RECORDED["digests"][case]


def test_the_corpus_is_the_recorded_one(made):
    assert list(made) == list(RECORDED["digests"])
