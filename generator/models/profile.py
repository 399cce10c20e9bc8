"""branch.yml: the branch profile and its brand (一支部一品牌)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from generator.models.base import NonEmpty, RelPath, Strict, Text, Year


class Term(Strict):
    """Committee term (支委会任期); its end drives 换届 warnings."""

    start: dt.date
    years: int = Field(3, ge=1, le=10)

    @property
    def end(self) -> dt.date:
        try:
            return self.start.replace(year=self.start.year + self.years)
        except ValueError:  # a term started on 29 February ends on 28 February
            return self.start.replace(year=self.start.year + self.years, day=28)


def recorded_terms(profile: BranchProfile) -> tuple[Term, ...]:
    """Every recorded term, past and current, by start date, without repeats."""
    found = [*profile.terms, *([profile.term] if profile.term else [])]
    return tuple(sorted(dict.fromkeys(found), key=lambda t: (t.start, t.years)))


class CommitteeMember(Strict):
    name: NonEmpty
    role: NonEmpty


class Practice(Strict):
    """特色做法: a signature practice, body in Markdown."""

    title: NonEmpty
    body: Text = ""


class Figure(Strict):
    """成效: a result shown as a large number."""

    label: NonEmpty
    value: int | float
    unit: Text = ""
    year: Year | None = None


class Honor(Strict):
    year: Year
    title: NonEmpty


class Brand(Strict):
    name: NonEmpty
    slogan: Text = ""
    logo: RelPath | None = None
    meaning: Text = ""
    practices: tuple[Practice, ...] = ()
    results: tuple[Figure, ...] = ()
    honors: tuple[Honor, ...] = ()


class Partner(Strict):
    """结对共建 partner organisation."""

    name: NonEmpty
    kind: Text = ""
    since: dt.date | None = None


class BranchProfile(Strict):
    name: NonEmpty
    unit: NonEmpty
    founded: dt.date | None = None
    term: Term | None = None  # the current term
    terms: tuple[Term, ...] = ()  # past terms, so past years can be judged (DATA-FORMAT)
    committee: tuple[CommitteeMember, ...] = ()
    brand: Brand
    partners: tuple[Partner, ...] = ()
    publish: bool = True
