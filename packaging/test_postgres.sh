# Sourced by .ci/run: install PostgreSQL from the distribution's packages and start a
# throw-away cluster for the tests, as an unprivileged user (initdb refuses root), on a free
# local port, in a temporary folder; FACTDESK_TEST_POSTGRES names its superuser. The cluster
# is stopped and removed when the script exits.
#   start_test_postgres
start_test_postgres() {
    # runuser and useradd live in sbin, which a non-login root shell may not have on PATH.
    export PATH="$PATH:/usr/sbin:/sbin"
    install_debian_packages "the shared-project tests" postgresql
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        echo "factdesk: PostgreSQL's server programs are missing (package postgresql)" >&2
        return 1
    fi
    local run_as=()
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        run_as=(runuser -u postgres --)
    fi
    pg_dir="$(mktemp -d /tmp/factdesk-ci-pg.XXXXXX)"
    [ ${#run_as[@]} -gt 0 ] && chown postgres "$pg_dir"
    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "${run_as[@]}" "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --locale=C \
        --encoding=UTF8 >/dev/null
    "${run_as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
        start >/dev/null
    pg_stop=("${run_as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -m immediate stop)
    trap 'stop_test_postgres' EXIT
    export FACTDESK_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "PostgreSQL for the tests: $FACTDESK_TEST_POSTGRES"
}

stop_test_postgres() {
    "${pg_stop[@]}" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
}
