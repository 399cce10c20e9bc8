"""One loaded branch folder: profile, groups, members, commitments, assessment, activities."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.models.notices import Notice
from generator.models.profile import BranchProfile
from generator.models.records import Activity, Assessment, CommitmentBook, Group, Member


@dataclass(frozen=True)
class Branch:
    """Everything read from `branches/<id>/`, with nothing from `private:` in it."""

    id: str
    folder: Path
    profile: BranchProfile
    groups: tuple[Group, ...] = ()
    members: tuple[Member, ...] = ()
    commitments: CommitmentBook | None = None
    assessment: Assessment = field(default_factory=Assessment)
    activities: tuple[Activity, ...] = ()  # sorted by (date, id)
    # 入党申请人/积极分子/发展对象 from members.yml: counted on the portrait, never published
    applicants: tuple[Member, ...] = ()
    notices: tuple[Notice, ...] = ()  # 党务公开 from notices/, by (date, id)

    @property
    def publish(self) -> bool:
        return self.profile.publish

    def group(self, gid: str) -> Group | None:
        return next((g for g in self.groups if g.id == gid), None)

    def activity(self, aid: str) -> Activity | None:
        return next((a for a in self.activities if a.id == aid), None)

    def years(self) -> tuple[int, ...]:
        """Years that have activities, oldest first."""
        return tuple(sorted({a.date.year for a in self.activities}))

    def photo_paths(self) -> tuple[str, ...]:
        """Every photo path the data references (logo, members, activities), deduplicated."""
        paths: list[str] = []
        if self.profile.brand.logo:
            paths.append(self.profile.brand.logo)
        paths += [m.photo for m in self.members if m.photo]
        for a in self.activities:
            paths += a.photos
        return tuple(dict.fromkeys(paths))
