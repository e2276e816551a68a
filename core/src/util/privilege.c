// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stddef.h>
#include <sys/auxv.h>
#include <sys/capability.h>

#include <vsmon/privilege.h>
#include "util/privilege-internal.h"

/* -1: not known yet; 0: no permitted capability is missing from the effective set
 * (root, or none at all), so raising is a no-op that costs no system call in the
 * sweep; 1: some are, raise them around the reads. vs_privilege_lower resets it. */
static int priv_state = -1;

bool vs_privilege_secure(void)
{
	return getauxval(AT_SECURE) != 0;
}

int vs_privilege_lower(void)
{
	cap_t c = cap_get_proc();
	int r = 0;

	if (!c)
		return -errno;
	if (cap_clear_flag(c, CAP_EFFECTIVE) < 0 || cap_set_proc(c) < 0)
		r = -errno;
	priv_state = -1;
	cap_free(c);
	return r;
}

int vs_priv_raise(const cap_value_t *caps, int n, struct vs_priv_saved *saved)
{
	cap_t cur, want;
	cap_value_t add[8];
	int nadd = 0, r = 0;

	saved->caps = NULL;
	if (priv_state == 0)
		return 0;
	cur = cap_get_proc();
	if (!cur)
		return -errno;
	if (priv_state < 0) {
		/* Any capability at all permitted but not effective? */
		priv_state = 0;
		for (cap_value_t v = 0; v <= CAP_LAST_CAP; v++) {
			cap_flag_value_t perm = CAP_CLEAR, eff = CAP_CLEAR;
			cap_get_flag(cur, v, CAP_PERMITTED, &perm);
			cap_get_flag(cur, v, CAP_EFFECTIVE, &eff);
			if (perm == CAP_SET && eff == CAP_CLEAR)
				priv_state = 1;
		}
	}
	for (int i = 0; i < n && nadd < 8; i++) {
		cap_flag_value_t perm = CAP_CLEAR, eff = CAP_CLEAR;
		cap_get_flag(cur, caps[i], CAP_PERMITTED, &perm);
		cap_get_flag(cur, caps[i], CAP_EFFECTIVE, &eff);
		if (perm == CAP_SET && eff == CAP_CLEAR)
			add[nadd++] = caps[i];
	}
	if (nadd == 0) {
		cap_free(cur);
		return 0;
	}
	want = cap_dup(cur);
	if (!want || cap_set_flag(want, CAP_EFFECTIVE, nadd, add, CAP_SET) < 0 ||
	    cap_set_proc(want) < 0) {
		r = -errno;
		cap_free(cur);
	} else {
		saved->caps = cur;
	}
	if (want)
		cap_free(want);
	return r;
}

void vs_priv_restore(struct vs_priv_saved *saved)
{
	if (!saved->caps)
		return;
	cap_set_proc((cap_t)saved->caps);
	cap_free(saved->caps);
	saved->caps = NULL;
}
