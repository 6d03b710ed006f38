"""Credentials and tokens: ACLED's OAuth password and refresh grants, UCDP's access token.

Credentials come from the environment (``ACLED_EMAIL``, ``ACLED_PASSWORD``,
``UCDP_ACCESS_TOKEN``) or, for what the environment does not set, from a credentials file of
``KEY=VALUE`` lines (the format of a systemd ``EnvironmentFile``): ``$LIBYA_CONFLICT_CREDENTIALS``,
else ``$XDG_CONFIG_HOME/libya-conflict/credentials`` (``~/.config/...``). A file that its group
or others may read is refused.

ACLED's token is kept in ``$XDG_CACHE_HOME/libya-conflict/`` (``~/.cache/...``), mode 0600, so
that a daily run does not log in every time; an expired token is renewed with the refresh
grant and, failing that, a new login. Every secret is registered with
:func:`~libya_conflict.fetch.http.register_secret` as soon as it is known.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from libya_conflict.fetch.http import CredentialsError, Http, register_secret

CLIENT_ID = "acled"
# A token this close to its expiry is renewed before use rather than after a refusal.
EXPIRY_MARGIN = 120.0
CREDENTIAL_KEYS = ("ACLED_EMAIL", "ACLED_PASSWORD", "UCDP_ACCESS_TOKEN")


def _xdg(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "").strip()
    return Path(value) if value and Path(value).is_absolute() else Path.home() / default


def credentials_path() -> Path:
    """Return the credentials file: ``$LIBYA_CONFLICT_CREDENTIALS`` or the user's config file."""
    given = os.environ.get("LIBYA_CONFLICT_CREDENTIALS", "").strip()
    if given:
        return Path(given).expanduser()
    return _xdg("XDG_CONFIG_HOME", ".config") / "libya-conflict" / "credentials"


def cache_dir() -> Path:
    """Return the folder of cached tokens (``$XDG_CACHE_HOME/libya-conflict``)."""
    return _xdg("XDG_CACHE_HOME", ".cache") / "libya-conflict"


def read_credentials_file(path: Path) -> dict[str, str]:
    """Read ``KEY=VALUE`` lines (``#`` comments, optional quotes, optional ``export``).

    Raises
    ------
    CredentialsError
        When the file may be read by its group or others, or cannot be read.

    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise CredentialsError(f"{path}: cannot read the credentials file "
                               f"({exc.strerror})") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CredentialsError(f"{path}: the credentials file may be read by others (mode "
                               f"{stat.S_IMODE(mode):03o}); make it readable by its owner only: "
                               f"chmod 600 {path}")
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.removeprefix("export ").split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    for key in ("ACLED_PASSWORD", "UCDP_ACCESS_TOKEN"):
        register_secret(values.get(key))
    return values


def credential(name: str, env: Mapping[str, str] | None = None) -> str:
    """Return one credential from the environment, else the credentials file ("" if unset)."""
    env = os.environ if env is None else env
    value = env.get(name, "").strip()
    if not value:
        value = read_credentials_file(credentials_path()).get(name, "").strip()
    if name != "ACLED_EMAIL":
        register_secret(value)
    return value


@dataclass(frozen=True)
class AcledCredentials:
    """An ACLED account: the e-mail address (shown in messages) and the password (never)."""

    email: str
    password: str = field(repr=False)

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> AcledCredentials:
        """Read ``ACLED_EMAIL`` and ``ACLED_PASSWORD`` (or the credentials file).

        Raises
        ------
        CredentialsError
            When either is missing, saying where to put them.

        """
        email, password = credential("ACLED_EMAIL", env), credential("ACLED_PASSWORD", env)
        if not email or not password:
            missing = " and ".join(n for n, v in (("ACLED_EMAIL", email),
                                                  ("ACLED_PASSWORD", password)) if not v)
            raise CredentialsError(
                f"ACLED needs an account: set {missing} (the login of your myACLED account) in "
                f"the environment or in {credentials_path()} (KEY=VALUE lines, chmod 600)")
        return cls(email, password)


class TokenCache:
    """ACLED tokens on disk, one file per account and server, readable by the owner only."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_dir()

    def path(self, base_url: str, email: str) -> Path:
        """Return the cache file of an account on a server (named by a hash of both)."""
        key = hashlib.sha256(f"{base_url}\n{email.casefold()}".encode()).hexdigest()[:20]
        return self.folder / f"acled-token-{key}.json"

    def load(self, base_url: str, email: str) -> dict | None:
        """Return the cached token, or None (missing, unreadable, or not the owner's only)."""
        path = self.path(base_url, email)
        try:
            if stat.S_IMODE(path.stat().st_mode) & 0o077:
                return None
            token = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(token, dict) or not token.get("access_token"):
            return None
        register_secret(token.get("access_token"))
        register_secret(token.get("refresh_token"))
        return token

    def save(self, base_url: str, email: str, token: dict) -> None:
        """Write the token, mode 0600, atomically (a cache that cannot be written is skipped)."""
        import tempfile

        path = self.path(base_url, email)
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, name = tempfile.mkstemp(prefix=".token.", dir=self.folder)  # mode 0600
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(token, handle)
                os.chmod(name, 0o600)
                os.replace(name, path)
            finally:
                Path(name).unlink(missing_ok=True)

    def drop(self, base_url: str, email: str) -> None:
        """Forget a token the server refused."""
        with contextlib.suppress(OSError):
            self.path(base_url, email).unlink()


class AcledAuth:
    """Bearer tokens for ACLED's API: cached, refreshed, or obtained by logging in.

    Parameters
    ----------
    http : Http
        The client (its retries cover the token endpoint too).
    base_url : str
        ``https://acleddata.com`` or a stand-in; the token endpoint is ``{base}/oauth/token``.
    credentials : AcledCredentials
        The account.
    cache : TokenCache, optional
        Where tokens are kept (None: not kept).
    note : callable, optional
        Receives one line when a token is renewed.

    """

    def __init__(self, http: Http, base_url: str, credentials: AcledCredentials,
                 cache: TokenCache | None = None, note: Callable[[str], None] | None = None):
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self.cache = cache
        self.note = note or (lambda line: None)
        register_secret(credentials.password)
        self.token = cache.load(self.base_url, credentials.email) if cache else None

    def headers(self) -> dict[str, str]:
        """Return the ``Authorization`` header, logging in or refreshing first if needed."""
        if not self.token:
            self.login()
        elif float(self.token.get("expires_at") or 0) - EXPIRY_MARGIN < time.time():
            if not self.refresh():
                self.login()
        return {"Authorization": f"Bearer {self.token['access_token']}"}

    def renew(self, refused_twice: bool = False) -> None:
        """After a 401: the refresh grant first, a new login when it fails or did not help."""
        if refused_twice or not self.refresh():
            self.login()

    def login(self) -> None:
        """Log in with the password grant.

        Raises
        ------
        CredentialsError
            ``ACLED refused the login for <email>: <the server's reason>``.

        """
        creds = self.credentials
        token, reason = self._token_request({"username": creds.email,
                                             "password": creds.password,
                                             "grant_type": "password", "client_id": CLIENT_ID},
                                            "ACLED login")
        if token is None:
            if self.cache:
                self.cache.drop(self.base_url, creds.email)
            raise CredentialsError(f"ACLED refused the login for {creds.email}: {reason}")

    def refresh(self) -> bool:
        """Renew the token with the refresh grant; return whether it worked."""
        refresh_token = (self.token or {}).get("refresh_token")
        if not refresh_token:
            return False
        token, reason = self._token_request({"refresh_token": refresh_token,
                                             "grant_type": "refresh_token",
                                             "client_id": CLIENT_ID}, "ACLED token refresh")
        if token is None:
            self.note(f"ACLED refused the refresh of the token ({reason}); logging in again")
            return False
        self.note("ACLED token renewed")
        return True

    def _token_request(self, form: dict, what: str) -> tuple[dict | None, str]:
        reply = self.http.request("POST", f"{self.base_url}/oauth/token", data=form, what=what,
                                  expect_json=False)
        body = reply.body if isinstance(reply.body, dict) else {}
        if reply.status != 200 or not body.get("access_token"):
            return None, _reason(reply.status, body, reply.text)
        token = {"access_token": str(body["access_token"]),
                 "refresh_token": str(body.get("refresh_token") or ""),
                 "expires_at": time.time() + float(body.get("expires_in") or 3600)}
        register_secret(token["access_token"])
        register_secret(token["refresh_token"])
        self.token = token
        if self.cache:
            self.cache.save(self.base_url, self.credentials.email, token)
        return token, ""


def _reason(status: int, body: dict, text: str) -> str:
    """Return the server's own words for a refusal, short and on one line."""
    for key in ("error_description", "message", "error"):
        value = body.get(key)
        if isinstance(value, str) and value.strip():
            return f"{' '.join(value.split())[:200]} (HTTP {status})"
    if status == 200:
        return "the answer held no access token"
    return f"HTTP {status}" + (f": {' '.join(text.split())[:120]}" if text.strip() else "")
