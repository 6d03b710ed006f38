#!/usr/bin/env bash
# Rebuild src/libya_conflict/data/plotlyjs/plotly-briefing.min.js: plotly.js with only the trace
# types the briefings draw (1.5 MB instead of 4.8 MB: pages load and print faster, and are
# smaller). Needs node >= 18 and npm (registry access). Used by `make plotlyjs`; run it after
# upgrading plotly, so that the bundle has the plotly.js version the plotly package expects
# (until then, exports fall back to plotly's full bundle).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
version=$("$PY" -c 'from plotly.offline import get_plotlyjs_version as v; print(v())')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp scripts/plotlyjs/entry.js scripts/plotlyjs/build.js "$work"/
out="$PWD/src/libya_conflict/data/plotlyjs/plotly-briefing.min.js"
(
  cd "$work"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --silent "plotly.js@$version" esbuild@0.28.2 \
    esbuild-plugin-inline-css@0.0.1 esbuild-plugin-environment@0.5.0
  node build.js "$out.tmp"
)
mv "$out.tmp" "$out"
echo "plotlyjs: wrote $out (plotly.js $version, $(du -k "$out" | cut -f1) kB)"
