#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# libcbench against Google Benchmark 1.7.1: the same benchmarks
# (fixture.c, fixture.cc) run in both, and their outputs compared: names,
# JSON keys in order and number formats, digit-exact results where the run
# is deterministic (manual time, fixed iterations), console and CSV layout,
# flags and environment variables, and Google Benchmark's compare.py run
# on our JSON files and on our binary.
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$top/tests/lib/tap.sh"
bin=$top/build/libcbench/tests
cb=$bin/fixture-cb gb=$bin/fixture-gb
fcb=$bin/features-cb fgb=$bin/features-gb
compare=/usr/share/benchmark/compare.py
py=/usr/bin/python3
work=$(mktemp -d "$top/build/libcbench/tests/compat.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
mt=--benchmark_min_time=0.002

# both sides with the same flags: $1 = output prefix, rest = flags
both() {
	local p=$1
	shift
	"$cb" "$@" > "$p.cb" 2> "$p.cb.err"
	echo $? > "$p.cb.rc"
	"$gb" "$@" > "$p.gb" 2> "$p.gb.err"
	echo $? > "$p.gb.rc"
}

same() { # name file1 file2
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diff "$3" "$2" | head -n 20 | sed 's/^/#   /'
	fi
}

# the benchmarks part of a JSON file with every number replaced by its shape
json_shape() {
	sed -n '/"benchmarks": \[/,$p' "$1" |
		sed -E 's/-?[0-9]\.[0-9]{16}e[+-][0-9]{2,3}/<D>/g; s/": -?[0-9]+,?$/": <I>/; s/<I>$/<I>/'
}
context_keys() { sed -n '/"context"/,/"benchmarks"/p' "$1" | grep -oE '^    "[a-z_]+"' | tr -d ' "'; }

# BM_seq numbers its calls (one per repetition): "grouped" when every
# instance's repetitions ran one after another
seq_order() {
	awk -F'"' '/"name":/ { n = $4 } /"run_type": "aggregate"/ { n = "" }
		/"seq":/ && n != "" { split($0, a, ": "); v = a[2] + 0
			if (!(n in lo) || v < lo[n]) lo[n] = v
			if (v > hi[n]) hi[n] = v
			cnt[n]++ }
		END { g = 1; for (n in cnt) if (hi[n] - lo[n] + 1 != cnt[n]) g = 0
			print (length(cnt) == 4 ? (g ? "grouped" : "interleaved") : "missing") }' "$1"
}

both list --benchmark_list_tests
same "--benchmark_list_tests: the same instance names" list.cb list.gb

both json --benchmark_format=json $mt
json_shape json.cb > shape.cb
json_shape json.gb > shape.gb
same "JSON entries: same keys, order and number formats" shape.cb shape.gb
context_keys json.cb > ctx.cb
context_keys json.gb > ctx.gb
if [ "$(head -n "$(wc -l < ctx.gb)" ctx.cb)" = "$(cat ctx.gb)" ]; then
	ok "JSON context: Google Benchmark's keys first, in its order"
else
	not_ok "JSON context keys"
	diff ctx.gb ctx.cb | sed 's/^/#   /'
fi
# How the library was built. fixture-cb links libcbench-san.a (CFLAGS_TEST,
# no -DNDEBUG), Debian's 1.7.1 is built without NDEBUG as well; the release
# libcbench.a (-DNDEBUG, the default build) is in build/bin/cbench-example.
both dbg $mt '--benchmark_filter=BM_sum/8$'
grep -o '"library_build_type": "[a-z]*"' json.cb > bt.cb
grep -o '"library_build_type": "[a-z]*"' json.gb > bt.gb
grep 'Library was built as' dbg.cb.err > bw.cb
grep 'Library was built as' dbg.gb.err > bw.gb
if grep -q '"debug"' bt.cb && cmp -s bt.cb bt.gb && [ -s bw.gb ] && cmp -s bw.cb bw.gb; then
	ok "libcbench built without -DNDEBUG: library_build_type debug and the console warning, as 1.7.1 built so"
else
	not_ok "libcbench built without -DNDEBUG: $(cat bt.cb) $(cat bw.cb)"
fi
"$top/build/bin/cbench-example" $mt --benchmark_filter=BM_walk/page --benchmark_format=json \
	> rel.json 2> /dev/null
"$top/build/bin/cbench-example" $mt --benchmark_filter=BM_walk/page > /dev/null 2> rel.err
if grep -q '"library_build_type": "release"' rel.json && grep -q '^Running ' rel.err &&
	! grep -q 'Library was built as' rel.err; then
	ok "release libcbench (-DNDEBUG): library_build_type release, no warning"
else
	not_ok "release libcbench: $(grep library_build_type rel.json)"
fi
# "sanitizers": what libcbench-san.a is instrumented with, after
# library_build_type; none in the release build
want=
nm "$top/build/libcbench/libcbench-san.a" 2> /dev/null | grep -q ' __asan_' && want=address
nm "$top/build/libcbench/libcbench-san.a" 2> /dev/null | grep -q ' __ubsan_handle_' &&
	want=${want:+$want,}undefined
next_key=$(context_keys json.cb | grep -A1 -x library_build_type | tail -n 1)
if [ -z "$want" ]; then
	! grep -q '"sanitizers"' json.cb && ok "libcbench-san.a without sanitizers (SANITIZE=0): no sanitizers key" ||
		not_ok "sanitizers key without sanitizers: $(grep '"sanitizers"' json.cb)"
elif grep -q "^    \"sanitizers\": \"$want\",\$" json.cb && [ "$next_key" = sanitizers ] &&
	grep -qx "Sanitizers: $want" dbg.cb.err; then
	ok "sanitized libcbench: \"sanitizers\": \"$want\" after library_build_type, and on the console"
else
	not_ok "sanitizers: want $want after library_build_type, got $(grep '"sanitizers"' json.cb) after $next_key"
fi
! grep -q '"sanitizers"' rel.json && ! grep -q '^Sanitizers:' rel.err && grep -q '"cpu_model"' rel.json &&
	ok "release libcbench: no sanitizers key" || not_ok "release libcbench: $(grep '"sanitizers"' rel.json)"
if grep -A40 '"caches": \[' json.cb | grep -q '"type": "Data"' &&
	grep -q '"cpu_model": "' json.cb && grep -q '"topology": "' json.cb; then
	ok "hwloc fills caches, cpu_model and topology"
else
	not_ok "hwloc context"
fi
# deterministic entries: manual time and fixed iterations, identical digits
man() { awk '/"name": "BM_man/ { p = 1 } p && !/cpu_time/ { print } /^    }/ { p = 0 }' "$1"; }
man json.cb > man.cb
man json.gb > man.gb
[ -s man.gb ] && same "BM_man (manual time, 3 repetitions): times, counters, aggregates digit for digit" man.cb man.gb ||
	not_ok "BM_man entries missing"
for flags in "--benchmark_min_time=0.01" "--benchmark_min_time=0.2" \
	"--benchmark_min_time=0.05 --benchmark_min_warmup_time=0.02"; do
	both pred --benchmark_format=json --benchmark_filter=BM_pred $flags
	grep -E '"(iterations|real_time)"' pred.cb > pr.cb
	grep -E '"(iterations|real_time)"' pred.gb > pr.gb
	same "iteration count prediction as 1.7.1 ($flags): $(grep iterations pr.gb | tr -dc 0-9) iterations" pr.cb pr.gb
done
tman() { awk '/"name": "BM_tman/ { p = 1 } p && !/cpu_time/ { print } /^    }/ { p = 0 }' "$1"; }
tman json.cb > tman.cb
tman json.gb > tman.gb
[ -s tman.gb ] && same "threads 1 and 3 with manual time: iterations, times, AVG_THREADS counters digit for digit" tman.cb tman.gb ||
	not_ok "BM_tman entries missing"
su_entries() { awk '/"name": "(BM_su\/|su_renamed)/ { p = 1 } p && !/cpu_time/ { print } /^    }/ { p = 0 }' "$1"; }
su_entries json.cb > su.cb
su_entries json.gb > su.gb
[ "$(grep -c '"name"' su.gb)" -eq 7 ] &&
	same "Setup/Teardown calls (warm-up, prediction, threads), Name, ArgName, ThreadPerCpu digit for digit" su.cb su.gb ||
	not_ok "BM_su / su_renamed entries missing"
# BM_proc: a helper thread burns 20 ms of CPU in the loop; the main thread waits
proc_cpu() { # file variant -> "thread_cpu_ns process_cpu_ns"
	awk -F'"' '/"name":/ { n = $4 } /"cpu_time":/ && n ~ /^BM_proc/ { split($0, a, ": "); v[n ~ /process_time/] = a[2] + 0 }
		END { printf "%d %d\n", v[0], v[1] }' "$1"
}
for side in cb gb; do
	read -r thr proc < <(proc_cpu json.$side)
	if [ "$thr" -lt 10000000 ] && [ "$proc" -ge 19900000 ]; then
		ok "$side: MeasureProcessCPUTime counts the helper thread ($proc ns), thread CPU time does not ($thr ns)"
	else
		not_ok "$side: process CPU time $proc ns (want >= 2e7), thread CPU time $thr ns (want < 1e7)"
	fi
done
grep -q '"error_message": "boom \\"quoted\\""' json.cb &&
	ok "error_message escaped in JSON" || not_ok "error_message escaped in JSON"

both console $mt
head -n 3 console.cb > h.cb
head -n 3 console.gb > h.gb
same "console header identical" h.cb h.gb
awk '{ print $1 }' console.cb > n.cb
awk '{ print $1 }' console.gb > n.gb
same "console rows: same names in the same order" n.cb n.gb
grep '^BM_man' console.cb | awk '{ $4 = ""; print }' > cm.cb
grep '^BM_man' console.gb | awk '{ $4 = ""; print }' > cm.gb
same "console BM_man rows identical but for CPU time" cm.cb cm.gb
grep '^BM_err' console.cb > e.cb
grep '^BM_err' console.gb > e.gb
same "console error row identical" e.cb e.gb
# the layout of every row: digits blurred, widths kept
blur() { sed -E 's/[0-9]/9/g; s/[kMGTmunp]?(\/s)?( |$)/\1\2/g; s/9+(\.9+)?(e\+99)?/N/g; s/ +/ /g' "$1"; }
head -n 1 console.cb.err | grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{2}:[0-9]{2}$' &&
	ok "console context on stderr, date first" || not_ok "console context date line"
grep -q '^Run on (2 X\|^Run on ([0-9]* X [0-9.]* MHz CPU s\?)$' console.cb.err &&
	ok "Run on line as 1.7.1 prints it" || not_ok "Run on line"
grep -q '^CPU Caches:' console.cb.err && ok "console context lists the caches" ||
	not_ok "console caches"

both tab $mt --benchmark_counters_tabular=true --benchmark_filter=BM_man
grep -v '^BM_man' tab.cb > t.cb
grep -v '^BM_man' tab.gb > t.gb
same "--benchmark_counters_tabular: same header" t.cb t.gb
grep '^BM_man' tab.cb | awk '{ $4 = ""; print }' > tm.cb
grep '^BM_man' tab.gb | awk '{ $4 = ""; print }' > tm.gb
same "--benchmark_counters_tabular: same columns" tm.cb tm.gb

both csv --benchmark_format=csv $mt --benchmark_filter='BM_man|BM_neg'
head -n 1 csv.cb > ch.cb
head -n 1 csv.gb > ch.gb
same "CSV header identical" ch.cb ch.gb
awk -F, '{ print $1, NF }' csv.cb > cf.cb
awk -F, '{ print $1, NF }' csv.gb > cf.gb
same "CSV rows: same names and field counts" cf.cb cf.gb
grep '^"BM_man' csv.cb | cut -d, -f1,2,3,5- > cmd.cb
grep '^"BM_man' csv.gb | cut -d, -f1,2,3,5- > cmd.gb
same "CSV BM_man rows identical but for CPU time" cmd.cb cmd.gb
both csverr --benchmark_format=csv $mt --benchmark_filter=BM_err
same "CSV error row identical" csverr.cb csverr.gb
# 1.7.1 aborts when a later family adds a counter; we write the union
"$cb" --benchmark_format=csv $mt --benchmark_filter='BM_two|BM_man' > union.csv 2> /dev/null
rc=$?
if [ $rc -eq 0 ] && head -n 1 union.csv | grep -q '"a_rate"' &&
	[ "$(awk -F, '{ print NF }' union.csv | sort -u | wc -l)" -le 2 ]; then
	ok "CSV with a counter added by a later family: union header, no abort"
else
	not_ok "CSV counter union (rc $rc)"
fi

both env --benchmark_list_tests
BENCHMARK_FILTER='BM_sum/8$' "$cb" --benchmark_list_tests > envf.cb
BENCHMARK_FILTER='BM_sum/8$' "$gb" --benchmark_list_tests > envf.gb
same "BENCHMARK_FILTER from the environment" envf.cb envf.gb
# Every flag from its upper-case environment variable: the same output as
# the flag on the command line, different from the default (so the variable
# was read), and, where 1.7.1 has the flag, the same as 1.7.1's.
# envcase VAR=VALUE PROJECTION ARGS...; PROJECTION reads <prefix>{,.err}.
envcase() {
	local proj=$2 name=${1%%=*} val=${1#*=} gbsame=yes
	shift 2
	case $name in CBENCH_* | BENCHMARK_PERF_COUNTERS) gbsame=no ;; esac
	env "$name=$val" "$cb" "$@" > ev.cb 2> ev.cb.err
	"$cb" "--${name,,}=$val" "$@" > fl.cb 2> fl.cb.err
	"$cb" "$@" > df.cb 2> df.cb.err
	$proj ev.cb > pev.cb
	$proj fl.cb > pfl.cb
	$proj df.cb > pdf.cb
	if [ $gbsame = yes ]; then
		env "$name=$val" "$gb" "$@" > ev.gb 2> ev.gb.err
		$proj ev.gb > pev.gb
	else
		cp pev.cb pev.gb
	fi
	if [ -s pev.cb ] && cmp -s pev.cb pfl.cb && cmp -s pev.cb pev.gb && ! cmp -s pev.cb pdf.cb; then
		ok "$name=$val: as --${name,,}=$val$([ $gbsame = yes ] && echo ", as in 1.7.1")"
	else
		not_ok "$name=$val"
		diff pev.cb pfl.cb | head -n 5 | sed 's/^/#   flag: /'
		diff pev.cb pev.gb | head -n 5 | sed 's/^/#   1.7.1: /'
	fi
}
p_out() { cat "$1"; }
p_names() { grep '"name"' "$1"; }
p_rows() { awk '/^BM_/ { print $1 }' "$1"; }
p_iter() { grep -E '"(iterations|real_time)"' "$1"; }
p_unit() { grep '"time_unit"' "$1"; }
p_seq() { seq_order "$1"; }
p_esc() { grep -o $'\033\\[[0-9;]*m' "$1" | sort | uniq -c; }
p_head() { grep -v '^BM_' "$1"; }
p_ctx() { grep -E '^(alpha|beta):' "$1.err"; }
p_perf() { grep -oE '"(task-clock|page-faults)"' "$1" | sort -u; }
p_pin() { grep -oE '"cbench_pin": "[^"]*"' "$1"; }
envcase BENCHMARK_LIST_TESTS=true p_out --benchmark_filter=BM_man
envcase 'BENCHMARK_FILTER=BM_sum/8$' p_out --benchmark_list_tests
envcase BENCHMARK_MIN_TIME=0.2 p_iter --benchmark_format=json --benchmark_filter=BM_pred
envcase BENCHMARK_MIN_WARMUP_TIME=0.02 man --benchmark_format=json --benchmark_filter=BM_man
envcase BENCHMARK_REPETITIONS=2 p_names --benchmark_format=json --benchmark_filter=BM_pred
envcase BENCHMARK_ENABLE_RANDOM_INTERLEAVING=true p_seq --benchmark_format=json \
	--benchmark_repetitions=4 --benchmark_filter=BM_seq
envcase BENCHMARK_REPORT_AGGREGATES_ONLY=true p_names --benchmark_format=json \
	--benchmark_repetitions=2 --benchmark_filter=BM_pred
envcase BENCHMARK_DISPLAY_AGGREGATES_ONLY=true p_rows --benchmark_repetitions=2 --benchmark_filter=BM_pred
envcase BENCHMARK_FORMAT=json man --benchmark_filter=BM_man
envcase BENCHMARK_COLOR=true p_esc --benchmark_filter=BM_man
envcase BENCHMARK_COUNTERS_TABULAR=true p_head --benchmark_filter=BM_man
envcase BENCHMARK_CONTEXT=alpha=1,beta=two p_ctx --benchmark_filter=BM_man
envcase BENCHMARK_TIME_UNIT=us p_unit --benchmark_format=json $mt --benchmark_filter='BM_sum/8$'
envcase BENCHMARK_PERF_COUNTERS=task-clock,page-faults p_perf --benchmark_format=json $mt \
	--benchmark_filter='BM_sum/8$'
envcase CBENCH_PIN=0 p_pin --benchmark_format=json $mt --benchmark_filter='BM_sum/8$'
BENCHMARK_FORMAT=json BENCHMARK_REPETITIONS=3 "$cb" --benchmark_format=console --benchmark_repetitions=1 \
	--benchmark_filter='BM_man|BM_pred' > envcl.cb 2> /dev/null
BENCHMARK_FORMAT=json BENCHMARK_REPETITIONS=3 "$gb" --benchmark_format=console --benchmark_repetitions=1 \
	--benchmark_filter='BM_man|BM_pred' > envcl.gb 2> /dev/null
p_rows envcl.cb > envclr.cb
p_rows envcl.gb > envclr.gb
[ -s envclr.cb ] && ! grep -q '^BM_pred.*_mean' envclr.cb && same "the command line wins over BENCHMARK_FORMAT and BENCHMARK_REPETITIONS" envclr.cb envclr.gb ||
	not_ok "command line over environment"
for side in cb gb; do
	bin=$cb
	[ $side = gb ] && bin=$gb
	BENCHMARK_OUT=envout.$side BENCHMARK_OUT_FORMAT=csv "$bin" --benchmark_filter=BM_man > envout.$side.stdout 2> /dev/null
	grep -E '^(name,|"BM_man)' envout.$side | cut -d, -f1,2,3,5- > envout.$side.rows
done
[ -s envout.cb.rows ] && grep -q '^BM_man' envout.cb.stdout && same "BENCHMARK_OUT and BENCHMARK_OUT_FORMAT=csv: the file as 1.7.1's (but for CPU time)" envout.cb.rows envout.gb.rows ||
	not_ok "BENCHMARK_OUT / BENCHMARK_OUT_FORMAT"
both neg --benchmark_list_tests --benchmark_filter=-BM_sum
same "negative filter -BM_sum" neg.cb neg.gb
both reg --benchmark_list_tests '--benchmark_filter=BM_(grid|neg)/[0-9]+/?[0-9]*$'
same "regex filter with groups and classes" reg.cb reg.gb

for mode in report display; do
	both agg$mode --benchmark_format=json $mt --benchmark_repetitions=2 \
		--benchmark_${mode}_aggregates_only=true '--benchmark_filter=BM_sum/8$|BM_man'
	grep '"name"' agg$mode.cb > an.cb
	grep '"name"' agg$mode.gb > an.gb
	same "--benchmark_${mode}_aggregates_only=true: same entries" an.cb an.gb
done

both tu --benchmark_format=json $mt --benchmark_time_unit=us '--benchmark_filter=BM_sum/8$|BM_grid/0'
grep '"time_unit"' tu.cb > tu1.cb
grep '"time_unit"' tu.gb > tu1.gb
same "--benchmark_time_unit=us, family units kept" tu1.cb tu1.gb

both ri --benchmark_format=json $mt --benchmark_repetitions=3 \
	--benchmark_enable_random_interleaving=true '--benchmark_filter=BM_sum|BM_neg/1/'
grep '"name"' ri.cb | sort > rin.cb
grep '"name"' ri.gb | sort > rin.gb
same "random interleaving: same set of entries" rin.cb rin.gb
"$cb" --benchmark_format=json --benchmark_repetitions=4 --benchmark_filter=BM_seq > seq1.json 2> /dev/null
"$cb" --benchmark_format=json --benchmark_repetitions=4 --benchmark_enable_random_interleaving=true \
	--benchmark_filter=BM_seq > seq2.json 2> /dev/null
"$gb" --benchmark_format=json --benchmark_repetitions=4 --benchmark_enable_random_interleaving=true \
	--benchmark_filter=BM_seq > seq3.json 2> /dev/null
o1=$(seq_order seq1.json) o2=$(seq_order seq2.json) o3=$(seq_order seq3.json)
[ "$o1 $o2 $o3" = "grouped interleaved interleaved" ] &&
	ok "random interleaving: repetitions of 4 instances shuffled, as in 1.7.1; grouped without it" ||
	not_ok "random interleaving order: ours $o1 / $o2, 1.7.1 $o3"

both ctx --benchmark_format=json $mt --benchmark_context=alpha=1,beta=two '--benchmark_filter=BM_sum/8$'
grep -E '"(alpha|beta)"' ctx.cb > cx.cb
grep -E '"(alpha|beta)"' ctx.gb > cx.gb
same "--benchmark_context keys in the JSON context" cx.cb cx.gb
both ctxc $mt --benchmark_context=alpha=1 '--benchmark_filter=BM_sum/8$'
grep -q '^alpha: 1$' ctxc.cb.err && ok "--benchmark_context on the console" ||
	not_ok "--benchmark_context on the console"

both help --help
same "--help exits 0 like 1.7.1" help.cb.rc help.gb.rc
grep -q -- '--benchmark_filter=<regex>' help.cb && ok "--help lists the flags" ||
	not_ok "--help lists the flags"

# Google Benchmark's own tools on our output
both rep --benchmark_format=json $mt --benchmark_repetitions=4 '--benchmark_filter=BM_sum/8$|BM_man'
if $py "$compare" --no-color -a benchmarks rep.cb rep.gb > cmp1.txt 2>&1 &&
	grep -q 'BM_sum/8_pvalue' cmp1.txt && grep -q 'BM_man.*_mean' cmp1.txt; then
	ok "compare.py benchmarks ours.json theirs.json, with the U test"
else
	not_ok "compare.py benchmarks on JSON files"
	tail -n 5 cmp1.txt | sed 's/^/#   /'
fi
$py "$compare" --no-color -a benchmarks rep.cb rep.cb > cmpcc.txt 2>&1
$py "$compare" --no-color -a benchmarks rep.gb rep.gb > cmpgg.txt 2>&1
awk '/^BM_/ { print $1 }' cmpcc.txt > rows.cb
awk '/^BM_/ { print $1 }' cmpgg.txt > rows.gb
[ -s rows.gb ] && same "compare.py: the same rows for ours as for theirs" rows.cb rows.gb ||
	not_ok "compare.py rows"
if $py "$compare" --no-color -a benchmarks "$cb" "$cb" --benchmark_filter='BM_sum/8$' \
	--benchmark_repetitions=9 --benchmark_min_time=0.001 > cmp2.txt 2>&1 &&
	grep -q 'BM_sum/8_pvalue' cmp2.txt && grep -q 'U Test' cmp2.txt; then
	ok "compare.py benchmarks on our binary, U test"
else
	not_ok "compare.py benchmarks on our binary"
	tail -n 5 cmp2.txt | sed 's/^/#   /'
fi
if $py "$compare" --no-color -a filters "$cb" 'BM_sum/8$' 'BM_sum/64$' \
	--benchmark_repetitions=3 --benchmark_min_time=0.001 > cmp3.txt 2>&1 &&
	grep -q '\[BM_sum/8\$ vs. BM_sum/64\$\]' cmp3.txt; then
	ok "compare.py filters on our binary"
else
	not_ok "compare.py filters"
	tail -n 5 cmp3.txt | sed 's/^/#   /'
fi
if $py "$compare" --no-color -a benchmarksfiltered "$cb" 'BM_sum/8$' "$gb" 'BM_sum/8$' \
	--benchmark_repetitions=3 --benchmark_min_time=0.001 > cmp4.txt 2>&1 &&
	grep -q 'BM_sum/8' cmp4.txt; then
	ok "compare.py benchmarksfiltered: our binary against Google Benchmark's"
else
	not_ok "compare.py benchmarksfiltered"
	tail -n 5 cmp4.txt | sed 's/^/#   /'
fi

# --benchmark_out in each format, next to the display format
"$cb" $mt '--benchmark_filter=BM_sum/8$' --benchmark_out=o.json > o.stdout 2> /dev/null
if [ -s o.json ] && grep -q '^BM_sum/8 ' o.stdout &&
	$py "$compare" --no-color benchmarks o.json o.json > /dev/null 2>&1; then
	ok "--benchmark_out=FILE: JSON file (compare.py loads it), console on stdout"
else
	not_ok "--benchmark_out JSON"
fi
"$cb" $mt '--benchmark_filter=BM_sum/8$' --benchmark_out=o.csv --benchmark_out_format=csv > /dev/null 2>&1
"$gb" $mt '--benchmark_filter=BM_sum/8$' --benchmark_out=g.csv --benchmark_out_format=csv > /dev/null 2>&1
grep '^name,' o.csv > oc.cb
grep '^name,' g.csv > oc.gb
same "--benchmark_out_format=csv: same header as 1.7.1's file" oc.cb oc.gb
"$cb" $mt '--benchmark_filter=BM_sum/8$' --benchmark_out=o.txt --benchmark_out_format=console \
	--benchmark_color=true > /dev/null 2>&1
if grep -q '^Running ' o.txt && grep -q '^BM_sum/8 ' o.txt && ! grep -q $'\033' o.txt; then
	ok "--benchmark_out_format=console: context and table in the file, no color"
else
	not_ok "--benchmark_out_format=console"
fi
for side in cb gb; do
	bin=$cb
	[ $side = gb ] && bin=$gb
	"$bin" $mt --benchmark_filter=BM_man --benchmark_counters_tabular=true \
		--benchmark_out=tabfile.$side --benchmark_out_format=console > /dev/null 2>&1
	grep -A 2 -- '^---' tabfile.$side | head -n 3 > tabhead.$side
done
same "console --benchmark_out file: no columns, as 1.7.1" tabhead.cb tabhead.gb
"$cb" $mt '--benchmark_filter=BM_sum/8$' --benchmark_color=true > col.txt 2> /dev/null
grep -q $'\033\\[0;32mBM_sum/8' col.txt && ok "--benchmark_color=true colors the table" ||
	not_ok "--benchmark_color=true"

# ---- features.c / features.cc: complexity, statistics, memory manager, ... ----
# fboth PREFIX FLAGS...: features-cb and features-gb, like both
fboth() {
	local p=$1
	shift
	"$fcb" "$@" > "$p.cb" 2> "$p.cb.err"
	echo $? > "$p.cb.rc"
	"$fgb" "$@" > "$p.gb" 2> "$p.gb.err"
	echo $? > "$p.gb.rc"
}
# the entries of a JSON file whose name matches $2, without the lines of $3
entries() {
	awk -v re="$2" -v drop="$3" '/"name": / { p = ($0 ~ re) } /^    }/ { if (p) print; p = 0 }
		p && (drop == "" || $0 !~ drop) { print }' "$1"
}
fboth flist --benchmark_list_tests
if same "ArgsProduct, Apply, DenseThreadRange, BENCHMARK_F names and DISABLED_ skipped: the instance list of 1.7.1" \
	flist.cb flist.gb; then
	grep -q '^Fix/Run/4/iterations:3/threads:2$' flist.cb && ! grep -q DISABLED flist.cb &&
		grep -q '^BM_prod/3/20/iterations:2$' flist.cb && grep -q '^BM_dtr/iterations:2/threads:3$' flist.cb &&
		ok "the list has the fixture, the product, the dense thread range, no DISABLED_" ||
		not_ok "feature names missing from the list"
fi

fboth cplx --benchmark_format=json '--benchmark_filter=BM_c[^Aa]'
entries cplx.cb 'BM_c[^Aa]' 'cpu_time|cpu_coefficient|"rms"' > cx.cb
entries cplx.gb 'BM_c[^Aa]' 'cpu_time|cpu_coefficient|"rms"' > cx.gb
n_bigo=$(grep -c '_BigO"' cx.gb)
[ "$n_bigo" -eq 8 ] && same "Complexity oN, oNSquared, oNCubed, oLogN, oNLogN, o1, lambda, with repetitions: $n_bigo _BigO/_RMS pairs, keys and real_coefficient digit for digit" cx.cb cx.gb ||
	not_ok "complexity entries missing from 1.7.1's output ($n_bigo)"
fboth cplxc '--benchmark_filter=BM_c[^Aa]'
grep -E '_(BigO|RMS) ' cplxc.cb | awk '{ print $1, $2, $3 }' > cc.cb
grep -E '_(BigO|RMS) ' cplxc.gb | awk '{ print $1, $2, $3 }' > cc.gb
[ -s cc.gb ] && same "console _BigO and _RMS rows: real coefficient, curve and real RMS as 1.7.1" cc.cb cc.gb ||
	not_ok "console complexity rows"
# fixed-width fields: the same length, the curve in the same columns
grep -E '_(BigO|RMS) ' cplxc.cb | awk '{ print length($0), $1, $3, $5, NF }' > ccl.cb
grep -E '_(BigO|RMS) ' cplxc.gb | awk '{ print length($0), $1, $3, $5, NF }' > ccl.gb
same "console _BigO and _RMS rows: the layout of 1.7.1 (no iterations column)" ccl.cb ccl.gb
fboth cplxv --benchmark_format=csv '--benchmark_filter=BM_c(N|Rep)/'
grep -E '_(BigO|RMS)"' cplxv.cb | cut -d, -f1-3,5- > cv.cb
grep -E '_(BigO|RMS)"' cplxv.gb | cut -d, -f1-3,5- > cv.gb
[ -s cv.gb ] && same "CSV _BigO and _RMS rows as 1.7.1 (but for CPU time)" cv.cb cv.gb || not_ok "CSV complexity rows"
fboth auto --benchmark_format=json --benchmark_filter=BM_cAuto
grep -E '"(name|big_o|real_coefficient)"' auto.cb > au.cb
grep -E '"(name|big_o|real_coefficient)"' auto.gb > au.gb
grep -q '"big_o": "N^2"' au.gb && same "oAuto: the curve picked from the CPU time (N^2) and the real coefficient as 1.7.1" au.cb au.gb ||
	not_ok "oAuto: 1.7.1 picked $(grep big_o au.gb)"

fboth stat --benchmark_format=json --benchmark_filter=BM_stat
entries stat.cb 'BM_stat' 'cpu_time' > st.cb
entries stat.gb 'BM_stat' 'cpu_time' > st.gb
grep -q '_spread"' st.gb && same "ComputeStatistics: max (time) and spread (percentage) after the four, digit for digit" st.cb st.gb ||
	not_ok "custom statistics"
fboth statc --benchmark_filter=BM_stat
grep '^BM_stat' statc.cb | awk '{ print $1, $2, $3 }' > sc.cb
grep '^BM_stat' statc.gb | awk '{ print $1, $2, $3 }' > sc.gb
same "ComputeStatistics on the console, names widened for the statistic names" sc.cb sc.gb

fboth misc --benchmark_format=json '--benchmark_filter=BM_(prod|dtr|batch|after|cap)|Fix'
entries misc.cb '' 'real_time|cpu_time' > mi.cb
entries misc.gb '' 'real_time|cpu_time' > mi.gb
grep -q '"seen": 1.2' mi.gb && grep -q '"teardowns"' mi.gb &&
	grep -q '"name": "BM_cap/three/iterations:1"' mi.gb &&
	same "args_product, apply, dense thread range, keep_running_batch (12 of 10), fixtures per thread, CBENCH_CAPTURE, family indexes past a DISABLED_ family: as 1.7.1" mi.cb mi.gb ||
	not_ok "args_product/apply/threads/batch/fixture entries"

FEATURES_MEMORY=1 "$fcb" --benchmark_format=json '--benchmark_filter=BM_batch|BM_cN/4/' > mem.cb 2> /dev/null
FEATURES_MEMORY=1 "$fgb" --benchmark_format=json '--benchmark_filter=BM_batch|BM_cN/4/' > mem.gb 2> /dev/null
entries mem.cb '' 'real_time|cpu_time' > me.cb
entries mem.gb '' 'real_time|cpu_time' > me.gb
grep -q '"net_heap_growth": -5' me.gb && same "memory manager: allocs_per_iter, max_bytes_used and the keys not left at the tombstone, as 1.7.1" me.cb me.gb ||
	not_ok "memory manager keys"
# with repetitions 1.7.1 points every run but the last at a reallocated vector
FEATURES_MEMORY=1 "$fcb" --benchmark_format=json --benchmark_filter=BM_stat 2> /dev/null |
	grep -o '"max_bytes_used": [0-9]*' | tr -dc '0-9\n' | tr '\n' ' ' > memrep.cb
[ "$(cat memrep.cb)" = "4096 8192 12288 16384 " ] &&
	ok "memory manager with 4 repetitions: each repetition's own result ($(cat memrep.cb))" ||
	not_ok "memory manager with repetitions: $(cat memrep.cb)"

# misuse what-we-print what-1.7.1-prints
misuse() {
	FEATURES_MISUSE=$1 "$fcb" --benchmark_filter=BM_misuse > /dev/null 2> mis.cb
	rc_cb=$?
	# (the subshell, not this shell, reports the abort)
	(
		FEATURES_MISUSE=$1 "$fgb" --benchmark_filter=BM_misuse > /dev/null 2> mis.gb
		echo $? > mis.rc
	) 2> /dev/null
	rc_gb=$(cat mis.rc)
	if [ $rc_cb -eq 1 ] && [ $rc_gb -ne 0 ] && grep -q "Check .$3" mis.gb &&
		grep -qF "BM_misuse/iterations:1: $2" mis.cb; then
		ok "$1: \"$2\", an error naming the instance where 1.7.1's check aborts"
	else
		not_ok "$1: rc $rc_cb (1.7.1: $rc_gb): $(tail -n 1 mis.cb)"
	fi
}
misuse pause "cbench_pause_timing() outside the timed loop" "started_ && !finished_"
misuse resume "cbench_resume_timing() outside the timed loop" "started_ && !finished_"
misuse pause2 "cbench_pause_timing() while paused" "running_"

fboth vlog --benchmark_filter='BM_prod/1/|BM_batch' --v=2
grep -- '-- LOG(2): Running ' vlog.cb.err > vl.cb
grep -- '-- LOG(2): Running ' vlog.gb.err > vl.gb
grep -cE -- '^-- LOG\(2\): Ran in [0-9.e+-]+/[0-9.e+-]+$' vlog.cb.err > vr.cb
grep -c -- '-- LOG(2): Ran in ' vlog.gb.err > vr.gb
[ -s vl.gb ] && same "--v=2: 1.7.1's Running lines" vl.cb vl.gb && same "--v=2: a Ran in line for each" vr.cb vr.gb ||
	not_ok "--v=2 log"
fboth vlog1 --benchmark_filter='BM_prod/1/' --v=1
! grep -q -- '-- LOG' vlog1.cb.err && ! grep -q -- '-- LOG' vlog1.gb.err &&
	ok "--v=1: nothing logged, as 1.7.1" || not_ok "--v=1 logs"

# non-UTF-8 bytes: 1.7.1 writes them raw (invalid JSON); ours stay readable
"$fcb" --benchmark_format=json --benchmark_filter=BM_after $'--benchmark_context=latin1=caf\xe9,utf8=caf\xc3\xa9,bad=\xc3(\xed\xa0\x80' \
	> u8.json 2> /dev/null
if grep -q '"latin1": "caf\\u00e9"' u8.json && grep -q $'"utf8": "caf\xc3\xa9"' u8.json &&
	$py -c 'import json, sys; c = json.load(open(sys.argv[1]))["context"]
assert c["latin1"] == "caf\u00e9" and c["utf8"] == "caf\u00e9" and c["bad"] == "\u00c3(\u00ed\u00a0\u0080"' u8.json; then
	ok "a non-UTF-8 --benchmark_context value: each stray byte as \\u00XX, valid UTF-8 kept, python's json reads it"
else
	not_ok "non-UTF-8 context: $(grep -a -E '"(latin1|utf8|bad)"' u8.json)"
fi
if [ -x "$top/build/bin/gmapbench-compare" ]; then
	"$top/build/bin/gmapbench-compare" u8.json u8.json > u8.cmp 2>&1 &&
		ok "gmapbench-compare reads it (lib/json)" || not_ok "gmapbench-compare on non-UTF-8 context: $(tail -n 1 u8.cmp)"
else
	skip "gmapbench-compare reads it: build/bin/gmapbench-compare not built"
fi

done_testing
