#!/usr/bin/env bash
# Load test: comptoir's rendered home page, a public knowledge-base article
# and a fingerprinted static asset,
# each beside nginx serving the very same bytes from a file, in the same run.
#
#   bench/run.sh                      # from anywhere; needs wrk, nginx, curl
#
# What it does:
#   1. uses build/release/comptoir (builds it with the release preset if missing;
#      COMPTOIR_BIN overrides the path);
#   2. creates a temporary SQLite database (migrate + seed-demo) and starts
#      comptoir on a free 127.0.0.1 port with 2 io threads and the access log ON,
#      written to a file (as in production);
#   3. saves the English home page HTML and the fingerprinted app.css it links;
#   4. starts nginx (worker_processes 2, access log on, same machine) serving
#      those bytes as files on another free port;
#   5. runs `wrk -t2 -c64 -d10s --latency` against: comptoir /, nginx /home.html,
#      comptoir's css, nginx's css (nginx first in each pair, interleaved);
#   6. prints a Markdown table (requests/s, p50, p99, ratio vs nginx) and writes
#      it, with the raw wrk output, to bench/out/ (git-ignored).
# All processes it started are stopped on exit, whatever happens.
#
# Environment: DURATION (default 10s), CONNECTIONS (64), WRK_THREADS (2),
# COMPTOIR_THREADS (2), ROUNDS (1: repeat each pair and keep the best run),
# KEEP_WORK=1 (keep the temporary directory with the logs).
# The machine's speed drifts over minutes: compare the ratios, not the absolute numbers.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${COMPTOIR_BIN:-$ROOT/build/release/comptoir}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
SERVER_THREADS=${COMPTOIR_THREADS:-2}
ROUNDS=${ROUNDS:-1}
OUT=$ROOT/bench/out
STAMP=$(date -u +%Y%m%dT%H%M%SZ)

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

for tool in wrk nginx curl; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required (scripts/install-deps installs it)"
done

if [[ ! -x $BIN ]]; then
    log "no release binary at $BIN: building it"
    (cd "$ROOT" && cmake --preset release >&2 && cmake --build --preset release -j 2 >&2)
fi

WORK=$(mktemp -d /tmp/comptoir-bench.XXXXXX)
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    [[ -n ${KEEP_WORK:-} ]] && log "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# ------------------------------------------------------------------ comptoir
export COMPTOIR_DATABASE_URL=sqlite:$WORK/bench.db
cd "$ROOT"   # themes/, locales/ and migrations/ are found relative to the repo
"$BIN" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; die "migrate failed"; }
"$BIN" seed-demo >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log" >&2; die "seed-demo failed"; }

COMPTOIR_PORT=$(free_port)
COMPTOIR_LISTEN=127.0.0.1:$COMPTOIR_PORT COMPTOIR_THREADS=$SERVER_THREADS \
    COMPTOIR_ACCESS_LOG=$WORK/access.log COMPTOIR_LOG_LEVEL=info \
    "$BIN" serve >"$WORK/comptoir.stdout" 2>"$WORK/comptoir.stderr" &
COMPTOIR_PID=$!
PIDS+=("$COMPTOIR_PID")
for _ in $(seq 1 300); do
    grep -q 'listening on' "$WORK/comptoir.stderr" && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/comptoir.stderr" >&2; die "comptoir exited"; }
    sleep 0.1
done
grep -q 'listening on' "$WORK/comptoir.stderr" || { cat "$WORK/comptoir.stderr" >&2; die "comptoir did not start"; }
COMPTOIR=http://127.0.0.1:$COMPTOIR_PORT

# ------------------------------------------------------------- the same bytes
mkdir -p "$WORK/www"
curl -fsS -o "$WORK/www/home.html" "$COMPTOIR/"
CSS_PATH=$(grep -o '/static/css/app\.[0-9a-f]*\.css' "$WORK/www/home.html" | head -n 1)
[[ -n $CSS_PATH ]] || die "no fingerprinted stylesheet in the home page"
mkdir -p "$WORK/www$(dirname "$CSS_PATH")"
curl -fsS -o "$WORK/www$CSS_PATH" "$COMPTOIR$CSS_PATH"
# A public knowledge-base article as an anonymous visitor reads it (served
# from comptoir's page cache after the first request).
ARTICLE_PATH=$(curl -fsS -o /dev/null -w '%{redirect_url}' "$COMPTOIR/kb/en/articles/1" | sed -E 's#^https?://[^/]+##')
[[ -n $ARTICLE_PATH ]] || die "no redirect to the canonical URL of article 1"
curl -fsS -o "$WORK/www/article.html" "$COMPTOIR$ARTICLE_PATH"
ARTICLE_BYTES=$(wc -c <"$WORK/www/article.html")
HOME_BYTES=$(wc -c <"$WORK/www/home.html")
CSS_BYTES=$(wc -c <"$WORK/www$CSS_PATH")
chmod -R a+rX "$WORK"   # nginx workers run as an unprivileged user

# --------------------------------------------------------------------- nginx
NGINX_PORT=$(free_port)
cat >"$WORK/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log $WORK/nginx-access.log;
    client_body_temp_path $WORK/nginx-body;
    proxy_temp_path $WORK/nginx-proxy;
    fastcgi_temp_path $WORK/nginx-fastcgi;
    uwsgi_temp_path $WORK/nginx-uwsgi;
    scgi_temp_path $WORK/nginx-scgi;
    types { text/html html; text/css css; }
    sendfile on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
    }
}
EOF
nginx -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log" &
PIDS+=($!)
NGINX=http://127.0.0.1:$NGINX_PORT
for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "$NGINX/home.html" 2>/dev/null && break
    sleep 0.1
done
cmp -s <(curl -fsS "$NGINX/home.html") "$WORK/www/home.html" || die "nginx does not serve the saved home page"

# ----------------------------------------------------------------------- wrk
mkdir -p "$OUT"
RAW=$OUT/wrk-$STAMP.txt
: >"$RAW"

# run_wrk NAME URL -> "rps p50 p99" of the best of ROUNDS runs (by requests/s)
run_wrk() {
    local name=$1 url=$2 best_rps=0 best='' round output rps p50 p99 errors
    for round in $(seq 1 "$ROUNDS"); do
        kill -0 "$COMPTOIR_PID" 2>/dev/null || { tail -n 20 "$WORK/comptoir.stderr" >&2; die "comptoir is no longer running"; }
        output=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
        printf '### %s (round %s) %s\n%s\n\n' "$name" "$round" "$url" "$output" >>"$RAW"
        errors=$(grep -E 'Non-2xx|Socket errors' <<<"$output" || true)
        [[ -z $errors ]] || log "$name: $errors"
        rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$output")
        p50=$(awk '$1 == "50%" { print $2 }' <<<"$output")
        p99=$(awk '$1 == "99%" { print $2 }' <<<"$output")
        if awk -v a="$rps" -v b="$best_rps" 'BEGIN { exit !(a > b) }'; then
            best_rps=$rps
            best="$rps $p50 $p99"
        fi
    done
    echo "$best"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }

log "nginx home.html";   read -r NH_RPS NH_P50 NH_P99 < <(run_wrk "nginx home.html" "$NGINX/home.html")
log "comptoir /";        read -r CH_RPS CH_P50 CH_P99 < <(run_wrk "comptoir /" "$COMPTOIR/")
log "nginx article";   read -r NA_RPS NA_P50 NA_P99 < <(run_wrk "nginx article.html" "$NGINX/article.html")
log "comptoir article";  read -r CA_RPS CA_P50 CA_P99 < <(run_wrk "comptoir article" "$COMPTOIR$ARTICLE_PATH")
log "nginx css";         read -r NC_RPS NC_P50 NC_P99 < <(run_wrk "nginx css" "$NGINX$CSS_PATH")
log "comptoir css";      read -r CC_RPS CC_P50 CC_P99 < <(run_wrk "comptoir css" "$COMPTOIR$CSS_PATH")

LOGGED=$( [[ -f $WORK/access.log ]] && wc -l <"$WORK/access.log" || echo 0)
TABLE=$OUT/results-$STAMP.md
{
    echo "| target | bytes | requests/s | p50 | p99 | vs nginx |"
    echo "|---|---:|---:|---:|---:|---:|"
    echo "| comptoir \`/\` (rendered home page, en) | $HOME_BYTES | $CH_RPS | $CH_P50 | $CH_P99 | $(ratio "$CH_RPS" "$NH_RPS") |"
    echo "| nginx \`/home.html\` (same bytes, from a file) | $HOME_BYTES | $NH_RPS | $NH_P50 | $NH_P99 | 100% |"
    echo "| comptoir \`$ARTICLE_PATH\` (public article, en, page cache) | $ARTICLE_BYTES | $CA_RPS | $CA_P50 | $CA_P99 | $(ratio "$CA_RPS" "$NA_RPS") |"
    echo "| nginx \`/article.html\` (same bytes, from a file) | $ARTICLE_BYTES | $NA_RPS | $NA_P50 | $NA_P99 | 100% |"
    echo "| comptoir \`$CSS_PATH\` | $CSS_BYTES | $CC_RPS | $CC_P50 | $CC_P99 | $(ratio "$CC_RPS" "$NC_RPS") |"
    echo "| nginx \`$CSS_PATH\` | $CSS_BYTES | $NC_RPS | $NC_P50 | $NC_P99 | 100% |"
    echo
    echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency; comptoir $SERVER_THREADS io threads, access log on"
    echo "($LOGGED lines logged); nginx worker_processes 2, access log on; $(nproc) cores shared by wrk and the servers;"
    echo "best of $ROUNDS round(s); $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)."
} | tee "$TABLE"
log "table: $TABLE; raw wrk output: $RAW"
