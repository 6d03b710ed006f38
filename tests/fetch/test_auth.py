"""Credentials (environment, owner-only file), ACLED's token cache, login and refresh."""

from __future__ import annotations

import json
import stat
import time

import pytest

from conftest import ACLED_EMAIL, ACLED_PASSWORD
from libya_conflict.fetch.auth import (
    AcledAuth,
    AcledCredentials,
    TokenCache,
    cache_dir,
    credential,
    credentials_path,
    read_credentials_file,
)
from libya_conflict.fetch.http import CredentialsError, Http, HttpPolicy, redact


def write_secret_file(path, text: str, mode: int = 0o600):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_credentials_file_in_the_users_config_folder(fetch_env, monkeypatch, tmp_path):
    monkeypatch.delenv("ACLED_EMAIL")
    monkeypatch.delenv("ACLED_PASSWORD")
    path = credentials_path()
    assert path == tmp_path / "config" / "libya-conflict" / "credentials"
    write_secret_file(path, "# for cron\nexport ACLED_EMAIL=me@example.org\n"
                            'ACLED_PASSWORD="pa ss=word-file"\n\n')
    creds = AcledCredentials.from_environment()
    assert (creds.email, creds.password) == ("me@example.org", "pa ss=word-file")
    assert "pa ss=word-file" not in repr(creds)
    assert redact("x pa ss=word-file y") == "x *** y"


def test_the_environment_wins_over_the_file(fetch_env, tmp_path):
    write_secret_file(credentials_path(), "ACLED_EMAIL=other@example.org\n")
    assert credential("ACLED_EMAIL") == ACLED_EMAIL


def test_a_file_that_others_may_read_is_refused(fetch_env, monkeypatch, tmp_path):
    monkeypatch.delenv("ACLED_PASSWORD")
    path = write_secret_file(tmp_path / "env" / "libya.env", "ACLED_PASSWORD=x1234\n", 0o644)
    monkeypatch.setenv("LIBYA_CONFLICT_CREDENTIALS", str(path))
    with pytest.raises(CredentialsError, match=r"may be read by others \(mode 644\); make it "
                                               r"readable by its owner only: chmod 600"):
        credential("ACLED_PASSWORD")
    path.chmod(0o600)
    assert read_credentials_file(path) == {"ACLED_PASSWORD": "x1234"}


def test_the_token_cache_is_the_owners_only(fetch_env, tmp_path):
    cache = TokenCache()
    assert cache.folder == cache_dir() == tmp_path / "cache" / "libya-conflict"
    cache.save("http://x", ACLED_EMAIL, {"access_token": "acc-123456", "expires_at": 1})
    path = cache.path("http://x", ACLED_EMAIL)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.folder.stat().st_mode) == 0o700
    assert cache.load("http://x", ACLED_EMAIL)["access_token"] == "acc-123456"
    assert cache.load("http://y", ACLED_EMAIL) is None  # another server: another token
    path.chmod(0o644)
    assert cache.load("http://x", ACLED_EMAIL) is None  # loosened by someone: not trusted
    assert ACLED_EMAIL not in path.name


def test_a_token_near_its_expiry_is_refreshed_before_use(acled_api, tmp_path):
    cache = TokenCache()
    creds = AcledCredentials(ACLED_EMAIL, ACLED_PASSWORD)
    with Http(HttpPolicy(attempts=2, backoff=0.01)) as http:
        auth = AcledAuth(http, acled_api.url, creds, cache)
        first = auth.headers()
        assert [r["form"]["grant_type"] for r in acled_api.requests("/oauth/token")] \
            == ["password"]
        form = acled_api.requests("/oauth/token")[0]["form"]
        assert form == {"username": ACLED_EMAIL, "password": ACLED_PASSWORD,
                        "grant_type": "password", "client_id": "acled"}
        token = json.loads(cache.path(acled_api.url, ACLED_EMAIL).read_text())
        token["expires_at"] = time.time() + 10  # inside the margin
        cache.save(acled_api.url, ACLED_EMAIL, token)
        again = AcledAuth(http, acled_api.url, creds, cache).headers()
    assert again != first
    assert [r["form"]["grant_type"] for r in acled_api.requests("/oauth/token")] \
        == ["password", "refresh_token"]
    refresh = acled_api.requests("/oauth/token")[1]["form"]
    assert set(refresh) == {"refresh_token", "grant_type", "client_id"}  # no password


def test_a_refused_login_names_the_account_and_not_the_password(acled_api):
    acled_api.echo_password = True
    creds = AcledCredentials(ACLED_EMAIL, "Wrong-Password-42")
    with Http(HttpPolicy(attempts=1)) as http, pytest.raises(CredentialsError) as caught:
        AcledAuth(http, acled_api.url, creds, None).headers()
    assert caught.value.message == (f"ACLED refused the login for {ACLED_EMAIL}: The user "
                                    "credentials were incorrect. (you sent ***) (HTTP 400)")
