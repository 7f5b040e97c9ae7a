#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make help names every target a user can call: each .PHONY target of the
# Makefile and the *.mk files that has a rule of its own (a phony without
# one, like libcbench-force, only forces a rebuild).
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh
. tests/lib/tree.sh

if ! command -v git > /dev/null || ! git rev-parse --git-dir > /dev/null 2>&1; then
	skip "not a git checkout: no list of the tree's make files"
	done_testing
	exit 0
fi
mapfile -t mk < <(tree_files Makefile '*.mk')
help=$(make -s --no-print-directory help 2>&1) || {
	not_ok "make help failed"
	diag "$help"
	done_testing
	exit 0
}
mapfile -t phony < <(sed -n 's/^\.PHONY: *//p' "${mk[@]}" | tr ' ' '\n' | sed '/^$/d' | sort -u)
[ ${#phony[@]} -ge 10 ] && ok "${#phony[@]} phony targets found in ${#mk[@]} make files" ||
	not_ok "only ${#phony[@]} phony targets found"
missing=()
for t in "${phony[@]}"; do
	grep -q "^$t:" "${mk[@]}" || continue
	grep -Eq "(^|[ (,])$t([ ),]|$)" <<< "$help" || missing+=("$t")
done
if [ ${#missing[@]} -eq 0 ]; then
	ok "make help names every target with a rule"
else
	not_ok "make help does not name: ${missing[*]}"
fi
done_testing
