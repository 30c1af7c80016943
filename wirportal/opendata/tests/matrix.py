"""Access matrix of open data: every page and file is public, the same for every role
(anonymous included). The year files use the year of the payments matrix's accepted grant."""

from wirportal.core.testing import ROLES, Case


def _year(world) -> dict:
    return {"year": world["grant"].year_amount_list[0][0]}


CASES = [
    Case("opendata:index", ROLES),
    Case("opendata:all-csv", ROLES),
    Case("opendata:all-json", ROLES),
    Case("opendata:year-csv", ROLES, kwargs=_year),
    Case("opendata:year-json", ROLES, kwargs=_year),
    Case("opendata:datapackage", ROLES),
    Case("opendata:dcat", ROLES),
]
