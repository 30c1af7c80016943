"""The tables (and their charts) of the dashboards, built from the selectors' aggregated rows.

One description serves the page, the CSV and XLSX exports and the annual PDF report: a `Table` has
typed columns (text, whole number, euros, days, percent, decimal) and rows of plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wirportal.core.charts import Chart, Series

from . import selectors
from .selectors import Filters, Options

TEXT, YEAR, INT, EUR, DAYS, PERCENT, DECIMAL = (
    "text",
    "year",
    "int",
    "eur",
    "days",
    "percent",
    "decimal",
)


@dataclass
class Column:
    label: str
    kind: str = TEXT

    @property
    def numeric(self) -> bool:
        return self.kind != TEXT


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list]
    totals: list | None = None
    chart: Chart | None = None
    note: str = ""
    cells: list = field(default_factory=list)
    anchor: str = ""  # unique id in a document that shows the same table more than once

    def __post_init__(self) -> None:
        self.cells = [list(zip(self.columns, row, strict=True)) for row in self.rows]

    @property
    def dom_id(self) -> str:
        return self.anchor or self.key

    @property
    def total_cells(self) -> list:
        return list(zip(self.columns, self.totals or [], strict=False))


def _year_series(rows, names: list[tuple[str, Callable]]) -> Chart | None:
    years = sorted({row.year for row in rows})
    if not years:
        return None
    series = [
        Series(
            name=name,
            values=[sum((value(r) for r in rows if r.year == year), Decimal(0)) for year in years],
        )
        for name, value in names
    ]
    return Chart(categories=[str(year) for year in years], series=series, kind=EUR)


def budget_lines(filters: Filters, opts: Options) -> Table:
    rows = selectors.budget_by_line(filters, opts)
    totals = selectors.budget_totals(rows)
    table = Table(
        key="haushalt-linien",
        title=_("Mittel je Jahr und Förderlinie"),
        columns=[
            Column(_("Jahr"), YEAR),
            Column(_("Förderlinie")),
            Column(_("Ansatz"), EUR),
            Column(_("Gebunden"), EUR),
            Column(_("Ausgezahlt"), EUR),
            Column(_("Offene Forderungen"), EUR),
            Column(_("Frei"), EUR),
        ],
        rows=[[r.year, r.line, r.planned, r.committed, r.paid, r.receivable, r.free] for r in rows],
        totals=[
            None,
            _("Summe"),
            totals.planned,
            totals.committed,
            totals.paid,
            totals.receivable,
            totals.free,
        ]
        if rows
        else None,
        note=_(
            "Mit gewählter WIR-Einheit oder gewähltem Regierungsbezirk ist der Ansatz das "
            "Kontingent der Einheiten (nur Förderlinien mit Kontingenten je Einheit)."
        ),
    )
    table.chart = _year_series(
        rows,
        [
            (_("Ansatz"), lambda r: r.planned or Decimal(0)),
            (_("Gebunden"), lambda r: r.committed),
            (_("Ausgezahlt"), lambda r: r.paid),
        ],
    )
    return table


def budget_units(filters: Filters, opts: Options) -> Table:
    """Without a chosen year: the latest budget year (33 units × lines × ten years would be a
    table nobody reads)."""
    if filters.year is None and opts.years:
        filters = replace(filters, year=opts.years[0])
    rows = selectors.budget_by_unit(filters, opts)
    return Table(
        key="haushalt-einheiten",
        title=_("Mittel %(year)s je Regierungsbezirk, WIR-Einheit und Förderlinie")
        % {"year": filters.year or ""},
        columns=[
            Column(_("Jahr"), YEAR),
            Column(_("Regierungsbezirk")),
            Column(_("WIR-Einheit")),
            Column(_("Förderlinie")),
            Column(_("Kontingent"), EUR),
            Column(_("Gebunden"), EUR),
            Column(_("Ausgezahlt"), EUR),
            Column(_("Offene Forderungen"), EUR),
            Column(_("Frei"), EUR),
        ],
        rows=[
            [
                r.year,
                r.district,
                r.unit,
                r.line,
                r.planned,
                r.committed,
                r.paid,
                r.receivable,
                r.free,
            ]
            for r in rows
        ],
        note=_(
            "Ein Kontingent gibt es nur in Förderlinien, deren Mittel je Einheit verteilt sind."
        ),
    )


def funnel(filters: Filters, opts: Options) -> Table:
    rows = selectors.funnel(filters, opts)
    labels = [str(state.label) for state in selectors.FUNNEL_STATES]
    totals = selectors.funnel_totals(rows)
    table = Table(
        key="antraege",
        title=_("Eingereichte Anträge je Förderlinie und Stand"),
        columns=[Column(_("Förderlinie"))]
        + [Column(label, INT) for label in labels]
        + [Column(_("Anträge insgesamt"), INT), Column(_("Beantragt"), EUR)],
        rows=[[r.line, *r.counts, r.total, r.requested] for r in rows],
        totals=[
            _("Summe"),
            *totals,
            sum(totals),
            sum((r.requested for r in rows), Decimal(0)),
        ]
        if rows
        else None,
    )
    if rows:
        table.chart = Chart(
            categories=labels, series=[Series(name=_("Anträge"), values=totals)], kind=INT
        )
    return table


def times(filters: Filters, opts: Options) -> Table:
    rows = selectors.processing_times(filters)
    table = Table(
        key="bearbeitungszeiten",
        title=_("Bearbeitungszeiten in Tagen"),
        columns=[
            Column(_("Abschnitt")),
            Column(_("Vorgänge"), INT),
            Column(_("25 %"), DAYS),
            Column(_("Median"), DAYS),
            Column(_("75 %"), DAYS),
            Column(_("90 %"), DAYS),
        ],
        rows=[[_(r.label), r.count, *r.values] for r in rows],
        note=_(
            "Perzentile mit linearer Interpolation; gezählt werden erlassene Bescheide des "
            "gewählten Jahres."
        ),
    )
    if any(r.count for r in rows):
        table.chart = Chart(
            categories=[_(r.label) for r in rows],
            series=[Series(name=_("Median"), values=[r.median or 0 for r in rows])],
            kind=DAYS,
        )
    return table


def indicators(filters: Filters, opts: Options) -> Table:
    rows = selectors.indicators(filters, opts)
    table = Table(
        key="kennzahlen",
        title=_("Kennzahlen aus den Verwendungsnachweisen"),
        columns=[
            Column(_("Jahr"), YEAR),
            Column(_("Förderlinie")),
            Column(_("Regierungsbezirk")),
            Column(_("Kennzahl")),
            Column(_("Wert"), DECIMAL),
            Column(_("Nachweise"), INT),
        ],
        rows=[
            [
                r.year,
                r.line,
                r.district,
                f"{r.label} ({_('Mittelwert')})" if r.kind == "prozent" else r.label,
                r.total,
                r.proofs,
            ]
            for r in rows
        ],
        note=_("Summen; Prozentwerte (z. B. Anteil der Frauen) als Mittelwert der Nachweise."),
    )
    per_year = selectors.participants_per_year(filters)
    if per_year:
        table.chart = Chart(
            categories=[str(year) for year, _total in per_year],
            series=[Series(name=_("Teilnehmende"), values=[total for _year, total in per_year])],
            kind=INT,
        )
    return table


def events(filters: Filters, opts: Options) -> Table:
    rows = selectors.events(filters)
    table = Table(
        key="veranstaltungen",
        title=_("Veranstaltungen: Anmeldungen, Teilnahme und Nichterscheinen"),
        columns=[
            Column(_("Jahr"), YEAR),
            Column(_("Art")),
            Column(_("Veranstaltungen"), INT),
            Column(_("Bestätigte Anmeldungen"), INT),
            Column(_("Eingecheckt"), INT),
            Column(_("Nicht erschienen"), INT),
            Column(_("Quote Nichterscheinen"), PERCENT),
        ],
        rows=[
            [r.year, r.kind, r.events, r.registered, r.checked_in, r.no_show, r.no_show_rate]
            for r in rows
        ],
        note=_(
            "Veranstaltungen haben keine Förderlinie; WIR-Einheit und Regierungsbezirk meinen die "
            "ausrichtende Einheit. Die Quote bezieht sich auf vergangene Veranstaltungen."
        ),
    )
    years = sorted({r.year for r in rows})
    if years:
        table.chart = Chart(
            categories=[str(year) for year in years],
            series=[
                Series(
                    name=_("Angemeldet"),
                    values=[sum(r.registered for r in rows if r.year == y) for y in years],
                ),
                Series(
                    name=_("Eingecheckt"),
                    values=[sum(r.checked_in for r in rows if r.year == y) for y in years],
                ),
            ],
            kind=INT,
        )
    return table


@dataclass(frozen=True)
class Page:
    slug: str
    title: object  # lazy string
    builders: tuple[Callable[[Filters, Options], Table], ...]


PAGES = {
    page.slug: page
    for page in (
        Page("haushalt", gettext_lazy("Haushalt"), (budget_lines, budget_units)),
        Page("antraege", gettext_lazy("Anträge und Bearbeitungszeiten"), (funnel, times)),
        Page("kennzahlen", gettext_lazy("Kennzahlen"), (indicators,)),
        Page("veranstaltungen", gettext_lazy("Veranstaltungen"), (events,)),
    )
}
TABLES: dict[str, Callable[[Filters, Options], Table]] = {
    "haushalt-linien": budget_lines,
    "haushalt-einheiten": budget_units,
    "antraege": funnel,
    "bearbeitungszeiten": times,
    "kennzahlen": indicators,
    "veranstaltungen": events,
}
