#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A variant's build survives a SIGKILL at each of its steps (docs/nightly.md,
# "Resuming"): the tree copy, the patch, a compile, the link; each run
# resumes the one killed before it, and the last builds a binary that
# runs. Then the nightly retries a failed build on resume: a variant whose
# patch does not apply fails, is fixed, and the next run of the same night
# says "retrying the build of <variant>" and times it. kernel-tree rebuilds
# a tree whose patch changed even when its time did not.
#
# The kills come from wrappers of cp, patch and gcc first in PATH: at the
# step named by KILL_AT each does part of its work, then SIGKILLs the
# build's process group (make runs under setsid).
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
# a variant of its own under tests/variants, for make's rules
v="tmp-rebuild-test"
vd=tests/variants/$v
cleanup() {
	rm -rf "$tmp" "$vd" "build/$v" "build/bin/gmapbench-$v" "build/bin/gmapbench-$v".tmp \
		"build/bin/gmapbench-$v-cost" "build/bench/$v" build/.cmd/build+"$v"+* \
		build/.cmd/build+bin+gmapbench-"$v"* build/.cmd/build+bench+"$v"+*
}
trap cleanup EXIT
cleanup
mkdir -p "$tmp"
pristine=build/kernel/pristine/linux-source-6.1
[ -f "$pristine/arch/s390/mm/gmap.c" ] || { echo "Bail out! $pristine: not unpacked (make build/bin/gmapbench-baseline)"; exit 1; }

# the variant: one comment appended to gmap.c
mkpatch() { # text: the patch that appends it
	mkdir -p "$tmp/a/arch/s390/mm" "$tmp/b/arch/s390/mm"
	cp "$pristine/arch/s390/mm/gmap.c" "$tmp/a/arch/s390/mm/gmap.c"
	{ cat "$pristine/arch/s390/mm/gmap.c"; echo "/* $1 */"; } > "$tmp/b/arch/s390/mm/gmap.c"
	(cd "$tmp" && diff -u a/arch/s390/mm/gmap.c b/arch/s390/mm/gmap.c)
}
mkdir -p "$vd"
mkpatch "rebuild test" > "$vd/comment.patch"
echo comment.patch > "$vd/series"
good=$tmp/good.patch
cp "$vd/comment.patch" "$good"

# ---- the wrappers ----
mkdir -p "$tmp/bin"
real_path=$PATH
export REAL_PATH=$real_path KILLED=$tmp/killed V=$v
cat > "$tmp/bin/cp" << 'EOF'
#!/bin/bash
# the tree copy: half of it, then the kill
if [ "${KILL_AT:-}" = copy ] && [ "$1" = -al ] && [[ $3 == */$V/linux.tmp ]]; then
	mkdir -p "$3" && PATH=$REAL_PATH cp -al "$2/arch" "$3/"
	echo copy > "$KILLED"
	kill -KILL 0
fi
PATH=$REAL_PATH exec cp "$@"
EOF
cat > "$tmp/bin/patch" << 'EOF'
#!/bin/bash
# the patch applied, the kill before kernel-tree sees it succeed
if [ "${KILL_AT:-}" = patch ] && [[ $2 == */$V/linux.tmp ]]; then
	PATH=$REAL_PATH patch "$@" > /dev/null
	echo patch > "$KILLED"
	kill -KILL 0
fi
PATH=$REAL_PATH exec patch "$@"
EOF
cat > "$tmp/bin/gcc" << 'EOF'
#!/bin/bash
# as killed while it writes gmap.o, ld while it writes the binary: an
# empty output file, then the kill
out= prev=
for a in "$@"; do
	[ "$prev" = -o ] && out=$a
	prev=$a
done
case ${KILL_AT:-}:$out in
compile:*/$V/sim-rel/gmap.o | compile:*/$V/sim-rel/gmap.o.tmp | \
link:*/bin/gmapbench-$V | link:*/bin/gmapbench-$V.tmp)
	: > "$out"
	echo "$KILL_AT" > "$KILLED"
	kill -KILL 0
	;;
esac
PATH=$REAL_PATH exec gcc "$@"
EOF
chmod +x "$tmp/bin/cp" "$tmp/bin/patch" "$tmp/bin/gcc"

# build STEP: make the variant's binary, killed at STEP (or not: none)
build() {
	rm -f "$KILLED"
	# (in a subshell: the shell's "Killed" notice goes with its stderr)
	(KILL_AT=$1 PATH=$tmp/bin:$real_path setsid make --no-print-directory -j2 \
		"build/bin/gmapbench-$v" > "$tmp/build.$1.log" 2>&1 &
		wait $!) 2> /dev/null
}

# ---- a kill at each step, each run resuming the last ----
for step in copy patch compile link; do
	build $step
	rc=$?
	if [ "$(cat "$KILLED" 2> /dev/null)" = $step ] && [ $rc -ne 0 ]; then
		ok "killed at the $step step (exit $rc), after resuming the run killed before"
	else
		not_ok "killed at the $step step (exit $rc, killed at '$(cat "$KILLED" 2> /dev/null)')"
		tail -n 15 "$tmp/build.$step.log" | sed 's/^/#   /'
	fi
done
build none
rc=$?
[ $rc -eq 0 ] && [ ! -e "$KILLED" ] && ok "the last run builds the variant" ||
	{ not_ok "the last run builds the variant (exit $rc)"; tail -n 15 "$tmp/build.none.log" | sed 's/^/#   /'; }
[ ! -e "build/$v/linux.tmp" ] && [ "$(tail -n 1 "build/$v/linux/arch/s390/mm/gmap.c")" = "/* rebuild test */" ] &&
	cmp -s <(head -n -1 "build/$v/linux/arch/s390/mm/gmap.c") "$pristine/arch/s390/mm/gmap.c" &&
	ok "its tree: gmap.c patched once, no linux.tmp left" || not_ok "its tree after the kills"
[ -z "$(find "build/$v" -name '*.o' -size 0)" ] && ok "no empty object left" ||
	not_ok "empty objects: $(find "build/$v" -name '*.o' -size 0)"
"build/bin/gmapbench-$v" --gmap_check --benchmark_filter='^l2_reboot/' --benchmark_min_time=0 \
	> "$tmp/run.out" 2>&1 && grep -q '^l2_reboot/.*oracle_mismatches=0 ' "$tmp/run.out" &&
	ok "the variant runs, --gmap_check clean" ||
	{ not_ok "the variant runs"; tail -n 5 "$tmp/run.out" | sed 's/^/#   /'; }
! grep -q 'rebuild test' "$pristine/arch/s390/mm/gmap.c" &&
	ok "the pristine tree stays pristine" || not_ok "the pristine gmap.c was patched"

# ---- a patch changed, its time not: the tree follows the content ----
stamp_time=$(stat -c %Y "build/$v/.applied")
mkpatch "rebuild test, second text" > "$vd/comment.patch"
touch -d "@$((stamp_time - 3600))" "$vd/comment.patch" "$vd/series" "$vd"
tree=$(scripts/kernel-tree "$vd" "build/$v" 2> "$tmp/kt.err")
[ "$(tail -n 1 "$tree/arch/s390/mm/gmap.c" 2> /dev/null)" = "/* rebuild test, second text */" ] &&
	ok "kernel-tree: a patch changed with an older time rebuilds the tree" ||
	{ not_ok "kernel-tree after a changed patch"; sed 's/^/#   /' "$tmp/kt.err"; }

# ---- the nightly: a build that fails, is fixed, and retried on resume ----
n() {
	scripts/nightly --results="$tmp/r" --host=testhost --date=2026-03-01 --variants="$v" \
		--suites=l2_reboot --repetitions=1 --min-time=0 --no-cost --no-report --pin=none
}
night=$tmp/r/2026-03-01/testhost
sed -i 's/^ \(.*\)$/ \1 not in gmap.c/' "$vd/comment.patch" # no context matches
n > "$tmp/n1.out" 2> "$tmp/n1.err"
rc=$?
[ $rc -eq 1 ] && [ -f "$night/state/$v.build.failed" ] && [ -f "$night/state/$v.l2_reboot-r1.failed" ] &&
	grep -q "does not apply" "$night/state/$v.build.failed" &&
	ok "a patch that does not apply: the build failed, exit 1, the state says why" ||
	{ not_ok "the broken patch (exit $rc)"; tail -n 8 "$tmp/n1.err" | sed 's/^/#   /'; ls "$night/state" | sed 's/^/#   /'; }
cp "$good" "$vd/comment.patch"
n > "$tmp/n2.out" 2> "$tmp/n2.err"
rc=$?
grep -q "^nightly: retrying the build of $v " "$tmp/n2.err" &&
	ok "the resumed night says 'retrying the build of $v'" ||
	{ not_ok "no 'retrying the build of $v'"; tail -n 8 "$tmp/n2.err" | sed 's/^/#   /'; }
[ $rc -eq 0 ] && [ ! -e "$night/state/$v.build.failed" ] && [ -f "$night/state/$v.l2_reboot-r1.done" ] &&
	[ ! -e "$night/state/$v.l2_reboot-r1.failed" ] && [ -s "$night/parts/$v/l2_reboot.r1.json" ] &&
	ok "the fixed patch: built, its round done, no failed state left, exit 0" ||
	{ not_ok "after the fix (exit $rc)"; tail -n 8 "$tmp/n2.err" | sed 's/^/#   /'; ls "$night/state" | sed 's/^/#   /'; tail -n 15 "$night/state/$v.build.failed" 2>/dev/null | sed 's/^/#   /'; }
[ "$(tail -n 1 "build/$v/linux/arch/s390/mm/gmap.c")" = "/* rebuild test */" ] &&
	ok "... with the fixed patch's tree" || not_ok "the tree is not the fixed patch's"
done_testing
