#!/usr/bin/env bash
# Image benchmark: builds the kiosk image (unless KIOSK_IMAGE_REUSE=1), then boots it under
# QEMU/TCG through tests/image/boot_test.sh and prints the numbers docs/BENCHMARKS.md
# records: image size (apparent and allocated), build time, boot-to-READY from QEMU's
# start (firmware included) and from kernel start (systemd's READY timestamp).
#   bench/image/image_bench.sh BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$(cd "${1:-$root/build}" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$SECONDS
"$root/tests/image/boot_test.sh" "$build_dir" >"$log" 2>&1 || { tail -n 40 "$log"; exit 1; }
total=$((SECONDS - start))
# shellcheck disable=SC1091
. "$build_dir/image/kiosk.img.info"
echo "image: $((size_bytes / 1048576)) MiB disk, $((allocated_bytes / 1048576)) MiB allocated, root $root_mb MiB, built in ${build_seconds}s"
grep -E 'boot [0-9]: READY' "$log" | sed 's/^boot_test \[ *[0-9]*s\] //'
grep -E 'READY at [0-9]+ us' "$log" | grep -o 'READY at [0-9]* us' | awk '{printf "kernel start to READY: %.1f s\n", $3 / 1e6}'
echo "boot test total (build + 4 boots): ${total}s"
