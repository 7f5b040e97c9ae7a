#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make help names every target a user can call: each .PHONY target that has
# a rule of its own (a phony without one, like libcbench-force, only forces
# a rebuild), as make itself sees them (make -p): names that a macro makes,
# such as <harness>-fuzz and check-base-<base>, count too.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh

help=$(make -s --no-print-directory help 2>&1) || {
	not_ok "make help failed"
	diag "$help"
	done_testing
	exit 0
}
# the phony targets with a recipe, from make's database of its files
mapfile -t phony < <(make -pnq help 2> /dev/null | awk '
	/^# Files/ { files = 1; next }
	/^# (Finished|VPATH)/ { files = 0 }
	!files { next }
	/^\.PHONY: / { for (i = 2; i <= NF; i++) phony[$i] = 1; next }
	/^[^#\t ][^=]*:([^=]|$)/ && !/^[^:]*:=/ { t = $0; sub(/:.*/, "", t); next }
	/^\t/ && t != "" { rule[t] = 1 }
	/^$/ { t = "" }
	END { for (p in phony) if (rule[p]) print p }' | sort)
[ ${#phony[@]} -ge 10 ] && ok "${#phony[@]} phony targets with a recipe, as make sees them" ||
	not_ok "only ${#phony[@]} phony targets with a recipe found"
missing=()
for t in "${phony[@]}"; do
	grep -Eq "(^|[ (,])$t([ ),]|$)" <<< "$help" || missing+=("$t")
done
if [ ${#missing[@]} -eq 0 ]; then
	ok "make help names every target with a rule"
else
	not_ok "make help does not name: ${missing[*]}"
fi
done_testing
