#!/usr/bin/env bash
# Package test (ctest label "package"): builds the .debs with CPack, runs lintian (any E:
# fails), installs complaint-kiosk and complaint-desk into a fresh Debian 12 chroot made by
# mmdebstrap and checks them there: the configs 0640 root:<service group> (a dpkg-statoverride
# winning), the data folders 0750; for the kiosk its user, groups and data folder, the
# conffile kept across a reinstall, the unit, complaintctl check on the kiosk's database and
# the installed assets; for the desk its user, data folder and unit.
#   tests/image/package_test.sh BUILD_DIR
# The base tarball and the downloaded .debs are cached in BUILD_DIR/image-cache/.
# Needs root (chroot), mmdebstrap, lintian and the Debian mirror of /etc/apt/sources.list*.
set -euo pipefail
build_dir=$(cd "$1" && pwd)
cache=$build_dir/image-cache
mkdir -p "$cache/archives"

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '%s [%4ds] %s\n' "package_test" "$SECONDS" "$*"; }

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root for chroot"; exit 77; }
for tool in mmdebstrap lintian cpack; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/bootstrap)"; exit 77; }
done
mirror=$(grep -hoE 'https?://[^ ]*debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
           /etc/apt/sources.list.d/*.list 2>/dev/null | grep -v security | head -n1 | tr -d ' ' || true)
mirror=${mirror:-http://deb.debian.org/debian}

step "cpack"
rm -f "$build_dir"/packages/*.deb
(cd "$build_dir" && cpack -G DEB --config CPackConfig.cmake >/dev/null 2>&1) || fail "cpack"
debs=("$build_dir"/packages/*.deb)
[ ${#debs[@]} -ge 2 ] || fail "expected the packages in $build_dir/packages, got ${debs[*]}"

step "lintian"
lintian_out=$(lintian --tag-display-limit 0 "${debs[@]}" 2>&1 | grep -v 'running with root privileges' || true)
[ -z "$lintian_out" ] || echo "$lintian_out"
if grep -q '^E:' <<<"$lintian_out"; then fail "lintian reported errors"; fi
dpkg-deb -f "$build_dir"/packages/complaint-kiosk_*.deb Depends | grep -q 'libsdl2-2.0-0' ||
  fail "complaint-kiosk's Depends lack the shared libraries (dpkg-shlibdeps)"
for needed in libzinnia0 tegaki-zinnia-simplified-chinese; do  # handwriting: engine and model
  dpkg-deb -f "$build_dir"/packages/complaint-kiosk_*.deb Depends | grep -q "$needed" ||
    fail "complaint-kiosk's Depends lack $needed (handwriting)"
done
dpkg-deb -I "$build_dir"/packages/complaint-kiosk_*.deb conffiles | grep -qx /etc/complaint-kiosk/kiosk.toml ||
  fail "kiosk.toml is not a conffile"
for pair in kiosk:/etc/complaint-kiosk/kiosk.toml desk:/etc/complaint-desk/desk.toml; do
  listing=$(dpkg-deb -c "$build_dir"/packages/complaint-${pair%%:*}_*.deb)
  grep -qE "^-rw-r----- root/root .* \.${pair#*:}\$" <<<"$listing" ||
    fail "${pair#*:} is not 0640 root:root in the package (it holds secrets)"
done

base=$cache/bookworm-apt.tar.zst
if [ ! -s "$base" ]; then
  step "mmdebstrap bookworm from $mirror (cached in $base)"
  mmdebstrap --quiet --variant=apt --mode=root bookworm "$base.tmp.tar.zst" "$mirror" || fail "mmdebstrap"
  mv "$base.tmp.tar.zst" "$base"
fi

root=$(mktemp -d "$build_dir/package-chroot.XXXXXX")
trap 'rm -rf --one-file-system "$root"' EXIT
step "fresh chroot in $root"
tar -C "$root" --zstd -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$cache"/archives/*.deb "$root/var/cache/apt/archives/" 2>/dev/null || true
mkdir -p "$root/tmp/debs"
cp "${debs[@]}" "$root/tmp/debs/"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }

step "apt-get install complaint-kiosk complaint-desk (+ complaint-common)"
in_root apt-get -q update >/dev/null || fail "apt-get update in the chroot"
common_deb=/tmp/debs/$(basename "$build_dir"/packages/complaint-common_*.deb)
kiosk_deb=/tmp/debs/$(basename "$build_dir"/packages/complaint-kiosk_*.deb)
desk_deb=/tmp/debs/$(basename "$build_dir"/packages/complaint-desk_*.deb)
in_root apt-get install -y -q --no-install-recommends "$common_deb" "$kiosk_deb" "$desk_deb" >"$root/tmp/install.log" 2>&1 || { cat "$root/tmp/install.log"; fail "install"; }
cp -n "$root"/var/cache/apt/archives/*.deb "$cache/archives/" 2>/dev/null || true

step "checks"
in_root getent passwd complaint-kiosk >/dev/null || fail "no complaint-kiosk user"
in_root id -nG complaint-kiosk | tr ' ' '\n' | grep -qx lp || fail "complaint-kiosk is not in group lp"
[ "$(in_root stat -c %U /var/lib/complaint-kiosk)" = complaint-kiosk ] || fail "/var/lib/complaint-kiosk not owned by the user"
[ -L "$root/etc/systemd/system/multi-user.target.wants/complaint-kiosk.service" ] || fail "unit not enabled"
in_root getent passwd complaint-desk >/dev/null || fail "no complaint-desk user"
[ "$(in_root stat -c %U /var/lib/complaint-desk)" = complaint-desk ] || fail "/var/lib/complaint-desk not owned by its user"
[ -L "$root/etc/systemd/system/multi-user.target.wants/complaint-desk.service" ] || fail "desk unit not enabled"
# Secrets (sync key, staff PIN hash, database password): root and the service's group only.
expect_mode() {
  local found
  found=$(in_root stat -c '%a %U %G' "$1")
  [ "$found" = "$2" ] || fail "$1 is $found, not $2"
}
expect_mode /etc/complaint-kiosk/kiosk.toml "640 root complaint-kiosk"
expect_mode /etc/complaint-desk/desk.toml "640 root complaint-desk"
expect_mode /var/lib/complaint-kiosk "750 complaint-kiosk complaint-kiosk"
expect_mode /var/lib/complaint-desk "750 complaint-desk complaint-desk"
out=$(in_root setpriv --reuid=nobody --regid=nogroup --clear-groups cat /etc/complaint-kiosk/kiosk.toml 2>&1) &&
  fail "another user can read kiosk.toml: $out"

# complaintctl as the service user on the service's database (created and migrated on open).
out=$(in_root setpriv --reuid=complaint-kiosk --regid=complaint-kiosk --init-groups \
        complaintctl --db /var/lib/complaint-kiosk/kiosk.db --config /etc/complaint-kiosk/kiosk.toml \
          --now 2026-06-01T09:00:00+08:00 check 2>&1) ||
  fail "complaintctl check: $out"
echo "complaintctl check: $out"
[ -s "$root/var/lib/complaint-kiosk/kiosk.db" ] || fail "no database at /var/lib/complaint-kiosk/kiosk.db"
# The installed assets (catalogs) are found at the configured path, not the source tree.
[ ! -d "$root$(cd "$build_dir/.." && pwd)/assets" ] || fail "the source tree is visible in the chroot"
export_out=$(in_root complaintctl --db /var/lib/complaint-kiosk/kiosk.db export --month 2026-11 --lang en 2>&1) ||
  fail "complaintctl export (needs the installed catalogs): $export_out"

# A changed config survives a reinstall (conffile) and postinst runs again without error.
echo '# changed by the site' >>"$root/etc/complaint-kiosk/kiosk.toml"
in_root dpkg -i "$kiosk_deb" >"$root/tmp/reinstall.log" 2>&1 ||
  { cat "$root/tmp/reinstall.log"; fail "reinstall"; }
grep -q 'changed by the site' "$root/etc/complaint-kiosk/kiosk.toml" || fail "reinstall overwrote the changed config"
[ "$(in_root getent passwd complaint-kiosk | wc -l)" -eq 1 ] || fail "user duplicated"
expect_mode /etc/complaint-kiosk/kiosk.toml "640 root complaint-kiosk"
# A site's own dpkg-statoverride on the config wins over postinst.
in_root dpkg-statoverride --update --add root root 0600 /etc/complaint-kiosk/kiosk.toml ||
  fail "dpkg-statoverride --add"
in_root dpkg -i "$kiosk_deb" >"$root/tmp/reinstall.log" 2>&1 || { cat "$root/tmp/reinstall.log"; fail "reinstall"; }
expect_mode /etc/complaint-kiosk/kiosk.toml "600 root root"
in_root dpkg-statoverride --remove /etc/complaint-kiosk/kiosk.toml || fail "dpkg-statoverride --remove"
in_root complaintctl --db /var/lib/complaint-kiosk/kiosk.db --config /etc/complaint-kiosk/kiosk.toml \
  --now 2026-06-01T09:00:00+08:00 check >/dev/null || fail "check after reinstall"

# Removal keeps the data; purge keeps it too (unsent tickets), and removes the conffile.
in_root dpkg --purge complaint-kiosk >/dev/null 2>&1 || fail "purge"
[ -s "$root/var/lib/complaint-kiosk/kiosk.db" ] || fail "purge removed the database"
[ ! -e "$root/etc/complaint-kiosk/kiosk.toml" ] || fail "purge left the conffile"
step "ok"
