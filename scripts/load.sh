#!/usr/bin/env bash
# Load test of a running app on this machine (see README, "Load"): builds tools/VisualRecSys.Load and runs it.
# Example: ./scripts/load.sh --url http://127.0.0.1:5080 --seconds 60 --circuits 20
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tools/VisualRecSys.Load -c Release -nologo -v q
exec dotnet tools/VisualRecSys.Load/bin/Release/net10.0/linux-x64/VisualRecSys.Load.dll "$@"
