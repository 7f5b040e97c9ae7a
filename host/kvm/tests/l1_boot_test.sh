#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The whole run path for real, under TCG: gmapbench-kvm boots
# build/guests/l1.elf in qemu-system-s390x, drives it over QMP, reads the
# L1's console JSON and reports it. (KVM, SIE and the L0 counters need an
# IBM Z host: docs/ibm-z.md.)
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$top" || exit 1
# shellcheck source=tests/lib/tap.sh
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

# The dry run prints the real run's own steps: the same "+ " and "# "
# lines, less what only a real run learns (the stats sources that did not
# answer, the one found, QEMU's status), with pids and socket names aside.
steps_of() {
	grep '^[+#] ' "$1" | grep -v '^# stats: no \|^# stats source: \|^# qemu exited' |
		sed -E 's#qmp-[0-9]+-[0-9]+\.sock#qmp-N.sock#g; s#/[0-9]+/fd/#/<qemu pid>/fd/#; s#/kvm/[0-9]+-#/kvm/<qemu pid>-#'
}
same_steps() { # name, the real run's log, then the run's arguments
	local name=$1 real=$2
	shift 2
	"$bin" --dry-run "$@" > "$tmp/dry" 2>&1
	if [ "$(steps_of "$tmp/dry" | wc -l)" -ge 8 ] && [ "$(steps_of "$real")" = "$(steps_of "$tmp/dry")" ]; then
		ok "$name: the dry run printed the real run's steps"
	else
		not_ok "$name: dry and real steps differ"
		diag "$(diff <(steps_of "$tmp/dry") <(steps_of "$real"))"
	fi
}

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

same_steps "accel=tcg" "$tmp/err" --config "$tmp/tcg.conf" run table_creation span_gib=1

out=$("$bin" --config "$tmp/tcg.conf" run table_creation span_gib=nonsense 2>"$tmp/err")
rc=$?
[ $rc -ne 0 ] && grep -q '"error":"L1: table_creation' <<< "$out" &&
	ok "the L1's own error comes back as the run's error" || { not_ok "bad argument (rc $rc)"; diag "$out"; }
out=$("$bin" --config "$tmp/tcg.conf" --set l1_elf=build/no-such.elf run table_creation 2>"$tmp/err")
[ $? -ne 0 ] && grep -q '"error":"kvm backend: the L1 build/no-such.elf: No such file' <<< "$out" && ok "a missing ELF: a message naming it" ||
	{ not_ok "missing elf"; diag "$out"; }
# accel=kvm with an L1 that found no SIE: refused, naming what is missing.
# The "qemu" stands for qemu-system-s390x on an IBM Z host: it runs the
# same command line with accel=kvm turned into tcg. The host's nested
# parameter and cpuinfo are fakes; the CPU model's properties are QEMU's
# own answer to query-cpu-model-expansion for the TCG model "qemu".
# It also names its stdin (fd 0) a KVM VM fd in a fake <proc>/<pid>/fd, so
# that the stats-fd reader runs for real on it (pidfd_getfd, the ioctl).
cat > "$tmp/qemu-kvm-as-tcg" <<EOF
#!/bin/bash
mkdir -p "$top/$tmp/proc/\$\$/fd"
ln -sf anon_inode:kvm-vm "$top/$tmp/proc/\$\$/fd/0"
args=()
for a; do args+=("\${a/accel=kvm/accel=tcg}"); done
exec qemu-system-s390x "\${args[@]}"
EOF
chmod +x "$tmp/qemu-kvm-as-tcg"
mkdir -p "$tmp/sys/module/kvm/parameters" "$tmp/debug/kvm"
echo 0 > "$tmp/sys/module/kvm/parameters/nested"
printf 'vendor_id       : IBM/S390\nfeatures\t: esan3 zarch stfle msa ldisp eimm dfp edat etf3eh highgprs te vx\n' > "$tmp/cpuinfo"
kvmset=(--set accel=kvm --set cpu=qemu --set "qemu=$top/$tmp/qemu-kvm-as-tcg" --set "sysfs=$tmp/sys"
	--set "cpuinfo=$tmp/cpuinfo" --set "debugfs=$tmp/debug" --set "proc=$tmp/proc")
out=$("$bin" --config "$tmp/tcg.conf" "${kvmset[@]}" run table_creation span_gib=1 2>"$tmp/err")
rc=$?
err=$(grep -o '"error":"[^}]*' <<< "$out")
if [ $rc -ne 0 ] && grep -q 'accel=kvm but the L1 ran without SIE' <<< "$err"; then
	ok "accel=kvm, L1 without SIE: the run fails, no KVM numbers"
else
	not_ok "accel=kvm without SIE (rc $rc)"; diag "$out" "$(cat "$tmp/err")"
fi
grep -q '^# sie: query-cpu-model-expansion qemu ' "$tmp/err" &&
	same_steps "accel=kvm" "$tmp/err" --config "$tmp/tcg.conf" "${kvmset[@]}" run table_creation span_gib=1 ||
	not_ok "accel=kvm: no sie step in the real run"
for want in "nested: $tmp/sys/module/kvm/parameters/nested reads '0', not 1" \
	"SIEF2: $tmp/cpuinfo's features lack 'sie'" \
	"SIEF2 (SIE interception format 2): CPU model 'qemu' has no 'sief2'" \
	"64-bit SCAO: CPU model 'qemu' has no '64bscao'"; do
	grep -qF -- "$want" <<< "$err" && ok "the refusal names: $want" || { not_ok "refusal lacks: $want"; diag "$err"; }
done
grep -qF "no 'dateh'" <<< "$err" && not_ok "dateh named though QEMU's model has it" ||
	ok "facility 3 (dateh), which the model has, is not named"
echo 1 > "$tmp/sys/module/kvm/parameters/nested"
sed -i 's/ vx$/ vx sie/' "$tmp/cpuinfo"
out=$("$bin" --config "$tmp/tcg.conf" "${kvmset[@]}" run table_creation span_gib=1 2>"$tmp/err")
err=$(grep -o '"error":"[^}]*' <<< "$out")
! grep -q "nested:\|features lack" <<< "$err" && grep -q "has no 'sief2'" <<< "$err" &&
	ok "nested=1 and 'sie' in cpuinfo: only the CPU model's lack is named" || { not_ok "host facts"; diag "$err"; }
grep -q "stats: no stats fd (KVM_GET_STATS_FD on fd 0: Inappropriate ioctl for device)" "$tmp/err" &&
	grep -q "stats source: none" "$tmp/err" &&
	ok "stats = auto: QEMU's KVM fd read for real (pidfd_getfd + KVM_GET_STATS_FD), not KVM's here: debugfs, QMP, none" ||
	{ not_ok "stats fd in auto"; diag "$(cat "$tmp/err")"; }
out=$("$bin" --config "$tmp/tcg.conf" "${kvmset[@]}" --set stats=statsfd run table_creation span_gib=1 2>"$tmp/err")
[ $? -ne 0 ] && grep -q '"error":"kvm backend: stats fd: KVM_GET_STATS_FD on fd 0: Inappropriate ioctl' <<< "$out" &&
	ok "stats = statsfd and no KVM stats fd: the run fails, naming the step" || { not_ok "stats = statsfd"; diag "$out"; }
fake=build/guests/l1-fakesie.elf
if [ -f "$fake" ]; then
	out=$("$bin" --config "$tmp/tcg.conf" "${kvmset[@]}" --set "l1_elf=$fake" run table_creation span_gib=1 2>"$tmp/err")
	rc=$?
	[ $rc -eq 0 ] && [ "$(field sie "$out")" = available ] &&
		ok "accel=kvm, an L1 that ran SIE (the fake vSIE): accepted" || { not_ok "fake SIE run (rc $rc)"; diag "$out"; }
else
	not_ok "$fake exists (make $fake)"
fi

ls "$tmp"/qmp-*.sock >/dev/null 2>&1 && not_ok "QMP sockets left behind" || ok "no QMP socket left behind"
done_testing
