# SPDX-License-Identifier: GPL-2.0
# Tests of the tree as a whole.
TESTS += tests/style.sh
# kbuild-style rebuilds and the commit stamp, in a scratch clone
TESTS += tests/rebuild.sh
TESTS += tests/shellcheck.sh
TESTS += tests/make-help.sh
