from fazhi.core.audit import verify_chain


def test_district_fixture_builds_and_chain_is_whole(users, district):
    assert district.team.path == "/T/T-SCJ/T-SCJ-ZD/"
    assert verify_chain().ok
