#!/usr/bin/env bash
# A local multi-node rig: nginx in front of 3 Comptoir nodes sharing one
# throw-away PostgreSQL, everything on 127.0.0.1 and on free ports.
#
#   deploy/rig.sh            # start it, print the front URL, run until Ctrl-C
#   deploy/rig.sh --check    # start it, run a short self-check, stop, exit 0 (pass) or 1
#
# What it does:
#   1. starts PostgreSQL with scripts/test-services (as root: PostgreSQL runs
#      as the postgres user) and creates the database comptoir_rig;
#   2. runs `comptoir migrate` and `comptoir seed-demo` once;
#   3. starts 3 `comptoir serve` nodes (COMPTOIR_TRUSTED_PROXIES=127.0.0.1,
#      access log in WORK/node-N.log);
#   4. generates WORK/nginx.conf from deploy/nginx/comptoir.conf with the node
#      ports (worker_processes 2; pid, error and access logs in WORK) and starts
#      nginx in front.
# --check then verifies: every node is ready; 30 requests through nginx all
# answer 200, keep the request id and the forwarded client address, and reach
# all 3 nodes (read from each node's access log); after SIGTERM to node 2 it
# exits 0 and the front keeps answering 200 through the other two.
# Every process it started is stopped on exit, whatever happens.
#
# Environment: COMPTOIR_BIN (default build/release/comptoir, else
# build/debug/comptoir), KEEP_WORK=1 keeps the temporary directory and its logs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEPLOY=$ROOT/deploy
PY=/usr/bin/python3
NODES=3
CHECK=0
case ${1:-} in
    --check) CHECK=1 ;;
    "") ;;
    -h | --help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

log() { echo "rig: $*" >&2; }
die() { log "$*"; exit 1; }

if [[ -n ${COMPTOIR_BIN:-} ]]; then
    BIN=$COMPTOIR_BIN
elif [[ -x $ROOT/build/release/comptoir ]]; then
    BIN=$ROOT/build/release/comptoir
else
    BIN=$ROOT/build/debug/comptoir
fi
[[ -x $BIN ]] || die "no comptoir binary at $BIN (build it, or set COMPTOIR_BIN)"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
for tool in nginx curl psql; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done
[[ $(id -u) -eq 0 ]] || die "run as root (scripts/test-services starts PostgreSQL as the postgres user)"
# The caller's COMPTOIR_* settings (a database URL, a listen address…) must not leak into the nodes.
while read -r name; do unset "$name"; done < <(compgen -e | grep '^COMPTOIR_' || true)

WORK=$(mktemp -d /tmp/comptoir-rig.XXXXXX)
chmod 755 "$WORK"   # PostgreSQL (user postgres) and nginx workers (user nobody) enter it
NODE_PIDS=()
NGINX_PID=
SERVICES_STARTED=0

cleanup() {
    local status=$? pid
    trap - EXIT INT TERM
    set +e   # clean up everything, even if one step fails
    [[ -n $NGINX_PID ]] && kill -TERM "$NGINX_PID" 2>/dev/null || true
    for pid in ${NODE_PIDS[@]+"${NODE_PIDS[@]}"}; do [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null || true; done
    # Up to 15 s for a graceful exit (shutdown_grace_ms is 10 s), then SIGKILL.
    for _ in $(seq 1 150); do
        local alive=0
        for pid in $NGINX_PID ${NODE_PIDS[@]+"${NODE_PIDS[@]}"}; do kill -0 "$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.1
    done
    for pid in $NGINX_PID ${NODE_PIDS[@]+"${NODE_PIDS[@]}"}; do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if ((SERVICES_STARTED)); then
        "$ROOT/scripts/test-services" stop "$WORK/services" || log "stopping PostgreSQL failed"
    fi
    if [[ -n ${KEEP_WORK:-} || $status -ne 0 && $CHECK -eq 1 ]]; then
        log "logs kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until `$1` answers 200, up to $2 tenths of a second.
wait_http_ok() {
    local url=$1 tries=${2:-300}
    for _ in $(seq 1 "$tries"); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true) == 200 ]] && return 0
        sleep 0.1
    done
    return 1
}

# ---------------------------------------------------------------- PostgreSQL
# The start trap of test-services stops a half-started PostgreSQL itself; from
# here on, ours does.
SERVICES_STARTED=1
eval "$("$ROOT/scripts/test-services" start "$WORK/services")"
[[ -n ${COMPTOIR_TEST_PG_URL:-} ]] || die "scripts/test-services printed no COMPTOIR_TEST_PG_URL"
psql "$COMPTOIR_TEST_PG_URL" -X -q -v ON_ERROR_STOP=1 -c 'CREATE DATABASE comptoir_rig' >&2
DATABASE_URL=${COMPTOIR_TEST_PG_URL%/*}/comptoir_rig
log "database $DATABASE_URL"

cd "$ROOT"   # the nodes read themes/, locales/ and migrations/ relative to it
COMPTOIR_DATABASE_URL=$DATABASE_URL "$BIN" migrate >"$WORK/migrate.log" 2>&1 ||
    { cat "$WORK/migrate.log" >&2; die "comptoir migrate failed"; }
COMPTOIR_DATABASE_URL=$DATABASE_URL "$BIN" seed-demo >"$WORK/seed.log" 2>&1 ||
    { cat "$WORK/seed.log" >&2; die "comptoir seed-demo failed"; }

# --------------------------------------------------------------------- nodes
NODE_PORTS=()
for n in $(seq 1 "$NODES"); do
    # Port 0: the node picks a free port and prints it, so no two can race for one.
    COMPTOIR_DATABASE_URL=$DATABASE_URL COMPTOIR_LISTEN=127.0.0.1:0 COMPTOIR_TRUSTED_PROXIES=127.0.0.1 \
        COMPTOIR_ACCESS_LOG=$WORK/node-$n.log \
        "$BIN" serve >"$WORK/node-$n.stdout" 2>"$WORK/node-$n.stderr" &
    NODE_PIDS+=($!)
done
for n in $(seq 1 "$NODES"); do
    port=
    for _ in $(seq 1 600); do
        port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/node-$n.stderr" | head -n 1)
        [[ -n $port ]] && break
        kill -0 "${NODE_PIDS[n - 1]}" 2>/dev/null || { cat "$WORK/node-$n.stderr" >&2; die "node $n exited"; }
        sleep 0.1
    done
    [[ -n $port ]] || { cat "$WORK/node-$n.stderr" >&2; die "node $n did not start"; }
    NODE_PORTS+=("$port")
    log "node $n: http://127.0.0.1:$port (pid ${NODE_PIDS[n - 1]}, access log $WORK/node-$n.log)"
done

# --------------------------------------------------------------------- nginx
FRONT_PORT=$(free_port)
servers=
for port in "${NODE_PORTS[@]}"; do
    servers+="    server 127.0.0.1:$port max_fails=3 fail_timeout=10s;\n"
done
# The example config, with the rig's node list, listen address and paths.
awk -v servers="$servers" '
    /^ *# nodes-begin *$/ { printf "%s", servers; skipping = 1; next }
    /^ *# nodes-end *$/ { skipping = 0; next }
    !skipping' "$DEPLOY/nginx/comptoir.conf" |
    sed -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$FRONT_PORT;|" \
        -e '/listen \[::\]:80;/d' \
        -e "s|/var/log/nginx/|$WORK/nginx-|g" \
        -e "s|include /etc/nginx/comptoir-proxy.inc;|include $DEPLOY/nginx/comptoir-proxy.inc;|" \
        >"$WORK/comptoir-site.conf"
grep -q "server 127.0.0.1:${NODE_PORTS[0]} " "$WORK/comptoir-site.conf" ||
    die "could not put the node list into $WORK/comptoir-site.conf (deploy/nginx/comptoir.conf lost its # nodes-begin/# nodes-end markers?)"
cat >"$WORK/nginx.conf" <<EOF
# Generated by deploy/rig.sh from deploy/nginx/comptoir.conf.
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
    client_body_temp_path $WORK/nginx-body;
    proxy_temp_path $WORK/nginx-proxy;
    fastcgi_temp_path $WORK/nginx-fastcgi;
    uwsgi_temp_path $WORK/nginx-uwsgi;
    scgi_temp_path $WORK/nginx-scgi;
    include $WORK/comptoir-site.conf;
}
EOF
nginx -t -q -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" -p "$WORK" 2>&1 ||
    { cat "$WORK/nginx-error.log" >&2; die "nginx rejected $WORK/nginx.conf"; }
nginx -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" -p "$WORK" 2>>"$WORK/nginx-error.log" &
NGINX_PID=$!
FRONT=http://127.0.0.1:$FRONT_PORT
wait_http_ok "$FRONT/healthz" 100 || { cat "$WORK/nginx-error.log" >&2; die "nginx does not answer on $FRONT"; }
log "nginx: $FRONT (pid $NGINX_PID, config $WORK/nginx.conf)"

if ((CHECK == 0)); then
    echo "$FRONT"
    log "running; Ctrl-C stops everything"
    while true; do sleep 1; done
fi

# --------------------------------------------------------------------- check
FAILURES=0
pass() { log "PASS $*"; }
fail() { log "FAIL $*"; FAILURES=$((FAILURES + 1)); }

# 1. Every node is ready, directly and through the front.
for n in $(seq 1 "$NODES"); do
    if wait_http_ok "http://127.0.0.1:${NODE_PORTS[n - 1]}/readyz" 50; then pass "node $n /readyz 200"
    else fail "node $n /readyz is not 200"; fi
done
if wait_http_ok "$FRONT/readyz" 50; then pass "front /readyz 200"; else fail "front /readyz is not 200"; fi

# 2. 30 requests through nginx, each with its own request id and a forwarded
#    client address; the node that served each is found in the access logs.
REQUESTS=30
bad=0
for i in $(seq 1 "$REQUESTS"); do
    headers=$(curl -s -o /dev/null -D - --max-time 10 -H "X-Request-Id: rig-check-$i" \
        -H 'X-Forwarded-For: 203.0.113.7' "$FRONT/" | tr -d '\r' || true)
    status=$(sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' <<<"$headers")
    id=$(sed -n 's/^[Xx]-[Rr]equest-[Ii]d: //p' <<<"$headers")
    if [[ $status != 200 || $id != "rig-check-$i" ]]; then
        bad=$((bad + 1))
        log "request $i: status '$status', X-Request-Id '$id'"
    fi
done
if ((bad == 0)); then pass "$REQUESTS/$REQUESTS requests through nginx answered 200 with their own X-Request-Id"
else fail "$bad of $REQUESTS requests through nginx were not 200 or lost their X-Request-Id"; fi

sleep 0.2   # access-log lines are flushed per request; leave a moment anyway
total=0
for n in $(seq 1 "$NODES"); do
    count=$(grep -c '"request_id":"rig-check-[0-9]*"' "$WORK/node-$n.log" || true)
    total=$((total + count))
    if ((count > 0)); then pass "node $n served $count of the $REQUESTS requests"
    else fail "node $n served none of the $REQUESTS requests"; fi
done
((total == REQUESTS)) && pass "each request was served exactly once ($total lines)" ||
    fail "the node logs hold $total lines for $REQUESTS requests"
# The nodes trust 127.0.0.1 (nginx), so they log the address nginx was given, not nginx's.
clients=$(grep -h '"request_id":"rig-check-' "$WORK"/node-*.log | grep -o '"client":"[^"]*"' | sort -u | tr '\n' ' ')
[[ $clients == '"client":"203.0.113.7" ' ]] && pass "nodes log the forwarded client address (203.0.113.7)" ||
    fail "nodes logged client addresses: $clients(expected only 203.0.113.7)"

# 3. SIGTERM to node 2: it exits 0, and the front keeps answering through nodes 1 and 3.
victim=2
kill -TERM "${NODE_PIDS[victim - 1]}"
code=0
wait "${NODE_PIDS[victim - 1]}" || code=$?
NODE_PIDS[victim - 1]=   # reaped: its pid may belong to someone else now
[[ $code == 0 ]] && pass "node $victim exited 0 after SIGTERM" || fail "node $victim exited $code after SIGTERM"
bad=0
for i in $(seq 1 20); do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "X-Request-Id: rig-after-$i" "$FRONT/" || true)
    [[ $status == 200 ]] || { bad=$((bad + 1)); log "request after SIGTERM $i: status '$status'"; }
done
((bad == 0)) && pass "20/20 requests through nginx answered 200 with node $victim stopped" ||
    fail "$bad of 20 requests failed with node $victim stopped"
late=$(grep -c '"request_id":"rig-after-' "$WORK/node-$victim.log" || true)
((late == 0)) && pass "node $victim served nothing after it stopped" || fail "node $victim logged $late requests after SIGTERM"

if ((FAILURES == 0)); then
    log "check passed"
    exit 0
fi
log "check FAILED ($FAILURES failure(s))"
exit 1
