#!/usr/bin/env bash
# The app on the scale catalog (README, "Scale"): makes the catalog when the data directory has none
# (tools/VisualRecSys.Bench make-catalog, then the app's build-index), starts the app on it and measures
#   - the time from starting the process to the first answer of /api/products/{id}/similar,
#   - its resident memory when the catalog is ready, before the first query,
#   - wrk -t2 -c32 -d10s on similar items (k = 12) of random products,
#   - wrk -t2 -c16 -d10s on store pages: the store grid at random pages and categories, product pages, /api/products.
# Prints a table and saves docs/benchmarks/scale-app.json. Figures, not assertions: nothing here fails on a slow run.
# The index is built with --search-k (default 5000: what `bench index` measures recall@10 >= 0.95 with at 2M and 10
# trees), so the similar items measured are as good as the bench's; a data directory whose active build has another
# search_k gets a new build first.
# Example: ./scripts/scale-app-bench.sh --data-dir /tmp/scale --count 2000000 --dim 512
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=data/scale
count=2000000
dim=512
port=5095
search_k=5000
out=docs/benchmarks/scale-app.json
build=1
app=VisualRecSys.Web/bin/Release/net10.0/linux-x64/VisualRecSys.Web.dll
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data_dir=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --dim) dim=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --search-k) search_k=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --app) app=$2; build=0; shift 2 ;;
    *) echo "usage: $0 [--data-dir DIR] [--count N] [--dim D] [--port P] [--search-k N] [--out FILE] [--no-build | --app VisualRecSys.Web.dll]" >&2; exit 2 ;;
  esac
done

say() { echo "scale-app-bench: $*"; }
die() { say "FAILED: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
command -v curl >/dev/null || die "curl is missing"

if [ "$build" = 1 ]; then
  dotnet build VisualRecSys.Web -c Release -nologo -v q
  dotnet build tools/VisualRecSys.Bench -c Release -nologo -v q
fi
bench=tools/VisualRecSys.Bench/bin/Release/net10.0/linux-x64/VisualRecSys.Bench.dll
export VisualRecSys__AssetsDirectory="$PWD/wwwroot-assets" VisualRecSys__SeedCatalog=none ASPNETCORE_ENVIRONMENT=Production
data_dir=$(realpath -m "$data_dir")
work=$(mktemp -d -t vrs-scale-bench.XXXXXX)
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill -TERM "$app_pid"; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# peak_kb LOG: the "Maximum resident set size" GNU time wrote.
peak_kb() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
make_s=None; make_peak_kb=None; index_s=None; index_peak_kb=None
if [ ! -f "$data_dir/visualrecsys.db" ]; then
  say "making the catalog: $count products, $dim-d vectors, in $data_dir"
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/make.time" dotnet "$bench" make-catalog --count "$count" --dim "$dim" --data-dir "$data_dir" | grep -v '^  '
  make_s=$(echo "$(date +%s.%N) - $start" | bc); make_peak_kb=$(peak_kb "$work/make.time")
fi
active_search_k=$(python3 -c "import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute('select SearchK from IndexBuilds where IsActive').fetchone(); print(r[0] if r else -1)" "$data_dir/visualrecsys.db")
if [ "$active_search_k" != "$search_k" ]; then
  say "building the index (10 trees, search_k $search_k)"
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/index.time" dotnet "$app" build-index --model fashion-mnist-projected --trees 10 --search-k "$search_k" --activate --data-dir "$data_dir"
  index_s=$(echo "$(date +%s.%N) - $start" | bc); index_peak_kb=$(peak_kb "$work/index.time")
fi
products=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select max(Id) from Products').fetchone()[0])" "$data_dir/visualrecsys.db")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Cold-ish start: the index file and the database come from the page cache if they are in it (say so in the report).
say "starting the app on $data_dir ($products products)"
start=$(date +%s.%N)
Logging__Console__TimestampFormat="HH:mm:ss.fff " dotnet "$app" --urls "http://127.0.0.1:$port" --VisualRecSys:DataDirectory="$data_dir" >"$work/app.log" 2>&1 &
app_pid=$!
url="http://127.0.0.1:$port"
until [ "$(curl -s "$url/api/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["phase"])' 2>/dev/null || true)" = Ready ]; do
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; die "the app exited"; }
  sleep 0.05
done
ready_s=$(echo "$(date +%s.%N) - $start" | bc)
rss_ready_kb=$(awk '/VmRSS/{print $2}' "/proc/$app_pid/status")
rss_anon_kb=$(awk '/RssAnon/{print $2}' "/proc/$app_pid/status")
until curl -sf "$url/api/products/1/similar?k=12" >/dev/null; do sleep 0.05; done
similar_s=$(echo "$(date +%s.%N) - $start" | bc)
say "ready after ${ready_s} s, first similar items after ${similar_s} s; resident ${rss_ready_kb} kB (${rss_anon_kb} kB anonymous)"

cat >"$work/similar.lua" <<LUA
math.randomseed(42)
request = function() return wrk.format("GET", "/api/products/" .. math.random(1, $products) .. "/similar?k=12") end
LUA
pages=$(( (products + 23) / 24 ))
cat >"$work/store.lua" <<LUA
-- A shopper's mix: the store grid at a random page (all, or one category), a product's page, the listing API.
math.randomseed(7)
local categories = {"T-shirt%2Ftop", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle%20boot"}
request = function()
  local r = math.random(1, 4)
  if r == 1 then return wrk.format("GET", "/store?page=" .. math.random(1, $pages)) end
  if r == 2 then return wrk.format("GET", "/store?category=" .. categories[math.random(1, 10)] .. "&page=" .. math.random(1, $pages / 10)) end
  if r == 3 then return wrk.format("GET", "/products/" .. math.random(1, $products)) end
  return wrk.format("GET", "/api/products?page=" .. math.random(1, $pages) .. "&pageSize=24")
end
LUA
say "warm-up: 5 s of each mix"
wrk -t2 -c32 -d5s -s "$work/similar.lua" "$url" >/dev/null
wrk -t2 -c16 -d5s -s "$work/store.lua" "$url" >/dev/null
say "similar items: wrk -t2 -c32 -d10s"
wrk -t2 -c32 -d10s --latency -s "$work/similar.lua" "$url" | tee "$work/similar.txt"
cut -d' ' -f1 /proc/loadavg >"$work/similar.load"
say "store pages: wrk -t2 -c16 -d10s"
wrk -t2 -c16 -d10s --latency -s "$work/store.lua" "$url" | tee "$work/store.txt"
cut -d' ' -f1 /proc/loadavg >"$work/store.load"
rss_after_kb=$(awk '/VmRSS/{print $2}' "/proc/$app_pid/status")

mkdir -p "$(dirname "$out")"
python3 - "$work" "$out" <<EOF
import json, re, subprocess, sys, datetime, os
work, out = sys.argv[1], sys.argv[2]

def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return round(float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)], 2)

def parse(name, wrk):
    text = open(os.path.join(work, name + ".txt")).read()
    num = lambda pattern: re.search(pattern, text)
    non2xx = num(r"Non-2xx or 3xx responses: (\d+)")
    return {"wrk": wrk, "requests_per_second": float(num(r"Requests/sec:\s+([\d.]+)").group(1)),
            "p50_ms": ms(num(r"\n\s+50%\s+(\S+)").group(1)), "p99_ms": ms(num(r"\n\s+99%\s+(\S+)").group(1)),
            "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "load_average_at_end": float(open(os.path.join(work, name + ".load")).read())}

report = {
    "measured": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
    "machine": {"cores": os.cpu_count(), "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)},
    # The dimension from the store's size: a row is an id and dim floats (block headers are a rounding error).
    "catalog": {"products": $products, "model": "fashion-mnist-projected", "data_dir": "$data_dir",
                "dim": round((os.path.getsize("$data_dir/embeddings/fashion-mnist-projected.vecs") / $products - 4) / 4)},
    "make_catalog_s": $make_s, "make_catalog_peak_rss_kb": $make_peak_kb,
    "search_k": $search_k, "build_index_s": $index_s, "build_index_peak_rss_kb": $index_peak_kb,
    "start_to_ready_s": round($ready_s, 2), "start_to_first_similar_s": round($similar_s, 2),
    "load_average_before": "$load_before", "rss_at_ready_kb": $rss_ready_kb, "rss_anonymous_at_ready_kb": $rss_anon_kb, "rss_after_load_kb": $rss_after_kb,
    "similar": parse("similar", "wrk -t2 -c32 -d10s --latency, GET /api/products/<random>/similar?k=12 (seed 42)"),
    "store_pages": parse("store", "wrk -t2 -c16 -d10s --latency: /store?page=<random>, /store?category=<random>&page=<random>, /products/<random>, /api/products?page=<random> (seed 7)"),
    "targets": {"start_to_first_similar_s": 20, "rss_at_ready_gb": 3, "similar_rps": 2000, "similar_p99_ms": 25, "store_p99_ms": 300},
}
json.dump(report, open(out, "w"), indent=2)
open(out, "a").write("\n")
s, p = report["similar"], report["store_pages"]
print(f"products {report['catalog']['products']:,}; start -> first similar {report['start_to_first_similar_s']} s (target <= 20); "
      f"resident at ready {report['rss_at_ready_kb']/2**20:.2f} GB, anonymous {report['rss_anonymous_at_ready_kb']/2**20:.2f} GB (target <= 3)")
print(f"{'run':<14} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'load':>6}")
for name, r in (("similar", s), ("store pages", p)):
    print(f"{name:<14} {r['requests_per_second']:>9.0f} {r['p50_ms']:>8} {r['p99_ms']:>8} {r['non_2xx']:>8} {r['load_average_at_end']:>6}")
EOF
cp "$work/app.log" "${out%.json}.app.log"
say "saved $out (the app's log: ${out%.json}.app.log)"
