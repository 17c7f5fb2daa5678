#!/usr/bin/env bash
# Runs VisualRecSys as several replicas behind nginx on this machine, sharing one database and one data folder
# (README, "Running several replicas"):
#
#   ./scripts/run-cluster.sh [--replicas 2] [--port 5180] [--data-dir DIR] [--database postgres|sqlite] [--no-build]
#
# It starts a private PostgreSQL (--database postgres, the default), builds the app once, starts replica 1 and waits
# until it has prepared the demo catalog, starts the other replicas, then nginx on --port in front of them. It stays in
# the foreground until Ctrl+C or SIGTERM and then stops everything it started.
#
# Folders: without --data-dir everything lives in a temporary folder removed at the end; with --data-dir DIR, DIR is the
# replicas' shared VisualRecSys:DataDirectory (kept, so the next start skips the catalog's preparation) and the
# cluster's own parts (PostgreSQL's data, nginx's config, logs) go to DIR/cluster.
#
# Killed with SIGKILL (the script's whole process group, as `kill -9 -- -PGID` or the shared check do), the replicas,
# nginx and the postmaster die with it (all stay in the script's process group: PostgreSQL runs in the foreground, not
# through pg_ctl, which would move it to a session of its own); PostgreSQL's own children put themselves in groups of
# their own but exit by themselves within moments of the postmaster's death. Only the temporary folder stays behind:
# the next run removes it (its lock is free then). Killing only the script's pid with SIGKILL leaves its children
# running: stop them with `kill -- -PGID`.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '5p' "$0" | sed 's/^#  *//'
  exit "${1:-0}"
}

replicas=2
port=5180
data_dir=""
database=postgres
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas=${2:?--replicas needs a number}; shift 2 ;;
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --data-dir) data_dir=${2:?--data-dir needs a folder}; shift 2 ;;
    --database) database=${2:?--database needs postgres or sqlite}; shift 2 ;;
    --no-build) build=0; shift ;;
    -h | --help) usage 0 ;;
    *) echo "run-cluster: unknown option $1" >&2; usage 2 >&2 ;;
  esac
done
[[ $replicas =~ ^[1-9][0-9]?$ ]] || { echo "run-cluster: --replicas must be 1..99, not $replicas" >&2; exit 2; }
if ! [[ $port =~ ^[0-9]+$ ]] || (( port < 1024 || port + replicas > 65535 )); then
  echo "run-cluster: --port must be 1024..$((65535 - replicas)), not $port" >&2
  exit 2
fi
case "$database" in
  postgres) app_provider=PostgreSQL ;;
  sqlite) app_provider=Sqlite ;;
  *) echo "run-cluster: --database must be postgres or sqlite, not $database" >&2; exit 2 ;;
esac

# The first start imports, embeds and indexes the 2,000 demo products: 1-3 minutes on 2 idle cores, more when the
# machine is busy. Later replicas find the work done and only load the index.
first_replica_timeout=900
replica_timeout=300

say() { printf 'run-cluster: %s\n' "$*"; }

# ---------------------------------------------------------------------------------------------------------------
# Everything started is recorded here so that stop_all can stop exactly that, by process id.
pg_pid=""
nginx_pid=""
replica_pids=()    # `dotnet run` of replica i at index i-1 (it forwards SIGTERM to the app it starts)
app_pids=()        # the apps themselves (children of `dotnet run`), once they answer
root=""            # the run's folder (temporary, or DIR/cluster)
temporary=0
stopping=0

# pid_alive PID: whether the process still runs (bash reaps its children as they exit, so a dead one is gone).
pid_alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

# stop_pids SIGNAL SECONDS PID...: sends SIGNAL, waits up to SECONDS for all to exit, then SIGKILLs what is left.
stop_pids() {
  local signal=$1 seconds=$2; shift 2
  local pid
  for pid in "$@"; do
    if pid_alive "$pid"; then kill -"$signal" "$pid" 2>/dev/null || true; fi
  done
  local deadline=$((SECONDS + seconds))
  while (( SECONDS < deadline )); do
    local left=0
    for pid in "$@"; do pid_alive "$pid" && left=1; done
    (( left )) || return 0
    sleep 0.2
  done
  for pid in "$@"; do
    if pid_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
}

stop_all() {
  (( stopping )) && return 0
  stopping=1
  trap '' INT TERM
  # The proxy first, so no request reaches a replica that is stopping; then the replicas, which close their database
  # connections; then PostgreSQL (SIGINT: fast shutdown, it does not wait for clients).
  if [ -n "$nginx_pid" ]; then stop_pids TERM 5 "$nginx_pid"; fi
  # The apps by their own pids too (those still starting are found now, as children of `dotnet run`): an app whose
  # `dotnet run` is gone, or is SIGKILLed below, would otherwise keep running.
  local pid child
  for pid in "${replica_pids[@]}"; do
    while read -r child; do app_pids+=("$child"); done < <(pgrep -P "$pid" || true)
  done
  if [ ${#replica_pids[@]} -gt 0 ]; then stop_pids TERM 15 "${replica_pids[@]}" "${app_pids[@]}"; fi
  if [ -n "$pg_pid" ]; then stop_pids INT 15 "$pg_pid"; fi
  if (( temporary )) && [ -n "$root" ]; then
    remove_run_folder "$root"
  fi
  if [ -n "$root" ]; then say "stopped"; fi
}

on_signal() {
  say "$1: stopping replicas, nginx and PostgreSQL"
  stop_all
  exit "$2"
}
trap stop_all EXIT
trap 'on_signal interrupted 130' INT
trap 'on_signal terminated 143' TERM

# fail MESSAGE [LOG]: one clear line, the tail of the failing part's log, then everything started is stopped (EXIT).
# .NET stack frames are left out of the tail: the exception's message above them is what says why.
fail() {
  say "FAILED: $1${2:+ (log: $2)}" >&2
  if [ -n "${2:-}" ] && [ -s "$2" ]; then
    grep -v -E '^[[:space:]]+at |^[[:space:]]*--- End of' "$2" | tail -n 15 | sed 's/^/    /' >&2
  fi
  exit 1
}

# port_busy PORT: whether something accepts connections on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port: a port nothing listens on now (the kernel's choice for a bind to port 0).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---------------------------------------------------------------------------------------------------------------
# Preflight: every tool and port before anything starts, so a missing piece fails in a second, not after a build.
command -v dotnet >/dev/null || fail "dotnet is not on PATH (the .NET 10 SDK is needed)"
command -v curl >/dev/null || fail "curl is missing (apt-get install curl)"
command -v flock >/dev/null || fail "flock is missing (util-linux)"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || fail "nginx is missing: run ./scripts/install-prerequisites.sh"
if [ "$database" = postgres ]; then
  # Debian's postgresql package puts the server outside PATH, one folder per major version: take the newest.
  pg_bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/postgres" ]; then
    fail "PostgreSQL is missing (no /usr/lib/postgresql/*/bin/postgres): run ./scripts/install-prerequisites.sh"
  fi
  command -v python3 >/dev/null || fail "python3 is missing (used to find a free port for PostgreSQL)"
fi
for p in "$port" $(seq $((port + 1)) $((port + replicas))); do
  port_busy "$p" && fail "port $p is in use (the proxy takes --port, the replicas the next $replicas ports)"
done

# release_postgres_memory FOLDER: the small System V segment a killed postmaster leaves (a clean stop removes it,
# and a new server on the same data folder would too; a removed folder gets no new server). Line 7 of
# postmaster.pid holds its key and id: only that segment, still with that key and nothing attached, is removed.
release_postgres_memory() {
  local pid_file="$1/postgres/data/postmaster.pid" key="" id=""
  [ -f "$pid_file" ] || return 0
  read -r key id < <(sed -n 7p "$pid_file") || true
  [[ $key =~ ^[0-9]+$ && $id =~ ^[0-9]+$ ]] || return 0
  if ipcs -m | awk -v k="$(printf '0x%08x' "$key")" -v id="$id" '$1 == k && $2 == id && $6 == 0 { f = 1 } END { exit !f }'
  then
    ipcrm -m "$id" 2>/dev/null || true
  fi
}

# remove_run_folder FOLDER: its lock last, so a removal cut short (SIGKILL) is finished by the next run's sweep.
remove_run_folder() {
  find "$1" -mindepth 1 -maxdepth 1 ! -name lock -exec rm -rf {} +
  rm -rf "$1"
}

# Runs from earlier invocations that were killed with SIGKILL left their temporary folder: a run holds the lock
# file in its folder while it, or anything it started, lives, so a free lock means nothing of that run is left.
tmp_base=${TMPDIR:-/tmp}
for old in "$tmp_base"/vrs-cluster.*; do
  [ -f "$old/lock" ] || continue
  if flock -n "$old/lock" true 2>/dev/null; then
    release_postgres_memory "$old"
    remove_run_folder "$old" && say "removed $old, left by an earlier run that was killed"
  fi
done

if [ -n "$data_dir" ]; then
  mkdir -p "$data_dir"
  data_dir=$(cd "$data_dir" && pwd)
  root="$data_dir/cluster"
  mkdir -p "$root"
  app_data="$data_dir"
else
  root=$(mktemp -d "$tmp_base/vrs-cluster.XXXXXX")
  temporary=1
  app_data="$root/data"
fi
# One run per folder: two runs on one PostgreSQL data folder or one nginx pid file would break each other.
# The lock is inherited by everything started below, which is what the stale-folder sweep above relies on.
exec 9>"$root/lock"
flock -n 9 || fail "another run-cluster.sh is using $root"
logs="$root/logs"
mkdir -p "$logs" "$app_data"
# PostgreSQL (as root) runs as the postgres user and nginx's workers as nobody: both must be able to walk into the
# run's folder. mktemp makes it private (0700); traversal without listing (0711) is enough for them.
chmod 0711 "$root"
say "run folder $root ($( ((temporary)) && echo "temporary, removed at the end" || echo kept))"

# ---------------------------------------------------------------------------------------------------------------
# The app, built once: the replicas run the same binaries with --no-build.
if (( build )); then
  say "building VisualRecSys.Web (Release); log $logs/build.log"
  dotnet build VisualRecSys.Web -c Release -nologo -v q >"$logs/build.log" 2>&1 \
    || fail "dotnet build VisualRecSys.Web -c Release failed" "$logs/build.log"
fi

# ---------------------------------------------------------------------------------------------------------------
# PostgreSQL: a private cluster (not the system's), trust authentication on loopback only, socket in its folder.
connection_string=""
if [ "$database" = postgres ]; then
  pg_dir="$root/postgres"
  pg_log="$logs/postgres.log"
  pg_port=$(free_port)
  mkdir -p "$pg_dir"
  # initdb and postgres refuse to run as root: as root they run as the postgres user on a folder it owns.
  # setpriv execs the server in place (no su/runuser parent in between, which would kill it two seconds after a
  # signal), so the postmaster is this script's child, in its process group.
  as_postgres=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || fail "no postgres user (the postgresql package creates it)"
    chown postgres: "$pg_dir"
    setpriv --reuid postgres --regid postgres --init-groups -- test -w "$pg_dir" \
      || fail "the postgres user cannot reach $pg_dir: choose a --data-dir under a folder others may enter (e.g. /tmp or /srv)"
    as_postgres=(setpriv --reuid postgres --regid postgres --init-groups --)
  fi
  if [ ! -f "$pg_dir/data/PG_VERSION" ]; then
    # trust: only loopback and the socket in a private folder can connect (listen_addresses below), and a
    # throw-away cluster has no password to manage. C.UTF-8 so the cluster does not depend on installed locales.
    (cd "$pg_dir" && "${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust \
      -E UTF8 --locale=C.UTF-8) >"$logs/initdb.log" 2>&1 || fail "initdb failed" "$logs/initdb.log"
  fi
  # -k: the socket in the run's folder, not /var/run/postgresql (the system cluster's, not writable as non-root).
  # max_connections: Npgsql pools up to 100 connections per replica by default, plus a few for psql.
  (cd "$pg_dir" && exec "${as_postgres[@]}" "$pg_bin/postgres" -D "$pg_dir/data" -p "$pg_port" -k "$pg_dir" \
    -c listen_addresses=127.0.0.1 -c max_connections=$((replicas * 100 + 10))) >"$pg_log" 2>&1 &
  pg_pid=$!
  for _ in $(seq 1 60); do
    "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break
    pid_alive "$pg_pid" || fail "PostgreSQL exited during start" "$pg_log"
    sleep 0.5
  done
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" || fail "PostgreSQL did not accept connections in 30 s" "$pg_log"
  psql=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -X -q -A -t -v ON_ERROR_STOP=1)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'visualrecsys'" 2>>"$pg_log")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE visualrecsys" >>"$pg_log" 2>&1 || fail "could not create database visualrecsys" "$pg_log"
  fi
  connection_string="Host=127.0.0.1;Port=$pg_port;Database=visualrecsys;Username=postgres"
  say "postgres   PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (socket in $pg_dir), database visualrecsys, pid $pg_pid; log $pg_log"
fi

# ---------------------------------------------------------------------------------------------------------------
# Replicas: the same build, each on its own loopback port, all on the shared data folder and database.
start_replica() {
  local i=$1
  local rport=$((port + i)) log="$logs/replica-$i.log"
  local vars=(
    "VisualRecSys__Database__Provider=$app_provider"
    "VisualRecSys__InstanceName=replica-$i"
    "VisualRecSys__DataDirectory=$app_data"
    # nginx is on this machine: believe its X-Forwarded-For, so rate limits see each client, not one local address.
    "VisualRecSys__TrustedProxies__Addresses__0=127.0.0.1"
    ASPNETCORE_ENVIRONMENT=Production
  )
  [ -n "$connection_string" ] && vars+=("ConnectionStrings__VisualRecSys=$connection_string")
  env "${vars[@]}" dotnet run --project VisualRecSys.Web -c Release --no-build --no-launch-profile \
    --urls "http://127.0.0.1:$rport" >"$log" 2>&1 &
  replica_pids[i-1]=$!
}

# wait_replica I SECONDS: until replica I lists a product (GET /api/products answers 503 while the catalog is prepared).
wait_replica() {
  local i=$1 limit=$2 rport=$((port + $1)) start=$SECONDS child
  while (( SECONDS - start < limit )); do
    if curl -sf --max-time 5 "http://127.0.0.1:$rport/api/products" 2>/dev/null | grep -q '"id"'; then
      while read -r child; do app_pids+=("$child"); done < <(pgrep -P "${replica_pids[i-1]}" || true)
      return 0
    fi
    pid_alive "${replica_pids[i-1]}" || fail "replica-$i exited during start" "$logs/replica-$i.log"
    sleep 2
  done
  fail "replica-$i did not list a product on http://127.0.0.1:$rport/api/products within $limit s" "$logs/replica-$i.log"
}

# Replica 1 alone first: it migrates the database and prepares the catalog; the others would only wait for its lock.
say "replica-1  starting on http://127.0.0.1:$((port + 1)); the first start prepares the demo catalog (1-3 min)"
started=$SECONDS
start_replica 1
wait_replica 1 "$first_replica_timeout"
say "replica-1  http://127.0.0.1:$((port + 1)), pid ${app_pids[0]:-?} (dotnet run ${replica_pids[0]}), catalog ready after $((SECONDS - started)) s; log $logs/replica-1.log"
started=$SECONDS
for i in $(seq 2 "$replicas"); do start_replica "$i"; done
for i in $(seq 2 "$replicas"); do
  wait_replica "$i" "$replica_timeout"
  say "replica-$i  http://127.0.0.1:$((port + i)), pid ${app_pids[i-1]:-?} (dotnet run ${replica_pids[i-1]}), serving after $((SECONDS - started)) s; log $logs/replica-$i.log"
done

# ---------------------------------------------------------------------------------------------------------------
# nginx: a generated config for this run only, in the foreground (daemon off) so it stays this script's child.
nginx_dir="$root/nginx"
mkdir -p "$nginx_dir"
chmod 0755 "$nginx_dir"
upstream_servers=""
for i in $(seq 1 "$replicas"); do
  # max_fails=1 fail_timeout=2s: one failed connection takes a dead replica out for 2 s (then one request tries it).
  upstream_servers+="        server 127.0.0.1:$((port + i)) max_fails=1 fail_timeout=2s;"$'\n'
done
# Upload searches take up to 8 images of VisualRecSys:Embedding:MaxImageBytes (20 MB) plus 64 KB of form
# (ImageSearchEndpoints): 8 x 20 MiB + 64 KiB fits in 161 MiB.
cat >"$nginx_dir/nginx.conf" <<EOF
# Generated by scripts/run-cluster.sh for one run; rewritten at every start.
daemon off;
worker_processes auto;
pid $nginx_dir/nginx.pid;
error_log $logs/nginx-error.log notice;

events {
    worker_connections 4096;
}

http {
    log_format upstream '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent '
                        'upstream=\$upstream_addr upstream_status=\$upstream_status time=\$request_time';
    access_log $logs/nginx-access.log upstream buffer=64k flush=1s;

    # Debian's nginx is built with temp paths in /var/lib/nginx: keep this run's own.
    client_body_temp_path $nginx_dir/client_body;
    proxy_temp_path $nginx_dir/proxy;
    fastcgi_temp_path $nginx_dir/fastcgi;
    uwsgi_temp_path $nginx_dir/uwsgi;
    scgi_temp_path $nginx_dir/scgi;

    # WebSocket upgrade for Blazor's /_blazor; other requests send an empty Connection header so the keep-alive
    # connections to the replicas stay open.
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ""      "";
    }

    # Sticky sessions for Blazor circuits (a circuit lives in one replica's memory). Open-source nginx has no
    # "sticky cookie": a browser without the cookie is hashed by this request's id and given that id as its cookie,
    # so its later requests hash to the same replica; clients that keep no cookies (wrk, API clients) spread.
    map \$cookie_vrs_affinity \$affinity {
        ""      \$request_id;
        default \$cookie_vrs_affinity;
    }
    map \$cookie_vrs_affinity \$affinity_cookie {
        ""      "vrs_affinity=\$request_id; Path=/; HttpOnly; SameSite=Lax";
        default "";
    }

    upstream visualrecsys {
        hash \$affinity consistent;
$upstream_servers        keepalive 64;
        keepalive_requests 100000;
    }

    server {
        listen 127.0.0.1:$port;
        server_name _;
        keepalive_requests 100000;
        client_max_body_size 161m;

        # No proxy_set_header in the locations below: one there would drop all of these.
        proxy_http_version 1.1;
        proxy_set_header Host \$http_host;
        proxy_set_header Upgrade \$http_upgrade;
        proxy_set_header Connection \$connection_upgrade;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Forwarded-Host \$http_host;

        # A dead replica refuses connections at once; a hung one is given 1 s. Such requests go to the next replica;
        # nginx never resends a request with a non-idempotent method (POST) once it reached a replica.
        proxy_connect_timeout 1s;
        proxy_next_upstream error timeout http_502 http_503;
        proxy_next_upstream_timeout 10s;

        # An empty value adds no header: only responses to a browser without the cookie set it.
        add_header Set-Cookie \$affinity_cookie always;

        location / {
            proxy_pass http://visualrecsys;
        }

        # Blazor's circuit: a WebSocket (or, as fallbacks, server-sent events and long polling) open for as long as
        # the page is: no buffering, and no read timeout before the circuit's own (Blazor pings every 15 s).
        location /_blazor {
            proxy_pass http://visualrecsys;
            proxy_buffering off;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
        }
    }
}
EOF
# -e: Debian's nginx writes its early errors to stderr by default; keep them with the run's log.
"$nginx_bin" -t -q -p "$nginx_dir" -e "$logs/nginx-error.log" -c "$nginx_dir/nginx.conf" >"$logs/nginx-test.log" 2>&1 \
  || fail "nginx rejected the generated config $nginx_dir/nginx.conf" "$logs/nginx-test.log"
"$nginx_bin" -p "$nginx_dir" -e "$logs/nginx-error.log" -c "$nginx_dir/nginx.conf" >"$logs/nginx.out" 2>&1 &
nginx_pid=$!
for _ in $(seq 1 50); do
  curl -sf --max-time 5 -o /dev/null "http://127.0.0.1:$port/health" && break
  pid_alive "$nginx_pid" || fail "nginx exited during start" "$logs/nginx-error.log"
  sleep 0.2
done
curl -sf --max-time 5 -o /dev/null "http://127.0.0.1:$port/health" \
  || fail "nginx did not answer on http://127.0.0.1:$port/health within 10 s" "$logs/nginx-error.log"
say "nginx      http://127.0.0.1:$port -> $replicas replicas, pid $nginx_pid; logs $logs/nginx-access.log, $logs/nginx-error.log"

# The database the app reports (GET /health "database", from the PostgreSQL provider on): a build without it
# ignores the provider setting and uses SQLite in the data folder, which is worth a line rather than a failure.
health=$(curl -sf --max-time 5 "http://127.0.0.1:$port/health" || true)
reported=$(sed -n 's/.*"database":"\([^"]*\)".*/\1/p' <<<"$health")
if [ "$reported" != "$app_provider" ]; then
  say "warning: /health reports database '${reported:-(none)}', not $app_provider: this build of the app does not read VisualRecSys:Database:Provider yet"
fi
say "ready      http://127.0.0.1:$port ($replicas replicas, database $app_provider, data $app_data); Ctrl+C stops everything"

# ---------------------------------------------------------------------------------------------------------------
# Foreground: `wait` (unlike sleep) returns at once on a signal, so the traps run without delay. A replica that
# exits is reported and the cluster serves on with the others (nginx routes around it); nginx or PostgreSQL exiting,
# or the last replica, ends the run.
declare -A part=()
[ -n "$pg_pid" ] && part[$pg_pid]=postgres
part[$nginx_pid]=nginx
for i in $(seq 1 "$replicas"); do part[${replica_pids[i-1]}]="replica-$i"; done
alive=$replicas
while :; do
  exited=""
  code=0
  wait -n -p exited "${!part[@]}" || code=$?
  [ -n "$exited" ] || continue
  name=${part[$exited]}
  unset "part[$exited]"
  case "$name" in
    postgres) fail "PostgreSQL exited (code $code)" "$pg_log" ;;
    nginx) fail "nginx exited (code $code)" "$logs/nginx-error.log" ;;
    *)
      alive=$((alive - 1))
      (( alive > 0 )) || fail "the last replica, $name, exited (code $code)" "$logs/$name.log"
      say "$name exited (code $code); $alive replica(s) left serving; log $logs/$name.log"
      ;;
  esac
done
