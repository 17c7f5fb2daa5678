#!/usr/bin/env bash
# Measures the cluster of scripts/run-cluster.sh in one run (README, "Running several replicas"): wrk on similar items
# of random products against replica 1 directly, then through nginx, then through nginx while the last replica is
# killed with SIGKILL 3 s into the run. Prints requests/s, p50/p99 and errors of each and saves them as JSON.
#
#   ./scripts/cluster-bench.sh [--replicas 2] [--port 5280] [--database postgres|sqlite] [--data-dir DIR]
#                              [--out FILE] [--no-build]
#
# The data folder defaults to $TMPDIR/vrs-cluster-bench and is kept, so only the first run prepares the catalog.
# Figures, not assertions: a benchmark says what it measured on this machine at that moment (the JSON keeps the
# load average next to them, as the machine may be shared).
set -euo pipefail
cd "$(dirname "$0")/.."

replicas=2
port=5280
database=postgres
data_dir="${TMPDIR:-/tmp}/vrs-cluster-bench"
out=""
cluster_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas=${2:?}; shift 2 ;;
    --port) port=${2:?}; shift 2 ;;
    --database) database=${2:?}; shift 2 ;;
    --data-dir) data_dir=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --no-build) cluster_args+=(--no-build); shift ;;
    -h | --help) sed -n '6,7p' "$0" | sed 's/^#  *//'; exit 0 ;;
    *) echo "cluster-bench: unknown option $1" >&2; exit 2 ;;
  esac
done
out=${out:-docs/benchmarks/cluster-$database.json}
if ! [[ $replicas =~ ^[0-9]+$ ]] || (( replicas < 2 )); then
  echo "cluster-bench: --replicas must be 2 or more (one is killed)" >&2
  exit 2
fi

say() { printf 'cluster-bench: %s\n' "$*"; }
die() { say "FAILED: $*" >&2; exit 1; }

command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk, or ./scripts/install-prerequisites.sh)"
command -v ss >/dev/null || die "ss is missing (iproute2): it finds the replica to kill by its port"

work=$(mktemp -d -t vrs-cluster-bench.XXXXXX)
cluster_pid=""
cleanup() {
  if [ -n "$cluster_pid" ] && kill -0 "$cluster_pid" 2>/dev/null; then
    # run-cluster.sh stops its replicas, nginx and PostgreSQL on SIGTERM; the group SIGKILL is for a hung stop.
    kill -TERM "$cluster_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$cluster_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$cluster_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Its own session, so its process group is the cluster and nothing else.
setsid ./scripts/run-cluster.sh --replicas "$replicas" --port "$port" --database "$database" --data-dir "$data_dir" \
  "${cluster_args[@]}" >"$work/cluster.log" 2>&1 &
cluster_pid=$!
say "starting the cluster ($replicas replicas, --database $database, data $data_dir); log $work/cluster.log"
start=$SECONDS
until grep -q '^run-cluster: ready' "$work/cluster.log"; do
  kill -0 "$cluster_pid" 2>/dev/null || { sed 's/^/    /' "$work/cluster.log" >&2; die "run-cluster.sh exited"; }
  (( SECONDS - start < 1500 )) || { tail -n 20 "$work/cluster.log" >&2; die "the cluster was not ready in 1500 s"; }
  sleep 2
done
sed 's/^/    /' "$work/cluster.log"
proxy="http://127.0.0.1:$port"
reported=$(curl -sf "$proxy/health" | python3 -c 'import json, sys; print(json.load(sys.stdin).get("database") or "")' || true)

cat >"$work/random.lua" <<'LUA'
-- The shared check's request mix: similar items (k = 12) of a random product of the demo catalog's 2,000.
math.randomseed(42)
request = function() return wrk.format("GET", "/api/products/" .. math.random(1, 2000) .. "/similar?k=12") end
LUA
# bench_wrk URL NAME: one measured run into NAME.txt, and the 1-minute load average at its end into NAME.load (on a
# shared machine the figures mean little without it).
bench_wrk() {
  wrk -t2 -c32 -d10s --latency -s "$work/random.lua" "$1" >"$work/$2.txt"
  cut -d' ' -f1 /proc/loadavg >"$work/$2.load"
}

# Warm-up through nginx (JIT, caches of every replica), not recorded.
say "warm-up: 5 s through nginx"
wrk -t2 -c32 -d5s -s "$work/random.lua" "$proxy" >/dev/null

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "1/3 replica-1 directly (http://127.0.0.1:$((port + 1)))"
bench_wrk "http://127.0.0.1:$((port + 1))" direct
say "2/3 through nginx ($proxy)"
bench_wrk "$proxy" nginx

# The replica's app process is the one listening on its port (`dotnet run` is only its parent).
victim_port=$((port + replicas))
victim=$(ss -Hltnp "sport = :$victim_port" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
[ -n "$victim" ] || die "no process listens on replica-$replicas's port $victim_port"
nginx_errors="$data_dir/cluster/logs/nginx-error.log"
errors_before=$(grep -c 'connect() failed\|upstream prematurely closed\|recv() failed' "$nginx_errors" || true)
say "3/3 through nginx, replica-$replicas (pid $victim) killed with SIGKILL 3 s into the run"
bench_wrk "$proxy" killed &
wrk_pid=$!
sleep 3
kill -KILL "$victim"
killed_at=$(date -u +%H:%M:%S)
wait "$wrk_pid"
# run-cluster.sh's own word on the kill ("replica-N exited ...; 1 replica(s) left serving").
sed -n '/^run-cluster: ready/,$p' "$work/cluster.log" | tail -n +2 | sed 's/^/    /'
errors_after=$(grep -c 'connect() failed\|upstream prematurely closed\|recv() failed' "$nginx_errors" || true)
# What nginx met and hid (it retried those requests on another replica): counted from its error log.
upstream_errors=$((errors_after - errors_before))

mkdir -p "$(dirname "$out")"
python3 - "$work" "$out" <<EOF
import json, re, subprocess, sys, datetime, os
work, out = sys.argv[1], sys.argv[2]

def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    value, unit = float(m.group(1)), m.group(2)
    return round(value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)

def parse(name, label):
    text = open(os.path.join(work, name + ".txt")).read()
    num = lambda pattern: re.search(pattern, text)
    sock = num(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
    non2xx = num(r"Non-2xx or 3xx responses: (\d+)")
    return {
        "run": label,
        "requests_per_second": float(num(r"Requests/sec:\s+([\d.]+)").group(1)),
        "requests": int(num(r"(\d+) requests in").group(1)),
        "p50_ms": ms(num(r"\n\s+50%\s+(\S+)").group(1)),
        "p99_ms": ms(num(r"\n\s+99%\s+(\S+)").group(1)),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "load_average_at_end": float(open(os.path.join(work, name + ".load")).read()),
        "socket_errors": dict(zip(["connect", "read", "write", "timeout"], map(int, sock.groups()))) if sock
                         else {"connect": 0, "read": 0, "write": 0, "timeout": 0},
    }

runs = [parse("direct", "replica-1 directly"), parse("nginx", "through nginx"),
        parse("killed", "through nginx, replica-$replicas killed (SIGKILL) 3 s in")]
runs[2]["nginx_upstream_errors"] = $upstream_errors
report = {
    "measured": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
    "machine": {"cores": os.cpu_count(), "load_average_before": "$load_before"},
    "replicas": $replicas,
    "database_requested": "$database",
    "database_reported_by_health": "$reported" or None,
    "wrk": "wrk -t2 -c32 -d10s --latency, GET /api/products/<random 1..2000>/similar?k=12 (seed 42)",
    "killed_replica_at_utc": "$killed_at",
    "runs": runs,
}
json.dump(report, open(out, "w"), indent=2)
open(out, "a").write("\n")
print(f"{'run':<48} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'socket errors':>14} {'load':>6}")
for r in runs:
    print(f"{r['run']:<48} {r['requests_per_second']:>9.0f} {r['p50_ms']:>8} {r['p99_ms']:>8} {r['non_2xx']:>8} "
          f"{sum(r['socket_errors'].values()):>14} {r['load_average_at_end']:>6}")
print(f"nginx met {$upstream_errors} upstream error(s) during the kill and retried them; load average before: $load_before")
EOF
say "saved $out (database reported by /health: ${reported:-none})"
