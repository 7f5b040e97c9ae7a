#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The machine tests again as static big-endian s390x binaries under
# qemu-s390x (built by host/sim/machine/machine.mk into CHECK_DEPS): the
# walker, TLB and oracle must not depend on the host's byte order.
top=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$top/tests/lib/tap.sh"
dir=$top/build/sim-machine/s390x

for t in test-dat test-tlb test-oracle; do
	if [ ! -x "$dir/$t" ]; then
		not_ok "s390x $t: $dir/$t not built (make check-build)"
		continue
	fi
	if ! command -v qemu-s390x > /dev/null; then
		not_ok "s390x $t: qemu-s390x not installed (scripts/deps)"
		continue
	fi
	out=$(qemu-s390x "$dir/$t" 2>&1)
	rc=$?
	pass=$(grep -c '^ok ' <<< "$out")
	fail=$(grep -c '^not ok ' <<< "$out")
	if [ "$rc" -eq 0 ] && [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ] &&
		grep -q "^1\.\.$pass\$" <<< "$out"; then
		ok "s390x (big-endian, qemu-s390x) $t: all $pass cases pass"
	else
		not_ok "s390x (big-endian, qemu-s390x) $t: rc $rc, $pass passed, $fail failed"
		grep -A3 '^not ok' <<< "$out" | head -n 30 | sed 's/^/#   /'
	fi
done
done_testing
