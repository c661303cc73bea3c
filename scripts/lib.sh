# Helpers shared by the project's scripts. Tools are installed on first use and
# cached outside the clone ($KEHU_CACHE), so a fresh machine needs nothing by hand.

KEHU_CACHE="${KEHU_CACHE:-${HOME:-/tmp}/.cache/kehu}"
mkdir -p "$KEHU_CACHE"
# Builds are cached outside the clone when possible; a clean clone still builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$KEHU_CACHE/target}"
export KEHU_TEST_DATABASE_URL="${KEHU_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

postgres_answers() {
  if command -v psql >/dev/null; then
    psql "$KEHU_TEST_DATABASE_URL" -Atqc 'SELECT 1' >/dev/null 2>&1
  else
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
  fi
}

ensure_postgres() {
  if postgres_answers; then return 0; fi
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
    done
    for _ in $(seq 1 20); do postgres_answers && return 0; sleep 0.5; done
  fi
  echo "PostgreSQL is not reachable at $KEHU_TEST_DATABASE_URL." >&2
  echo "Start one (e.g. pg_ctlcluster <version> main start) or set KEHU_TEST_DATABASE_URL" >&2
  echo "to a server where this user may CREATE DATABASE. The PostgreSQL suite is never skipped." >&2
  return 1
}

# Databases left behind by an interrupted run.
drop_stale_test_databases() {
  command -v psql >/dev/null || return 0
  psql "$KEHU_TEST_DATABASE_URL" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'kehu_test_%'" 2>/dev/null |
    while read -r name; do
      [ -n "$name" ] && psql "$KEHU_TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null 2>&1 || true
    done
}

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_schemathesis() {
  local venv="$KEHU_CACHE/venv"
  if [ ! -x "$venv/bin/schemathesis" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5'
  fi
  export PATH="$venv/bin:$PATH"
}
