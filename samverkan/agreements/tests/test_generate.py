from __future__ import annotations

import datetime as dt

from samverkan.agreements import compilation
from samverkan.agreements.generate import TITLE, generate
from samverkan.agreements.models import ConsultationRound
from samverkan.core.generation import GenerateContext


def _ctx(seed: int) -> GenerateContext:
    return GenerateContext(scale="smoke", seed=seed, today=dt.date(2014, 1, 15), county_code="01", quiet=True)


def test_the_generator_sends_a_round_to_every_municipality_deterministically_and_once(db):
    generate(_ctx(7))
    round_ = ConsultationRound.objects.get(version__agreement__title=TITLE)
    first = sorted(round_.responses.values_list("organisation__scb_code", "status", "stance"))
    assert len(first) == 26
    generate(_ctx(7))
    assert ConsultationRound.objects.filter(version__agreement__title=TITLE).count() == 1
    c = compilation.build(round_, dt.date(2014, 1, 15))
    assert len(c.organisations) == 26 and sum(len(p.comments) for p in c.paragraphs) > 0
