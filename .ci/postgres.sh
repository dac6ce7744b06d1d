#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with trust auth and a `test` database, for the
# store tests. Does nothing when one already answers; otherwise installs the Debian packages, starts the
# cluster, trusts loopback connections and creates the database. Safe to run (or source) repeatedly.
# Overrides: PG_HOST (127.0.0.1), PG_PORT (5432), PG_CLUSTER (main), PG_DATABASE (test), PG_WAIT_SECONDS (60).

rolecall_ci_postgres() (
  set -euo pipefail
  local host="${PG_HOST:-127.0.0.1}" port="${PG_PORT:-5432}" cluster="${PG_CLUSTER:-main}"
  local database="${PG_DATABASE:-test}" wait_seconds="${PG_WAIT_SECONDS:-60}"
  local log="${TMPDIR:-/tmp}/rolecall-ci-postgres.log"
  local -a did=()
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"

  answers() {
    if command -v pg_isready >/dev/null 2>&1; then
      pg_isready -q -h "$host" -p "$port"
    else
      # No client tools yet: an open port means some server (e.g. a CI service container) is there.
      (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
    fi
  }

  fail() {
    echo "postgres.sh: $*" >&2
    [ -s "$log" ] && tail -n 20 "$log" >&2
    return 1
  }

  if answers; then
    echo "postgres.sh: PostgreSQL already answers on $host:$port; nothing to do"
    return 0
  fi
  : >"$log"

  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update >>"$log" 2>&1 || fail "apt-get update failed (log: $log)"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >>"$log" 2>&1 ||
      fail "apt-get install postgresql failed (log: $log)"
    did+=("installed postgresql")
  fi

  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$version" ]; then
    version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$version" ] || fail "no PostgreSQL version found in /etc/postgresql or /usr/lib/postgresql"
  fi
  local conf="/etc/postgresql/$version/$cluster"

  if [ ! -f "$conf/postgresql.conf" ]; then
    $sudo pg_createcluster "$version" "$cluster" --port "$port" >>"$log" 2>&1 ||
      fail "pg_createcluster $version $cluster failed (log: $log)"
    did+=("created cluster $version/$cluster")
  fi
  local cluster_port
  cluster_port="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')"
  [ "$cluster_port" = "$port" ] ||
    fail "cluster $version/$cluster is configured for port ${cluster_port:-unknown}, not $port; set PG_PORT or fix $conf/postgresql.conf"

  # First matching line wins in pg_hba.conf, so trust rules go at the top.
  local hba="$conf/pg_hba.conf"
  if ! $sudo grep -Eq "^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust" "$hba"; then
    $sudo sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba" ||
      fail "cannot edit $hba"
    did+=("trusted loopback in pg_hba.conf")
  fi

  if pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
    $sudo pg_ctlcluster "$version" "$cluster" reload >>"$log" 2>&1 || fail "reloading $version/$cluster failed (log: $log)"
    did+=("reloaded cluster $version/$cluster")
  else
    $sudo pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >>"$log" 2>&1 ||
      fail "starting $version/$cluster failed (log: $log)"
    did+=("started cluster $version/$cluster")
  fi

  local waited=0
  until pg_isready -q -h "$host" -p "$port"; do
    [ "$waited" -lt "$((wait_seconds * 2))" ] || fail "PostgreSQL did not answer on $host:$port within ${wait_seconds}s"
    sleep 0.5
    waited=$((waited + 1))
  done

  local exists
  exists="$(psql -h "$host" -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ||
    fail "cannot query $host:$port as postgres (is trust auth in effect?)"
  if [ "$exists" != "1" ]; then
    createdb -h "$host" -p "$port" -U postgres "$database" || fail "createdb $database failed"
    did+=("created database $database")
  fi

  local summary="checked configuration"
  if [ "${#did[@]}" -gt 0 ]; then
    summary="$(printf '%s, ' "${did[@]}")"
    summary="${summary%, }"
  fi
  echo "postgres.sh: $summary"
  echo "postgres.sh: PostgreSQL $version ready on $host:$port (database $database, trust auth)"
)

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  rolecall_ci_postgres
else
  rolecall_ci_postgres
  exit $?
fi
