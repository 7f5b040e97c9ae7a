#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/report: the Noise and Night lines appear once in report.md and
# report.html (under the top table), not again in the Summary block
# taken from summary.txt, which keeps them for the mail.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r bench/compare/tests/fixtures/results "$tmp/r"
night=$tmp/r/2026-11-24/zsim1
printf '%s\n' wall_us=120000000 build_us=10000000 oracle_us=10000000 cost_us=0 \
	timed_us=90000000 merge_us=5000000 report_us=0 > "$night/night-time.txt"
GMAPBENCH_GNUPLOT=/nonexistent/gnuplot scripts/report "$night" > "$tmp/out" 2>&1
rc=$?
[ $rc -le 1 ] && ok "the report is written (exit $rc)" || { not_ok "report exit $rc"; tail -n 5 "$tmp/out" | sed 's/^/#   /'; }
for f in summary.txt report.md; do
	nn=$(grep -c '^Noise: median ' "$night/$f")
	ng=$(grep -c '^Night: 120 s wall:' "$night/$f")
	[ "$nn" -eq 1 ] && [ "$ng" -eq 1 ] && ok "$f: the Noise and Night lines once each" ||
		not_ok "$f: Noise $nn times, Night $ng times"
done
nn=$(grep -c 'Noise: median ' "$night/report.html")
ng=$(grep -c 'Night: 120 s wall:' "$night/report.html")
[ "$nn" -eq 1 ] && [ "$ng" -eq 1 ] && ok "report.html: the Noise and Night lines once each" ||
	not_ok "report.html: Noise $nn times, Night $ng times"
done_testing
