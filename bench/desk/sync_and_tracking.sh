#!/usr/bin/env bash
# Desk benchmarks with the REAL processes on loopback (results: docs/BENCHMARKS.md "Desk"):
#  1. backlog drain: TICKETS (default 10000) tickets filed into one kiosk database while
#     the desk was away, then one `complaintctl sync` drains them all (timed, wall clock);
#  2. tracking page throughput: `wrk` (Debian package wrk) on GET /t/{number}?k={token},
#     with the router's bare 404 (no store, no page) as the anchor on the same server.
# Usage: bench/desk/sync_and_tracking.sh [BUILD_DIR]   env: TICKETS, WRK_SECONDS, WRK_CONNECTIONS,
#        DESK_THREADS, BENCH_DIR (a folder on a real disk; fsync is the drain's floor)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="${1:-${BUILD_DIR:-$root/build}}/bin"
tickets=${TICKETS:-10000}
seconds=${WRK_SECONDS:-15}
connections=${WRK_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d "${BENCH_DIR:-/tmp}/desk-bench-XXXXXX")
desk_pid=
cleanup() {
  [ -n "$desk_pid" ] && kill -TERM "$desk_pid" 2>/dev/null && wait "$desk_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export COMPLAINT_ASSETS="$root/assets"

# The desk, its rate limit off (wrk is one address; the limit is measured separately below).
printf '[site]\nhotline = "95588"\n[desk]\ntracking_rate_per_minute = 0\n' >"$work/desk.toml"
[ -z "${DESK_THREADS:-}" ] || printf 'threads = %s\n' "$DESK_THREADS" >>"$work/desk.toml"  # default: 8 (handler threads)
"$bin/complaint-desk" --config "$work/desk.toml" --listen 127.0.0.1:0 --db "$work/desk.db" >"$work/desk.log" 2>&1 &
desk_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/desk.log" && break; sleep 0.1; done
port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/desk.log")
url="http://127.0.0.1:$port"
key=$("$bin/complaintctl" --db "$work/desk.db" desk kiosk add K1)
printf '[site]\nkiosk_id = "K1"\n[tracking]\nurl = "%s/t/{number}?k={token}"\n[sync]\nurl = "%s"\nkey = "%s"\n' \
  "$url" "$url" "$key" >"$work/kiosk.toml"
ctl=("$bin/complaintctl" --config "$work/kiosk.toml" --db "$work/kiosk.db")

# ---------------------------------------------------------------- 1. backlog drain
echo "filing $tickets tickets into the kiosk (not timed)..." >&2
"$bin/filing_loop" "$work/kiosk.db" "$tickets" bench >/dev/null
page=$(echo '{"kind":"complaint","channel":"kiosk","category":"service_attitude","content":"柜员态度冷漠","name":"张三","phone":"13800138000"}' \
  | "${ctl[@]}" --json file | sed -n 's|.*"tracking_url":"\([^"]*\)".*|\1|p')
start=$(date +%s.%N)
report=$("${ctl[@]}" --json sync)
end=$(date +%s.%N)
at_desk=$("$bin/complaintctl" --db "$work/desk.db" --json list | grep -o '"number"' | wc -l || true)
drain=$(echo "$end - $start" | bc)
echo "drain: $((tickets + 1)) tickets in ${drain}s: $report; desk holds $at_desk"

# ---------------------------------------------------------------- 2. tracking page under wrk
run_wrk() {  # URL -> "requests/s p50 p99 non-2xx"
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1")
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$rps $p50 $p99 ${errors:-0}"
}
curl_status=$(wrk -t1 -c1 -d1s "$page" | awk '/Non-2xx/ {print "non-2xx!"}')
[ -z "$curl_status" ] || { echo "the tracking page did not answer 200" >&2; exit 1; }
read -r page_rps page_p50 page_p99 page_errors < <(run_wrk "$page")
read -r anchor_rps anchor_p50 anchor_p99 _ < <(run_wrk "$url/no-such-page")
echo "tracking page: $page_rps req/s, p50 $page_p50, p99 $page_p99, non-2xx $page_errors (wrk -t2 -c$connections -d${seconds}s)"
echo "anchor (router 404, no store): $anchor_rps req/s, p50 $anchor_p50, p99 $anchor_p99"
echo "ratio page/anchor: $(echo "scale=2; $page_rps / $anchor_rps" | bc)"
