#!/usr/bin/env bash
# Create .venv and install the project with its test tools. Used by `make setup`.
# On Debian/Ubuntu, python3 -m venv needs the python3-venv package: installed here when we are
# root, otherwise we say exactly what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "setup: $PYTHON not found; install Python 3.11 or newer (Debian/Ubuntu: apt-get install python3 python3-venv)" >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: $PYTHON is $("$PYTHON" --version 2>&1); Python 3.11 or newer is needed (set PYTHON=python3.11)" >&2
  exit 1
fi

make_venv() { "$PYTHON" -m venv .venv >/dev/null 2>&1; }
if [ ! -x .venv/bin/pip ]; then
  rm -rf .venv
  if ! make_venv; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      ver=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      apt-get update -qq && (apt-get install -y -qq "python${ver}-venv" || apt-get install -y -qq python3-venv)
      rm -rf .venv && make_venv
    else
      echo "setup: '$PYTHON -m venv' failed; install the venv module (Debian/Ubuntu: sudo apt-get install python3-venv)" >&2
      exit 1
    fi
  fi
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
echo "setup: .venv ready ($(.venv/bin/python --version))"

# A Chromium for PDF reports: an existing one, else Debian's package (as root), else Playwright's.
find_chromium() {
  if [ -n "${LIBYA_CONFLICT_CHROMIUM:-}" ] && [ -x "$LIBYA_CONFLICT_CHROMIUM" ]; then return 0; fi
  for b in chromium chromium-browser google-chrome google-chrome-stable; do
    command -v "$b" >/dev/null 2>&1 && return 0
  done
  return 1
}
if ! find_chromium; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for PDF reports"
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: no Chromium on PATH; trying 'playwright install chromium'"
    .venv/bin/python -m playwright install chromium \
      || echo "setup: WARNING: no Chromium found or installed; PDF output needs one (install chromium, or set LIBYA_CONFLICT_CHROMIUM)" >&2
  fi
fi
