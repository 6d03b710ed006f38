"""libya-conflict fetch, run as a user runs it: exit status, one-line errors, no secret anywhere."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from api_standins import busy, cut_short, server_error
from conftest import ACLED_EMAIL, ACLED_PASSWORD, UCDP_TOKEN
from libya_conflict.cli import main
from libya_conflict.fetch import http


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys, monkeypatch):
    """Run ``libya-conflict fetch ...`` in this process (retries kept short)."""
    monkeypatch.setattr(http, "DEFAULT_POLICY", http.HttpPolicy(
        attempts=3, budget=30, backoff=0.05, max_wait=3, read_timeout=5, deadline=5))

    def fetch(*args: str, cwd: Path, **env: str) -> Done:
        with monkeypatch.context() as patch:
            patch.chdir(cwd)
            for name, value in env.items():
                patch.setenv(name, value)
            code = main(["fetch", *args])
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return fetch


def run_installed(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "libya_conflict.cli", "fetch", *args],
                          capture_output=True, text=True, cwd=cwd, env=dict(os.environ),
                          timeout=300, check=False)


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


def test_fetch_update_refusal_and_truncation_and_no_secret_anywhere(acled_api, ucdp_api,
                                                                    tmp_path, run):
    work = tmp_path / "project"
    work.mkdir()
    outputs: list[str] = []

    first = run_installed("acled", "--country", "Libya", "--start", "2022-01-01", "--end",
                          "2022-06-30", "--page-size", "3", "--no-progress", cwd=work)
    outputs += [first.stdout, first.stderr]
    assert first.returncode == 0, first.stderr
    raw = work / "data" / "raw" / "acled_libya.csv"
    assert "ACLED Libya: 8 events in 3 pages; wrote data/raw/acled_libya.csv" in first.stdout
    assert "events of Libya page 3: 2 rows (8 in all)" in first.stderr

    # The server changes; the update goes through a 429 and a 500.
    now = max(int(r["timestamp"]) for r in acled_api.events.values()) + 60
    libya = sorted(k for k, v in acled_api.events.items() if v["country"] == "Libya")
    acled_api.delete(libya[0], now)
    acled_api.recode(libya[1], now, fatalities="4")
    acled_api.expire_tokens()  # yesterday's token: refreshed
    acled_api.fail("/api/acled/read", busy, server_error)
    update = run("acled", "--out", str(raw), "--update", "--no-progress", cwd=work)
    outputs += [update.stdout, update.stderr]
    assert update.returncode == 0, update.stderr
    assert "0 new, 1 re-coded, 1 deleted; 8 -> 7 events" in update.stdout
    assert "HTTP 429; retrying in 1 s" in update.stderr and "HTTP 500; retrying" in update.stderr
    kept = digests(work)

    # A refused login: one line, exit 2, every file byte-identical.
    acled_api.expire_tokens(refresh_too=True)
    acled_api.echo_password = True
    refused = run("acled", "--out", str(raw), "--update", "--no-progress", cwd=work,
                  ACLED_PASSWORD="Another-Wrong-Password")
    outputs += [refused.stdout, refused.stderr]
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines()[-1].startswith(
        f"libya-conflict: fetch failed: ACLED refused the login for {ACLED_EMAIL}: The user "
        "credentials were incorrect.")
    assert len([line for line in refused.stderr.splitlines() if "fetch failed" in line]) == 1
    assert "Another-Wrong-Password" not in refused.stderr
    assert digests(work) == kept

    # A truncated response: one line, exit 1, every file byte-identical.
    acled_api.fail("/api/acled/read", *[cut_short] * 10)
    truncated = run("acled", "--out", str(raw), "--no-progress", cwd=work)
    outputs += [truncated.stdout, truncated.stderr]
    assert truncated.returncode == 1
    last = truncated.stderr.strip().splitlines()[-1]
    assert last.startswith("libya-conflict: fetch failed: ACLED events of Libya, page 1: the "
                           "connection failed or dropped") and last.endswith("was not changed")
    assert "Traceback" not in truncated.stderr and digests(work) == kept

    # UCDP: no token, then a token.
    no_token = run("ucdp", "--country", "Myanmar", "--version", "19.1", cwd=work,
                   UCDP_ACCESS_TOKEN="")
    assert no_token.returncode == 2 and "UCDP_ACCESS_TOKEN" in no_token.stderr
    ucdp = run("ucdp", "--country", "Myanmar", "--version", "19.1", "--no-progress", cwd=work)
    outputs += [ucdp.stdout, ucdp.stderr]
    assert ucdp.returncode == 0, ucdp.stderr
    assert "UCDP GED 19.1 Myanmar: 2,593 events in 3 pages" in ucdp.stdout

    # No secret in any file written, any line printed (the token cache aside: it is 0600).
    tokens = [t for t in acled_api.tokens] + list(acled_api.refresh_tokens)
    for secret in [ACLED_PASSWORD, "Another-Wrong-Password", UCDP_TOKEN, *tokens]:
        for text in outputs:
            assert secret not in text
        for path in work.rglob("*"):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path
    cached = list((tmp_path / "cache").rglob("*.json"))
    assert cached and all(p.stat().st_mode & 0o077 == 0 for p in cached)
    assert all(ACLED_PASSWORD.encode() not in p.read_bytes() for p in cached)


def test_bad_options_are_one_line(fetch_env, tmp_path, run):
    bad_date = run_installed("acled", "--start", "2022-13-01", cwd=tmp_path)
    assert bad_date.returncode == 2 and "expected a date YYYY-MM-DD" in bad_date.stderr
    unknown = run("acled", "--country", "Lybia", cwd=tmp_path)
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("libya-conflict: error: unknown country 'Lybia': ")
    assert "did you mean Libya" in unknown.stderr and unknown.stderr.count("\n") == 1
    backwards = run("acled", "--start", "2022-02-01", "--end", "2022-01-01", cwd=tmp_path)
    assert backwards.returncode == 2 and "is after --end" in backwards.stderr
