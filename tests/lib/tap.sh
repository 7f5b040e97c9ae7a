# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# TAP output for the shell tests; source it, call ok/not_ok/skip, end with done_testing.
tap_n=0
tap_fail=0
echo "TAP version 13"
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); tap_fail=$((tap_fail + 1)); echo "not ok $tap_n - $*"; }
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $* # SKIP"; }
diag() { printf '# %s\n' "$@"; }
# check "name" command...: ok when the command succeeds, its output as diagnostics otherwise.
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$name"
	else
		not_ok "$name"
		printf '%s\n' "$out" | tail -n 20 | sed 's/^/#   /'
	fi
}
# has FILE REGEX "name": ok when FILE has a line matching the extended REGEX.
has() {
	if grep -Eq -- "$2" "$1"; then
		ok "$3"
	else
		not_ok "$3"
		diag "no /$2/ in $1:"
		head -n 30 "$1" | sed 's/^/#   /'
	fi
}
done_testing() { echo "1..$tap_n"; [ "$tap_fail" -eq 0 ]; }
