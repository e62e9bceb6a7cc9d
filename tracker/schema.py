"""The tables of a data directory: their columns, ids, references and value rules.

This is the contract between the CSV files and the rest of the code. Each table
lists the columns it must have, the optional columns it may have, which cells
must not be blank, and how its cells are checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGS: tuple[str, ...] = ("en", "zh", "de")
CERTAINTIES: tuple[str, ...] = ("verified", "reported")
MILESTONE_KINDS: tuple[str, ...] = ("joined", "programme", "award", "finalist", "event", "commitment", "leadership")
"""What a milestone is: a city joining C40, a programme step, an award won, a finalist place,
an event, a commitment signed, or a leadership role."""


def _lang_columns(*bases: str) -> tuple[str, ...]:
    return tuple(f"{base}_{lang}" for base in bases for lang in LANGS)


@dataclass(frozen=True)
class Reference:
    """A column whose cells name ids of another table (``many``: semicolon list)."""

    column: str
    table: str
    many: bool = False


@dataclass(frozen=True)
class DateOrder:
    """Two date columns of one row that must come in order (both partial dates).

    ``strict``: ``earlier`` must be able to fall before ``later`` (some day of it is
    before some day of ``later``); otherwise it must merely not lie wholly after it.
    The problem is reported on ``check_column`` (default ``earlier``).
    """

    earlier: str
    later: str
    message: str
    strict: bool
    check_column: str | None = None

    @property
    def column(self) -> str:
        """The column a problem is reported on."""
        return self.check_column or self.earlier


@dataclass(frozen=True)
class TableSpec:
    """What one CSV file must look like."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    coordinates: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    counts: tuple[str, ...] = ()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    references: tuple[Reference, ...] = ()
    order: tuple[DateOrder, ...] = ()

    @property
    def file_name(self) -> str:
        """The CSV file name inside the data directory."""
        return f"{self.name}.csv"


SOURCES = TableSpec(
    name="sources",
    columns=("source_id", "title", "publisher", "url", "language", "published", "note"),
    key=("source_id",),
    required=("source_id", "title"),
    dates=("published",),
)

CITIES = TableSpec(
    name="cities",
    columns=(
        "city_id",
        "name_en",
        "name_zh",
        "name_de",
        "region_en",
        "region_zh",
        "adcode",
        "latitude",
        "longitude",
        "joined_c40",
        "source_ids",
    ),
    optional=("region_de", "member_by", "applying_on", "applying_certainty", *_lang_columns("joined_note")),
    key=("city_id",),
    required=("city_id", "name_en", "latitude", "longitude", "source_ids"),
    dates=("joined_c40", "member_by", "applying_on"),
    coordinates=("latitude", "longitude"),
    codes=("adcode",),
    choices={"applying_certainty": CERTAINTIES},
    references=(Reference("source_ids", "sources", many=True),),
    order=(
        DateOrder("applying_on", "member_by", "must be before member_by", strict=True),
        DateOrder("joined_c40", "member_by", "must not be before joined_c40", strict=False, check_column="member_by"),
    ),
)

PROGRAMMES = TableSpec(
    name="programmes",
    columns=(
        "programme_id",
        "name_en",
        "name_zh",
        "name_de",
        "kind",
        "start",
        "end",
        "summary_en",
        "summary_zh",
        "summary_de",
        "source_ids",
    ),
    optional=(*_lang_columns("short"), "participants", "participant_count", *_lang_columns("name_note")),
    key=("programme_id",),
    required=("programme_id", "name_en", "kind", "start", "source_ids"),
    dates=("start", "end"),
    counts=("participant_count",),
    choices={"kind": ("office", "programme"), "participants": ("listed", "not stated")},
    references=(Reference("source_ids", "sources", many=True),),
)

FOCUS_AREAS = TableSpec(
    name="focus_areas",
    columns=("focus_area_id", "programme_id", "name_en", "name_zh", "name_de", "source_ids"),
    optional=("status", *_lang_columns("description")),
    key=("focus_area_id",),
    required=("focus_area_id", "name_en", "source_ids"),
    choices={"status": ("core", "explored")},
    references=(
        Reference("programme_id", "programmes"),
        Reference("source_ids", "sources", many=True),
    ),
)

PARTICIPATION = TableSpec(
    name="participation",
    columns=(
        "programme_id",
        "city_id",
        "scope_en",
        "scope_zh",
        "scope_adcode",
        "focus_area_ids",
        "start",
        "source_ids",
    ),
    optional=("scope_de",),
    key=("programme_id", "city_id"),
    required=("programme_id", "city_id", "start", "source_ids"),
    dates=("start",),
    codes=("scope_adcode",),
    references=(
        Reference("programme_id", "programmes"),
        Reference("city_id", "cities"),
        Reference("focus_area_ids", "focus_areas", many=True),
        Reference("source_ids", "sources", many=True),
    ),
)

MILESTONES = TableSpec(
    name="milestones",
    columns=(
        "milestone_id",
        "date",
        "kind",
        "programme_id",
        "city_ids",
        "title_en",
        "title_zh",
        "title_de",
        "certainty",
        "source_ids",
    ),
    key=("milestone_id",),
    required=("milestone_id", "kind", "title_en", "source_ids"),
    dates=("date",),
    choices={"kind": MILESTONE_KINDS, "certainty": CERTAINTIES},
    references=(
        Reference("programme_id", "programmes"),
        Reference("city_ids", "cities", many=True),
        Reference("source_ids", "sources", many=True),
    ),
)

TABLES: tuple[TableSpec, ...] = (SOURCES, CITIES, PROGRAMMES, FOCUS_AREAS, PARTICIPATION, MILESTONES)
SPECS: dict[str, TableSpec] = {spec.name: spec for spec in TABLES}
