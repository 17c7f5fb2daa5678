#!/usr/bin/env bash
# Runs every test project (Engine, Data, Web with bUnit and the app host, browser tests in Chromium).
# Installs chromium and the Fashion-MNIST package first when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-prerequisites.sh
# One test project at a time: the app-starting suites compete for the 2 cores otherwise.
dotnet test VisualRecSys.sln -c Release -m:1 "$@"
