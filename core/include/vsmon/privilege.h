/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running with file capabilities (setcap) instead of as root: the capabilities stay
 * in the permitted set, lowered, and libvsmon raises only the ones it needs around
 * the reads that need them (vstop(1), CAPABILITIES). */
#ifndef VSMON_PRIVILEGE_H
#define VSMON_PRIVILEGE_H

#include <stdbool.h>

/* Whether the process runs with raised privilege it did not get from its user
 * (AT_SECURE: set-uid or file capabilities): then it must not trust its environment. */
bool vs_privilege_secure(void);

/* Clear the effective capability set, keep the permitted one. From then on libvsmon
 * raises CAP_SYS_PTRACE, CAP_DAC_READ_SEARCH and CAP_SYS_ADMIN only around the opens
 * and reads of other users' /proc files and the kernel's page tables. Returns 0 or
 * -errno. A no-op for a process without capabilities. */
int vs_privilege_lower(void);

#endif
