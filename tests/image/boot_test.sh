#!/usr/bin/env bash
# Boot test (ctest label "image"): boots the kiosk disk image under qemu-system-x86_64 with
# software emulation (TCG, no KVM), UEFI (OVMF) and a virtio GPU, and reads the serial
# console:
#   1. first boot with a valid kiosk.toml on the boot partition: provisioning applied and the
#      file removed, the kiosk service READY with SDL's kmsdrm backend holding /dev/dri,
#      the database on the data partition, read-only root, receipt queue, watchdog, no getty;
#   2. a broken update: the root partition replaced by one whose kiosk cannot start (a ticket
#      filed into the kiosk's database before): systemd restarts it five times, then
#      reboots the machine;
#   3. the fixed update (the good root partition back; the data partition kept): config,
#      ticket and machine id kept, nothing to provision, the previous boot's failed starts
#      in the persistent journal;
#   4. a boot with an invalid kiosk.toml: the problems on the console and in
#      kiosk-errors.txt on the boot partition, the kiosk not started.
#   tests/image/boot_test.sh BUILD_DIR     (builds the packages and BUILD_DIR/image/kiosk.img;
#                                           KIOSK_IMAGE_REUSE=1 boots the existing image)
# Prints boot-to-READY times; network: none (-nic none).
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$(cd "$1" && pwd)
image_dir=$build_dir/image
image=$image_dir/kiosk.img
timeout_s=${KIOSK_BOOT_TIMEOUT:-1200}
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf 'boot_test [%4ds] %s\n' "$SECONDS" "$*"; }

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root to build the image"; exit 77; }
for tool in qemu-system-x86_64 mcopy mmdebstrap; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/bootstrap)"; exit 77; }
done
ovmf_code=/usr/share/OVMF/OVMF_CODE_4M.fd
ovmf_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
[ -r "$ovmf_code" ] || { echo "SKIP: OVMF is not installed (scripts/bootstrap)"; exit 77; }

# The image is built from this build's packages; KIOSK_IMAGE_REUSE=1 boots the last one.
if [ "${KIOSK_IMAGE_REUSE:-0}" != 1 ] || [ ! -s "$image" ]; then
  step "packages and image"
  (cd "$build_dir" && cpack -G DEB --config CPackConfig.cmake >/dev/null 2>&1) || fail "cpack"
  "$source_dir/image/build-image" "$build_dir" "$image_dir" || fail "image/build-image"
fi
# shellcheck disable=SC1091
. "$image_dir/kiosk.img.info"
root_offset_bytes=${root_offset_bytes:-$((esp_offset_bytes + 256 * 1048576))}  # images before it was recorded
step "image: $((size_bytes / 1048576)) MiB, $((allocated_bytes / 1048576)) MiB allocated"

work=$(mktemp -d "$build_dir/boot-test.XXXXXX")
qemu_pid=
cleanup() {
  if [ -n "$qemu_pid" ]; then kill "$qemu_pid" 2>/dev/null || true; wait "$qemu_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cp --sparse=always "$image" "$work/disk.img"
# A lobby PC's disk is larger than the image: the data partition must grow into the rest.
truncate -s +512M "$work/disk.img"
cp "$ovmf_vars" "$work/vars.fd"
export MTOOLS_SKIP_CHECK=1
esp="$work/disk.img@@$esp_offset_bytes"

pin_hash=$(printf '%s' '$y$j9T$kioskimagetestsalt$5cEJ6o8x7Vyv1S1Y8nF0oQXkz3Gv8qgY3xZhd0Qh1E7')
cat >"$work/kiosk.toml" <<TOML
[site]
code = "SH02"
kiosk_id = "L3"
name_zh = "示例物业服务中心"
name_en = "Example Property Services"
[sync]
url = "https://desk.example:8443"
key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
[kiosk]
staff_pin_hash = "$pin_hash"
[printer]
model = "Generic ESC/POS 80mm"
uri = "socket://127.0.0.1:9100"
queue = "receipt"
paper = 80
TOML

# screen_shot BASE: what the virtual display shows, as BASE.ppm (QEMU monitor's screendump).
screen_shot() {
  /usr/bin/python3 - "$work/monitor.sock" "$1.ppm" <<'PY' || true
import socket, sys, time
sock = socket.socket(socket.AF_UNIX)
sock.connect(sys.argv[1])
sock.sendall(f"screendump {sys.argv[2]}\n".encode())
time.sleep(2)
PY
}

# check_screen WHAT PPM PNG: what the display shows (QEMU's dump PPM, also written as PNG
# for a person to look at) is
#   welcome  the kiosk's welcome screen, drawn through kmsdrm: the theme's page background
#            (243, 246, 250), white cards and the dark blue header band (16, 62, 110) each
#            cover their share, and anti-aliased text adds hundreds of shades; a blank frame
#            in one colour, or the text console, fails;
#   english  the welcome screen after a tap on "English" (1280x800 layout): that button
#            selected (the theme's selected teal, 15, 118, 110) and the 中文 button not;
#   console  the text console with the provisioning errors: light text on black.
check_screen() {
  /usr/bin/python3 - "$@" <<'PY'
import struct, sys, zlib
from collections import Counter
what, ppm, png = sys.argv[1:4]
data = open(ppm, "rb").read()
magic, width, height, maxval = data.split(maxsplit=4)[:4]
pixels = data[len(b" ".join([magic, width, height, maxval])) + 1:]
width, height = int(width), int(height)
rows = b"".join(b"\x00" + pixels[y * width * 3:(y + 1) * width * 3] for y in range(height))
chunk = lambda kind, body: struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
with open(png, "wb") as out:
    out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
              + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
colours = Counter(pixels[i:i + 3] for i in range(0, len(pixels) - 2, 3))
share = lambda test: sum(n for rgb, n in colours.items() if test(rgb)) / (width * height)
pixel = lambda x, y: tuple(pixels[(y * width + x) * 3:(y * width + x) * 3 + 3])
if what == "english":
    english, chinese = pixel(375, 748), pixel(142, 748)
    print(f"screen {width}x{height}: English button {english}, 中文 button {chinese}")
    ok = (width, height) == (1280, 800) and english == (15, 118, 110) and chinese != (15, 118, 110)
elif what == "welcome":
    background, cards, header = (share(lambda rgb, c=c: rgb == bytes(c))
                                 for c in ((243, 246, 250), (255, 255, 255), (16, 62, 110)))
    print(f"screen {width}x{height}: {len(colours)} colours, page background {background:.0%}, "
          f"white cards {cards:.0%}, header {header:.0%}")
    ok = background > 0.2 and cards > 0.15 and header > 0.08 and len(colours) > 200
else:
    dark, light = share(lambda rgb: max(rgb) < 40), share(lambda rgb: min(rgb) > 150)
    print(f"screen {width}x{height}: dark {dark:.1%}, light text {light:.2%}")
    ok = dark > 0.8 and light > 0.005
sys.exit(0 if ok else 1)
PY
}

# The emulated CPU: Nehalem (SSE4.2), not "max". With no GPU driver Mesa draws with
# llvmpipe, whose JIT emits AVX/AVX2 code when the CPU has it, and QEMU 7.2's emulation of
# those instructions crashes that code (SIGSEGV inside the JIT's pages; seen with -cpu max
# and -cpu Haswell-noTSX). Real CPUs run it; the kiosk is tested on the SSE path here.
qemu_cpu=${KIOSK_QEMU_CPU:-Nehalem}

# tap X Y: a tap at screen pixel (X, Y) of the 1280x800 display with QEMU's PS/2 mouse (a
# relative device: first pushed into the top left corner). Not QEMU's virtio tablet: SDL
# 2.26's evdev code passes an absolute pointer's raw range (0..32767) on as pixels.
tap() {
  /usr/bin/python3 - "$work/qmp.sock" "$1" "$2" <<'PY'
import json, socket, sys, time
qmp = socket.socket(socket.AF_UNIX)
qmp.connect(sys.argv[1])
qmp.settimeout(10)
qmp.recv(4096)
def send(command, **arguments):
    qmp.sendall((json.dumps({"execute": command, "arguments": arguments}) + "\n").encode())
    assert b'"return"' in qmp.recv(4096), command
def events(*items):
    send("input-send-event", events=list(items))
    time.sleep(0.02)
move = lambda dx, dy: ({"type": "rel", "data": {"axis": "x", "value": dx}},
                       {"type": "rel", "data": {"axis": "y", "value": dy}})
button = lambda down: {"type": "btn", "data": {"down": down, "button": "left"}}
send("qmp_capabilities")
for _ in range(20):
    events(*move(-100, -100))
x, y = int(sys.argv[2]), int(sys.argv[3])
while x or y:
    dx, dy = min(x, 100), min(y, 100)
    events(*move(dx, dy))
    x, y = x - dx, y - dy
time.sleep(0.3)
events(button(True))
time.sleep(0.2)
events(button(False))
PY
}

# The first boot's welcome screen, then a tap on its "English" button.
tap_english() {
  screen_shot "$work/first-welcome"
  tap 375 748 || fail "tapping through QEMU's monitor"
  sleep 3
}

# boot NAME [until-reboot|report [HOOK]]: one boot until the boot report is complete (or the
# timeout), or with until-reboot until the machine reboots (QEMU exits: -no-reboot); HOOK
# runs once the report is complete. The console goes to $work/NAME.log and the display,
# last, to $work/NAME.ppm. Sets ready_s: seconds from QEMU's start to the kiosk READY line.
boot() {
  local name=$1 until=${2:-report} hook=${3:-} log=$work/$1.log start
  : >"$log"
  start=$(date +%s.%N)
  qemu-system-x86_64 -machine q35,accel=tcg -cpu "$qemu_cpu" -smp 2 -m 1536 \
    -drive if=pflash,format=raw,readonly=on,file="$ovmf_code" -drive if=pflash,format=raw,file="$work/vars.fd" \
    -drive file="$work/disk.img",format=raw,if=virtio \
    -vga none -device virtio-gpu-pci -display none \
    -device i6300esb -nic none -serial file:"$log" -no-reboot \
    -monitor unix:"$work/monitor.sock",server=on,wait=off -qmp unix:"$work/qmp.sock",server=on,wait=off &
  qemu_pid=$!
  ready_s=
  local deadline=$((SECONDS + timeout_s))
  while [ $SECONDS -lt $deadline ]; do
    if [ -z "$ready_s" ] && grep -q 'kiosk-image: complaint-kiosk.service' "$log"; then
      ready_s=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.0f", a - b }')
    fi
    grep -q 'Kernel panic' "$log" && break
    [ "$until" = report ] && grep -q 'kiosk-image: boot report done' "$log" && break
    kill -0 "$qemu_pid" 2>/dev/null || break
    sleep 2
  done
  if [ -n "$hook" ] && kill -0 "$qemu_pid" 2>/dev/null; then "$hook"; fi
  screen_shot "$work/$name"
  kill "$qemu_pid" 2>/dev/null || true
  wait "$qemu_pid" 2>/dev/null || true
  qemu_pid=
  grep -q 'kiosk-image: boot report done' "$log" || { tail -n 60 "$log"; fail "$name: no boot report within ${timeout_s}s"; }
  grep 'kiosk-image:\|kiosk-provision\|KIOSK' "$log" | tr -d '\r'
}
expect() {  # expect NAME REGEX WHAT
  grep -qE "$2" "$work/$1.log" || { tail -n 80 "$work/$1.log"; fail "$1: $3 (no line matching '$2')"; }
}

# Emulated CPUs on a busy host are slow enough to fail the kernel's IO-APIC timer check
# ("IO-APIC + timer doesn't work", a panic): skip it, as cloud images do for VMs.
mcopy -i "$esp" ::/loader/entries/kiosk.conf "$work/entry.conf"
sed -i 's/^options .*/& no_timer_check/' "$work/entry.conf"
mcopy -o -i "$esp" "$work/entry.conf" ::/loader/entries/kiosk.conf

step "boot 1: provisioning"
mcopy -i "$esp" "$work/kiosk.toml" ::/kiosk.toml
boot first report tap_english
expect first 'complaint-kiosk.service active, READY' "the kiosk service is not READY"
expect first 'holds .*/dev/dri/card' "the kiosk does not hold the DRM device (kmsdrm)"
expect first 'kiosk drew with video driver KMSDRM renderer opengles2' "the kiosk does not draw with kmsdrm and OpenGL ES 2"
expect first "provisioned: code = 'SH02' kiosk_id = 'L3'" "provisioning not applied"
expect first 'database /var/lib/complaint-kiosk/kiosk.db on /dev/vda3\[/complaint-kiosk\] ext4' "database not on the data partition"
expect first 'root /dev/vda2 ro' "root not read-only"
expect first 'queues device for receipt: socket://127.0.0.1:9100' "receipt queue missing"
# Either of the VM's two hardware watchdogs may be watchdog0 (probe order); what matters is
# that systemd armed it with its 30 s.
expect first 'watchdog (i6300ESB timer|iTCO_wdt) state=active timeout=30s runtime=30s' "hardware watchdog not armed"
expect first 'gettys 0' "a getty is running"
! grep -q 'kiosk.toml still on the boot partition' "$work/first.log" || fail "kiosk.toml not removed"
! mdir -b -i "$esp" ::/kiosk.toml >/dev/null 2>&1 || fail "kiosk.toml is still on the ESP"
[ -s "$work/first-welcome.ppm" ] || fail "no screen dump from QEMU"
check_screen welcome "$work/first-welcome.ppm" "$image_dir/boot-test-screen.png" ||
  fail "the display does not show the kiosk's welcome screen (see $image_dir/boot-test-screen.png)"
check_screen english "$work/first.ppm" "$image_dir/boot-test-screen-tapped.png" ||
  fail "a tap on English did not switch the welcome screen (see $image_dir/boot-test-screen-tapped.png)"
first_ready=$ready_s
ready_us=$(grep -o 'READY at [0-9]* us' "$work/first.log" | grep -o '[0-9]*')
step "boot 1: READY ${first_ready}s after QEMU start (${ready_us} us after kernel start)"

expect first "tickets: integrity ok, schema version [0-9]+, 0 ticket" "no empty, migrated database"
data_mib=$(grep -aoE 'data partition [0-9]+ MiB, file system [0-9]+ MiB' "$work/first.log" | grep -oE '[0-9]+' | tr '\n' ' ')
read -r data_part_mib data_fs_mib <<<"$data_mib"
[ "${data_part_mib:-0}" -ge 700 ] && [ "${data_fs_mib:-0}" -ge 650 ] ||
  fail "the data partition did not grow into the disk's free 512 MiB (partition, file system: ${data_mib:-none})"
step "boot 1: data partition grown to ${data_part_mib} MiB (file system ${data_fs_mib} MiB)"
expect first "machine id [0-9a-f]{32}, kept [0-9a-f]{32}" "the machine id is not kept"
machine_id=$(grep -aoE 'kept [0-9a-f]{32}' "$work/first.log" | head -n1 | cut -d' ' -f2)

# The kiosk's database on the data partition, with one more ticket filed by this build's
# complaintctl (the partition is edited as a file with debugfs while the machine is off).
data_part=$work/data.img
# Partition 3 as it is now (grown on the first boot), in 512-byte sectors, from the GPT.
read -r data_start data_sectors < <(sfdisk -J "$work/disk.img" |
  /usr/bin/python3 -c 'import json, sys; p = json.load(sys.stdin)["partitiontable"]["partitions"][2]; print(p["start"], p["size"])')
dd if="$work/disk.img" of="$data_part" bs=512 skip="$data_start" count="$data_sectors" status=none
# The machine was switched off: replay the ext4 journal first, or debugfs would read stale
# blocks and the next mount's replay would undo its writes.
fsck_rc=0
e2fsck -fy "$data_part" >"$work/e2fsck.log" 2>&1 || fsck_rc=$?
[ "$fsck_rc" -le 1 ] || { cat "$work/e2fsck.log"; fail "e2fsck of the data partition: $fsck_rc"; }
for file in kiosk.db kiosk.db-wal kiosk.toml; do
  debugfs -R "dump /complaint-kiosk/$file $work/$file.seed" "$data_part" 2>/dev/null || true
done
[ -s "$work/kiosk.db.seed" ] || fail "no kiosk.db on the data partition"
[ -s "$work/kiosk.db-wal.seed" ] && mv "$work/kiosk.db-wal.seed" "$work/kiosk.db.seed-wal"
owner=$(debugfs -R "stat /complaint-kiosk/kiosk.db" "$data_part" 2>/dev/null |
  grep -oE 'User: *[0-9]+ *Group: *[0-9]+' | grep -oE '[0-9]+' | tr '\n' ' ')
read -r owner_uid owner_gid <<<"$owner"
[ -n "${owner_gid:-}" ] || fail "no owner of kiosk.db on the data partition"
printf '{"kind":"complaint","channel":"kiosk","category":"service_attitude","content":"%s","name":"%s","phone":"13800138000"}' \
  "柜员态度冷漠，排队四十分钟无人解释。" "张三" |
  "$build_dir/bin/complaintctl" --db "$work/kiosk.db.seed" --config "$work/kiosk.toml.seed" file >"$work/filed.txt" ||
  fail "complaintctl file into the kiosk's database"
ticket=$(head -n1 "$work/filed.txt")
[ -n "$ticket" ] && [ ! -e "$work/kiosk.db.seed-wal" ] || fail "no ticket number, or the WAL not checkpointed"
debugfs -w -f - "$data_part" >/dev/null 2>&1 <<DEBUGFS
rm /complaint-kiosk/kiosk.db-wal
rm /complaint-kiosk/kiosk.db-shm
rm /complaint-kiosk/kiosk.db
write $work/kiosk.db.seed /complaint-kiosk/kiosk.db
sif /complaint-kiosk/kiosk.db uid $owner_uid
sif /complaint-kiosk/kiosk.db gid $owner_gid
sif /complaint-kiosk/kiosk.db mode 0100640
DEBUGFS
dd if="$data_part" of="$work/disk.img" bs=512 seek="$data_start" conv=notrunc status=none
rm -f "$data_part"
step "boot 1: ticket $ticket filed into the kiosk's database"

# A broken update: the root partition of an image whose kiosk exits at once. The good root
# is kept aside and written back for the fixed update.
root_part=$work/root.img
dd if="$work/disk.img" of="$root_part" bs=1M skip=$((root_offset_bytes / 1048576)) count="$root_mb" status=none
cp --sparse=always "$root_part" "$work/root-good.img"
printf '#!/bin/sh\necho "complaint-kiosk: cannot start (the broken update of boot_test)" >&2\nexit 1\n' >"$work/broken-kiosk"
debugfs -w -f - "$root_part" >/dev/null 2>&1 <<DEBUGFS
rm /usr/bin/complaint-kiosk
write $work/broken-kiosk /usr/bin/complaint-kiosk
sif /usr/bin/complaint-kiosk mode 0100755
DEBUGFS
dd if="$root_part" of="$work/disk.img" bs=1M seek=$((root_offset_bytes / 1048576)) conv=notrunc status=none

step "boot 2: a broken update (the kiosk cannot start)"
boot broken until-reboot
expect broken "kiosk-image: complaint-kiosk.service (failed|activating)" "the broken kiosk is reported as running"
expect broken "reboot: Restarting system" "no reboot after the kiosk's failed starts (StartLimitAction=reboot)"
step "boot 2: rebooted after the failed starts"

dd if="$work/root-good.img" of="$work/disk.img" bs=1M seek=$((root_offset_bytes / 1048576)) conv=notrunc,sparse status=none
rm -f "$root_part" "$work/root-good.img"

step "boot 3: the fixed update, nothing to provision"
boot second
expect second 'complaint-kiosk.service active, READY' "the kiosk service is not READY after the fixed update"
expect second "tickets: integrity ok, schema version [0-9]+, 1 ticket" "the ticket filed before the update is lost"
expect second "machine id $machine_id, kept $machine_id, journal boots [2-9]" "machine id or journal of earlier boots lost"
expect second "previous boot: [5-9] failed starts of complaint-kiosk.service" "the failed starts of the broken update are not in the journal"
expect second 'no new kiosk.toml; keeping the config' "provisioning did not keep the config"
expect second "provisioned: code = 'SH02'" "config lost"
expect second 'queues device for receipt: socket://127.0.0.1:9100' "the receipt queue did not survive the power cut"
expect second 'database /var/lib/complaint-kiosk/kiosk.db on /dev/vda3\[/complaint-kiosk\] ext4 .* size [1-9]' "database lost"
step "boot 3: READY ${ready_s}s after QEMU start"

step "boot 4: invalid kiosk.toml"
sed 's/^key = .*/key = "not-a-key"/; s/^kiosk_id/kisok_id/' "$work/kiosk.toml" >"$work/bad.toml"
mcopy -o -i "$esp" "$work/bad.toml" ::/kiosk.toml
boot third
expect third 'KIOSK PROVISIONING FAILED' "no provisioning error on the console"
expect third 'sync.key: must be' "the bad key is not named"
expect third 'unknown key: site.kisok_id' "the typo is not named"
check_screen console "$work/third.ppm" "$image_dir/boot-test-provisioning-error.png" ||
  fail "the provisioning errors are not on the screen (see $image_dir/boot-test-provisioning-error.png)"
mcopy -i "$esp" ::/kiosk-errors.txt "$work/errors.txt" || fail "no kiosk-errors.txt on the boot partition"
grep -q 'sync.key' "$work/errors.txt" || fail "kiosk-errors.txt does not name the problem"
grep -q '终端初始配置失败' "$work/errors.txt" || fail "kiosk-errors.txt has no Chinese report"
mdir -b -i "$esp" ::/kiosk.toml >/dev/null 2>&1 || fail "the invalid kiosk.toml was removed"
step "ok: first READY ${first_ready}s, image $((size_bytes / 1048576)) MiB"
