#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# host/sim built for s390x (big-endian, the kernel's bitfields as written,
# no re-layout) under qemu-s390x: the layout test passes, the smoke
# sequence passes with the same counters, line for line, as on this host,
# and the count build's test-cost (host/sim/cost) passes and is stable.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
dir=$top/build/sim/tests

if ! command -v qemu-s390x > /dev/null; then
	not_ok "qemu-s390x not installed (scripts/deps)"
	done_testing
	exit
fi
for t in test-layout test-smoke test-cost; do
	if [ ! -x "$dir/s390x/$t" ]; then
		not_ok "s390x $t: not built (make check-build)"
		continue
	fi
	qemu-s390x "$dir/s390x/$t" > "$dir/s390x/$t.out" 2>&1
	rc=$?
	pass=$(grep -c '^ok ' "$dir/s390x/$t.out")
	fail=$(grep -c '^not ok ' "$dir/s390x/$t.out")
	if [ "$rc" -eq 0 ] && [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]; then
		ok "s390x $t: all $pass cases pass"
	else
		not_ok "s390x $t: rc $rc, $pass passed, $fail failed"
		grep -A3 '^not ok' "$dir/s390x/$t.out" | head -n 20 | sed 's/^/#   /'
	fi
done
if [ -x "$dir/test-smoke" ] && [ -f "$dir/s390x/test-smoke.out" ]; then
	"$dir/test-smoke" > "$dir/test-smoke.host.out" 2>&1
	host=$(grep '^# counters' "$dir/test-smoke.host.out")
	be=$(grep '^# counters' "$dir/s390x/test-smoke.out")
	if [ -n "$host" ] && [ "$host" = "$be" ]; then
		ok "smoke counters identical on s390x and this host ($(wc -l <<< "$host") phases)"
	else
		not_ok "smoke counters differ between s390x and this host"
		diff <(echo "$host") <(echo "$be") | head -n 20 | sed 's/^/#   /'
	fi
else
	not_ok "smoke counters: test-smoke not built or not run"
fi
# the count build (host/sim/cost): a second run counts the same basic
# blocks, per file and function (not this host's: other code, other blocks)
if [ -f "$dir/s390x/test-cost.out" ]; then
	qemu-s390x "$dir/s390x/test-cost" > "$dir/s390x/test-cost.out.2" 2>&1
	a=$(grep '^# kernel_bb' "$dir/s390x/test-cost.out")
	b=$(grep '^# kernel_bb' "$dir/s390x/test-cost.out.2")
	if [ -n "$a" ] && [ "$a" = "$b" ]; then
		ok "s390x: two runs of test-cost count the same ($(head -n 1 <<< "$a" | cut -c3-))"
	else
		not_ok "s390x: two runs of test-cost count differently"
		diff <(echo "$a") <(echo "$b") | head -n 20 | sed 's/^/#   /'
	fi
else
	not_ok "s390x test-cost: not built or not run"
fi
done_testing
