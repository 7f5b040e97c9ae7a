# SPDX-License-Identifier: GPL-2.0
# Tests of the tree as a whole.
TESTS += tests/style.sh
TESTS += tests/shellcheck.sh
TESTS += tests/make-help.sh
