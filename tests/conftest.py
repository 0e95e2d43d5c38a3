"""Shared test helpers. Tests never need ../shared; those that use it are marked and skip."""

import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
# The day the example workspace was built: acceptances and drill dates in fixtures,
# goldens and snapshots are judged as of it, so results do not drift with the calendar.
PINNED_TODAY = "2026-11-23"


@pytest.fixture(scope="session", autouse=True)
def _pinned_today() -> Iterator[None]:
    # An environment variable, not a patch, so CLI subprocesses see the same day; session-wide
    # so session fixtures (workspaces answered once and copied) are dated the same way.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SIGNOFF_TODAY", PINNED_TODAY)
        yield


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def nimbus_md() -> Path:
    return FIXTURES / "contracts" / "nimbus-ai-services-agreement.md"


@dataclass(frozen=True)
class Signer:
    """A person's SSH key pair made for the tests."""

    name: str
    key: Path
    public: str  # 'ssh-ed25519 AAAA...'

    def allow(self, workspace: Path) -> None:
        """Add this person's key to the workspace's allowed_signers, as their organisation would."""
        with (workspace / "allowed_signers").open("a", encoding="utf-8") as f:
            f.write(f'"{self.name}" namespaces="signoff" {self.public}\n')


@pytest.fixture(scope="session")
def signers(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Signer]:
    """`signers("Lee Park")`: that person's key, made once per session with ssh-keygen."""
    exe = shutil.which("ssh-keygen")
    if exe is None:
        pytest.skip("ssh-keygen (OpenSSH) is not installed; signed decisions need it")
    folder = tmp_path_factory.mktemp("keys")
    made: dict[str, Signer] = {}

    def make(name: str) -> Signer:
        if name not in made:
            key = folder / name.lower().replace(" ", "_")
            subprocess.run([exe, "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
            public = " ".join(key.with_suffix(".pub").read_text().split()[:2])
            made[name] = Signer(name, key, public)
        return made[name]

    return make
