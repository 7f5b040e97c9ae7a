#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The bare-metal runtime boots under qemu-system-s390x (TCG), reads its
# command line, reports SIE as unavailable, checks a known table set with
# the machine's DAT (LRAG/TPROT), and ends in a disabled wait that QEMU
# takes as a shutdown.
# shellcheck source=tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=guests/baremetal/tests/lib.sh
. "$(dirname "$0")/lib.sh"
elf=$top/build/guests/baremetal-selftest.elf

if ! [ -f "$elf" ]; then
	not_ok "$elf is built (make $elf)"
	done_testing
	exit
fi

# the image: s390x ELF, entry 0x10000, command line area at QEMU's 0x10480
hdr=$(s390x-linux-gnu-readelf -h "$elf")
check "ELF64 big-endian s390 image" grep -qE 'Machine:.*S/390' <<<"$hdr"
check "entry point 0x10000" grep -qE 'Entry point address: +0x10000$' <<<"$hdr"
check "command line area at 0x10480" \
	grep -qE '^0*10480 [TtDdBb] bm_cmdline$' <<<"$(s390x-linux-gnu-nm "$elf")"

# a good boot
start=$(date +%s%N)
bm_boot "$elf" "tables edat=1"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
diag "boot took ${ms} ms"
check "QEMU exits by itself with status 0 (disabled wait at 0xfff)" test "$BM_RC" -eq 0
check "one JSON line on the console" test "$(printf '%s\n' "$BM_OUT" | grep -c '^{')" -eq 1
check "JSON line is closed" grep -q '}]}$' <<<"$BM_JSON"
check "scenario from the command line" test "$(json_str scenario)" = tables
check "argument from the command line" grep -q '"args":{"edat":"1"}' <<<"$BM_JSON"
check "SIE reported unavailable under TCG" test "$(json_str sie)" = unavailable
check "console says SIE is unavailable" grep -q '^# SIE unavailable' <<<"$BM_OUT"
check "memory size from SCLP read-info is -m ${BM_MEM}M" \
	test "$(json_raw mem_size)" = $((BM_MEM << 20))
check "a build phase with a STCKF time" grep -qE '"name":"build","stckf_ns":[0-9]+' <<<"$BM_JSON"

# translations, expected from the layout in guests/baremetal/selftest.c
base=$(json_str l1_base)
edat1=$(json_raw edat1)
expect_ok() { # index l2 l1 tprot
	local t
	t=$(json_tr "$1")
	if [ "$(tr_field "$t" l2)" = "$2" ] && [ "$(tr_field "$t" cc)" = 0 ] &&
		[ "$(tr_field "$t" l1)" = "$3" ] && [ "$(tr_field "$t" tprot)" = "$4" ]; then
		ok "LRAG $2 -> $3, TPROT cc $4"
	else
		not_ok "LRAG $2 -> $3, TPROT cc $4"
		diag "got: $t"
	fi
}
expect_exc() { # index l2 exception-code
	local t
	t=$(json_tr "$1")
	if [ "$(tr_field "$t" l2)" = "$2" ] && [ "$(tr_field "$t" cc)" = 3 ] &&
		[ "$(tr_field "$t" exc)" = "$3" ] && [ "$(tr_field "$t" tprot)" = 3 ]; then
		ok "LRAG $2 -> exception $3"
	else
		not_ok "LRAG $2 -> exception $3"
		diag "got: $t"
	fi
}
check "L1 memory base is 1 MiB aligned" test $((base & 0xfffff)) -eq 0
check "ASCE of the segment table" test "$(json_str asce_seg)" = "$(hex $((base | 3)))"
check "ASCE of the region-third table" test "$(json_str asce_r3t)" = "$(hex $((base + 0x4000 | 7)))"
expect_ok 0 0x0 "$(hex $((base + 0x10000)))" 0
expect_exc 1 0x1000 0x11
expect_ok 2 0x2010 "$(hex $((base + 0x12010)))" 1
expect_exc 3 0x100000 0x10
if [ "$edat1" = true ]; then
	expect_ok 4 0x201234 "$(hex $((base + 0x101234)))" 0
else
	skip "EDAT-1 large page: this machine has no EDAT-1 (QEMU 7.2 TCG)"
fi
expect_ok 5 0x305abc "$(hex $((base + 0x15abc)))" 0
expect_exc 6 0x80000000 0x38
expect_exc 7 0x0 0x3b
expect_ok 8 0x80000000 "$(hex $((base + 0x10000)))" 0
expect_ok 9 0x80002010 "$(hex $((base + 0x12010)))" 1
check "ten translations" test "$(printf '%s\n' "$BM_JSON" | grep -o '{"l2"' | wc -l)" -eq 10

# bad input: an error JSON line and the same clean exit
bad() { # cmdline error-substring
	bm_boot "$elf" "$1"
	if [ "$BM_RC" -eq 0 ] && grep -q "\"error\":\"[^\"]*$2" <<<"$BM_JSON"; then
		ok "'$1': error \"$2\" and a clean exit"
	else
		not_ok "'$1': error \"$2\" and a clean exit"
		diag "rc $BM_RC" "$BM_OUT"
	fi
}
bad "nosuch" "unknown scenario"
bad "tables foo=1" "unknown parameter"
bad "tables edat=7" "bad value for edat"
bad "tables edat" "not key=value"
bad "" "no scenario"
bm_boot "$elf" "nosuch"
check "the error names the scenario" grep -q '"detail":"nosuch"' <<<"$BM_JSON"

# the memory size follows -m
BM_MEM=128 bm_boot "$elf" "tables"
check "mem_size follows -m 128" test "$(json_raw mem_size)" = $((128 << 20))
done_testing
