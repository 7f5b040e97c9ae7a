#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# gmapbench-kvm --dry-run: every command of the nightly (kernel build,
# install, boot, suite) and of one run (hwloc-bind, QEMU, perf) for given
# configurations; the host guard; config errors with file:line; resuming.
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$top" || exit 1
# shellcheck source=tests/lib/tap.sh
. tests/lib/tap.sh
bin=build/bin/gmapbench-kvm
ksrc=build/kernel/pristine/linux-source-6.1
tmp=$(mktemp -d build/tests/kvm-runner-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
host=$(hostname)
[ -x "$bin" ] || { not_ok "$bin is built"; done_testing; exit; }

printf 'BOOT_IMAGE=/vmlinuz root=/dev/dasda1 kvm.nested=0 quiet -- initarg\n' > "$tmp/cmdline"
cat > "$tmp/kexec.conf" <<CONF
# a test night
hosts = zlpar9 $host
ksrc = $ksrc
kernel_base = v6.1.192
kernel_config = /boot/config-6.1.0-s390x
boot = kexec
make_jobs = 4
proc_cmdline = $tmp/cmdline
cmdline_extra = mitigations=off
state_dir = $tmp/state
variants = baseline pgt-prefill
cpuset = core:1
watchdog_arm = ssh watcher gmapbench-watchdog arm {host} {timeout}
watchdog_disarm = ssh watcher gmapbench-watchdog disarm {host}
boot_timeout_s = 1200
CONF
sed -e 's/^boot = kexec/boot = zipl\nzipl_entry = 3/' "$tmp/kexec.conf" > "$tmp/zipl.conf"

out=$("$bin" --dry-run --config "$tmp/kexec.conf" nightly 2>&1)
rc=$?
[ $rc -eq 0 ] && ok "dry-run nightly (kexec) exits 0" || { not_ok "dry-run nightly exits $rc"; diag "$out"; }
rel=6.1.192-gmapbench-baseline
expect() { # name, fixed string that must be a line of $out
	if grep -qxF -- "$2" <<< "$out"; then ok "$1"; else not_ok "$1"; diag "missing: $2"; fi
}
expect "checks out the base" "+ git -C $ksrc checkout --detach --force v6.1.192"
expect "copies the configuration" "+ cp /boot/config-6.1.0-s390x $ksrc/.config"
expect "enables KVM, debugfs, perf, kprobes, tracepoints; LOCALVERSION" \
	"+ $ksrc/scripts/config --file $ksrc/.config --enable VIRTUALIZATION --enable KVM --enable DEBUG_FS --enable PERF_EVENTS --enable KPROBES --enable KPROBE_EVENTS --enable FTRACE --enable TRACEPOINTS --disable LOCALVERSION_AUTO --set-str LOCALVERSION -gmapbench-baseline"
expect "builds with make_jobs" "+ make -C $ksrc -j4"
expect "installs modules" "+ make -C $ksrc modules_install"
expect "installs the image under its release only (no make install: its hooks run zipl)" \
	"+ install -m 0644 $ksrc/arch/s390/boot/bzImage /boot/vmlinuz-$rel"
expect "makes its initramfs" "+ mkinitramfs -o /boot/initrd.img-$rel $rel"
grep -q '^+ make .* install$' <<< "$out" && not_ok "make install ran" || ok "no make install"
expect "kexec loads the variant with kvm.nested=1 and panic settings before init's --" \
	"+ kexec -l /boot/vmlinuz-$rel --initrd=/boot/initrd.img-$rel '--append=root=/dev/dasda1 quiet kvm.nested=1 kvm.hpage=0 panic=10 panic_on_oops=1 mitigations=off -- initarg'"
expect "boots it" "+ systemctl kexec"
expect "arms the outside watchdog with boot_timeout_s" "+ ssh watcher gmapbench-watchdog arm $host 1200"
# per variant, in this order: load, arm, boot, disarm, suite, restore
steps() { # the boot, watchdog, suite and restore commands, one word each
	sed -n 's/^+ \(kexec -l\|systemctl kexec\|systemctl reboot\|ssh watcher gmapbench-watchdog arm\|ssh watcher gmapbench-watchdog disarm\|chreipl node \/boot -L [0-9]*\|zipl$\|env GMAPBENCH_KVM_CONFIG=[^ ]* build\/bin\/gmapbench-[a-z-]*\).*/\1/p' <<< "$1" |
		sed 's/^env [^ ]* build\/bin\/gmapbench-/suite:/; s/ssh watcher gmapbench-watchdog //' | tr '\n' ,
}
want="kexec -l,arm,systemctl kexec,disarm,suite:baseline,systemctl reboot,kexec -l,arm,systemctl kexec,disarm,suite:pgt-prefill,systemctl reboot,"
[ "$(steps "$out")" = "$want" ] && ok "kexec: load, arm, boot, disarm, suite, restore per variant, in order" ||
	{ not_ok "kexec order"; diag "got:  $(steps "$out")" "want: $want"; }
grep -qF "restore: back on the default kernel $(uname -r)" <<< "$out" &&
	ok "restored to the default kernel ($(uname -r), uname -r at the start) after each variant" || not_ok "restore check"
expect "runs the suite for the variant, with the configuration for its runs" \
	"+ env GMAPBENCH_KVM_CONFIG=$top/$tmp/kexec.conf build/bin/gmapbench-baseline --gmap_backend=kvm --benchmark_repetitions=9 --benchmark_format=json --benchmark_out=results/$(date -u +%F)/$host/baseline.json"
# one 'git am' per series entry, in series order
n_series=$(grep -cvE '^[[:space:]]*(#|$)' kernel-patches/pgt-prefill/series)
n_am=$(grep -c "^+ git -C $ksrc am --3way ./kernel-patches/pgt-prefill/" <<< "$out")
[ "$n_series" -ge 1 ] && [ "$n_am" -eq "$n_series" ] && ok "one git am per series entry ($n_am)" ||
	not_ok "git am lines $n_am, series entries $n_series"
first=$(grep -vE '^[[:space:]]*(#|$)' kernel-patches/pgt-prefill/series | head -n1 | awk '{print $1}')
expect "patches come from kernel-patches/<variant>/" "+ git -C $ksrc am --3way ./kernel-patches/pgt-prefill/$first"
[ "$(grep -c '^+ git .* am ' <<< "$out")" -eq "$n_series" ] && ok "baseline (empty series) applies nothing" ||
	not_ok "baseline applied patches"
expect "ends by rebooting to the default kernel" "+ systemctl reboot"
n_boot=$(grep -c '^+ systemctl kexec$' <<< "$out")
n_restore=$(grep -c '^+ systemctl reboot$' <<< "$out")
[ "$n_restore" -eq 2 ] && ok "the default kernel restored after every variant, not only the last" ||
	not_ok "$n_restore restores for 2 variants"
[ "$n_boot" -eq 2 ] && ok "one boot per variant" || not_ok "$n_boot boots for 2 variants"
grep -q "dry run: not written" <<< "$out" && [ ! -e "$tmp/state" ] && ok "a dry run writes no state" ||
	not_ok "state written in a dry run"

# a variant that does not come back: the watchdog re-IPLs the default
# kernel, the resume reports it and goes on with the next variant
out=$("$bin" --dry-run --dry-run-no-boot=baseline --config "$tmp/kexec.conf" nightly 2>&1)
rc=$?
want="kexec -l,arm,systemctl kexec,disarm,kexec -l,arm,systemctl kexec,disarm,suite:pgt-prefill,systemctl reboot,"
[ "$(steps "$out")" = "$want" ] && ok "no boot: disarm, no suite, no restore reboot (already on the default), next variant" ||
	{ not_ok "no-boot order"; diag "got:  $(steps "$out")" "want: $want"; }
expect "no boot: reported as did not boot, with the time limit" \
	"# variant baseline DID NOT BOOT: $rel did not come back within 1200 s; the host is on $(uname -r)"
[ $rc -ne 0 ] && grep -q "did not boot: baseline" <<< "$out" && ok "no boot: the night ends non-zero, naming it" ||
	{ not_ok "no-boot status $rc"; diag "$out"; }
out=$("$bin" --config "$tmp/kexec.conf" --dry-run-no-boot=baseline nightly 2>&1)
[ $? -eq 2 ] && grep -q "needs --dry-run" <<< "$out" && ok "--dry-run-no-boot only in a dry run" || not_ok "--dry-run-no-boot alone"

out=$("$bin" --dry-run --config "$tmp/zipl.conf" nightly 2>&1)
expect "zipl: the variant into the [gmapbench] entry's files" "+ cp /boot/vmlinuz-$rel /boot/vmlinuz-gmapbench"
expect "zipl: the IPL record from /etc/zipl.conf (default entry unchanged)" "+ zipl"
expect "zipl: one-shot chreipl of the menu entry" "+ chreipl node /boot -L 3"
expect "zipl: the known-good default entry back first thing on the variant" "+ chreipl node /boot -L 0"
grep -q '^+ zipl --' <<< "$out" && not_ok "zipl rewrote the default with --image" || ok "zipl never replaces the default entry"
want="zipl,chreipl node /boot -L 3,arm,systemctl reboot,disarm,chreipl node /boot -L 0,suite:baseline,chreipl node /boot -L 0,systemctl reboot,zipl,chreipl node /boot -L 3,arm,systemctl reboot,disarm,chreipl node /boot -L 0,suite:pgt-prefill,chreipl node /boot -L 0,systemctl reboot,"
[ "$(steps "$out")" = "$want" ] && ok "zipl: one-shot boot, watchdog and restore per variant, in order" ||
	{ not_ok "zipl order"; diag "got:  $(steps "$out")" "want: $want"; }
sed -e '/^zipl_entry/d' "$tmp/zipl.conf" > "$tmp/zipl-noentry.conf"
out=$("$bin" --dry-run --config "$tmp/zipl-noentry.conf" nightly 2>&1)
[ $? -ne 0 ] && grep -q "boot = zipl needs zipl_entry" <<< "$out" && ! grep -q '^+ ' <<< "$out" &&
	ok "zipl without zipl_entry: refused before any command" || { not_ok "zipl_entry"; diag "$out"; }

# watchdog_arm is a command template, split at spaces, {host} expanded
out=$("$bin" --dry-run --config "$tmp/kexec.conf" --set "watchdog_arm=false {host}" nightly 2>&1)
grep -qxF "+ false $host" <<< "$out" && ok "watchdog_arm is expanded and run as a command before each boot" ||
	{ not_ok "watchdog_arm command"; diag "$out"; }

# no outside watchdog: refused, unless explicitly none
sed -e '/^watchdog_/d' "$tmp/kexec.conf" > "$tmp/nowd.conf"
out=$("$bin" --dry-run --config "$tmp/nowd.conf" nightly 2>&1)
[ $? -ne 0 ] && grep -q "REFUSING TO RUN: no outside watchdog" <<< "$out" && ! grep -q '^+ ' <<< "$out" &&
	ok "no watchdog configured: refused before any command" || { not_ok "watchdog refusal"; diag "$out"; }
out=$("$bin" --dry-run --config "$tmp/nowd.conf" --set watchdog_arm=none nightly 2>&1)
[ $? -eq 0 ] && grep -q "watchdog: none (watchdog_arm = none): if $rel hangs" <<< "$out" &&
	ok "watchdog_arm = none: runs, saying what that risks" || { not_ok "watchdog none"; diag "$out"; }

# the guard: another host's configuration refuses before any command
sed -e "s/^hosts = .*/hosts = zlpar9 zlpar10/" "$tmp/kexec.conf" > "$tmp/other.conf"
out=$("$bin" --dry-run --config "$tmp/other.conf" nightly 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -q "REFUSING TO RUN: this host is '$host'" <<< "$out" && ! grep -q '^+ ' <<< "$out"; then
	ok "a host not in 'hosts' is refused, loudly, before any command"
else
	not_ok "guard (rc $rc)"; diag "$out"
fi

# configuration errors name file and line
printf 'hosts = a\n\nboot = grub\n' > "$tmp/bad.conf"
out=$("$bin" --config "$tmp/bad.conf" check-config 2>&1)
rc=$?
[ $rc -ne 0 ] && grep -qF "$tmp/bad.conf:3: boot must be one of: kexec zipl (not 'grub')" <<< "$out" &&
	ok "bad config line: file:line error" || { not_ok "bad config (rc $rc)"; diag "$out"; }
out=$("$bin" --config "$tmp/kexec.conf" --set memory_mib=lots check-config 2>&1)
[ $? -ne 0 ] && grep -qF -- "--set: memory_mib: 'lots' is not a number" <<< "$out" &&
	ok "bad --set: named" || { not_ok "bad --set"; diag "$out"; }

# resuming: after the reboot into pgt-prefill, only its measurement remains
mkdir -p "$tmp/state"
printf 'date=2026-01-02\nvariants=baseline pgt-prefill\nindex=1\nphase=measure\nrelease=6.1.192-gmapbench-pgt-prefill\ndefault_release=6.1.0-28-s390x\nfailed=\n' > "$tmp/state/state"
out=$("$bin" --dry-run --config "$tmp/kexec.conf" nightly --resume 2>&1)
rc=$?
if [ $rc -eq 0 ] && grep -q "^+ env GMAPBENCH_KVM_CONFIG=$top/$tmp/kexec.conf build/bin/gmapbench-pgt-prefill .*results/2026-01-02/$host/pgt-prefill.json$" <<< "$out" &&
	! grep -q "gmapbench-baseline" <<< "$out" && ! grep -q '^+ make' <<< "$out" &&
	grep -q "uname -r is 6.1.192-gmapbench-pgt-prefill (dry run: as if), the variant's is 6.1.192-gmapbench-pgt-prefill" <<< "$out"; then
	ok "resume: measures the booted variant, builds nothing more, finishes"
else
	not_ok "resume (rc $rc)"; diag "$out"
fi
printf 'date=2026-01-02\nvariants=baseline pgt-prefill\nindex=0\nphase=suite\nrelease=6.1.192-gmapbench-baseline\ndefault_release=%s\nfailed=\n' "$(uname -r)" > "$tmp/state/state"
out=$("$bin" --dry-run --config "$tmp/kexec.conf" nightly --resume 2>&1)
grep -q "variant baseline FAILED: the suite was interrupted" <<< "$out" && ! grep -q '^+ env .*gmapbench-baseline' <<< "$out" &&
	grep -q "^+ env .*gmapbench-pgt-prefill" <<< "$out" &&
	ok "resume in phase suite: the interrupted suite is a failure, not rerun; the night goes on" ||
	{ not_ok "resume in suite"; diag "$out"; }
printf 'date=2026-01-02\nvariants=baseline pgt-prefill\nindex=1\nphase=measure\nrelease=6.1.192-gmapbench-pgt-prefill\nfailed=\n' > "$tmp/state/state"
out=$("$bin" --dry-run --config "$tmp/kexec.conf" nightly --resume 2>&1)
[ $? -ne 0 ] && grep -q "no default_release" <<< "$out" && ! grep -q '^+ ' <<< "$out" &&
	ok "a state file without default_release: refused before any command" || { not_ok "no default_release"; diag "$out"; }
printf 'date=2026-01-02\nvariants=baseline\nindex=1\nphase=finished\nrelease=\nfailed=\n' > "$tmp/state/state"
out=$("$bin" --config "$tmp/kexec.conf" nightly --resume 2>&1)
[ $? -eq 0 ] && grep -q "finished; nothing to do" <<< "$out" && ! grep -q '^+ ' <<< "$out" &&
	ok "resume after the last variant: nothing to do (runs nothing)" || { not_ok "finished resume"; diag "$out"; }
printf 'date=x\nbogus=1\n' > "$tmp/state/state"
out=$("$bin" --dry-run --config "$tmp/kexec.conf" nightly --resume 2>&1)
[ $? -ne 0 ] && grep -qF "$tmp/state/state:2: unknown key 'bogus'" <<< "$out" &&
	ok "a corrupt state file: file:line error" || { not_ok "corrupt state"; diag "$out"; }

out=$("$bin" --dry-run --config "$tmp/kexec.conf" install-resume 2>&1)
if grep -qxF "ExecStart=$top/$bin --config $top/$tmp/kexec.conf nightly --resume" <<< "$out" &&
	grep -qxF "WorkingDirectory=$top" <<< "$out" &&
	grep -qxF "+ systemctl enable gmapbench-kvm-resume.service gmapbench-kvm-on-panic.service" <<< "$out" &&
	grep -qxF "ExecStart=/bin/sh -c 'echo reipl > /sys/firmware/shutdown_actions/on_panic'" <<< "$out"; then
	ok "install-resume: the unit with absolute paths, and the on_panic=reipl unit, enabled"
else
	not_ok "install-resume"; diag "$out"
fi

# one run: pinned QEMU with KVM, QMP, the L1 and its arguments; perf plan
out=$("$bin" --dry-run --config "$tmp/kexec.conf" run pte_churn interval=64 pages=8 2>&1)
rc=$?
if [ $rc -eq 0 ] && grep -qE "^\+ hwloc-bind core:1 -- qemu-system-s390x -machine s390-ccw-virtio,accel=kvm -cpu host -m 256 -smp 1 -nographic -no-reboot -no-shutdown -qmp unix:build/host-kvm/run/qmp-[0-9]+-0.sock,server=on,wait=off -S -kernel build/guests/l1.elf -append 'pte_churn interval=64 pages=8'$" <<< "$out"; then
	ok "run: hwloc-bind + qemu-system-s390x with KVM, -cpu host, QMP, -kernel l1.elf -append"
else
	not_ok "run command line (rc $rc)"; diag "$out"
fi
grep -q "^# perf: cpum_cf:DTLB2_WRITES" <<< "$out" && grep -q "^# perf: tp:kvm-s390:kvm_s390_gmap_notifier" <<< "$out" &&
	ok "run: the perf events resolved and accounted for" || { not_ok "run: perf events"; diag "$out"; }
# the dry run goes through the real run's steps (l1_boot_test.sh compares
# the two): their order is the real run's
order() {
	sed -n 's/^+ hwloc-bind .*/qemu/p; s/^# \(qmp: connect\|stats: try\|sie:\|perf:\|qmp: cont\|stats and perf: read again\|qmp: quit\|console:\).*/\1/p' <<< "$1" |
		uniq | tr '\n' ,
}
want="qemu,qmp: connect,stats: try,sie:,perf:,qmp: cont,stats and perf: read again,qmp: quit,console:,"
[ "$(order "$out")" = "$want" ] &&
	ok "run: QEMU stopped, stats and the CPU model read and perf opened before cont, read again before quit" ||
	{ not_ok "run: step order"; diag "got:  $(order "$out")" "want: $want"; }
tcg=$("$bin" --dry-run --config "$tmp/kexec.conf" --set accel=tcg --set cpu=z14 run pte_churn 2>&1)
kvm=$("$bin" --dry-run --config "$tmp/kexec.conf" --set cpu=z14 run pte_churn 2>&1)
grep -q '^# sie: query-cpu-model-expansion z14 .*the run fails if the L1 says "sie":"unavailable"' <<< "$kvm" &&
	! grep -q '^# sie:' <<< "$tcg" &&
	ok "run: SIE required and the configured CPU model asked for its facilities with accel=kvm only" ||
	{ not_ok "run: sie step"; diag "$kvm" "$tcg"; }
out=$("$bin" --dry-run --config "$tmp/kexec.conf" run 'bad name' 2>&1)
[ $? -ne 0 ] && grep -q "bad scenario name" <<< "$out" && ok "run: a bad scenario name is refused" ||
	{ not_ok "bad scenario"; diag "$out"; }
out=$("$bin" --config "$tmp/kexec.conf" frobnicate 2>&1)
[ $? -eq 2 ] && grep -q "unknown command frobnicate" <<< "$out" && ok "unknown command: usage, status 2" ||
	not_ok "unknown command"
done_testing
