# Sourced by scripts/test-sanitizers (and by hand: `source tests/sanitizers/options.sh` before
# running a test binary of an ASan/UBSan build): the sanitizers' run-time options, and the
# suppressions beside this file, which name third-party libraries only. The programs the
# tests start (complaint-desk, complaint-kiosk, complaintctl) inherit them.
sanitizers_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# detect_leaks: leaks are reported when a process exits, and fail it (exit code 23).
export ASAN_OPTIONS="detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=0:suppressions=$sanitizers_dir/asan.supp"
export LSAN_OPTIONS="suppressions=$sanitizers_dir/lsan.supp:print_suppressions=0"
# halt_on_error: the build already makes every UBSan check fatal (-fno-sanitize-recover).
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$sanitizers_dir/ubsan.supp"
unset sanitizers_dir
