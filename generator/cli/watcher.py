"""MkDocs' live-reload server, told which files changed and watching them the cheap way.

MkDocs' server only knows that something changed, and finds out by polling: it lists every
watched file twice a second. At a thousand branches that is ~80,000 files, a core kept
busy and up to a second before an edit is seen. Here the kernel reports changes (inotify,
through watchdog's native observer; polling where that is unavailable), and each change's
path is kept for the builder, which rebuilds just the edited branch when it can
(cli/quick.py).
"""

from __future__ import annotations

import contextlib
import os
import threading
from typing import Any

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer, _timestamp

# Events that change nothing: a build reading the files it watches must not trigger another.
_READS = frozenset({"opened", "closed_no_write"})


class ChangeRecordingServer(LiveReloadServer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._polling = self.observer
        with contextlib.suppress(OSError):  # no native observer here: MkDocs' polling one
            self.observer = watchdog.observers.Observer()
        self._changes: set[str] = set()
        self._changes_lock = threading.Lock()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """As LiveReloadServer.watch, recording each changed file's path."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        def changed(event: watchdog.events.FileSystemEvent) -> None:
            if event.is_directory or event.event_type in _READS:
                return
            with self._changes_lock:
                self._changes.add(os.fsdecode(event.src_path))
                if getattr(event, "dest_path", ""):
                    self._changes.add(os.fsdecode(event.dest_path))
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed  # type: ignore[method-assign]
        try:
            self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)
        except OSError:  # out of inotify watches: poll instead, as MkDocs does
            if self.observer is self._polling:
                raise
            self.observer = self._polling
            for watched in list(self._watch_refs):
                self._watch_refs[watched] = self.observer.schedule(
                    handler, watched, recursive=recursive
                )
            self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def take_changes(self) -> set[str]:
        """The paths changed since the last call."""
        with self._changes_lock:
            changes, self._changes = self._changes, set()
        return changes

    def reload_now(self) -> None:
        """Open pages reload: the served site changed outside a build of this server's
        (serve's follow-up rebuild). A build in progress reloads them when it ends anyway."""
        with self._epoch_cond:
            if self._visible_epoch == self._wanted_epoch:
                self._visible_epoch = self._wanted_epoch = _timestamp()
                self._epoch_cond.notify_all()
