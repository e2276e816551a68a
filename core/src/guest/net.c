// SPDX-License-Identifier: GPL-2.0-or-later
/* veth networking: the host side (vsh<xid>) joins the bridge, the guest side is
 * eth0 in the guest's network namespace with net.address. Done with ip(8) and
 * nsenter(1) run with argument vectors: netlink by hand would be ten times the code. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "guest/guest-internal.h"
#include "util/fileio.h"

void vs_guest_veth_name(uint32_t xid, char buf[16])
{
	snprintf(buf, 16, "vsh%u", xid);
}

int vs_guest_veth_setup(const struct vs_guest_conf *gc, pid_t pid, char **errmsg)
{
	char host[16], pidbuf[24], nsopt[64], *bridge_path;
	int r;

	vs_guest_veth_name(gc->xid, host);
	snprintf(pidbuf, sizeof(pidbuf), "%ld", (long)pid);
	snprintf(nsopt, sizeof(nsopt), "--net=/proc/%ld/ns/net", (long)pid);
	bridge_path = vs_asprintf("/sys/class/net/%s/bridge", gc->bridge);
	if (!bridge_path)
		return -ENOMEM;
	r = access(bridge_path, F_OK) == 0 ? 0 : -ENOENT;
	free(bridge_path);
	if (r < 0) {
		*errmsg =
		    vs_asprintf("net = veth:%s: there is no bridge %s", gc->bridge, gc->bridge);
		return r;
	}
	char *add[] = {"ip",   "link", "add",  host,	"type", "veth",
		       "peer", "name", "eth0", "netns", pidbuf, NULL};
	char *join[] = {"ip", "link", "set", host, "master", (char *)gc->bridge, "up", NULL};
	char *addr[] = {"nsenter", nsopt,  "ip", "addr", "add", (char *)gc->net_address,
			"dev",	   "eth0", NULL};
	char *up[] = {"nsenter", nsopt, "ip", "link", "set", "eth0", "up", NULL};
	char *const *steps[] = {add, join, addr, up};
	for (size_t i = 0; i < 4; i++) {
		r = vs_guest_run(steps[i], NULL, 0, false);
		if (r != 0) {
			*errmsg = vs_asprintf("setting up %s (%s %s %s ...) failed with status %d",
					      host, steps[i][0], steps[i][1], steps[i][2], r);
			return r < 0 ? r : -EIO;
		}
	}
	return 0;
}

void vs_guest_veth_remove(const char *veth)
{
	char path[64];
	snprintf(path, sizeof(path), "/sys/class/net/%s", veth);
	if (!veth[0] || access(path, F_OK) < 0)
		return;
	char *del[] = {"ip", "link", "del", (char *)veth, NULL};
	vs_guest_run(del, NULL, 0, true);
}
