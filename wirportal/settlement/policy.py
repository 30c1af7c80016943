"""Settings of the settlement rules per funding line, with the brief's defaults.

Every value here was taken from federal practice or other Länder and has not been checked against
the Hessian texts (VV zu § 44 LHO, ANBest-P, ANBest-GK, WIR-Förderrichtlinie): "verify HE" in
shared/brief/grant-law-examples.md. They are therefore settings per funding line
(`models.LineSettlementRules`), never constants in the computation; a line without its own row
uses `DEFAULT_POLICY`.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from wirportal.core.dates import add_months


class InterestStart(models.TextChoices):
    """From when interest on money not used promptly runs (§ 49a Abs. 4 HVwVfG, brief D2)."""

    #: The statute: "für die Zeit bis zur zweckentsprechenden Verwendung", i.e. from the payout.
    PAYOUT = "auszahlung", _("ab Auszahlung (§ 49a Abs. 4 HVwVfG)")
    #: Practice of some authorities (verify HE): only from the end of the prompt-use window.
    WINDOW_END = "fristende", _("ab Ende der Verwendungsfrist")


@dataclass(frozen=True)
class Window:
    """A period after a day, in weeks or months (months per § 188 Abs. 2, 3 BGB)."""

    weeks: int = 0
    months: int = 0

    def end_after(self, day: date) -> date:
        return add_months(day, self.months) + timedelta(weeks=self.weeks)


@dataclass(frozen=True)
class Policy:
    """The settlement settings of one funding line.

    - `prompt_use`: money used within this window after the payout counts as used "alsbald"
      (§ 49a Abs. 4 HVwVfG; ANBest-P Nr. 1.4 federal: 6 weeks; many Länder: 2 months; verify HE).
    - `unused_interest_start`: statute (from payout) or the end of `prompt_use` (brief D2).
    - `item_tolerance_percent`: Einzelansätze may be exceeded by this share if balanced by savings
      elsewhere (ANBest-P Nr. 1.2 federal: 20 %; verify HE); None = the total only is binding.
    - `small_amount_limit`: claims below it are not pursued (Kleinbetragsgrenze, brief C8; no
      Hessian value known, verify HE); None = every claim is pursued.
    - `interim_proof_day`, `interim_proof_month`: an interim proof of a year is due on this day of
      the next year (federal practice 30.04.; brief F2; verify HE).
    - `full_proof`: the full proof of use with the Belegliste is required; otherwise the simple
      one (einfacher Verwendungsnachweis, WIR practice per domain.md 1.3) suffices.
    - `sample_percent`, `sample_min`: the Stichprobe of the Belegliste the case worker checks
      (VV Nr. 11.1 zu § 44 LHO federal: receipts "stichprobenweise"; share not fixed, verify HE):
      this share rounded up, at least `sample_min`, all receipts if there are fewer.
    """

    prompt_use: Window = Window(weeks=6)
    unused_interest_start: str = InterestStart.PAYOUT
    item_tolerance_percent: Decimal | None = Decimal("20")
    small_amount_limit: Decimal | None = None
    interim_proof_day: int = 30
    interim_proof_month: int = 4
    full_proof: bool = False
    sample_percent: Decimal = Decimal("10")
    sample_min: int = 5


DEFAULT_POLICY = Policy()
