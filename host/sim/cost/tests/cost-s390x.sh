#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The count build for s390x (big-endian, gcc's s390x code) under
# qemu-s390x: test-cost passes, and two runs count the same basic blocks,
# per file and per function ("# kernel_bb" lines). The counts differ from
# this host's, where the compiler makes other basic blocks.
top=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$top/tests/lib/tap.sh"
t=$top/build/sim/tests/s390x/test-cost

if ! command -v qemu-s390x > /dev/null; then
	not_ok "qemu-s390x not installed (scripts/deps)"
	done_testing
	exit
fi
if [ ! -x "$t" ]; then
	not_ok "s390x test-cost: not built (make check-build)"
	done_testing
	exit
fi
for run in 1 2; do
	qemu-s390x "$t" > "$t.out.$run" 2>&1
	rc=$?
	pass=$(grep -c '^ok ' "$t.out.$run")
	fail=$(grep -c '^not ok ' "$t.out.$run")
	if [ "$rc" -eq 0 ] && [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]; then
		ok "s390x test-cost run $run: all $pass cases pass"
	else
		not_ok "s390x test-cost run $run: rc $rc, $pass passed, $fail failed"
		grep -A3 '^not ok' "$t.out.$run" | head -n 20 | sed 's/^/#   /'
	fi
done
a=$(grep '^# kernel_bb' "$t.out.1")
b=$(grep '^# kernel_bb' "$t.out.2")
if [ -n "$a" ] && [ "$a" = "$b" ]; then
	ok "s390x: two runs count the same ($(head -n 1 <<< "$a" | cut -c3-))"
else
	not_ok "s390x: two runs count differently"
	diff <(echo "$a") <(echo "$b") | head -n 20 | sed 's/^/#   /'
fi
rm -f "$t.out.1" "$t.out.2"
done_testing
