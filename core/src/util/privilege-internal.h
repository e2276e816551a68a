/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VS_PRIVILEGE_INTERNAL_H
#define VS_PRIVILEGE_INTERNAL_H

#include <sys/capability.h>

struct vs_priv_saved {
	void *caps; /* the set to go back to, or NULL: nothing was raised */
};

/* Raise those of caps that are permitted but not effective (file capabilities, or
 * after vs_privilege_lower); restore lowers them again. Both free of system calls
 * once it is known that nothing can be raised (root, or no capabilities). */
int vs_priv_raise(const cap_value_t *caps, int n, struct vs_priv_saved *saved);
void vs_priv_restore(struct vs_priv_saved *saved);

/* What reading other users' /proc/PID files needs (ptrace access mode READ), and
 * what the deep shared-page scan needs (pagemap frame numbers, /proc/kpage*). */
#define VS_PRIV_PROC_READ ((const cap_value_t[]){CAP_SYS_PTRACE, CAP_DAC_READ_SEARCH}), 2
#define VS_PRIV_PAGE_SCAN                                                                          \
	((const cap_value_t[]){CAP_SYS_ADMIN, CAP_DAC_READ_SEARCH, CAP_SYS_PTRACE}), 3

#endif
