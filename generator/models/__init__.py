"""Typed, frozen models of the input (no I/O, no MkDocs). See ../shared/DATA-FORMAT.md."""

from generator.models.base import BRANCH_ID, GROUP_ID
from generator.models.branch import Branch
from generator.models.profile import BranchProfile, Brand
from generator.models.records import (
    Activity,
    Adjustment,
    Assessment,
    Attestation,
    Commitment,
    CommitmentBook,
    Commitments,
    Group,
    Member,
    Veto,
)
from generator.models.standard import Item, Standard

__all__ = [
    "BRANCH_ID",
    "GROUP_ID",
    "Activity",
    "Assessment",
    "Adjustment",
    "Attestation",
    "Branch",
    "Brand",
    "BranchProfile",
    "Commitment",
    "CommitmentBook",
    "Commitments",
    "Group",
    "Item",
    "Member",
    "Standard",
    "Veto",
]
