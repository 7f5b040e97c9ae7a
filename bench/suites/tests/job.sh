#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gmapbench-job with small stand-in jobs: each end of a job maps to the
# outcome file docs/verdicts.md defines (exit 3 wrong, 4 or the time limit
# hung, the memory limit memory, other statuses and signals failed), with
# its headline and log tail; a done file holds wall_s and peak_rss_kib; a
# timed-out job's whole process group goes; a log that cannot be written is
# named with the system's words.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
job=$top/build/bin/gmapbench-job
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/state"
run() { # run NAME [runner options] -- COMMAND...: status in $rc
	local name=$1
	shift
	"$job" --state="$tmp/state/$name" --log="$tmp/$name.log" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
	rc=$?
}
gone() { # gone PID: not running (a zombie an init that does not reap leaves is gone)
	! kill -0 "$1" 2> /dev/null || grep -q '^State:.*Z' "/proc/$1/status" 2> /dev/null
}
only() { # only NAME OUTCOME: exactly one outcome file, this one
	[ "$(find "$tmp/state" -maxdepth 1 -name "$1.*" | wc -l)" -eq 1 ] && [ -f "$tmp/state/$1.$2" ]
}

run ok --tee -- sh -c 'echo one; echo two'
[ $rc -eq 0 ] && only ok done && grep -qx 'wall_s=[0-9.]*' "$tmp/state/ok.done" &&
	grep -qx 'peak_rss_kib=[1-9][0-9]*' "$tmp/state/ok.done" &&
	[ "$(cat "$tmp/ok.out")" = "one
two" ] && [ "$(cat "$tmp/ok.log")" = "one
two" ] &&
	ok "exit 0: done with wall_s and peak_rss_kib; --tee copies stdout to the log and to ours" ||
	{ not_ok "done"; diag "$(cat "$tmp/state/ok".* "$tmp/ok.err")"; }

printf 'gmapbench: WRONG pte_churn/interval:8: 16320 mismatches (translation 16320); first: L2 0x1000\n' > "$tmp/wrong-line"
run wrong -- sh -c "echo noise; cat '$tmp/wrong-line' >&2; exit 3"
[ $rc -eq 1 ] && only wrong wrong &&
	[ "$(head -n 1 "$tmp/state/wrong.wrong")" = "WRONG on pte_churn/interval:8 (16320 mismatches (translation 16320); first: L2 0x1000)" ] &&
	grep -q '^noise$' "$tmp/state/wrong.wrong" &&
	ok "exit 3: wrong, its first 'gmapbench: WRONG' line as the headline, then the log" ||
	{ not_ok "exit 3"; diag "$(cat "$tmp/state/wrong".*)"; }

run hung4 -- sh -c 'echo "gmapbench: HUNG multi_guest/x: L2 0x2000 faults again and again" >&2; exit 4'
[ $rc -eq 1 ] && only hung4 hung &&
	[ "$(head -n 1 "$tmp/state/hung4.hung")" = "HUNG on multi_guest/x (L2 0x2000 faults again and again)" ] &&
	ok "exit 4: hung, with the binary's HUNG line" || { not_ok "exit 4"; diag "$(cat "$tmp/state/hung4".*)"; }

start=$EPOCHSECONDS
run slow --timeout=1 -- sh -c 'sleep 30 & echo $! > '"$tmp"'/grandchild; echo started; wait'
gc=$(cat "$tmp/grandchild" 2> /dev/null)
sleep 0.2
[ $rc -eq 1 ] && only slow hung && [ $((EPOCHSECONDS - start)) -lt 10 ] &&
	grep -q '^HUNG: still running after 1 s (--job-timeout), killed$' "$tmp/state/slow.hung" &&
	grep -q '^started$' "$tmp/state/slow.hung" && [ -n "$gc" ] && gone "$gc" &&
	ok "the time limit: hung, the job's whole process group killed" ||
	{ not_ok "timeout"; diag "$(cat "$tmp/state/slow".*)"; }

run big --memory=65536 -- awk 'BEGIN { s = "x"; while (length(s) < 200000000) s = s s; system("sleep 5") }'
[ $rc -eq 1 ] && only big memory &&
	grep -q '^MEMORY: resident set [0-9]* MiB passed the limit of 64 MiB (--job-memory), killed$' "$tmp/state/big.memory" &&
	ok "the memory limit: memory, with the resident set it reached" ||
	{ not_ok "memory limit"; diag "$(cat "$tmp/state/big".*)"; }

run segv -- sh -c 'echo before; kill -SEGV $$'
[ $rc -eq 1 ] && only segv failed && grep -q '^FAILED: killed by signal 11 (Segmentation fault)$' "$tmp/state/segv.failed" &&
	grep -q '^before$' "$tmp/state/segv.failed" &&
	ok "a signal: failed, naming it" || { not_ok "signal"; diag "$(cat "$tmp/state/segv".*)"; }
run two -- sh -c 'echo "gmapbench: --cbench_pin=99: no such CPU" >&2; exit 2'
[ $rc -eq 1 ] && only two failed &&
	head -n 1 "$tmp/state/two.failed" | grep -qx 'FAILED: exit 2: gmapbench: --cbench_pin=99: no such CPU' &&
	ok "exit 2: failed, with the last line of the log" || { not_ok "exit 2"; diag "$(cat "$tmp/state/two".*)"; }

# a job that ran again replaces its earlier outcome
run segv -- true
only segv done && ok "a job run again leaves exactly one outcome file" || not_ok "one outcome: $(ls "$tmp/state")"

run noout --rename="$tmp/out.tmp:$tmp/out.json" -- true
[ $rc -eq 1 ] && only noout failed && [ ! -e "$tmp/out.json" ] && grep -q 'exit 0 but no results' "$tmp/state/noout.failed" &&
	ok "--rename: exit 0 with no output is failed" || not_ok "--rename without output"
run out --rename="$tmp/out.tmp:$tmp/out.json" -- sh -c "echo '{}' > '$tmp/out.tmp'"
[ $rc -eq 0 ] && only out done && [ -s "$tmp/out.json" ] && [ ! -e "$tmp/out.tmp" ] &&
	ok "--rename: done renames the output into place" || not_ok "--rename"

printf '{\n  "benchmarks": [\n    {\n      "name": "pte_churn/a",\n      "oracle_mismatches": 0\n    },\n    {\n      "name": "pte_churn/b",\n      "oracle_mismatches": 7\n    }\n  ]\n}\n' > "$tmp/o.json"
run chk --check-json="$tmp/o.json" -- true
[ $rc -eq 1 ] && only chk wrong && head -n 1 "$tmp/state/chk.wrong" | grep -qx 'WRONG on pte_churn/b (7 mismatches)' &&
	ok "--check-json: exit 0 with oracle_mismatches > 0 is wrong" || { not_ok "--check-json"; diag "$(cat "$tmp/state/chk".*)"; }
run chk2 --check-json="$tmp/o.json" -- sh -c 'echo "gmapbench-x: pte_churn: WRONG: oracle: L2 0x1000: stale" >&2'
head -n 1 "$tmp/state/chk2.wrong" | grep -qx 'WRONG on pte_churn/b (7 mismatches; first: oracle: L2 0x1000: stale)' &&
	ok "... with the log's first WRONG message" || { not_ok "--check-json first"; diag "$(cat "$tmp/state/chk2".*)"; }

if [ -w /dev/full ]; then
	"$job" --state="$tmp/state/full" --log=/dev/full --tee -- echo hello > /dev/null 2> "$tmp/full.err"
	rc=$?
	[ $rc -eq 2 ] && grep -q 'cannot write the log /dev/full: No space left on device' "$tmp/state/full.failed" &&
		ok "a log that cannot be written: failed, exit 2, with the errno text" ||
		{ not_ok "full log (exit $rc)"; diag "$(cat "$tmp/full.err" "$tmp/state/full".* 2> /dev/null)"; }
else
	skip "a log on a full device: /dev/full is not writable here"
fi
# a binary that exits 0 though it could not write its results to a full disk
mkdir -p "$tmp/fullfs"
unshare -m --propagation private bash -c 'mount -t tmpfs -o size=64k tmpfs "$1" || exit 99
	head -c 1m /dev/zero > "$1/filler" 2> /dev/null
	"$2" --state="$3/state/fullout" --log="$3/fullout.log" --rename="$1/out.tmp:$1/out.json" -- \
		sh -c ": > \"\$1\" 2> /dev/null; exit 0" _ "$1/out.tmp"' _ "$tmp/fullfs" "$job" "$tmp" 2> /dev/null
rc=$?
if [ $rc -eq 99 ] || ! [ -e "$tmp/state/fullout.failed" ] && [ $rc -ne 1 ]; then
	skip "results on a full disk: cannot mount a small tmpfs here"
else
	[ $rc -eq 1 ] && head -n 1 "$tmp/state/fullout.failed" | grep -q 'no results in .*out.tmp: No space left on device$' &&
		ok "exit 0 without results on a full disk: failed, 'No space left on device'" ||
		{ not_ok "full disk results (exit $rc)"; diag "$(cat "$tmp/state/fullout".* 2> /dev/null)"; }
fi
"$job" --state="$tmp/nosuchdir/x" --log="$tmp/x.log" -- true 2> "$tmp/nodir.err"
rc=$?
[ $rc -eq 2 ] && grep -q "nosuchdir/x.done.tmp.[0-9]*: No such file or directory" "$tmp/nodir.err" &&
	ok "a state file that cannot be written: exit 2, named with errno" || { not_ok "state not writable (exit $rc)"; diag "$(cat "$tmp/nodir.err")"; }
"$job" --timeout=x -- true 2> "$tmp/bad.err"
[ $? -eq 2 ] && grep -q -- '--timeout=x' "$tmp/bad.err" && ok "a bad option: exit 2, named" || not_ok "bad option"
done_testing
