# Shared by scripts/demo and scripts/test: install what is missing, then build.
# Sourced, not run.

GRANTS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages the project needs to build, test and run its demo.
# zlib1g-dev: xlsxwriter.pc links with -lz, but libxlsxwriter-dev does not
# depend on zlib's development package, so a bare Debian lacks libz.so.
GRANTS_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost-dev libboost-date-time-dev
  libsoci-dev libsqlite3-dev sqlite3
  libsoci-postgresql4.0 libpq-dev postgresql-15 postgresql-client-15
  libfmt-dev doctest-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev
  libpugixml-dev libssl-dev libxlsxwriter-dev zlib1g-dev libcsv-dev libutf8proc-dev
  libxml2-utils hledger jq time python3 strace
)

grants_install_missing() {
  local missing=()
  local p
  for p in "${GRANTS_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing Debian packages: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
      echo "error: packages are missing and this script is not running as root" >&2
      return 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# grants_build BUILD_DIR [cmake options...]
grants_build() {
  local dir=$1; shift
  cmake -S "$GRANTS_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)"
}

# A throwaway PostgreSQL 15 cluster for the tests: initdb and pg_ctl run as
# the `postgres` user (initdb refuses root) in a temporary directory, the
# server listens on 127.0.0.1 only, on a free port. Sets GRANTS_PG_DIR and
# GRANTS_TEST_POSTGRESQL (the URL of its `postgres` database, superuser
# `postgres`, trust authentication on loopback). Stop it with grants_pg_stop.
GRANTS_PG_BIN=/usr/lib/postgresql/15/bin

grants_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

grants_pg_start() {
  GRANTS_PG_DIR=$(mktemp -d /tmp/grants-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$GRANTS_PG_DIR"
  grants_pg_as_owner "$GRANTS_PG_BIN/initdb" -D "$GRANTS_PG_DIR/data" -U postgres -A trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$GRANTS_PG_DIR/initdb.log" 2>&1 || {
    cat "$GRANTS_PG_DIR/initdb.log" >&2
    return 1
  }
  local port try
  for try in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 20000))
    # Taken when something answers there; a port bound but not answering
    # makes pg_ctl fail (its server.log says so) and the next one is tried.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    if grants_pg_as_owner "$GRANTS_PG_BIN/pg_ctl" -D "$GRANTS_PG_DIR/data" -w -t 60 \
      -l "$GRANTS_PG_DIR/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $GRANTS_PG_DIR -c max_connections=200" \
      start >/dev/null 2>&1; then
      export GRANTS_TEST_POSTGRESQL="postgresql://postgres@127.0.0.1:$port/postgres"
      echo "PostgreSQL 15 test cluster on 127.0.0.1:$port ($GRANTS_PG_DIR)"
      return 0
    fi
  done
  echo "error: cannot start the PostgreSQL test cluster" >&2
  cat "$GRANTS_PG_DIR/server.log" >&2
  return 1
}

grants_pg_stop() {
  [ -n "${GRANTS_PG_DIR:-}" ] || return 0
  grants_pg_as_owner "$GRANTS_PG_BIN/pg_ctl" -D "$GRANTS_PG_DIR/data" -m fast -w stop \
    >/dev/null 2>&1 || true
  rm -rf "$GRANTS_PG_DIR"
  GRANTS_PG_DIR=
}
