#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A bench suite on the kvm backend, as the nightly runs it on IBM Z
# (env GMAPBENCH_KVM_CONFIG=<config> gmapbench-<variant> --gmap_backend=kvm),
# here under TCG: QEMU is wrapped so that the VM gets a fake per-VM debugfs
# directory <debugfs>/kvm/<qemu pid>-11 with KVM's statistic names. The
# Google Benchmark JSON must carry the kernel release in its context, the
# counters the statistics give (present, here 0: the files do not change)
# under docs/design.md's names, and none of the counters without a source.
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$top" || exit 1
# shellcheck source=tests/lib/tap.sh
. tests/lib/tap.sh
suite=build/bin/gmapbench-baseline
get=build/tests/json-get
elf=${GUESTS_L1_ELF:-build/guests/l1.elf}
tmp=$(mktemp -d build/tests/kvm-suite-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
for f in "$suite" "$get" "$elf"; do
	[ -e "$f" ] || { not_ok "$f is built"; done_testing; exit; }
done

stats="instruction_sie inject_program gmap_shadow_create gmap_shadow_reuse
	gmap_shadow_r1_entry gmap_shadow_r2_entry gmap_shadow_r3_entry
	gmap_shadow_sg_entry gmap_shadow_pg_entry"
# exec keeps the pid: the backend looks the VM up by QEMU's pid
cat > "$tmp/qemu" <<WRAP
#!/bin/sh
d="$top/$tmp/debugfs/kvm/\$\$-11"
mkdir -p "\$d" "\$d/vcpu0"
for s in $(echo $stats); do echo 7 > "\$d/\$s"; done
echo \$\$ > "\$d/vcpu0/pid"
exec qemu-system-s390x "\$@"
WRAP
chmod +x "$tmp/qemu"
cat > "$tmp/tcg.conf" <<CONF
qemu = $top/$tmp/qemu
accel = tcg
cpu =
memory_mib = 64
stats = debugfs
debugfs = $tmp/debugfs
perf = no
timeout_s = 120
l1_elf = $elf
work_dir = $tmp
CONF

run_suite() { # config, json out, more flags
	local conf=$1 out=$2
	shift 2
	GMAPBENCH_KVM_CONFIG=$conf "$suite" --gmap_backend=kvm \
		--gmap_args=table_creation/span_gib:1 --benchmark_min_time=0 \
		--benchmark_repetitions=2 --benchmark_out="$out" \
		--benchmark_out_format=json "$@" > "$tmp/console" 2>&1
}

if run_suite "$tmp/tcg.conf" "$tmp/kvm.json"; then
	ok "gmapbench-baseline --gmap_backend=kvm ran table_creation under TCG"
else
	not_ok "the suite on the kvm backend"; diag "$(tail -n 20 "$tmp/console")"
fi
b='.benchmarks[0]'
[ "$("$get" "$tmp/kvm.json" .context.backend)" = kvm ] &&
	[ "$("$get" "$tmp/kvm.json" .context.kernel_release)" = "$(uname -r)" ] &&
	ok "context: backend kvm, kernel_release $(uname -r)" || not_ok "context"
err=$("$get" "$tmp/kvm.json" "$b.error_message" 2>/dev/null)
[ -z "$err" ] && [ "$("$get" "$tmp/kvm.json" "$b.iterations")" -ge 1 ] &&
	[ "$("$get" "$tmp/kvm.json" "$b.time_unit")" = ms ] &&
	ok "a timed benchmark (manual time of the L1's STCKF phases, ms)" ||
	{ not_ok "benchmark entry"; diag "error: $err"; }

# the statistics' counters present (kvm_map.c), the rest absent
present="vsie_entries exits_l1 shadow_create shadow_reuse shadow_r2t
	shadow_r3t shadow_sgt shadow_pgt"
missing=
for c in $present; do
	v=$("$get" "$tmp/kvm.json" "$b.$c") && awk -v v="$v" 'BEGIN { exit !(v == 0) }' || missing="$missing $c=${v:-absent}"
done
[ -z "$missing" ] && ok "from the debugfs statistics: $(echo $present) (0: unchanged files)" ||
	not_ok "counters from statistics:$missing"
names=$(sed -n 's/^\tC(\([a-z0-9_]*\)).*/\1/p' host/counters.h)
[ "$(echo "$names" | wc -l)" -ge 20 ] && ok "docs/design.md's counter names read from host/counters.h" ||
	not_ok "counter names from host/counters.h"
extra=
for c in $names; do
	grep -qw "$c" <<< "$present" && continue
	"$get" "$tmp/kvm.json" "$b.$c" > /dev/null 2>&1 && extra="$extra $c"
done
[ -z "$extra" ] && ok "every counter without a source (kprobes, perf, CPU-MF off) is absent, not 0" ||
	not_ok "present without a source:$extra"

# the same names as host/sim: every key of a kvm benchmark is one host/sim
# writes too (Google Benchmark's keys and the counters)
if "$suite" --gmap_args=table_creation/span_gib:1 --benchmark_min_time=0 \
	--benchmark_repetitions=2 --benchmark_out="$tmp/sim.json" --benchmark_out_format=json > "$tmp/console" 2>&1; then
	keys() { sed -n '/"benchmarks"/,$p' "$1" | grep -o '^ *"[a-z_0-9]*":' | tr -d ' ":' | sort -u; }
	only_kvm=$(comm -23 <(keys "$tmp/kvm.json") <(keys "$tmp/sim.json"))
	[ -z "$only_kvm" ] && ok "no key of the kvm JSON that host/sim's lacks" ||
		not_ok "keys only on kvm: $only_kvm"
else
	not_ok "host/sim run"; diag "$(tail -n 5 "$tmp/console")"
fi

# a kernel with the new gmap (7.x): its entry statistics exist but are not
# counted, so their counters are absent; the rest stay
printf '0000000000000000 T gaccess_shadow_fault\t[kvm]\n' > "$tmp/kallsyms"
{ cat "$tmp/tcg.conf"; echo "kallsyms = $tmp/kallsyms"; } > "$tmp/newgmap.conf"
if run_suite "$tmp/newgmap.conf" "$tmp/new.json"; then
	absent='' kept=''
	for c in shadow_r2t shadow_r3t shadow_sgt shadow_pgt shadow_pte; do
		"$get" "$tmp/new.json" "$b.$c" > /dev/null 2>&1 && absent="$absent $c"
	done
	for c in vsie_entries exits_l1 shadow_create shadow_reuse; do
		"$get" "$tmp/new.json" "$b.$c" > /dev/null 2>&1 || kept="$kept $c"
	done
	[ -z "$absent$kept" ] &&
		ok "new gmap: shadow_r2t..shadow_pte absent, the other statistics' counters present" ||
		not_ok "new gmap: present:$absent; missing:$kept"
else
	not_ok "the suite with the new-gmap kallsyms"; diag "$(tail -n 5 "$tmp/console")"
fi

# a configuration the suite cannot read: the benchmark fails, naming it
printf 'accel = tcg\nsmp = many\n' > "$tmp/bad.conf"
run_suite "$tmp/bad.conf" "$tmp/bad.json"
err=$("$get" "$tmp/bad.json" "$b.error_message" 2>/dev/null)
grep -qF "$tmp/bad.conf:2: smp" <<< "$err" && grep -q GMAPBENCH_KVM_CONFIG <<< "$err" &&
	ok "an unreadable GMAPBENCH_KVM_CONFIG fails the run with file:line" ||
	{ not_ok "bad configuration"; diag "error: $err"; }
done_testing
