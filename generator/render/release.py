"""Letting go of each branch's activity records once every page of its own is rendered.

The loaded activity records (texts, attendance, participants) are the largest part of what
MkDocs' process holds per branch, and they stayed until the build ended, beside each
pagefind run. No page but the branch's own reads them while it renders: the overview pages
took what they show at planning (render/pages/). So once a branch's last page is rendered,
its `activities` become a `Released` stand-in and the memory goes back to the system, as far
as the allocators give it back: emptying them all at 200 branches and trimming took RSS
from 157 to 134 MB (trimming alone: 149), and at a thousand branches the process fell from
~465 to ~400 MB while rendering. The buckets indexed later run beside a smaller process.

A page that still read released records would be a bug that shows wrong pages silently (an
empty log), so the stand-in raises instead. `tests/test_release.py` builds every page with
and without releasing and compares the sites byte for byte.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections import Counter
from collections.abc import Callable, Iterable
from typing import NoReturn

from generator.models import Branch
from generator.render.search import branch_of

# Give freed memory back every this many branches: glibc keeps what Python frees inside its
# heap (the records' texts are malloc'd) until malloc_trim, which walks the whole heap
# (a few ms at a thousand branches), so not after every branch.
TRIM_EVERY = 32


class ReleasedError(RuntimeError):
    pass


class Released:
    """What a branch's `activities` become once its pages are rendered: any use raises."""

    __slots__ = ("branch_id",)

    def __init__(self, branch_id: str) -> None:
        self.branch_id = branch_id

    def _fail(self, *args: object) -> NoReturn:
        raise ReleasedError(
            f"内部错误：支部 {self.branch_id} 的页面已全部生成、活动记录已释放，之后又有页面读取它"
        )

    __iter__ = __len__ = __getitem__ = __bool__ = __contains__ = __reversed__ = _fail

    def __repr__(self) -> str:
        return f"Released({self.branch_id!r})"


@functools.cache
def _trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, looked up once (find_library runs ldconfig), or None elsewhere."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def _malloc_trim() -> None:
    """Hand the free pages inside the C heap back to the system (glibc only; else nothing)."""
    trim = _trim()
    if trim is not None:
        trim(0)


class Releaser:
    """Counts each branch's pages left to render (`rendered` after each); at zero, releases
    its activities. Branches with no page to render (all from the page cache) go at once."""

    def __init__(self, branches: Iterable[Branch], to_render: Iterable[str]) -> None:
        self.branches = {b.id: b for b in branches}
        self.left: Counter[str] = Counter(
            b for b in (branch_of(uri) for uri in to_render) if b in self.branches
        )
        self.released = 0
        for bid in [b for b in self.branches if not self.left[b]]:
            self._release(bid)
        _malloc_trim()

    def rendered(self, src_uri: str) -> None:
        bid = branch_of(src_uri)
        if bid is None or not self.left[bid]:
            return
        self.left[bid] -= 1
        if not self.left[bid]:
            self._release(bid)
            if self.released % TRIM_EVERY == 0:
                _malloc_trim()

    def _release(self, bid: str) -> None:
        branch = self.branches.pop(bid)
        # Branch is a frozen dataclass: its other fields, and every reference to the Branch
        # itself, stay as they are.
        object.__setattr__(branch, "activities", Released(bid))
        self.released += 1
