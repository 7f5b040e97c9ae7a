#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The bare-metal L1 platform's sie() (guests/l1/platform.h) without SIE:
# L2's accesses go through QEMU's DAT on tables L1 built; each fault
# comes back as an L1_EXIT_PGM, resumes after L1 "handles" it, and the
# sampled translations follow the final tables (selftest.c, scenario sie).
# shellcheck source=tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=guests/baremetal/tests/lib.sh
. "$(dirname "$0")/lib.sh"
elf=$top/build/guests/baremetal-selftest.elf

bm_boot "$elf" "sie"
check "QEMU exits by itself with status 0" test "$BM_RC" -eq 0
check "sie() reports no error" test "$(json_raw rc)" = 0
check "SIE unavailable: accesses emulated through DAT" test "$(json_str sie)" = unavailable
exits=$(printf '%s\n' "$BM_JSON" | grep -o '"exits":\[[^]]*\]')
exit_n() { printf '%s\n' "$exits" | grep -o '{"exit":[^}]*}' | sed -n "$(($1 + 1))p"; }
expect_exit() { # n json-object
	if [ "$(exit_n "$1")" = "$2" ]; then
		ok "exit $1: $2"
	else
		not_ok "exit $1: $2"
		diag "got: $(exit_n "$1")"
	fi
}
expect_exit 0 '{"exit":"pgm","code":"0x11","addr":"0x1000","write":true,"accesses":1}'
expect_exit 1 '{"exit":"pgm","code":"0x4","addr":"0x2000","write":true,"accesses":1}'
expect_exit 2 '{"exit":"pgm","code":"0x11","addr":"0x3000","write":true,"accesses":1}'
expect_exit 3 '{"exit":"done","accesses":17}'
check "4 + 16 accesses in all" grep -q "\"rc\":0,\"accesses\":20," <<<"$BM_JSON"
check "four sie() calls" test "$(json_raw sie_calls)" = 4
check "every access was performed" test "$(json_raw emulated_accesses)" = 20
base=$(json_str l1_base)
for pair in 0x0:0x10000 0x3000:0x13000 0x305000:0x15000 0x305078:0x15078; do
	l2=${pair%%:*} off=${pair#*:}
	t=$(printf '%s\n' "$BM_JSON" | grep -o "{\"l2\":\"$l2\"[^}]*}")
	check "sampled $l2 translates to base + $off" \
		test "$(tr_field "$t" l1)" = "$(hex $((base + off)))"
done
check "heap starts at the L1 memory base" test "$(json_str heap_start)" = "$base"
check "heap ends at the memory size" test "$(json_str heap_end)" = "$(hex $((BM_MEM << 20)))"

# the invalidate hook: IPTE for a PTE, IDTE for segment and region entries
bm_boot "$elf" "invalidate"
base=$(json_str l1_base)
check "invalidate: hooks return 0" test "$(json_raw rc)" = 0
check "IPTE set the PTE invalid bit (0x400), frame kept" test "$(json_str pte0)" = "$(hex $((base + 0x10000 | 0x400)))"
check "IPTE left the next PTEs alone" test "$(json_str pte2)" = "$(hex $((base + 0x12000 | 0x200)))"
check "IDTE set the segment entry invalid bit (0x20)" test "$(json_str ste3)" = "$(hex $((base + 0x8800 | 0x20)))"
check "IDTE set the region-third entry invalid bit (0x20)" test "$(json_str r3e1)" = "$(hex $((base | 0x4 | 0x3 | 0x20)))"
check "DAT: page 0 now a page-translation exception" grep -q '{"l2":"0x0","cc":3,"exc":"0x11"' <<<"$BM_JSON"
check "DAT: segment 3 now a segment-translation exception" grep -q '{"l2":"0x305abc","cc":3,"exc":"0x10"' <<<"$BM_JSON"
check "DAT: page 2 still translates" grep -q "{\"l2\":\"0x2010\",\"cc\":0,\"l1\":\"$(hex $((base + 0x12010)))\"" <<<"$BM_JSON"
check "DAT: region-third entry 1 now a region-third exception" grep -q '{"l2":"0x80002010","cc":3,"exc":"0x3b"' <<<"$BM_JSON"
done_testing
