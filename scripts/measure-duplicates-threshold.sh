#!/usr/bin/env bash
# Measures the default cosine threshold of the duplicate scan (README, "Duplicates in the catalog"): the demo catalog
# plus 10 planted duplicates (scripts/plant-duplicates: the evaluation's seeded JPEG, tone, blur and noise edits) served by
# the app as the demo serves it (the shipped retrieval head), scanned at a low threshold through the admin API; prints
# and saves (docs/benchmarks/duplicates-threshold.json) the planted pairs' cosines, the highest cosine between distinct
# products, and the clusters found at the chosen default. Needs a built app (dotnet build) and curl, jq, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d /tmp/vrs-dup-measure.XXXXXX)
port="${PORT:-5191}"
base="http://127.0.0.1:$port"
cp -r wwwroot-assets/demo-catalog "$work/catalog"
csv="$work/catalog/catalog.csv"
# Ten originals spread over the catalog, each copied once by the evaluation's seeded edits (JPEG re-encode, tone, blur, noise).
dotnet run scripts/plant-duplicates/PlantDuplicates.cs -- "$csv" 101 305 512 777 1001 1203 1409 1618 1800 1999 >"$work/planted.txt"
cat "$work/planted.txt"

export VisualRecSys__DataDirectory="$work/data" VisualRecSys__SeedCatalog="$csv" VisualRecSys__AssetsDirectory="$root/wwwroot-assets"
# A throwaway admin for this private app only: a fresh random password, kept in a file only this user can read.
(umask 077; head -c 24 /dev/urandom | base64 | tr -d '\n' >"$work/admin-password")
export VisualRecSys__Admin__Email=measure@local.invalid
VisualRecSys__Admin__Password=$(cat "$work/admin-password")
export VisualRecSys__Admin__Password
# A copy of the built app: a build meanwhile must not change the files under the running app.
bin=$(dirname "$(find VisualRecSys.Web/bin -name VisualRecSys.Web.dll -path "*net10.0*" | head -1)")
cp -r "$bin" "$work/app"
dll="$work/app/VisualRecSys.Web.dll"
dotnet "$dll" --urls "$base" >"$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
started=$(date +%s)
until [[ $(curl -s "$base/api/status" | jq -r .phase 2>/dev/null) == Ready ]]; do
  sleep 2
  if ! kill -0 $app 2>/dev/null; then tail -20 "$work/app.log"; exit 1; fi
done
echo "ready in $(( $(date +%s) - started )) s"
jar="$work/cookies"
token=$(curl -s -c "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Email=$VisualRecSys__Admin__Email" \
  --data-urlencode "Password@$work/admin-password" --data-urlencode "ReturnUrl=/" "$base/account/sign-in"

scan() { # threshold -> report JSON in $work/scan-$1.json
  local job
  job=$(curl -s -b "$jar" -H 'Content-Type: application/json' -d "{\"threshold\": $1, \"neighbours\": 8}" "$base/api/admin/duplicates/scans" | jq -r .jobId)
  while [[ $(curl -s -b "$jar" "$base/api/admin/jobs/$job" | jq -r .status) == running ]]; do sleep 1; done
  curl -s -b "$jar" "$base/api/admin/jobs/$job" | jq -r .message
  curl -s -b "$jar" "$base/api/admin/duplicates?limit=1000" >"$work/scan-$1.json"
}
scan 0.8
model=$(curl -s "$base/api/status" | jq -r .index.modelId)
# The database numbers products itself: find the copies (and their originals) by title.
curl -s "$base/api/products?q=Planted%20copy&pageSize=100" >"$work/planted.json"
for original in $(cut -d' ' -f2 "$work/planted.txt"); do
  title=$(awk -F, -v id="$original" '$1==id {print $2}' "$csv")
  curl -s -G "$base/api/products" --data-urlencode "q=$title" --data-urlencode "pageSize=100" | jq -c --arg t "$title" --arg o "$original" \
    '{csv: ($o|tonumber), id: (.items[] | select(.title == $t) | .id)}'
done >"$work/originals.jsonl"
default=$(python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
originals = {j["csv"]: j["id"] for j in map(json.loads, open(f"{work}/originals.jsonl"))}
copies = {p["id"]: originals[int(p["title"].split("#")[1])] for p in json.load(open(f"{work}/planted.json"))["items"]}
members = {m["id"]: m for c in json.load(open(f"{work}/scan-0.8.json"))["clusters"] for m in c["members"]}
planted = min(members[c]["closestCosine"] if c in members and members[c]["closestId"] == o else 0 for c, o in copies.items())
involved = set(copies) | set(copies.values())
distinct = max(m["closestCosine"] for m in members.values() if m["id"] not in involved and m["closestId"] not in involved)
# Halfway between the two when they are apart; when some copies are less alike than the most alike distinct products
# (they are: a JPEG or noise copy of a 28-px image), the lowest threshold (to 0.005) at least 0.01 above the distinct
# maximum, so the catalog itself has no cluster and every copy above it is found.
import math
print(f"{int((planted + distinct) / 2 * 200) / 200:.3f}" if planted > distinct else f"{math.ceil((distinct + 0.01) * 200) / 200:.3f}")
PY
)
echo "default: $default"
scan "$default"
python3 - "$work" "$default" "$model" <<'PY'
import json, sys
work, default, model = sys.argv[1], float(sys.argv[2]), sys.argv[3]
originals = {j["csv"]: j["id"] for j in map(json.loads, open(f"{work}/originals.jsonl"))}
edits = {int(l.split()[1]): " ".join(l.split()[2:]) for l in open(f"{work}/planted.txt")}
planted = {p["id"]: (originals[int(p["title"].split("#")[1])], edits[int(p["title"].split("#")[1])]) for p in json.load(open(f"{work}/planted.json"))["items"]}
low = json.load(open(f"{work}/scan-0.8.json"))
members = {m["id"]: m for c in low["clusters"] for m in c["members"]}
pairs = []
for copy, (original, edit) in sorted(planted.items()):
    m = members.get(copy)
    pairs.append({"copy": copy, "original": original, "edit": edit,
                  "closest": m and m["closestId"], "cosine": m and round(m["closestCosine"], 4)})
# Distinct products: members whose closest is not a planted copy, planted copies and their originals left out.
involved = set(planted) | {o for o, _ in planted.values()}
distinct = sorted({(m["closestCosine"], min(m["id"], m["closestId"]), max(m["id"], m["closestId"])) for m in members.values()
                   if m["id"] not in involved and m["closestId"] not in involved})
at = json.load(open(f"{work}/scan-{sys.argv[2]}.json"))
clusters = [[m["id"] for m in c["members"]] for c in at["clusters"]]
planted_found = [c for c in clusters if any(i in planted for i in c)]
plain = [c for c in clusters if not any(i in involved for i in c)]
report = {
    "catalog": "demo catalog (2,000 Fashion-MNIST test images) + 10 planted copies",
    "model": model,
    "neighboursPerProduct": 8,
    "plantedPairs": pairs,
    "plantedMinCosine": min(p["cosine"] or 0 for p in pairs),
    "distinctMaxCosine": round(distinct[-1][0], 4) if distinct else None,
    "distinctTop10": [{"a": a, "b": b, "cosine": round(c, 4)} for c, a, b in reversed(distinct[-10:])],
    "distinctAbove": {str(t): sum(1 for c, _, _ in distinct if c >= t) for t in (0.85, 0.9, 0.92, 0.94, 0.96, 0.98)},
    "rule": "halfway between plantedMinCosine and distinctMaxCosine when planted > distinct, else the lowest 0.005 step at least 0.01 above distinctMaxCosine",
    "defaultThreshold": default,
    "atDefault": {"clusters": len(clusters), "clustersWithPlanted": len(planted_found),
                  "plantedFound": sum(1 for p in planted if any(p in c for c in clusters)),
                  "clustersOfDistinctProductsOnly": len(plain), "examples": clusters[:10]},
}
json.dump(report, open(f"{work}/report.json", "w"), indent=2)
print(json.dumps(report, indent=2))
PY
mkdir -p docs/benchmarks
cp "$work/report.json" docs/benchmarks/duplicates-threshold.json
echo "saved docs/benchmarks/duplicates-threshold.json"
rm -rf "$work"
