#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gmapbench-<variant> --gmap_cost (its count build, gmapbench-<variant>-cost):
# kernel_bb and kernel_bb_<file> per iteration, identical run to run and
# whatever the iteration count; --gmap_cost_out's functions add up to
# kernel_bb and are identical run to run; bad uses fail with a message.
top=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$top/tests/lib/tap.sh"
bin=$top/build/bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f='^pte_churn/'

count() { # variant out funcs [min_time]
	"$bin/gmapbench-$1" --gmap_cost_out="$3" --benchmark_filter="$f" \
		--benchmark_min_time="${4:-0}" --benchmark_repetitions=1 \
		--benchmark_out="$2" --benchmark_out_format=json > /dev/null 2> "$2.err"
}
# "<benchmark> <counter> <value>" of every kernel_bb* of a result file
counters() {
	awk -F'"' '/"name":/ {b = $4} /"kernel_bb/ {sub(/,$/, ""); print b, $2, $3}' "$1"
}

for run in 1 2; do
	check "count run $run exits 0" count baseline "$tmp/r$run.json" "$tmp/f$run.json"
done
counters "$tmp/r1.json" > "$tmp/c1"
counters "$tmp/r2.json" > "$tmp/c2"
n=$(grep -c ' kernel_bb : ' "$tmp/c1")
[ "$n" -ge 2 ] && [ "$(grep -c ' kernel_bb_' "$tmp/c1")" -eq $((5 * n)) ] &&
	ok "kernel_bb and 5 kernel_bb_<file> on each of $n benchmarks" ||
	{ not_ok "kernel_bb counters on every benchmark"; sed 's/^/#   /' "$tmp/c1" | head; }
cmp -s "$tmp/c1" "$tmp/c2" && ok "two runs: identical kernel_bb* counters" ||
	{ not_ok "two runs: identical kernel_bb* counters"; diff "$tmp/c1" "$tmp/c2" | head | sed 's/^/#   /'; }
cmp -s "$tmp/f1.json" "$tmp/f2.json" && ok "two runs: identical --gmap_cost_out files" ||
	not_ok "two runs: identical --gmap_cost_out files"
grep -q '"gmap_cost": "true"' "$tmp/r1.json" && ok "the context says gmap_cost" ||
	not_ok "the context says gmap_cost"

# more iterations (min_time): the same per-iteration counts, on a
# scenario small enough for many iterations on a loaded machine
small() { # out funcs min_time
	"$bin/gmapbench-baseline" --gmap_cost_out="$2" --benchmark_min_time="$3" \
		--gmap_args=pte_churn/ws_pages:16/rewrites:16 --benchmark_out="$1" \
		--benchmark_out_format=json > /dev/null 2>&1
}
check "a small scenario, one iteration" small "$tmp/s1.json" "$tmp/sf1.json" 0
check "and as many as fit in 0.2 s" small "$tmp/s2.json" "$tmp/sf2.json" 0.2
iters=$(awk -F': ' '/"iterations"/ {sub(/,/, "", $2); print $2; exit}' "$tmp/s2.json")
counters "$tmp/s1.json" > "$tmp/cs1"
counters "$tmp/s2.json" > "$tmp/cs2"
[ "${iters:-0}" -gt 1 ] && [ -s "$tmp/cs1" ] && cmp -s "$tmp/cs1" "$tmp/cs2" &&
	ok "$iters iterations count the same per iteration as one" ||
	{ not_ok "several iterations count the same per iteration (iterations $iters)"; diff "$tmp/cs1" "$tmp/cs2" | head | sed 's/^/#   /'; }
cmp -s "$tmp/sf1.json" "$tmp/sf2.json" && ok "and the same functions per iteration" ||
	not_ok "and the same functions per iteration"

# the functions of each benchmark add up to its kernel_bb
sums=$(awk '/^  "/ {split($0, a, "\""); b = a[2]} /^    "/ {s[b] += $NF + 0}
	END {for (k in s) printf "%s %.0f\n", k, s[k]}' "$tmp/f1.json" | sort)
bbs=$(awk '$2 == "kernel_bb" {printf "%s %.0f\n", $1, $4}' "$tmp/c1" | sort)
[ -n "$sums" ] && [ "$sums" = "$bbs" ] && ok "the functions add up to kernel_bb, benchmark by benchmark" ||
	{ not_ok "the functions add up to kernel_bb"; diag "functions: $sums" "kernel_bb: $bbs"; }

# a variant doing more kernel work counts more
check "pgt-prefill counts" count pgt-prefill "$tmp/p.json" "$tmp/pf.json"
b8=$(awk '$1 ~ /interval:8\// && $2 == "kernel_bb" {print $4 + 0}' "$tmp/c1")
p8=$(awk '$2 == "kernel_bb" && $1 ~ /interval:8\// {print $4 + 0}' <(counters "$tmp/p.json"))
awk -v b="$b8" -v p="$p8" 'BEGIN {exit !(b > 0 && p > 2 * b)}' &&
	ok "pgt-prefill on pte_churn/interval:8: kernel_bb $b8 -> $p8" ||
	not_ok "pgt-prefill on pte_churn/interval:8: kernel_bb $b8 -> $p8, expected more than twice"
grep -q '"gmap_shadow_page_prefill"' "$tmp/pf.json" &&
	! grep -q '"gmap_shadow_page_prefill"' "$tmp/f1.json" &&
	ok "its gmap_shadow_page_prefill is in its functions only" ||
	not_ok "pgt-prefill's gmap_shadow_page_prefill is in its functions only"

# without --gmap_cost: no kernel_bb
"$bin/gmapbench-baseline" --benchmark_filter="$f" --benchmark_min_time=0 \
	--benchmark_out="$tmp/plain.json" --benchmark_out_format=json > /dev/null 2>&1
[ -s "$tmp/plain.json" ] && ! grep -q kernel_bb "$tmp/plain.json" &&
	ok "without --gmap_cost: no kernel_bb" || not_ok "without --gmap_cost: no kernel_bb"

# bad uses
expect_fail() { # description regex command...
	local d=$1 re=$2 out rc
	shift 2
	out=$("$@" 2>&1 > /dev/null)
	rc=$?
	[ $rc -eq 1 ] && grep -Eq -- "$re" <<< "$out" && ok "$d (exit 1: $(grep -E -m 1 -- "$re" <<< "$out"))" ||
		{ not_ok "$d (exit $rc)"; diag "$out"; }
}
expect_fail "--gmap_cost=maybe" 'gmap_cost=maybe: expected true or false' \
	"$bin/gmapbench-baseline" --gmap_cost=maybe
expect_fail "--gmap_cost_out= (no file)" 'expected --gmap_cost_out=FILE' \
	"$bin/gmapbench-baseline" --gmap_cost_out=
expect_fail "--gmap_cost with --gmap_backend=kvm" 'not --gmap_backend=kvm' \
	"$bin/gmapbench-baseline" --gmap_cost --gmap_backend=kvm
cp "$bin/gmapbench-baseline" "$tmp/gmapbench-baseline"
expect_fail "--gmap_cost without the count build beside it" \
	'gmapbench-baseline-cost: No such file' "$tmp/gmapbench-baseline" --gmap_cost
expect_fail "--gmap_cost_out into a missing directory" 'gmap_cost_out=.*/no/f.json' \
	"$bin/gmapbench-baseline" --gmap_cost_out="$tmp/no/f.json" --benchmark_filter='^pte_churn/.*interval:8/'
done_testing
