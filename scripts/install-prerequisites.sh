#!/usr/bin/env bash
# Installs the Debian packages the tests, the demo-catalog tooling and the replica cluster use, only when missing:
# chromium (browser tests), dataset-fashion-mnist (the real catalog), and for scripts/run-cluster.sh and
# scripts/cluster-bench.sh postgresql (the shared database; the PostgreSQL tests start a private
# server from its binaries and skip, saying why, without them), nginx (the proxy) and wrk (the benchmark).
# Needs root or sudo.
# Installing postgresql and nginx also sets up Debian's own cluster and site (started where services can start);
# run-cluster.sh uses neither: it runs a private PostgreSQL and nginx in a folder of its own, on ports of its own.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -e /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)
# Debian keeps the server binaries out of PATH, in /usr/lib/postgresql/<major>/bin.
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "Installing ${missing[*]} ..."
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
