#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A night stopped (SIGTERM to its process group) during an oracle pass
# leaves no temporary: no logs/<v>.<suite>.oracle.json.tmp.* of
# libcbench's --benchmark_out, no *.tmp.<pid> of the nightly or the
# runner, no .probe. The oracle pass of tests/variants/spin-forever never
# ends, so the signal is sure to come during it.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
night=$tmp/r/2026-03-02/testhost

setsid scripts/nightly --results="$tmp/r" --host=testhost --date=2026-03-02 --variants=spin-forever \
	--suites=l2_reboot --repetitions=1 --min-time=0 --no-cost --no-report --pin=none \
	--job-timeout=120 > /dev/null 2> "$tmp/err" &
pid=$!
# the oracle pass is running once its JSON output has a temporary
for ((i = 0; i < 1200; i++)); do
	compgen -G "$night/logs/spin-forever.l2_reboot.oracle.json.tmp.*" > /dev/null && break
	sleep 0.05
done
if compgen -G "$night/logs/spin-forever.l2_reboot.oracle.json.tmp.*" > /dev/null; then
	ok "the oracle pass is running (its --benchmark_out temporary exists)"
else
	not_ok "no oracle pass running after 60 s"
	tail -n 5 "$tmp/err" | sed 's/^/#   /'
fi
sleep 0.3
kill -TERM -- -"$pid" 2> /dev/null
wait $pid
rc=$?
[ $rc -eq 143 ] && ok "the night ends with 143 on SIGTERM" || not_ok "exit $rc on SIGTERM, want 143"
left=$(cd "$night" && find . -name '*.tmp.*' -o -name '.probe.*' -o -name '.report.*')
[ -z "$left" ] && ok "no temporary left behind" || { not_ok "temporaries left by SIGTERM"; diag "$left"; }
[ ! -e "$night/state/spin-forever.l2_reboot-oracle.done" ] && [ ! -e "$night/state/spin-forever.l2_reboot-r1.done" ] &&
	ok "no job marked done by the stopped pass" || not_ok "a job marked done"
done_testing
