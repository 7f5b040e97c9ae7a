#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make sanitized (bench/suites/sanitized.mk): every variant's gmapbench
# under ASan, LeakSanitizer and UBSan runs the nightly sets, one short
# iteration of each benchmark with the oracle on, and exits 0 with no
# sanitizer report.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

for s in kernel-patches/*/series; do
	v=${s#kernel-patches/}
	v=${v%/series}
	b=build/san/bin/gmapbench-$v
	if [ ! -x "$b" ]; then
		not_ok "$v: $b is missing (make sanitized)"
		continue
	fi
	# linked with both runtimes (ASan's brings LeakSanitizer)
	if ! ldd "$b" | grep -q 'libasan\.so' || ! ldd "$b" | grep -q 'libubsan\.so'; then
		not_ok "$v: $b is not linked with libasan and libubsan"
		continue
	fi
	# the nightly sets: every suite the binary lists, not its _large families
	suites=$("$b" --gmap_list_suites | grep -v '_large$' | paste -sd'|')
	"$b" --gmap_check --benchmark_filter="^($suites)/" --benchmark_min_time=0 \
		--benchmark_repetitions=1 --benchmark_format=console --benchmark_color=false \
		> "$tmp/$v.out" 2> "$tmp/$v.err"
	rc=$?
	nrun=$(grep -cE "^($suites)/" "$tmp/$v.out")
	nlist=$("$b" --benchmark_list_tests --benchmark_filter="^($suites)/" | grep -c .)
	if [ $rc -eq 0 ] && [ "$nrun" -eq "$nlist" ] && [ "$nrun" -gt 0 ] &&
		! grep -qE 'ERROR: [A-Za-z]*Sanitizer|SUMMARY: [A-Za-z]*Sanitizer|runtime error:' "$tmp/$v.err"; then
		ok "$v: $nrun benchmarks of the nightly sets, sanitizers clean"
	else
		not_ok "$v: exit $rc, $nrun of $nlist benchmarks ran"
		grep -E -m 5 -A 3 'ERROR: [A-Za-z]*Sanitizer|SUMMARY: [A-Za-z]*Sanitizer|runtime error:' "$tmp/$v.err" | sed 's/^/#   /'
		tail -n 5 "$tmp/$v.err" | sed 's/^/#   /'
	fi
done
done_testing
