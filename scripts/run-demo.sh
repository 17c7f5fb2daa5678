#!/usr/bin/env bash
# Runs the web app on the built-in demo catalog (wwwroot-assets/demo-catalog).
# The first start imports and embeds the 2,000 demo products (a minute or two on CPU); later starts reuse them.
# Override the address with VISUALRECSYS_URLS, the data folder with VisualRecSys__DataDirectory.
set -euo pipefail
cd "$(dirname "$0")/.."
urls="${VISUALRECSYS_URLS:-http://localhost:5080}"
echo "VisualRecSys will listen on $urls"
exec dotnet run --project VisualRecSys.Web -c Release --no-launch-profile --urls "$urls" "$@"
