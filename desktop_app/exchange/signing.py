"""Ed25519 keys that sign bundles, and the team's list of trusted keys.

Each user has one key pair, made on first use and kept in their config folder (the private key
readable by them only). A bundle's ``signature.json`` signs the bytes of its manifest, and the
manifest holds the SHA-256 of every other member, so the signature covers the whole bundle.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.errors import BundleRefusedError, InvalidValueError, WriteError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SIGNATURE_MEMBER = "signature.json"
KEY_FILE = "signing-key.pem"
TRUSTED_FILE = "trusted-keys.json"

# The cryptography library is loaded when a key is first used, not when a project opens:
# most commands never sign or verify anything.


def _raw_public(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_key().public_bytes(serialization.Encoding.Raw,
                                         serialization.PublicFormat.Raw)


def fingerprint(public_key: bytes) -> str:
    """A short, readable name for a public key: the start of its SHA-256 in groups of four."""
    digest = hashlib.sha256(public_key).hexdigest()[:20].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4))


@dataclass(frozen=True, slots=True)
class Signer:
    """Who signed a bundle, checked against the signature."""

    name: str
    fingerprint: str
    trusted: bool
    #: Set when the bundle names a signer the team trusts under another key.
    impersonates: str | None = None

    def describe(self) -> str:
        if self.trusted:
            return f"signed by {self.name} ({self.fingerprint}), trusted"
        if self.impersonates:
            return (f"signed as {self.name} ({self.fingerprint}), but the key you trust for "
                    f"{self.impersonates} is a different one")
        return f"signed by {self.name} ({self.fingerprint}), not in your trusted keys"


class Keyring:
    """The user's own key pair and the keys they trust, in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    # -- own key ------------------------------------------------------------------------------

    def _private_key(self) -> Ed25519PrivateKey:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        path = self.folder / KEY_FILE
        if path.exists():
            try:
                key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            except (ValueError, TypeError) as exc:
                raise InvalidValueError(f"the signing key {path} cannot be read: {exc}") from None
            if not isinstance(key, Ed25519PrivateKey):
                raise InvalidValueError(f"the signing key {path} is not an Ed25519 key")
            return key
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        try:
            write_private(path, pem)
        except OSError as exc:
            raise WriteError(f"cannot keep your signing key in {self.folder}: "
                             f"{exc.strerror or exc}") from None
        return key

    def public_key(self) -> bytes:
        return _raw_public(self._private_key())

    def own_fingerprint(self) -> str:
        return fingerprint(self.public_key())

    def sign(self, data: bytes, signer: str) -> bytes:
        """``signature.json`` for ``data``, signed with the user's key (made if missing)."""
        from desktop_app.exchange.records import SignatureRecord

        key = self._private_key()
        record = SignatureRecord(
            algorithm="Ed25519", signer=signer[:200],
            public_key=base64.b64encode(_raw_public(key)).decode("ascii"),
            signature=base64.b64encode(key.sign(data)).decode("ascii"),
        )
        return json.dumps(record.model_dump(), sort_keys=True, indent=1).encode("utf-8")

    # -- checking -----------------------------------------------------------------------------

    def verify(self, signature_json: bytes, data: bytes) -> Signer:
        """Who signed ``data``; a signature that does not match refuses the bundle."""
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        from pydantic import ValidationError

        from desktop_app.exchange.records import SignatureRecord

        try:
            record = SignatureRecord.model_validate_json(signature_json)
            public = base64.b64decode(record.public_key, validate=True)
            signature = base64.b64decode(record.signature, validate=True)
            key = Ed25519PublicKey.from_public_bytes(public)
        except (ValidationError, ValueError) as exc:
            raise BundleRefusedError(f"the signature cannot be read ({_first_line(exc)})",
                                     SIGNATURE_MEMBER) from None
        try:
            key.verify(signature, data)
        except InvalidSignature:
            raise BundleRefusedError(
                "the signature does not match: the bundle was changed after it was signed",
                SIGNATURE_MEMBER) from None
        print_ = fingerprint(public)
        trusted = self.trusted()
        if print_ in trusted:  # the name the team gave this key, not the one the bundle claims
            return Signer(trusted[print_], print_, True)
        if (self.folder / KEY_FILE).exists() and print_ == self.own_fingerprint():
            return Signer(record.signer.strip(), print_, True)  # signed with your own key
        names = {name.casefold() for name in trusted.values()}
        claimed = record.signer.strip()
        return Signer(claimed, print_, False,
                      impersonates=claimed if claimed.casefold() in names else None)

    # -- trust --------------------------------------------------------------------------------

    def trusted(self) -> dict[str, str]:
        """Trusted fingerprints with the name they were trusted under."""
        try:
            values = json.loads((self.folder / TRUSTED_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}

    def trust(self, key_fingerprint: str, name: str) -> None:
        """Mark a key as trusted by the team (by its fingerprint, as import shows it)."""
        cleaned = " ".join(key_fingerprint.replace(" ", "").upper()[i : i + 4]
                           for i in range(0, 20, 4))
        if len(key_fingerprint.replace(" ", "")) != 20 or not all(
                c in "0123456789ABCDEF" for c in cleaned.replace(" ", "")):
            raise InvalidValueError(
                f"{key_fingerprint!r} is not a key fingerprint (20 hexadecimal digits, "
                "as shown on import)")
        values = self.trusted()
        values[cleaned] = name.strip() or cleaned
        try:
            write_private(self.folder / TRUSTED_FILE,
                          json.dumps(values, indent=1, sort_keys=True).encode("utf-8"))
        except OSError as exc:
            raise WriteError(f"cannot write {self.folder / TRUSTED_FILE}: "
                             f"{exc.strerror or exc}") from None


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable and writable by its owner only (0600), whatever
    the umask and whatever a crash left behind: a fresh temporary file is made exclusively
    (a left-over file or link of that name is removed first, never reused or followed),
    set to 0600, written, synced and renamed over ``path``. The folder is made 0700.

    Raises:
        OSError: the folder or the file cannot be written (nothing is left behind).
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
