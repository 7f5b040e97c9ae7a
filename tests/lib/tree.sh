# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# The tree's own files, as git lists them; source it from the top directory.
# The broken variants under tests/variants are patches and are left out.

# tree_files PATHSPEC...: the tracked files matching the pathspecs
tree_files() {
	git ls-files -- "$@" | grep -v '^tests/variants/'
}

# is_shell FILE: a bash or sh script (shebang), or a sourced file that says
# its shell in a '# shellcheck shell=' directive
is_shell() {
	local first
	IFS= read -r first < "$1" || [ -n "$first" ] || return 1
	[[ $first =~ ^#!\ ?(/usr)?/bin/(env\ +)?(ba)?sh([[:space:]]|$) ]] && return 0
	head -n 5 "$1" | grep -qE '^# shellcheck shell=(ba)?sh$'
}

# shell_files: every tracked shell file, one a line
shell_files() {
	local f
	while IFS= read -r f; do
		[ -f "$f" ] && is_shell "$f" && printf '%s\n' "$f"
	done < <(tree_files '*')
}
