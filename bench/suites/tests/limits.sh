#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/nightly against what must not stop a night (docs/verdicts.md):
# a variant that hangs (tests/variants/spin-forever) is `hung` at
# --job-timeout, one that leaks (tests/variants/leak-rmap) is `memory` at
# --job-memory, and the night still publishes and exits 1; a second night
# on the same directory is refused with the holder's pid (exit 2); a
# read-only and a full results directory are refused before the first
# build with the system's words (exit 2).
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jget=$top/build/tests/json-get
n() { scripts/nightly --host=testhost --repetitions=1 "$@"; }

# ---- a hanging and a leaking variant in one night, and a second night ----
# l2_reboot: leak-rmap's rmaps add up over the 0.5 s a benchmark runs to
# well over the limit, baseline stays under half of it
sel=(--results="$tmp/r" --date=2026-02-01 --variants=baseline,leak-rmap,spin-forever
	--suites=l2_reboot --min-time=0.5 --job-timeout=4 --job-memory=14M)
night=$tmp/r/2026-02-01/testhost
scripts/nightly --host=testhost --repetitions=1 "${sel[@]}" > "$tmp/out1" 2> "$tmp/err1" &
pid=$!
for ((i = 0; i < 300; i++)); do
	[ -s "$night/.lock.owner" ] && break
	sleep 0.05
done
n "${sel[@]}" > /dev/null 2> "$tmp/err2"
rc2=$?
wait $pid
rc=$?
[ $rc2 -eq 2 ] && grep -q "is locked by scripts/nightly pid $pid on " "$tmp/err2" &&
	ok "a second night on the same directory: exit 2, naming the first's pid, host and start" ||
	{ not_ok "second night (exit $rc2)"; diag "$(cat "$tmp/err2")"; }
[ $rc -eq 1 ] && ok "a night with a hung and a leaking variant: exit 1" ||
	{ not_ok "night exit $rc, want 1"; tail -n 20 "$tmp/err1" | sed 's/^/#   /'; }
[ -f "$night/state/spin-forever.l2_reboot-oracle.hung" ] && [ -f "$night/state/spin-forever.l2_reboot-r1.hung" ] &&
	head -n 1 "$night/state/spin-forever.l2_reboot-oracle.hung" | grep -qx 'HUNG: still running after 4 s (--job-timeout), killed' &&
	ok "spin-forever: its oracle pass hung at --job-timeout, its round marked hung" ||
	{ not_ok "spin-forever state"; ls "$night/state" | sed 's/^/#   /'; }
[ -f "$night/state/leak-rmap.l2_reboot-r1.memory" ] &&
	head -n 1 "$night/state/leak-rmap.l2_reboot-r1.memory" | grep -q '^MEMORY: resident set [0-9]* MiB passed the limit of 14 MiB' &&
	ok "leak-rmap: its timed round passed --job-memory, memory" ||
	{ not_ok "leak-rmap state"; ls "$night/state" | sed 's/^/#   /'; cat "$night"/state/leak-rmap.* 2> /dev/null | head -n 5 | sed 's/^/#   /'; }
grep -qx 'peak_rss_kib=[1-9][0-9]*' "$night/state/baseline.l2_reboot-r1.done" &&
	grep -qx 'wall_s=[0-9.]*' "$night/state/baseline.l2_reboot-r1.done" &&
	ok "baseline's done file: wall_s and peak_rss_kib" || not_ok "baseline done file"
for f in report.html report.md summary.txt verdict.json baseline.json; do
	[ -s "$night/$f" ] || { not_ok "the night published $f"; continue; }
	ok "the night published $f"
done
st="spin-forever=$("$jget" "$night/verdict.json" .variants.spin-forever.status) leak-rmap=$("$jget" "$night/verdict.json" .variants.leak-rmap.status)"
[ "$st" = "spin-forever=hung leak-rmap=memory" ] && ok "verdict.json: $st" || not_ok "verdict.json: $st"
grep -q '^spin-forever: HUNG on l2_reboot-oracle: still running after 4 s' "$night/summary.txt" &&
	grep -q '^leak-rmap: MEMORY on l2_reboot-r1: resident set' "$night/summary.txt" &&
	ok "summary.txt: the HUNG and MEMORY headlines" || { not_ok "summary headlines"; sed 's/^/#   /' "$night/summary.txt" | head -n 12; }
grep -q 'nightly: wall time [0-9]* s: build .*, oracle .*, cost .*, timed .*, merge .*, report ' "$tmp/err1" &&
	grep -q '^timed_us=[1-9]' "$night/night-time.txt" && grep -q 'Night: [0-9]* s wall:.*timed' "$night/summary.txt" &&
	ok "the night's wall time split: printed, in night-time.txt and the summary" || not_ok "wall time split"

# ---- read-only and full results directories (a mount namespace of our own) ----
mounts() { unshare -m --propagation private true 2> /dev/null; }
if ! mounts; then
	skip "read-only results directory: no mount namespace here (unshare -m fails)"
	skip "full results directory: no mount namespace here (unshare -m fails)"
else
	mkdir -p "$tmp/ro" "$tmp/full"
	unshare -m --propagation private bash -c '
		mount -t tmpfs -o size=1m tmpfs "$1" && mount -o remount,ro "$1" || exit 99
		shift
		exec "$@"' _ "$tmp/ro" scripts/nightly --results="$tmp/ro" --variants=baseline --suites=l2_reboot \
		> "$tmp/ro.out" 2>&1
	rc=$?
	if [ $rc -eq 99 ]; then
		skip "read-only results directory: cannot mount a tmpfs here"
	else
		[ $rc -eq 2 ] && grep -q 'nightly: cannot create .*: Read-only file system' "$tmp/ro.out" &&
			! grep -qi 'build' "$tmp/ro.out" &&
			ok "a read-only results directory: exit 2 before any build, 'Read-only file system'" ||
			{ not_ok "read-only (exit $rc)"; sed 's/^/#   /' "$tmp/ro.out" | head; }
	fi
	unshare -m --propagation private bash -c '
		mount -t tmpfs -o size=256k tmpfs "$1" || exit 99
		head -c 1m /dev/zero > "$1/filler" 2> /dev/null
		d=$1
		shift
		"$@"
		rc=$?
		ls -a "$d" > "$d.ls" 2>&1
		exit $rc' _ "$tmp/full" scripts/nightly --results="$tmp/full" --variants=baseline --suites=l2_reboot \
		> "$tmp/full.out" 2>&1
	rc=$?
	if [ $rc -eq 99 ]; then
		skip "full results directory: cannot mount a tmpfs here"
	else
		[ $rc -eq 2 ] && grep -q 'nightly: cannot .*: No space left on device' "$tmp/full.out" &&
			! grep -qi 'build' "$tmp/full.out" &&
			ok "a full results directory: exit 2 before any build, 'No space left on device'" ||
			{ not_ok "full (exit $rc)"; sed 's/^/#   /' "$tmp/full.out" | head; }
	fi
fi
done_testing
