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
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
jget=$top/build/tests/json-get
n() { scripts/nightly --host=testhost --repetitions=1 "$@"; }

published() { # published NIGHT: the report and the results are there
	local f
	for f in report.html report.md summary.txt verdict.json baseline.json; do
		[ -s "$1/$f" ] || { not_ok "the night published $f"; return; }
	done
	ok "the night still published report.html, report.md, summary.txt, verdict.json, baseline.json"
}

# ---- a hanging variant, and a second night on the same directory ----
sel=(--results="$tmp/r" --date=2026-02-01 --variants=baseline,spin-forever
	--suites=l2_reboot --min-time=0 --job-timeout=3)
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
[ $rc -eq 1 ] && ok "a night with a hung variant: exit 1" ||
	{ not_ok "night exit $rc, want 1"; tail -n 20 "$tmp/err1" | sed 's/^/#   /'; }
[ -f "$night/state/spin-forever.l2_reboot-oracle.hung" ] && [ -f "$night/state/spin-forever.l2_reboot-r1.hung" ] &&
	head -n 1 "$night/state/spin-forever.l2_reboot-oracle.hung" | grep -qx 'HUNG: still running after 3 s (--job-timeout), killed' &&
	ok "spin-forever: its oracle pass hung at --job-timeout, its round marked hung" ||
	{ not_ok "spin-forever state"; ls "$night/state" | sed 's/^/#   /'; }
published "$night"
[ "$("$jget" "$night/verdict.json" .variants.spin-forever.status)" = hung ] &&
	grep -q '^spin-forever: HUNG on l2_reboot-oracle: still running after 3 s' "$night/summary.txt" &&
	ok "verdict.json: hung; summary.txt: 'spin-forever: HUNG on l2_reboot-oracle: ...'" ||
	{ not_ok "hung verdict"; sed 's/^/#   /' "$night/summary.txt" | head -n 12; }
grep -q 'nightly: wall time [0-9]* s: build .*, oracle .*, cost .*, timed .*, merge .*, report ' "$tmp/err1" &&
	grep -q '^timed_us=[1-9]' "$night/night-time.txt" && grep -q 'Night: [0-9]* s wall:.*timed' "$night/summary.txt" &&
	ok "the night's wall time split: printed, in night-time.txt and the summary" || not_ok "wall time split"

# ---- a leaking variant ----
# l2_reboot: leak-rmap's rmaps add up over the 0.5 s a benchmark runs to
# well over the limit, baseline stays under half of it
night=$tmp/r/2026-02-02/testhost
n --results="$tmp/r" --date=2026-02-02 --variants=baseline,leak-rmap --suites=l2_reboot \
	--min-time=0.5 --job-memory=14M > /dev/null 2> "$tmp/err3"
rc=$?
[ $rc -eq 1 ] && ok "a night with a leaking variant: exit 1" ||
	{ not_ok "night exit $rc, want 1"; tail -n 20 "$tmp/err3" | sed 's/^/#   /'; }
[ -f "$night/state/leak-rmap.l2_reboot-r1.memory" ] &&
	head -n 1 "$night/state/leak-rmap.l2_reboot-r1.memory" | grep -q '^MEMORY: resident set [0-9]* MiB passed the limit of 14 MiB' &&
	ok "leak-rmap: its timed round passed --job-memory, memory" ||
	{ not_ok "leak-rmap state"; ls "$night/state" | sed 's/^/#   /'; cat "$night"/state/leak-rmap.* 2> /dev/null | head -n 5 | sed 's/^/#   /'; }
grep -qx 'peak_rss_kib=[1-9][0-9]*' "$night/state/baseline.l2_reboot-r1.done" &&
	grep -qx 'wall_s=[0-9.]*' "$night/state/baseline.l2_reboot-r1.done" &&
	ok "baseline's done file: wall_s and peak_rss_kib" || not_ok "baseline done file"
published "$night"
[ "$("$jget" "$night/verdict.json" .variants.leak-rmap.status)" = memory ] &&
	grep -q '^leak-rmap: MEMORY on l2_reboot-r1: resident set' "$night/summary.txt" &&
	ok "verdict.json: memory; summary.txt: 'leak-rmap: MEMORY on l2_reboot-r1: ...'" ||
	{ not_ok "memory verdict"; sed 's/^/#   /' "$night/summary.txt" | head -n 12; }

# ---- read-only and full results directories (a mount namespace of our own) ----
# refused WHAT SETUP ERRNO-TEXT: a night on a tmpfs that SETUP (run with
# the mount point as $1) leaves read-only or full stops with exit 2 and
# the system's words, before any build
refused() {
	local what=$1 setup=$2 words=$3 dir=$tmp/$1 rc
	mkdir -p "$dir"
	unshare -m --propagation private bash -c "$setup"' || exit 99
		shift
		exec "$@"' _ "$dir" scripts/nightly --results="$dir" --variants=baseline --suites=l2_reboot \
		> "$dir.out" 2>&1
	rc=$?
	if [ $rc -eq 99 ]; then
		skip "a $what results directory: cannot mount a tmpfs here"
	elif [ $rc -eq 2 ] && grep -q "nightly: cannot .*: $words" "$dir.out" && ! grep -qi 'build' "$dir.out"; then
		ok "a $what results directory: exit 2 before any build, '$words'"
	else
		not_ok "a $what results directory (exit $rc)"
		sed 's/^/#   /' "$dir.out" | head
	fi
}
if ! unshare -m --propagation private true 2> /dev/null; then
	skip "read-only results directory: no mount namespace here (unshare -m fails)"
	skip "full results directory: no mount namespace here (unshare -m fails)"
else
	refused read-only 'mount -t tmpfs -o size=1m tmpfs "$1" && mount -o remount,ro "$1"' 'Read-only file system'
	refused full 'mount -t tmpfs -o size=256k tmpfs "$1" && { head -c 1m /dev/zero > "$1/filler" 2> /dev/null; true; }' \
		'No space left on device'
fi

# ---- a disk that fills after the timed rounds: merge and report ----
# A night published on a small tmpfs; then the disk is filled. The report is refused with the system's words (exit 2) and
# the published one stays as it was; gmapbench-merge says so
# (the night then exits 2, as at its start), leaving no temporary behind.
fill_test() { # runs inside its own mount namespace, $1 the tmpfs
	local r=$1 night=$1/2026-02-03/testhost rc
	mount -t tmpfs -o size=16m tmpfs "$r" || exit 99
	n --results="$r" --date=2026-02-03 --variants=baseline --suites=l2_reboot \
		--min-time=0 > /dev/null 2> "$tmp/fill.night.err" || { echo "night: exit $?"; exit 1; }
	cp "$night/report.html" "$tmp/fill.before.html"
	head -c 64m /dev/zero > "$r/filler" 2> /dev/null
	# nothing left: the filler took every block

	scripts/report "$night" > /dev/null 2> "$tmp/fill.report.err"
	echo "report=$?"
	build/bin/gmapbench-merge -o "$night/again.json" "$night"/parts/baseline/*.r1.json \
		2> "$tmp/fill.merge.err"
	echo "merge=$?"
	cmp -s "$tmp/fill.before.html" "$night/report.html" && echo "report-kept"
	find "$night" -name '*.tmp.*' -o -name '.report.*' | sed 's/^/left: /'
}
if ! unshare -m --propagation private true 2> /dev/null; then
	skip "a disk that fills before the report: no mount namespace here (unshare -m fails)"
else
	export -f fill_test n
	export tmp
	mkdir -p "$tmp/fill"
	unshare -m --propagation private bash -c 'fill_test "$1"' _ "$tmp/fill" > "$tmp/fill.out" 2>&1
	if [ $? -eq 99 ]; then
		skip "a disk that fills before the report: cannot mount a tmpfs here"
	else
		grep -qx 'report=2' "$tmp/fill.out" &&
			grep -q '^report: cannot write .*: No space left on device$' "$tmp/fill.report.err" &&
			grep -qx 'report-kept' "$tmp/fill.out" &&
			ok "a full disk at the report: exit 2, 'No space left on device', the published report kept" ||
			{ not_ok "full disk at the report"; diag "$(cat "$tmp/fill.out" "$tmp/fill.report.err")"; }
		grep -qx 'merge=2' "$tmp/fill.out" &&
			grep -q '^gmapbench-merge: .*again.json.tmp.[0-9]*: write failed: No space left on device$' "$tmp/fill.merge.err" &&
			! grep -q '^left: ' "$tmp/fill.out" &&
			ok "a full disk at gmapbench-merge: exit 2 with the errno text, no temporary left" ||
			{ not_ok "full disk at the merge"; diag "$(cat "$tmp/fill.out" "$tmp/fill.merge.err")"; }
	fi
fi
done_testing
