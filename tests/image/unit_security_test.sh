#!/usr/bin/env bash
# Unit sandbox test (ctest label "package"): installs the kiosk and desk components as the
# packages do (cmake --install into a staging root, what CPack packs), lays the image's
# overlay over it, and rates the units with `systemd-analyze security --offline=true
# --root=STAGING` (systemd 252, Debian 12). Fails when an exposure is over its limit:
#   complaint-desk.service 3.0, complaint-kiosk.service 5.0 (with the image's drop-in),
#   complaint-kiosk-provision.service 5.0, the desk's daily retention and backup jobs 3.0;
# or when a config holding secrets is not 0640 in the staging (postinst then gives it the
# service's group; package_test.sh checks that after a real install), or a unit lacks
# UMask=0027/0077. Needs no root.
#   tests/image/unit_security_test.sh BUILD_DIR
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$(cd "$1" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v systemd-analyze >/dev/null || { echo "SKIP: systemd-analyze is not installed"; exit 77; }

root=$(mktemp -d "${TMPDIR:-/tmp}/unit-security.XXXXXX")
trap 'rm -rf "$root"' EXIT
for component in kiosk desk; do
  DESTDIR=$root cmake --install "$build_dir" --component "$component" >/dev/null || fail "cmake --install $component"
done
cp -a "$source_dir"/image/overlay/etc/. "$root"/etc/

units=0
# exposure UNIT: the overall exposure level systemd-analyze reports, e.g. 1.6
exposure() {
  systemd-analyze security --no-pager --offline=true --root="$root" "$1" 2>&1 |
    sed -n "s/^→ Overall exposure level for $1: \([0-9.]*\).*/\1/p"
}
check() {
  local unit=$1 limit=$2 found
  found=$(exposure "$unit")
  [ -n "$found" ] || { systemd-analyze security --no-pager --offline=true --root="$root" "$unit" >&2 || true; fail "no rating for $unit"; }
  echo "$unit: exposure $found (limit $limit)"
  awk -v found="$found" -v limit="$limit" 'BEGIN { exit !(found <= limit) }' ||
    { systemd-analyze security --no-pager --offline=true --root="$root" "$unit" | grep '✗' >&2; fail "$unit: $found is over $limit"; }
  units=$((units + 1))
}
check complaint-desk.service 3.0
check complaint-kiosk.service 5.0
check complaint-kiosk-provision.service 5.0
# The desk's daily jobs hold every customer's data as the desk does: the desk's limit.
check complaint-desk-retention.service 3.0
check complaint-desk-backup.service 3.0

# The image's drop-in was part of the kiosk's rating (it must not undo the sandbox).
[ -f "$root/etc/systemd/system/complaint-kiosk.service.d/image.conf" ] || fail "the image's drop-in is missing"

for unit in lib/systemd/system/complaint-desk.service lib/systemd/system/complaint-kiosk.service \
  lib/systemd/system/complaint-desk-retention.service lib/systemd/system/complaint-desk-backup.service; do
  grep -qx 'UMask=0027' "$root/$unit" || fail "$unit: no UMask=0027 (its databases, backups, exports would be world-readable)"
done
grep -qx 'UMask=0077' "$root/etc/systemd/system/complaint-kiosk-provision.service" || fail "provisioning: no UMask=0077"

for config in etc/complaint-kiosk/kiosk.toml etc/complaint-desk/desk.toml; do
  mode=$(stat -c %a "$root/$config")
  [ "$mode" = 640 ] || fail "$config is $mode in the package, not 640 (it holds secrets)"
  echo "$config: $mode"
done
echo "ok: $units units within their limits"
