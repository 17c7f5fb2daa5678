#!/usr/bin/env bash
# Benchmark of `import vectors` (see README, "Bring your own embeddings"): makes a data directory of COUNT products
# (straight into SQLite), a COUNT × DIM float32 .npy file and its ids file, runs the verb once on a fresh store, and
# prints and saves the figures (docs/benchmarks/import-vectors.json). Not a test: nothing is asserted.
# Example: ./scripts/bench-import-vectors.sh --count 2000000 --dim 512
# The generated files (COUNT × DIM × 4 bytes, twice: the .npy and the store) go under WORK (default /tmp/vrs-bench-import-vectors)
# and are deleted at the end unless --keep is given.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=2000000
DIM=512
WORK=/tmp/vrs-bench-import-vectors
OUT=docs/benchmarks/import-vectors.json
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --dim) DIM="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --output) OUT="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build VisualRecSys.Web -c Release -nologo -v q >/dev/null
APP=VisualRecSys.Web/bin/Release/net10.0/linux-x64/VisualRecSys.Web.dll
rm -rf "$WORK"
mkdir -p "$WORK"
DATA="$WORK/data"

# The database through the app's own migrations, then COUNT products in one statement (no images: the verb reads none).
dotnet "$APP" user list --data-dir "$DATA" >/dev/null 2>&1
clock=$(date +%s.%N)
sqlite3 "$DATA/visualrecsys.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
INSERT INTO Categories(Name) VALUES ('Bench');
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < $COUNT)
INSERT INTO Products(Id, Title, CategoryId, ImageFile, CreatedAt, SourceKey)
SELECT x, 'Product ' || x, (SELECT Id FROM Categories WHERE Name = 'Bench'), 'none/' || x || '.png', 0, 'sku-' || x FROM n;
SQL
products_s=$(printf "%.2f" "$(echo "$(date +%s.%N) - $clock" | bc)")

# The .npy (format 1.0, '<f4', C order), written as numpy.save lays it out; its rows repeat a seeded block of 1,024
# (the content does not change the import's work), and the ids file, one product per row.
clock=$(date +%s.%N)
python3 - "$WORK/vectors.npy" "$WORK/ids.csv" "$COUNT" "$DIM" <<'PY'
import array, random, struct, sys
path, ids_path, count, dim = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }" % (count, dim)
header += " " * (63 - (10 + len(header)) % 64) + "\n"
rnd = random.Random(42)
block_rows = 1024
block = array.array('f', (rnd.uniform(-1, 1) for _ in range(block_rows * dim))).tobytes()
with open(path, "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("ascii"))
    done = 0
    while done < count:
        rows = min(block_rows, count - done)
        f.write(block[: rows * dim * 4])
        done += rows
with open(ids_path, "w") as f:
    f.write("id\n")
    f.write("\n".join(str(i) for i in range(1, count + 1)))
    f.write("\n")
PY
files_s=$(printf "%.2f" "$(echo "$(date +%s.%N) - $clock" | bc)")
npy_bytes=$(stat -c %s "$WORK/vectors.npy")

# The verb, timed from outside (process start and database included), with its peak resident set.
/usr/bin/time -f "%e %M" -o "$WORK/time.txt" dotnet "$APP" import vectors "$WORK/vectors.npy" --model bench-vectors --dim "$DIM" \
  --ids "$WORK/ids.csv" --data-dir "$DATA" | tee "$WORK/verb.txt" | tail -2
read -r wall_s peak_kb < "$WORK/time.txt"
verb_s=$(grep -o 'in [0-9.]* s' "$WORK/verb.txt" | head -1 | tr -dc '0-9.')
store_bytes=$(stat -c %s "$DATA/embeddings/bench-vectors.vecs")
rows_per_s=$(echo "$COUNT / $wall_s" | bc)
mb_per_s=$(echo "$npy_bytes / $wall_s / 1000000" | bc)

mkdir -p "$(dirname "$OUT")"
cat > "$OUT" <<JSON
{
  "command": "./scripts/bench-import-vectors.sh --count $COUNT --dim $DIM",
  "measured_at": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "machine": "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM",
  "load_average_after": "$(cut -d' ' -f1-3 /proc/loadavg)",
  "rows": $COUNT,
  "dimension": $DIM,
  "npy_bytes": $npy_bytes,
  "store_bytes": $store_bytes,
  "verb_wall_seconds": $wall_s,
  "verb_reported_seconds": $verb_s,
  "rows_per_second": $rows_per_s,
  "npy_megabytes_per_second": $mb_per_s,
  "verb_peak_rss_kb": $peak_kb,
  "setup_products_seconds": $products_s,
  "setup_files_seconds": $files_s,
  "notes": "Wall time of the whole process (start, database, id checks, NaN/Inf pass, append with checksums, fsync). The .npy was just written, so it is read from the page cache. The peak resident set counts the mapped file's pages the passes touch (file-backed, not managed memory)."
}
JSON
echo "import vectors: $COUNT × $DIM ($npy_bytes bytes) in $wall_s s wall ($rows_per_s rows/s, $mb_per_s MB/s), peak RSS $((peak_kb / 1024)) MB; saved $OUT"
if [ "$KEEP" = 0 ]; then rm -rf "$WORK"; fi
