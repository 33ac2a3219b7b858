"""Signing keys and the trusted-keys list are owner-only (0600) on every write, whatever
the umask and whatever a crash left behind."""

from __future__ import annotations

import os
import stat

import pytest

from desktop_app.exchange.signing import KEY_FILE, TRUSTED_FILE, Keyring


@pytest.fixture
def open_umask():
    saved = os.umask(0)
    yield
    os.umask(saved)


def _mode(path) -> int:  # type: ignore[no-untyped-def]
    return stat.S_IMODE(path.stat().st_mode)


def test_key_files_are_owner_only_under_umask_000_and_over_leftovers(tmp_path, open_umask):
    """A world-writable left-over temporary file, and a link planted under its name, are
    neither reused nor followed: the key and the trusted list come out 0600."""
    folder = tmp_path / "keys"
    folder.mkdir()
    planted = tmp_path / "elsewhere"
    for leftover in ("signing-key.pem.tmp", "signing-key.tmp", TRUSTED_FILE + ".tmp"):
        (folder / leftover).write_bytes(b"left over")
        (folder / leftover).chmod(0o666)
    (folder / "trusted-keys.json.tmp").unlink()
    (folder / "trusted-keys.json.tmp").symlink_to(planted)
    keyring = Keyring(folder)
    fingerprint = keyring.own_fingerprint()
    assert _mode(folder / KEY_FILE) == 0o600
    keyring.trust(fingerprint, "me")
    assert _mode(folder / TRUSTED_FILE) == 0o600
    assert not planted.exists()
    assert Keyring(folder).trusted()
