# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared by the bare-metal tests: boot an ELF under qemu-system-s390x (TCG)
# and pick fields out of its one-line JSON (flat by design: docs/baremetal.md).
# shellcheck disable=SC2034 # top, BM_RC: for the scripts that source this
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BM_TIMEOUT=${BM_TIMEOUT:-20}
BM_MEM=${BM_MEM:-64}

# bm_boot ELF "cmdline": console output on stdout; BM_RC holds QEMU's status
bm_boot() {
	local elf=$1 append=$2
	BM_OUT=$(timeout -k 5 "$BM_TIMEOUT" qemu-system-s390x -nographic \
		-machine s390-ccw-virtio -m "$BM_MEM" -no-reboot \
		-kernel "$elf" -append "$append" </dev/null 2>&1)
	# shellcheck disable=SC2034
	BM_RC=$?
	BM_JSON=$(printf '%s\n' "$BM_OUT" | tr -d '\r' | grep '^{' | tail -n 1)
}

# json_str KEY / json_num KEY: the first top-level-looking "KEY":value
json_str() { printf '%s\n' "$BM_JSON" | grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | sed 's/.*:"\(.*\)"/\1/'; }
json_raw() { printf '%s\n' "$BM_JSON" | grep -o "\"$1\":[^,}]*" | head -n 1 | sed 's/^[^:]*://'; }
# translation N (0-based) as one {"l2":...} object
json_tr() { printf '%s\n' "$BM_JSON" | grep -o '{"l2":[^}]*}' | sed -n "$(($1 + 1))p"; }
tr_field() { printf '%s\n' "$1" | grep -o "\"$2\":[^,}]*" | sed 's/^[^:]*://; s/"//g'; }
hex() { printf '0x%x' "$1"; }
