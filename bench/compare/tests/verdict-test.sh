#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The verdicts of docs/verdicts.md in gmapbench-compare (its ASan/UBSan
# build): wrong, hung, memory and failed jobs from a night's state files,
# peak RSS against the baseline, the top table in verdict.json,
# summary.txt and report.md, the kernel-work column, and the exit status.
top=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh

cmp=build/tests/gmapbench-compare-san
get=build/tests/json-get
fx=bench/compare/tests/fixtures/results/2026-11-24/zsim1
tmp=$(mktemp -d build/tests/verdict-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# a night: the fixture's baseline, and copies of it under other names
night=$tmp/r/2026-11-24/zsim1
mkdir -p "$night/state"
cp "$fx/baseline.json" "$night/"
as_variant() { sed "s/\"variant\": \"baseline\"/\"variant\": \"$1\"/" "$fx/baseline.json" > "$night/$1.json"; }
for v in leaky steady capped; do as_variant "$v"; done
rss() { # rss VARIANT SUITE KIB...: the done files of its timed rounds
	local v=$1 s=$2 k=1
	shift 2
	for kib in "$@"; do
		printf 'wall_s=1.000\npeak_rss_kib=%s\n' "$kib" > "$night/state/$v.$s-r$k.done"
		k=$((k + 1))
	done
}
rss baseline pte_churn 20000 21000 20500
rss leaky pte_churn 150000 160000 155000 # +135 MiB: more than max(25%, 64 MiB)
rss steady pte_churn 60000 61000 62000   # +40 MiB: within 64 MiB
printf 'MEMORY: resident set 513 MiB passed the limit of 512 MiB (--job-memory), killed\nlog line\n' \
	> "$night/state/capped.table_creation-r2.memory"
printf 'WRONG on pte_churn/interval:16 (16320 mismatches (translation 16320); first: L2 0x1000: shadow L1 0x5000, oracle L1 0x6000)\ngmapbench: WRONG ...\n' \
	> "$night/state/stale.pte_churn-oracle.wrong"
cp "$night/state/stale.pte_churn-oracle.wrong" "$night/state/stale.pte_churn-r1.wrong"
printf 'HUNG: still running after 5 s (--job-timeout), killed\nlast line of its log\n' \
	> "$night/state/spinner.pte_churn-oracle.hung"
printf 'FAILED: killed by signal 11 (Segmentation fault)\nSegfault here\n' \
	> "$night/state/crasher.region_rewrite-r1.failed"

"$cmp" --format=verdict -o "$tmp/verdict.json" --write=summary:"$tmp/summary.txt" \
	--write=markdown:"$tmp/report.md" --write=html:"$tmp/report.html" "$night" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && ok "a night with wrong, hung, memory and failed variants: exit 1" ||
	{ not_ok "exit $rc, want 1"; diag "$(cat "$tmp/err")"; }
st=$(for v in stale spinner leaky capped crasher steady baseline; do
	printf '%s=%s ' "$v" "$("$get" "$tmp/verdict.json" .variants.$v.status 2> /dev/null)"; done)
want="stale=wrong spinner=hung leaky=memory capped=memory crasher=failed steady=ok baseline= "
[ "$st" = "$want" ] && ok "verdict.json statuses: $st" || { not_ok "verdict.json statuses"; diag "got  $st" "want $want"; }
order=$("$get" "$tmp/verdict.json" '.top[*].variant' | paste -sd' ')
status=$("$get" "$tmp/verdict.json" '.top[*].status' | paste -sd' ')
[ "$order" = "stale spinner capped leaky crasher baseline steady" ] &&
	[ "$status" = "wrong hung memory memory failed ok ok" ] &&
	ok "verdict.json top: one row per variant, the most serious first" ||
	{ not_ok "verdict.json top"; diag "$order" "$status"; }
[ "$("$get" "$tmp/verdict.json" .variants.spinner.failed.outcome)" = hung ] &&
	[ "$("$get" "$tmp/verdict.json" .variants.leaky.peak_rss_growth[0].suite)" = pte_churn ] &&
	ok "verdict.json: the failed job's outcome, the suite whose peak RSS grew" || not_ok "verdict.json details"

has "$tmp/summary.txt" '^stale: WRONG on pte_churn/interval:16 \(16320 mismatches' "summary: stale: WRONG on pte_churn/... (16320 mismatches ...)"
has "$tmp/summary.txt" '^spinner: HUNG on pte_churn-oracle: still running after 5 s' "summary: spinner: HUNG on its job, the time limit"
has "$tmp/summary.txt" '^leaky: MEMORY on pte_churn: peak RSS 151 MiB vs 20 MiB of baseline' "summary: leaky: MEMORY with both peaks"
has "$tmp/summary.txt" '^capped: MEMORY on table_creation-r2: resident set 513 MiB' "summary: capped: MEMORY, the limit it hit"
has "$tmp/summary.txt" '^crasher: FAILED on region_rewrite-r1: killed by signal 11' "summary: crasher: FAILED, the signal"
head -n 1 "$tmp/summary.txt" | grep -q '^variant  *status  *kernel work' &&
	sed -n 2p "$tmp/summary.txt" | grep -q '^stale  *WRONG  *WRONG on' &&
	ok "summary.txt opens with the top table" || { not_ok "summary head"; head -n 4 "$tmp/summary.txt" | sed 's/^/#   /'; }
# report.md: title, then the table, first row the wrong variant, linked to its section
sed -n '3p;5p;6p' "$tmp/report.md" > "$tmp/md-head"
grep -q '^| variant | status | kernel work | biggest counter change |' "$tmp/md-head" &&
	grep -q '^| \[stale\](#v-stale) | \*\*WRONG\*\* | \*\*WRONG on pte' "$tmp/md-head" &&
	grep -q '^## <a id="v-stale"></a>stale: WRONG' "$tmp/report.md" &&
	ok "report.md opens with the top table, each variant linked to its section" ||
	{ not_ok "report.md head"; sed 's/^/#   /' "$tmp/md-head"; }
grep -q '<td colspan="3" class="bad">HUNG on pte_churn-oracle' "$tmp/report.html" &&
	ok "report.html: the headline over the last three columns" || not_ok "report.html headline cell"

# the kernel-work column from kernel_bb: geometric mean and the worst benchmark
kn=$tmp/r/2026-11-25/zsim1
mkdir -p "$kn"
kfile() { # kfile VARIANT KB_A KB_B
	printf '{"context": {"variant": "%s", "num_cpus": 2, "library_build_type": "release"},\n "benchmarks": [\n' "$1"
	for r in 0 1 2 3 4; do
		printf '  {"name": "s/a", "run_type": "iteration", "repetition_index": %d, "real_time": %d, "cpu_time": %d, "time_unit": "ns", "kernel_bb": %s},\n' $r $((1000 + r)) $((1000 + r)) "$2"
		printf '  {"name": "s/b", "run_type": "iteration", "repetition_index": %d, "real_time": %d, "cpu_time": %d, "time_unit": "ns", "kernel_bb": %s}%s\n' $r $((1000 + r)) $((1000 + r)) "$3" "$([ $r = 4 ] || echo ,)"
	done
	echo ']}'
}
kfile baseline 1000 500 > "$kn/baseline.json"
kfile prefill 4000 500 > "$kn/prefill.json"
"$cmp" --format=verdict -o "$tmp/kv.json" --write=summary:"$tmp/ks.txt" "$kn" 2> "$tmp/kerr"
"$cmp" --format=verdict -o /dev/null --plot-data="$tmp/kplot" "$kn" 2> /dev/null
grep -q '^kernel-work	kernelwork	kernel work against baseline per scenario' "$tmp/kplot/charts.tsv" &&
	[ "$(cat "$tmp/kplot/kernel-work.dat")" = 'scenario "prefill"
s 2' ] && ok "the kernel-work chart: a scenario a line, the variant's geometric mean ×2" ||
	{ not_ok "kernel-work chart data"; diag "$(cat "$tmp/kplot/charts.tsv" "$tmp/kplot/kernel-work.dat" 2>&1)"; }
[ ! -e "$tmp/kplot2" ] && "$cmp" --format=verdict -o /dev/null --plot-data="$tmp/kplot2" "$night" 2> /dev/null
! grep -q kernelwork "$tmp/kplot2/charts.tsv" && grep -q 'no variant has kernel.\{0,1\}_bb counters' "$tmp/report.md" &&
	ok "without kernel_bb: no kernel-work chart, and the report says why" || not_ok "no kernel_bb: chart or note"
kw=$(paste -d'\t' <("$get" "$tmp/kv.json" '.top[*].variant') <("$get" "$tmp/kv.json" '.top[*].kernel_work') |
	sed -n 's/^prefill\t//p')
[ "$kw" = "×2.00 (worst ×4.00 s/a)" ] && ok "kernel work: ×2.00 (worst ×4.00 s/a)" || { not_ok "kernel work column: '$kw'"; diag "$(cat "$tmp/kerr")"; }
[ "$("$get" "$tmp/verdict.json" '.top[*].kernel_work' | sed -n 7p)" = "no kernel_bb" ] &&
	ok "kernel work without kernel_bb says so" || not_ok "kernel work without kernel_bb"
# a change too small for two decimals keeps the digits that show it
kt=$tmp/rt/2026-11-24/zsim1
mkdir -p "$kt"
kfile baseline 100000 500 > "$kt/baseline.json"
kfile tiny 100003 500 > "$kt/tiny.json"
"$cmp" --format=verdict -o "$tmp/kt.json" "$kt" 2> /dev/null
kw=$(paste -d'\t' <("$get" "$tmp/kt.json" '.top[*].variant') <("$get" "$tmp/kt.json" '.top[*].kernel_work') |
	sed -n 's/^tiny\t//p')
[ "$kw" = "×1.00001 (worst ×1.00003 s/a)" ] && ok "kernel work +0.003%: ×1.00001 (worst ×1.00003 s/a), not ×1.00" ||
	not_ok "tiny kernel work change: '$kw'"

# a clean night: exit 0, status ok for all
cn=$tmp/r/2026-11-26/zsim1
mkdir -p "$cn"
cp "$night/baseline.json" "$night/steady.json" "$cn/"
"$cmp" --format=verdict -o "$tmp/cv.json" "$cn" 2> /dev/null
rc=$?
[ $rc -eq 0 ] && [ "$("$get" "$tmp/cv.json" .variants.steady.status)" = ok ] &&
	ok "a night with nothing to act on: exit 0" || not_ok "clean night: exit $rc"
done_testing
