// SPDX-License-Identifier: GPL-2.0-or-later
/* The capability set a guest keeps, applied with libcap. */
#include <errno.h>
#include <sys/capability.h>
#include <sys/prctl.h>

#include "guest/guest-internal.h"

#define CAPBIT(c) (UINT64_C(1) << (c))

/* What container runtimes keep (Docker's default set): enough to run services as
 * root in their own tree; nothing that changes the host (mounts, modules, raw I/O,
 * clock, reboot, network set-up, tracing other processes). */
uint64_t vs_guest_default_caps(void)
{
	return CAPBIT(CAP_CHOWN) | CAPBIT(CAP_DAC_OVERRIDE) | CAPBIT(CAP_FSETID) |
	       CAPBIT(CAP_FOWNER) | CAPBIT(CAP_MKNOD) | CAPBIT(CAP_NET_RAW) | CAPBIT(CAP_SETGID) |
	       CAPBIT(CAP_SETUID) | CAPBIT(CAP_SETFCAP) | CAPBIT(CAP_SETPCAP) |
	       CAPBIT(CAP_NET_BIND_SERVICE) | CAPBIT(CAP_SYS_CHROOT) | CAPBIT(CAP_KILL) |
	       CAPBIT(CAP_AUDIT_WRITE);
}

uint64_t vs_guest_caps(const struct vs_guest_conf *gc)
{
	return (vs_guest_default_caps() | gc->caps_keep) & ~gc->caps_drop;
}

int vs_guest_caps_apply(uint64_t mask)
{
	cap_value_t last = (cap_value_t)cap_max_bits();
	cap_t caps = NULL;
	int r = 0;

	/* The bounding set first: dropping from it needs CAP_SETPCAP still in effect. */
	for (cap_value_t c = 0; c < last && c < 64; c++)
		if (!(mask & CAPBIT(c)) && cap_drop_bound(c) < 0) {
			r = -errno;
			goto out;
		}
	caps = cap_get_proc();
	if (!caps) {
		r = -errno;
		goto out;
	}
	cap_clear_flag(caps, CAP_INHERITABLE);
	for (cap_value_t c = 0; c < last && c < 64; c++) {
		if (mask & CAPBIT(c))
			continue;
		if (cap_set_flag(caps, CAP_PERMITTED, 1, &c, CAP_CLEAR) < 0 ||
		    cap_set_flag(caps, CAP_EFFECTIVE, 1, &c, CAP_CLEAR) < 0) {
			r = -errno;
			goto out;
		}
	}
	if (cap_set_proc(caps) < 0 || cap_reset_ambient() < 0) {
		r = -errno;
		goto out;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		r = -errno;
out:
	if (caps)
		cap_free(caps);
	return r;
}
