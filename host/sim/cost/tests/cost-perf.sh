#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sim-cost-perf (make perf's cost-perf) in its short mode: it runs and
# prints its format, nothing timed against a goal; counts that differ
# between runs (a fake binary) make it exit 1; a failing binary and bad
# options exit 2 with a message naming them.
top=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$top/tests/lib/tap.sh"
cp=$top/build/bin/sim-cost-perf
bin=$top/build/bin/gmapbench-baseline
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$cp" --bin="$bin" --filter='^pte_churn/' --rounds=1 --runs=2 --min-time=0 > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 0 ] && ok "short mode on pte_churn: exit 0" ||
	{ not_ok "short mode on pte_churn: exit $rc"; sed 's/^/#   /' "$tmp/err"; }
has "$tmp/out" '^benchmark +native/iter +count/iter +ratio +kernel_bb +identical$' "the table's head"
n=$(grep -Ec '^pte_churn/[^ ]+ +[0-9.]+ ms +[0-9.]+ ms +[0-9.]+x +[1-9][0-9]* +2/2$' "$tmp/out")
[ "$n" -eq 2 ] && ok "a row per benchmark: times, ratio, kernel_bb, 2/2 identical" ||
	{ not_ok "a row per benchmark ($n)"; sed 's/^/#   /' "$tmp/out"; }
has "$tmp/out" '^count pass cost per iteration vs native \(CPU time, least of 1\): geometric mean [0-9.]+x, worst [0-9.]+x \(pte_churn/.*\); goal <= 3x: (met|MISSED by the worst)$' \
	"the ratio line: geometric mean and worst"
has "$tmp/out" '^kernel_bb identical in 2 of 2 runs: 2 of 2 benchmarks$' "the identity line"

# without --filter: the nightly set, the suites the binary lists
"$cp" --bin="$bin" --rounds=1 --runs=1 --min-time=0 > "$tmp/all" 2> "$tmp/err"
suites=$("$bin" --gmap_list_suites | wc -l)
got=$(awk 'NR > 2 && / ms / {sub(/\/.*/, "", $1); print $1}' "$tmp/all" | sort -u | wc -l)
! grep -q '_large/' "$tmp/all" && [ "$got" -eq "$suites" ] && [ "$suites" -gt 1 ] &&
	ok "by default every suite of the nightly set ($got of $suites), no _large" ||
	{ not_ok "by default every suite of the nightly set ($got of $suites)"; sed 's/^/#   /' "$tmp/err"; }

# a binary whose counts change from run to run
cat > "$tmp/fake" <<'FAKE'
#!/bin/bash
for a; do case $a in --benchmark_out=*) out=${a#*=} ;; esac; done
n=$(( $(cat "$0.n" 2>/dev/null || echo 0) + 1 )); echo $n > "$0.n"
printf '{"benchmarks":[{"name":"s/a","run_name":"s/a","run_type":"iteration","cpu_time":1,"time_unit":"ms","kernel_bb":7},{"name":"s/b","run_name":"s/b","run_type":"iteration","cpu_time":1,"time_unit":"ms","kernel_bb":%d}]}\n' "$n" > "$out"
FAKE
chmod +x "$tmp/fake"
"$cp" --bin="$tmp/fake" --filter=s --rounds=1 --runs=3 > "$tmp/fout" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q '^kernel_bb identical in 3 of 3 runs: 1 of 2 benchmarks$' "$tmp/fout" &&
	grep -Eq '^s/b .* 1/3$' "$tmp/fout" &&
	ok "counts that differ between runs: exit 1, 1 of 2 benchmarks identical" ||
	{ not_ok "counts that differ between runs: exit $rc"; sed 's/^/#   /' "$tmp/fout"; }

printf '#!/bin/sh\necho broken >&2\nexit 1\n' > "$tmp/bad" && chmod +x "$tmp/bad"
"$cp" --bin="$tmp/bad" --filter=s > /dev/null 2> "$tmp/berr"
rc=$?
[ $rc -eq 2 ] && grep -q "$tmp/bad --benchmark_filter=s: exit status 1" "$tmp/berr" &&
	ok "a failing binary: exit 2, named" || { not_ok "a failing binary: exit $rc"; sed 's/^/#   /' "$tmp/berr"; }
log=$(sed -n 's|.*exit status 1 (\(/tmp/sim-cost-perf-log\.[^)]*\))$|\1|p' "$tmp/berr")
[ -z "$log" ] || rm -f "$log" # kept for a user, not for the test
for bad in --runs=0 --rounds=x --min-time=-1 --nope; do
	"$cp" --bin="$bin" "$bad" > /dev/null 2> "$tmp/oerr"
	rc=$?
	[ $rc -eq 2 ] && grep -q "^sim-cost-perf: \\(${bad%%=*}\\|usage\\)" "$tmp/oerr" &&
		ok "$bad: exit 2 with a message" || { not_ok "$bad: exit $rc"; sed 's/^/#   /' "$tmp/oerr"; }
done
done_testing
