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
# same "what" A B: ok when the lines A and B are the same (and not none)
same() {
	if [ -n "$2" ] && [ "$2" = "$3" ]; then
		ok "$1: the same ($(wc -l <<< "$2") lines; $(head -n 1 <<< "$2" | cut -c3-60))"
	else
		not_ok "$1: they differ"
		diff <(echo "$2") <(echo "$3") | head -n 20 | sed 's/^/#   /'
	fi
}
if [ -x "$dir/test-smoke" ] && [ -f "$dir/s390x/test-smoke.out" ]; then
	"$dir/test-smoke" > "$dir/test-smoke.host.out" 2>&1
	same "smoke counters on s390x and on this host" \
		"$(grep '^# counters' "$dir/test-smoke.host.out")" \
		"$(grep '^# counters' "$dir/s390x/test-smoke.out")"
else
	not_ok "smoke counters: test-smoke not built or not run"
fi
# the count build (host/sim/cost): a second run counts the same basic
# blocks, per file and function (not this host's: other code, other blocks)
if [ -f "$dir/s390x/test-cost.out" ]; then
	qemu-s390x "$dir/s390x/test-cost" > "$dir/s390x/test-cost.out.2" 2>&1
	same "s390x: the kernel_bb counts of two runs of test-cost" \
		"$(grep '^# kernel_bb' "$dir/s390x/test-cost.out")" \
		"$(grep '^# kernel_bb' "$dir/s390x/test-cost.out.2")"
else
	not_ok "s390x test-cost: not built or not run"
fi
done_testing
