"""The answers snapshot's schema: how a step declares its fields, once.

Each step's answers are a dataclass (in steps.py) whose fields are declared with answer():
the review label, the kind of value (how it reads for people and in a spreadsheet cell),
the export column, whether it proposes a company field, whether it is personal data
(anonymised on an erasure request), how it is prefilled from a company and whether the
results dashboard counts it. The review page, the exports, the dashboard, the prefill,
the approval and the anonymisation all read these declarations; nothing else names an
answer's key.

`Submission.answers` stays plain JSON: {step key: the step form's answers()}.
`Answers(submission.answers).company.name` reads it through the schema.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Self

from django.utils.translation import gettext as _
from django_countries import countries

Lookups = dict[str, dict[str, str]]  # selectors.label_lookups(): slug -> name per list


def country_name(code: str | None) -> str:
    return countries.name(code) or code or ""


def choice_label(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


# ---- Kinds of value: how one answer reads on the review page and in a spreadsheet ---------


class Kind:
    """Plain text: shown and exported as stored."""

    blank: Any = ""  # what an unanswered one is on a company (the approval's default)
    is_list = False

    def text(self, value, lookups: Lookups) -> str:
        return value

    def review_rows(self, label: str, value, lookups: Lookups) -> list[tuple[str, str]]:
        return [(label, self.text(value, lookups))]

    def cell(self, value):
        return value

    def parse(self, value):
        """The stored JSON value as the dataclass field holds it."""
        return value

    def tally_labels(self, value, lookups: Lookups) -> list[str]:
        """What the results dashboard counts for one response."""
        return []


class Year(Kind):
    blank = None

    def text(self, value, lookups):
        return str(value or "")


class YesNo(Kind):
    blank = False

    def text(self, value, lookups):
        return _("Yes") if value else _("No")


class Choice(Kind):
    """One code of `choices`, shown by its label."""

    def __init__(self, choices):
        self.choices = choices

    def text(self, value, lookups):
        return choice_label(self.choices, value)


class Country(Kind):
    def text(self, value, lookups):
        return country_name(value)

    def cell(self, value):
        return f"{value} ({countries.name(value)})" if value else value


class ListKind(Kind):
    """A list of codes or slugs: joined for people, "; "-separated in a cell."""

    is_list = True

    def label(self, value, lookups: Lookups) -> str:
        return str(value)

    def text(self, value, lookups):
        return ", ".join(self.label(one, lookups) for one in value)

    def cell(self, value):
        return "; ".join(value)

    def parse(self, value):
        return list(value or [])

    def tally_labels(self, value, lookups):
        return [self.label(one, lookups) for one in value]


class Countries(ListKind):
    def label(self, value, lookups):
        return country_name(value)


class Choices(ListKind):
    def __init__(self, choices):
        self.choices = choices

    def label(self, value, lookups):
        return choice_label(self.choices, value)


class Named(ListKind):
    """Slugs of one of label_lookups()' lists, shown by their names ("None" when none)."""

    def __init__(self, lookup: str):
        self.lookup = lookup

    def label(self, value, lookups):
        return lookups[self.lookup].get(value, value)

    def text(self, value, lookups):
        return super().text(value, lookups) or _("None")


class Rows(ListKind):
    """A list of rows (a dataclass each): the repeatable parts of a step."""

    def __init__(self, row_class):
        self.row_class = row_class

    def parse(self, value):
        names = [field.name for field in dataclasses.fields(self.row_class)]
        return [
            self.row_class(**{name: row.get(name) for name in names if row.get(name) is not None})
            for row in value or []
        ]


class OfferingRows(Rows):
    """Products and services: one review row each; one cell for them all."""

    def __init__(self, row_class, kinds):
        super().__init__(row_class)
        self.kinds = kinds

    def review_rows(self, label, value, lookups):
        rows = []
        for number, item in enumerate(value, start=1):
            sector = lookups["sectors"].get(item.sector, item.sector or "")
            text = f"{choice_label(self.kinds, item.kind)}: {item.name}"
            if sector:
                text += f" ({sector})"
            if item.description:
                text += f" – {item.description}"
            rows.append((_("Item %(number)s") % {"number": number}, text))
        return rows

    def cell(self, value):
        return " | ".join(
            f"{item.kind}: {item.name} [{item.sector or ''}] {item.description or ''}".strip()
            for item in value
        )


class CompetencyLevels(Rows):
    """Ticked competencies with their levels: one review row each."""

    def __init__(self, row_class, levels):
        super().__init__(row_class)
        self.levels = levels

    def label(self, value, lookups):
        return lookups["competencies"].get(value.competency, value.competency)

    def review_rows(self, label, value, lookups):
        rows = [
            (self.label(item, lookups), choice_label(self.levels, item.level)) for item in value
        ]
        return rows or [(label, _("None ticked"))]

    def cell(self, value):
        return "; ".join(f"{item.competency}={item.level}" for item in value)


class TargetMarkets(Rows):
    def label(self, value, lookups):
        return countries.name(value.country) or value.country

    def text(self, value, lookups):
        return ", ".join(
            _("%(country)s (priority %(priority)s)")
            % {"country": country_name(item.country), "priority": item.priority}
            for item in value
        )

    def cell(self, value):
        return "; ".join(f"{item.country}={item.priority}" for item in value)


# ---- Declaring a field ---------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerField:
    """One answer of a step, as answer() declared it."""

    name: str  # its key in the step's answers
    label: object  # on the review page (lazy)
    kind: Kind
    column: str  # in the exports
    proposes: bool  # proposes the company field of the same name (the approval)
    personal: bool  # contact data: anonymised on an erasure request
    from_company: Callable | None  # what the questionnaire prefills from a company
    tally: tuple[str, int | None] | None  # (dashboard chart, top n) counting its values

    def review_rows(self, value, lookups: Lookups) -> list[tuple[str, str]]:
        return self.kind.review_rows(str(self.label), value, lookups)

    @property
    def blank(self):
        return self.kind.blank


def answer(
    label,
    kind: Kind | None = None,
    *,
    column: str = "",
    proposes: bool = False,
    personal: bool = False,
    from_company: Callable | None = None,
    tally: tuple[str, int | None] | None = None,
    default: Any = "",
):
    """A dataclass field of a step's answers, with what the consumers need to know."""
    kind = kind or TEXT
    metadata = {
        "answer": {
            "label": label,
            "kind": kind,
            "column": column,
            "proposes": proposes,
            "personal": personal,
            "from_company": from_company,
            "tally": tally,
        }
    }
    if kind.is_list:
        return dataclasses.field(default_factory=list, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


TEXT = Kind()
YEAR = Year()
YES_NO = YesNo()
COUNTRY = Country()
COUNTRIES = Countries()


class StepAnswers:
    """Base of the steps' answer dataclasses: read from (and prefilled as) stored JSON."""

    @classmethod
    @cache
    def answer_fields(cls) -> tuple[AnswerField, ...]:
        return tuple(
            AnswerField(
                name=field.name,
                column=field.metadata["answer"]["column"] or field.name,
                **{k: v for k, v in field.metadata["answer"].items() if k != "column"},
            )
            for field in dataclasses.fields(cls)
        )

    @classmethod
    def from_stored(cls, stored) -> Self:
        """The step's stored answers (missing ones take their defaults)."""
        values = {}
        for field in cls.answer_fields():
            if field.name in stored:
                values[field.name] = field.kind.parse(stored[field.name])
        return cls(**values)

    @classmethod
    def stored_from_company(cls, company) -> dict | list:
        """What the questionnaire prefills for this step from a (prefetched) company."""
        return {
            field.name: field.from_company(company)
            for field in cls.answer_fields()
            if field.from_company is not None
        }


class RowsStepAnswers(StepAnswers):
    """A step whose stored answers are one list of rows (its only field, `rows`)."""

    @classmethod
    def from_stored(cls, stored) -> Self:
        return super().from_stored({"rows": stored})

    @classmethod
    def stored_from_company(cls, company) -> list:
        return super().stored_from_company(company)["rows"]
