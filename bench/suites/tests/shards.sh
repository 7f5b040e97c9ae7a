#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The two recipes of docs/nightly.md for spreading a night over hosts, run
# here for real on one host: GNU parallel with --sshloginfile (the local
# machine, ':', as the one login) and the Slurm array script (run as Slurm
# runs it: SLURM_SUBMIT_DIR and SLURM_ARRAY_TASK_ID set). Each ends with
# --merge, and the night must equal one run without shards.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PARALLEL_HOME=$tmp/parallel-home
mkdir -p "$PARALLEL_HOME" && touch "$PARALLEL_HOME/will-cite"

sel=(--variants=baseline,pgt-prefill --suites=multi_guest,pte_churn
	--repetitions=2 --min-time=0)
counters() { # NIGHT: the counters of each variant, for comparing nights
	for v in baseline pgt-prefill; do
		build/bin/gmapbench-counters "$1/$v.json" | sed "s/^/$v /"
	done
}

# one host, no shards: what the sharded nights must equal
scripts/nightly --date=2026-02-01 --host=whole --results="$tmp/r" "${sel[@]}" \
	--no-report > /dev/null 2>&1
counters "$tmp/r/2026-02-01/whole" > "$tmp/whole" 2>&1
[ "$(wc -l < "$tmp/whole")" -gt 20 ] && ok "an unsharded night to compare with" ||
	not_ok "an unsharded night to compare with"

# GNU parallel, as in docs/nightly.md
if ! command -v parallel > /dev/null; then
	not_ok "GNU parallel is installed (scripts/deps lists it)"
else
	echo ':' > "$tmp/hosts"
	opts="--date=2026-02-02 --host=z-nightly --results=$tmp/r ${sel[*]}"
	# shellcheck disable=SC2086
	scripts/nightly $opts --list-jobs |
		parallel --sshloginfile "$tmp/hosts" --workdir "$PWD" \
			scripts/nightly $opts --job={} > "$tmp/par.out" 2>&1
	rc=$?
	[ $rc -eq 0 ] && ok "parallel --sshloginfile: every job ran" ||
		{ not_ok "parallel --sshloginfile: every job ran (exit $rc)"; tail -n 20 "$tmp/par.out" | sed 's/^/#   /'; }
	night=$tmp/r/2026-02-02/z-nightly
	n=$(ls "$night"/state/*-r[0-9].done 2> /dev/null | wc -l)
	[ "$n" -eq 8 ] && ok "... 8 jobs (2 variants x 2 suites x 2 rounds) done, one state file each" ||
		not_ok "... 8 jobs done ($n)"
	# shellcheck disable=SC2086
	scripts/nightly $opts --merge > /dev/null 2> "$tmp/merge.err"
	rc=$?
	[ $rc -le 1 ] && [ -s "$night/report.html" ] && [ -s "$night/summary.txt" ] &&
		ok "--merge: the night assembled and reported (exit $rc)" ||
		{ not_ok "--merge (exit $rc)"; tail -n 10 "$tmp/merge.err" | sed 's/^/#   /'; }
	counters "$night" > "$tmp/par" 2>&1
	diff -u "$tmp/whole" "$tmp/par" > "$tmp/par.diff" && ok "... its counters equal the unsharded night's" ||
		{ not_ok "... its counters equal the unsharded night's"; head -n 20 "$tmp/par.diff" | sed 's/^/#   /'; }

	# a shard script of before the rounds: "<variant> <suite>" lines
	opts="--date=2026-02-04 --host=z-nightly --results=$tmp/r ${sel[*]}"
	# shellcheck disable=SC2086
	scripts/nightly $opts --list-jobs | cut -d' ' -f1,2 | sort -u |
		parallel --sshloginfile "$tmp/hosts" --workdir "$PWD" \
			scripts/nightly $opts --job={} > "$tmp/old.out" 2>&1
	rc=$?
	# shellcheck disable=SC2086
	scripts/nightly $opts --merge --no-report > /dev/null 2>&1
	night=$tmp/r/2026-02-04/z-nightly
	n=$(ls "$night"/state/*-r[0-9].done 2> /dev/null | wc -l)
	counters "$night" > "$tmp/old" 2>&1
	[ $rc -eq 0 ] && [ "$n" -eq 8 ] && diff -u "$tmp/whole" "$tmp/old" > "$tmp/old.diff" &&
		ok "old '<variant> <suite>' job lines through parallel: every round ran ($n), the same counters" ||
		{ not_ok "old job lines through parallel (exit $rc, $n rounds)"; head -n 20 "$tmp/old.diff" "$tmp/old.out" | sed 's/^/#   /'; }
fi

# Slurm: each array task as sbatch would start it, then the merge
opts=(--date=2026-02-03 --host=z-nightly --results="$tmp/r" "${sel[@]}")
n=$(scripts/nightly "${opts[@]}" --list-jobs | wc -l)
bad=0
for ((t = 1; t <= n; t++)); do
	(cd / && SLURM_SUBMIT_DIR=$top SLURM_ARRAY_TASK_ID=$t \
		"$top/scripts/nightly.d/slurm.sbatch" "${opts[@]}") > "$tmp/slurm.$t" 2>&1 || bad=$t
done
[ "$n" -eq 8 ] && [ $bad -eq 0 ] && ok "slurm.sbatch: array tasks 1-$n each ran their job" ||
	{ not_ok "slurm.sbatch: array tasks 1-$n (task $bad failed)"; tail -n 10 "$tmp/slurm.$bad" | sed 's/^/#   /'; }
night=$tmp/r/2026-02-03/z-nightly
scripts/nightly "${opts[@]}" --merge --no-report > /dev/null 2>&1
counters "$night" > "$tmp/slurm" 2>&1
diff -u "$tmp/whole" "$tmp/slurm" > "$tmp/slurm.diff" && ok "... merged, its counters equal the unsharded night's" ||
	{ not_ok "... merged, its counters equal the unsharded night's"; head -n 20 "$tmp/slurm.diff" | sed 's/^/#   /'; }
out=$(SLURM_SUBMIT_DIR=$top SLURM_ARRAY_TASK_ID=99 scripts/nightly.d/slurm.sbatch "${opts[@]}" 2>&1)
[ $? -eq 2 ] && [[ $out == *"task 99: no such job"* ]] && ok "slurm.sbatch: a task past the job list says so (exit 2)" ||
	{ not_ok "slurm.sbatch: a task past the job list"; diag "$out"; }
out=$(env -u SLURM_ARRAY_TASK_ID SLURM_SUBMIT_DIR=$top scripts/nightly.d/slurm.sbatch "${opts[@]}" 2>&1)
[ $? -ne 0 ] && [[ $out == *"--array"* ]] && ok "slurm.sbatch outside an array says how to submit it" ||
	{ not_ok "slurm.sbatch outside an array"; diag "$out"; }
done_testing
