/* SPDX-License-Identifier: GPL-2.0 */
/* host/sim 6.12 shim: union ctlreg0 is extracted (gen-ENDIAN/ctlreg0.h) */
