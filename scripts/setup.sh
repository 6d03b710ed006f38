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
.venv/bin/python -m pip install --quiet -e '.[dev,cluster,lab]'
# Stock nbconvert looks for templates in .venv/share/jupyter/nbconvert/templates
# (`jupyter nbconvert --template libya_conflict`): a wheel installs a copy there (the data-files
# of pyproject.toml), an editable install does not, so link the checkout's template there.
templates=.venv/share/jupyter/nbconvert/templates
if [ ! -e "$templates/libya_conflict" ]; then
  mkdir -p "$templates"
  ln -sfn "$PWD/src/libya_conflict/publishing/templates/libya_conflict" "$templates/libya_conflict"
fi
echo "setup: .venv ready ($(.venv/bin/python --version))"

# A Chromium for PDF reports. Best: Debian's chromium-headless-shell (Chromium built for headless
# use, as Playwright runs it; lighter than the full browser), installed here when we are root;
# else any Chromium or Chrome already on PATH; else Debian's chromium; else Playwright's own.
have() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  [ "$(id -u)" = 0 ] && have apt-get || return 1
  apt-get install -y -qq "$1" >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq "$1" >/dev/null 2>&1; }
}
if [ -n "${LIBYA_CONFLICT_CHROMIUM:-}" ] && [ -x "$LIBYA_CONFLICT_CHROMIUM" ]; then
  echo "setup: PDFs are printed by $LIBYA_CONFLICT_CHROMIUM"
elif have chromium-headless-shell || have chrome-headless-shell; then
  :
elif apt_install chromium-headless-shell; then
  echo "setup: installed Debian's chromium-headless-shell for PDF reports"
elif have chromium || have chromium-browser || have google-chrome || have google-chrome-stable; then
  :
elif apt_install chromium; then
  echo "setup: installed Debian's chromium for PDF reports"
else
  echo "setup: no Chromium on PATH; trying 'playwright install chromium'"
  .venv/bin/python -m playwright install chromium \
    || echo "setup: WARNING: no Chromium found or installed; PDF output needs one (install chromium-headless-shell or chromium, or set LIBYA_CONFLICT_CHROMIUM)" >&2
fi
