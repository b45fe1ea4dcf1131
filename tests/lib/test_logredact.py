import logging

from samverkan.lib.logredact import RedactIdentityNumbers, redact


def test_it_removes_identity_numbers_in_every_shape():
    assert redact("pnr 19811218-9876 och 811218-9876 och 198112189876") == (
        "pnr [personnummer] och [personnummer] och [personnummer]"
    )


def test_it_leaves_other_numbers_alone():
    assert redact("faktura 2013-12-19 belopp 123456") == "faktura 2013-12-19 belopp 123456"


def test_the_filter_rewrites_the_log_record():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "placed %s", ("19811218-9876",), None)
    RedactIdentityNumbers().filter(record)
    assert record.getMessage() == "placed [personnummer]"
