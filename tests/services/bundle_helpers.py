"""Helpers for bundle tests: projects of different people, each with their own key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop_app.exchange.limits import Limits
from desktop_app.exchange.signing import Keyring
from desktop_app.services import Project, open_project


def person_project(root: Path, name: str, *, limits: Limits | None = None,
                   opener: Callable[..., Project] | None = None) -> Project:
    """The project of ``name``, signing with ``name``'s own key; ``opener`` (the
    ``open_test_project`` fixture) puts it on the test's backend, else it is a folder."""
    return (opener or open_project)(root / f"project-{name}", author=name,
                                    keyring=Keyring(root / f"keys-{name}"), bundle_limits=limits)


def records(bundle: Path) -> dict[str, list]:
    """Every record of a bundle, by member, in file order."""
    from desktop_app.exchange.bundle import read_bundle

    contents = read_bundle(bundle)
    return {"articles": list(contents.articles), "entities": list(contents.entities),
            "claims": list(contents.claims), "flags": list(contents.flags)}
