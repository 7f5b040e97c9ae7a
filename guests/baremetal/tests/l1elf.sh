#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# build/guests/l1.elf: the portable L1 and scenarios on the bare-metal
# runtime under QEMU TCG. Without SIE every L2 access goes through QEMU's
# DAT on the tables L1 built, so each access L1 counts was performed once,
# and every sampled address translates at the end of its run.
# shellcheck source=tests/lib/tap.sh
. "$(dirname "$0")/../../../tests/lib/tap.sh"
# shellcheck source=guests/baremetal/tests/lib.sh
. "$(dirname "$0")/lib.sh"
elf=$top/build/guests/l1.elf
line=${BM_SCENARIO:-table_creation prebuild=0 span_gib=1}
scn=${line%% *}

hdr=$(s390x-linux-gnu-readelf -h "$elf" 2>&1)
check "l1.elf has entry 0x10000" grep -qE 'Entry point address: +0x10000$' <<<"$hdr"

bm_boot "$elf" "$line"
check "$scn: QEMU exits by itself with status 0" test "$BM_RC" -eq 0
check "$scn: one JSON line" test "$(printf '%s\n' "$BM_OUT" | grep -c '^{')" -eq 1
check "$scn: scenario named in the JSON" test "$(json_str scenario)" = "$scn"
check "$scn: rc 0" test "$(json_raw rc)" = 0
check "$scn: SIE reported unavailable" test "$(json_str sie)" = unavailable
acc=$(json_raw accesses)
check "$scn: L2 made accesses" test "${acc:-0}" -gt 0
check "$scn: every access L1 counts went through DAT once" \
	test "$(json_raw emulated_accesses)" = "$acc"
check "$scn: L1 made its tables" test "$(json_raw tables_alloc)" -gt 0
check "$scn: faults were reflected to L1" test "$(json_raw reflected)" -gt 0
n=$(printf '%s\n' "$BM_JSON" | grep -o '{"l2":[^}]*"why":"run"}' | wc -l)
check "$scn: sampled translations" test "$n" -gt 0
check "$scn: every accessed sample translates (cc 0)" \
	test "$(printf '%s\n' "$BM_JSON" | grep -o '{"l2":[^}]*"cc":0,[^}]*"why":"run"}' | wc -l)" -eq "$n"
check "$scn: a probe past the run does not (cc 3)" \
	grep -q '{"l2":[^}]*"cc":3,[^}]*"why":"probe"}' <<<"$BM_JSON"
# shellcheck disable=SC2046 # one argument per address
check "$scn: samples land in L1's heap" bash -c '
	heap_start=$1 heap_end=$2; shift 2
	for a in "$@"; do
		[ $((a)) -ge $((heap_start)) ] && [ $((a)) -lt $((heap_end)) ] || exit 1
	done' _ "$(json_str heap_start)" "$(json_str heap_end)" \
	$(printf '%s\n' "$BM_JSON" | grep -o '"l1":"0x[0-9a-f]*"' | sed 's/.*"\(0x[0-9a-f]*\)"/\1/')

bm_boot "$elf" "no_such_scenario"
check "unknown scenario: error JSON, clean exit" \
	bash -c '[ "$1" -eq 0 ] && grep -q "\"error\":\"unknown scenario\"" <<<"$2"' _ "$BM_RC" "$BM_JSON"
bm_boot "$elf" "$scn no_such_param=1"
check "unknown parameter: error JSON naming it, clean exit" \
	bash -c '[ "$1" -eq 0 ] && grep -q "\"error\":.*no_such_param" <<<"$2"' _ "$BM_RC" "$BM_JSON"
bm_boot "$elf" "$scn no_such_param=abc"
check "non-integer value: error JSON, clean exit" \
	bash -c '[ "$1" -eq 0 ] && grep -q "\"error\":\"bad value" <<<"$2"' _ "$BM_RC" "$BM_JSON"
# every registered scenario with its defaults: a result, or (no EDAT under
# TCG) a clear refusal
bm_boot "$elf" list
names=$(printf '%s\n' "$BM_JSON" | grep -o '"scenarios":\[[^]]*\]' | grep -o '"[a-z0-9_]*"' | tr -d '"' | grep -vx scenarios)
check "list names the scenarios, $scn among them" grep -qx "$scn" <<<"$names"
for s in $names; do
	BM_MEM=256 bm_boot "$elf" "$s"
	if [ "$BM_RC" -eq 0 ] && [ "$(json_raw rc)" = 0 ] &&
		[ "$(json_raw emulated_accesses)" = "$(json_raw accesses)" ]; then
		ok "$s (defaults): rc 0, every access through DAT"
	elif [ "$BM_RC" -eq 0 ] && grep -q '"error":"[^"]*EDAT' <<<"$BM_JSON"; then
		skip "$s (defaults): needs EDAT, which QEMU TCG does not offer"
	elif [ "$BM_RC" -eq 0 ] && grep -q '"error":"[^"]*needs a platform where L0' <<<"$BM_JSON"; then
		skip "$s (defaults): needs L0 to change L1's backing, which only host/sim does"
	elif [ "$BM_RC" -eq 0 ] && grep -q '"error":"[^"]*needs a platform that injects faults' <<<"$BM_JSON"; then
		skip "$s (defaults): needs faults injected into L0, which only host/sim does"
	else
		not_ok "$s (defaults): rc 0, every access through DAT"
		diag "$BM_OUT"
	fi
done
done_testing
