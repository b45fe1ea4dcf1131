import datetime as dt

from samverkan.actionplans import followup


def test_the_demo_report_shows_what_is_on_track_what_is_not_and_who_has_not_reported(demo):
    report = followup.build(demo.objects["followup_open"], dt.date(2013, 11, 20))
    assert [b.area.title for b in report.areas][:3] == [
        "Uppföljning av etableringsreformen",
        "Barns situation inklusive utbildning",
        "Boende",
    ]
    assert report.counts["on_track"] > 0 and report.counts["off_track"] > 0 and report.counts["at_risk"] > 0
    missing = {org.code for org, _measures in report.missing}
    assert {"0181", "0123", "0126"} <= missing
    assert report.has_demo_figures
    texts = [d.text for d in report.decisions]
    assert any("Bostadsvägledningen förlängs" in t for t in texts)
    housing = demo.objects["measures"]["housing"]
    assert [link.kind for link in housing.decision_links.all()] == ["created", "changed"]
