/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Network counters of a guest with its own veth, read from the host side. */
#ifndef VS_NETDEV_H
#define VS_NETDEV_H

#include <vsmon/metrics.h>

/* Reads <sys_root>/class/net/<veth>/statistics/ and sets the VS_G_NET fields of m
 * from the guest's point of view: what the host side sends, the guest receives.
 * Returns 0, or -errno (the group stays unknown) when the interface is gone. */
int vs_netdev_read(const char *sys_root, const char *veth, struct vs_metrics *m);

#endif
