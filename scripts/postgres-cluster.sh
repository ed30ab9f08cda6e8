#!/usr/bin/env bash
# Starts or stops local PostgreSQL servers for Segmenta's --engine postgres (docs/postgres.md).
#
#   scripts/postgres-cluster.sh start DIR          a coordinator and two shards (ports BASE, BASE+1, BASE+2)
#   scripts/postgres-cluster.sh start-single DIR   one server (port BASE)
#   scripts/postgres-cluster.sh start-password DIR one server (port BASE) that asks TCP clients for a password
#                                                  (scram-sha-256): $SEGMENTA_PG_PASSWORD, else a random one written to
#                                                  DIR/password (mode 600); connections.env names no password
#   scripts/postgres-cluster.sh stop DIR           stops every server started in DIR
#   scripts/postgres-cluster.sh status DIR         prints the connection strings of the running servers
#
# BASE is $SEGMENTA_PG_PORT or 54320. Servers listen on 127.0.0.1 only, trust local connections of the user
# "segmenta" (a superuser: the coordinator creates postgres_fdw servers) and keep their data in DIR/<name>.
# Debian's postgresql packages are installed with apt-get when no PostgreSQL binaries are found. PostgreSQL refuses
# to run as root, so a root caller runs the servers as the "postgres" system user (created by the package).
# DIR/connections.env gets SEGMENTA_PG_COORDINATOR, SEGMENTA_PG_SHARD1, SEGMENTA_PG_SHARD2 (Npgsql connection strings).
set -euo pipefail

usage() { echo "usage: $0 start|start-single|start-password|stop|status DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
base=${SEGMENTA_PG_PORT:-54320}

find_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$newest" ] && [ -x "$newest/initdb" ] && echo "$newest"
}

install_postgres() {
  echo "PostgreSQL not found: installing Debian's postgresql and postgresql-contrib (postgres_fdw)." >&2
  export DEBIAN_FRONTEND=noninteractive
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y -q postgresql postgresql-contrib >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q postgresql postgresql-contrib >/dev/null; }
}

# Runs a command as the user that owns the servers (postgres when called as root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_server() { # name port [password-file: TCP clients must give that password, scram-sha-256]
  local name=$1 port=$2 data="$dir/$1" auth=(--auth=trust)
  [ -n "${3:-}" ] && auth=(--auth-local=trust --auth-host=scram-sha-256 "--pwfile=$3")
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir" "$data"
    chmod 700 "$data"
    as_owner "$bindir/initdb" -D "$data" -U segmenta "${auth[@]}" --encoding=UTF8 --locale=C.UTF-8 >"$dir/$name.initdb.log" 2>&1 \
      || { cat "$dir/$name.initdb.log" >&2; exit 1; }
    cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
max_connections = 50
shared_buffers = 128MB
work_mem = 64MB
fsync = off
synchronous_commit = off
full_page_writes = off
max_parallel_workers_per_gather = 2
EOF
  fi
  if as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "$name already running on 127.0.0.1:$port"
  else
    as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/$name.log" -w -t 60 start >/dev/null \
      || { tail -n 20 "$dir/$name.log" >&2; exit 1; }
    echo "$name started on 127.0.0.1:$port"
  fi
}

stop_server() { # name
  local data="$dir/$1"
  [ -s "$data/PG_VERSION" ] || return 0
  if as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null && echo "$1 stopped"
  fi
}

write_env() { # names...
  local file="$dir/connections.env" port=$base
  : >"$file"
  for name in "$@"; do
    local var
    case $name in coordinator | single | secured) var=SEGMENTA_PG_COORDINATOR ;; shard1) var=SEGMENTA_PG_SHARD1 ;; shard2) var=SEGMENTA_PG_SHARD2 ;; esac
    echo "export $var=\"Host=127.0.0.1;Port=$port;Username=segmenta;Database=postgres\"" >>"$file"
    port=$((port + 1))
  done
  cat "$file"
}

bindir=$(find_bindir || true)
if [ -z "$bindir" ]; then
  [ "$action" = stop ] && exit 0
  install_postgres
  bindir=$(find_bindir || true)
  [ -n "$bindir" ] || { echo "PostgreSQL could not be installed (apt-get install postgresql failed)." >&2; exit 1; }
fi

case $action in
  start)
    start_server coordinator "$base"
    start_server shard1 $((base + 1))
    start_server shard2 $((base + 2))
    write_env coordinator shard1 shard2
    ;;
  start-single)
    start_server single "$base"
    write_env single
    ;;
  start-password)
    # The password file is read by initdb (run as the servers' owner) and by the caller; nobody else.
    if [ ! -s "$dir/password" ]; then
      (umask 077; printf '%s\n' "${SEGMENTA_PG_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}" >"$dir/password")
      [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/password"
    fi
    start_server secured "$base" "$dir/password"
    write_env secured
    ;;
  stop)
    for name in coordinator shard1 shard2 single secured; do stop_server "$name"; done
    ;;
  status)
    for name in coordinator shard1 shard2 single secured; do
      [ -s "$dir/$name/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$dir/$name" status >/dev/null 2>&1 && echo "$name running"
    done
    [ -f "$dir/connections.env" ] && cat "$dir/connections.env"
    ;;
  *) usage ;;
esac
