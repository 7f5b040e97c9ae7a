#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The whole run path for real, under TCG: gmapbench-kvm boots
# build/guests/l1.elf in qemu-system-s390x, drives it over QMP, reads the
# L1's console JSON and reports it. (KVM, SIE and the L0 counters need an
# IBM Z host: docs/ibm-z.md.)
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh
bin=build/bin/gmapbench-kvm
elf=${GUESTS_L1_ELF:-build/guests/l1.elf}
tmp=$(mktemp -d build/tests/kvm-l1boot-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
if [ ! -f "$elf" ]; then
	not_ok "$elf exists (make $elf)"
	done_testing
	exit
fi
cat > "$tmp/tcg.conf" <<CONF
accel = tcg
cpu =
memory_mib = 64
stats = auto
perf = no
timeout_s = 120
l1_elf = $elf
work_dir = $tmp
CONF

field() { grep -o "\"$1\":[^,}]*" <<< "$2" | head -n1 | cut -d: -f2- | tr -d '"'; }

out=$("$bin" --config "$tmp/tcg.conf" run table_creation span_gib=1 2>"$tmp/err")
rc=$?
if [ $rc -eq 0 ] && [ "$(field scenario "$out")" = table_creation ] && [ "$(field rc "$out")" = 0 ]; then
	ok "table_creation span_gib=1 boots under TCG and reports rc 0"
else
	not_ok "run table_creation (rc $rc)"; diag "$out" "$(cat "$tmp/err")"
fi
[ "$(field sie "$out")" = unavailable ] && ok "the L1 says SIE is unavailable under TCG" ||
	not_ok "sie: $(field sie "$out")"
ns=$(grep -o '"stckf_ns":[0-9]*' <<< "$out" | head -n1 | cut -d: -f2)
l1ns=$(field l1_ns "$out")
[ -n "$ns" ] && [ "$ns" -gt 0 ] && [ "$l1ns" = "$ns" ] &&
	ok "STCKF phase time $ns ns, the L1 total equals the single phase" || not_ok "phases: $out"
wall=$(field wall_ns "$out")
[ -n "$wall" ] && [ "$wall" -ge "$ns" ] && ok "host wall time $wall ns >= the L1's own $ns ns" ||
	not_ok "wall $wall vs $ns"
# 1 GiB at the default 1 MiB stride: 1024 L2 accesses, each mapped on demand
acc=$(field accesses "$out")
[ "$acc" = 1024 ] && ok "L1 counts read from its JSON: 1024 accesses" || not_ok "accesses $acc"
[ "$(field stats_source "$out")" = none ] && grep -q '"counters":{}' <<< "$out" &&
	grep -q '"absent":\["vsie_entries",.*"oracle_mismatches"\]' <<< "$out" &&
	ok "no KVM under TCG: every counter absent, none reported as 0" || not_ok "counters: $out"

out=$("$bin" --config "$tmp/tcg.conf" run table_creation span_gib=nonsense 2>"$tmp/err")
rc=$?
[ $rc -ne 0 ] && grep -q '"error":"L1: table_creation' <<< "$out" &&
	ok "the L1's own error comes back as the run's error" || { not_ok "bad argument (rc $rc)"; diag "$out"; }
out=$("$bin" --config "$tmp/tcg.conf" --set l1_elf=build/no-such.elf run table_creation 2>"$tmp/err")
[ $? -ne 0 ] && grep -q '"error":"kvm backend: the L1 build/no-such.elf: No such file' <<< "$out" && ok "a missing ELF: a message naming it" ||
	{ not_ok "missing elf"; diag "$out"; }
ls "$tmp"/qmp-*.sock >/dev/null 2>&1 && not_ok "QMP sockets left behind" || ok "no QMP socket left behind"
done_testing
