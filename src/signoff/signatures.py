"""SSH signatures, the format git uses for signed commits, made and checked by OpenSSH's ssh-keygen.

People sign with the SSH key they already have, including one held by ssh-agent or a
hardware token (`ssh-keygen -Y sign -n signoff`), and anyone checks offline with
`ssh-keygen -Y verify` against an allowed-signers file: one line per person, the
principal (here the person's full name) then the public key (see `man ssh-keygen`,
ALLOWED SIGNERS). ssh-keygen does the cryptography and reads every key type and
passphrase prompt OpenSSH supports; this module only passes bytes and words the result.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from signoff.errors import SignoffError

NAMESPACE = "signoff"
NOT_INSTALLED = (
    "signed decisions need OpenSSH's ssh-keygen (8.9 or later), which is not installed: "
    "install it (e.g. `apt-get install openssh-client`; it ships with macOS and Windows 10+)"
)
_ARMOR_BEGIN, _ARMOR_END = "-----BEGIN SSH SIGNATURE-----", "-----END SSH SIGNATURE-----"
# A hardware key waits for a touch; nothing else takes more than a moment.
_SIGN_TIMEOUT_SECONDS = 120
_CHECK_TIMEOUT_SECONDS = 30


def ssh_keygen() -> str:
    exe = shutil.which("ssh-keygen")
    if exe is None:
        raise SignoffError(NOT_INSTALLED)
    return exe


def sign(message: bytes, key: Path, *, interactive: bool) -> str:
    """The armored SSH signature of `message` by the private key at `key` (or its agent).

    `interactive`: ssh-keygen may ask for the key's passphrase on the terminal. An
    application that owns the terminal passes False: ssh-keygen then runs without one,
    and a key that needs its passphrase must be in ssh-agent.
    """
    key = Path(key).expanduser()
    if not key.is_file():
        raise SignoffError(f"{key}: no such key file; give the path of your SSH private key", field="key")
    with tempfile.TemporaryDirectory(prefix="signoff-sign-") as tmp:
        # The message goes in a file, not on stdin: ssh-keygen asks for a passphrase on the
        # terminal only when its stdin is one.
        data = Path(tmp, "decision")
        data.write_bytes(message)
        try:
            done = subprocess.run(
                [ssh_keygen(), "-Y", "sign", "-n", NAMESPACE, "-f", str(key), str(data)],
                stdin=None if interactive else subprocess.DEVNULL,
                capture_output=True,
                timeout=None if interactive else _SIGN_TIMEOUT_SECONDS,
                start_new_session=not interactive,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise SignoffError(
                f"{key}: ssh-keygen did not sign within 2 minutes (a hardware key untouched?)", field="key"
            ) from None
        sig = data.with_name("decision.sig")
        text = sig.read_text(encoding="ascii", errors="replace").strip() if sig.is_file() else ""
    if done.returncode == 0 and _blob(text) is not None:
        return text + "\n"
    why = _last_line(done.stderr)
    if not interactive and "passphrase" in why.lower():
        raise SignoffError(
            f"{key}: the key is protected by a passphrase, which cannot be asked for here: "
            f"add the key to ssh-agent (`ssh-add {key}`) and try again",
            field="key",
        )
    raise SignoffError(
        f"{key}: ssh-keygen could not sign with this key ({why or 'no reason given'})", field="key"
    )


def public_key(signature: str) -> str | None:
    """The signer's public key as an allowed-signers key field ('ssh-ed25519 AAAA...'), or None
    when `signature` is not an SSH signature."""
    blob = _blob(signature)
    if blob is None:
        return None
    try:
        magic, rest = blob[:6], blob[6:]
        (version,) = struct.unpack(">I", rest[:4])
        key_blob, _ = _string(rest[4:])
        key_type, _ = _string(key_blob)
        if magic != b"SSHSIG" or version != 1:
            return None
        return f"{key_type.decode('ascii')} {base64.b64encode(key_blob).decode('ascii')}"
    except (struct.error, ValueError, UnicodeDecodeError):
        return None


def key_fingerprint(key: str) -> str:
    """'SHA256:...' as ssh-keygen -l prints it, for a public key 'type base64'."""
    digest = hashlib.sha256(base64.b64decode(key.split()[1])).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def allowed_line(principal: str, key: str) -> str:
    """The allowed-signers line that lets `principal` sign signoff decisions with `key`."""
    return f'"{principal}" namespaces="{NAMESPACE}" {key}'


# The answer depends only on the arguments (the time is given, not read), so a decision checked
# once need not start ssh-keygen again: the app re-checks every decision on each refresh.
@functools.lru_cache(maxsize=512)
def check(signature: str, message: bytes, principal: str, allowed_signers: str, at: str) -> str | None:
    """None when `signature` is `principal`'s, by a key the allowed signers list for them at time
    `at` ('YYYYMMDDHHMMSSZ'), over exactly `message`; else why not, as a verb phrase
    ('is signed with key SHA256:..., which ...')."""
    key = public_key(signature)
    if key is None:
        return "has no readable SSH signature"
    with tempfile.TemporaryDirectory(prefix="signoff-sig-") as tmp:
        sig, allowed = Path(tmp, "decision.sig"), Path(tmp, "allowed_signers")
        sig.write_text(signature, encoding="ascii", errors="replace")
        allowed.write_text(allowed_signers, encoding="utf-8")
        time = f"verify-time={at}"
        verify = [ssh_keygen(), "-Y", "verify", "-n", NAMESPACE, "-f", str(allowed), "-I", principal]
        if _run([*verify, "-O", time, "-s", str(sig)], message).returncode == 0:
            return None
        found = _run(
            [ssh_keygen(), "-Y", "find-principals", "-O", time, "-s", str(sig), "-f", str(allowed)], b""
        )
    holders = [p for p in found.stdout.decode("utf-8", errors="replace").splitlines() if p.strip()]
    fp = key_fingerprint(key)
    if principal in holders:
        return f"does not match its signature (key {fp}): it was changed after it was signed"
    if holders:
        holder = ", ".join(holders)
        return f"is signed with key {fp}, which the allowed signers give to {holder}, not {principal}"
    return f"is signed with key {fp}, which the allowed signers do not list (at the time it was signed)"


def _run(cmd: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            cmd, input=stdin, capture_output=True, timeout=_CHECK_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise SignoffError("ssh-keygen took over 30 seconds to check a signature; try again") from None


def _blob(signature: str) -> bytes | None:
    text = signature.strip()
    if not (text.startswith(_ARMOR_BEGIN) and text.endswith(_ARMOR_END)):
        return None
    body = "".join(text[len(_ARMOR_BEGIN) : -len(_ARMOR_END)].split())
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return None


def _string(data: bytes) -> tuple[bytes, bytes]:
    """One SSH wire-format string (uint32 length, bytes) and what follows it."""
    (n,) = struct.unpack(">I", data[:4])
    if n > len(data) - 4:
        raise ValueError("truncated")
    return data[4 : 4 + n], data[4 + n :]


def _last_line(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", errors="replace").splitlines() if ln.strip()]
    return lines[-1] if lines else ""
