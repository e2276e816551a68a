// SPDX-License-Identifier: GPL-2.0-or-later
/* Guest network counters from the host side of its veth pair. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procfs/netdev.h"
#include "util/parse.h"

static const struct {
	const char *file;	/* host side's counter */
	enum vs_field_id field; /* the guest's field: directions swap */
} netdev_map[] = {
    {"tx_bytes", VS_F_NET_RX_BYTES},	 {"rx_bytes", VS_F_NET_TX_BYTES},
    {"tx_packets", VS_F_NET_RX_PACKETS}, {"rx_packets", VS_F_NET_TX_PACKETS},
    {"tx_dropped", VS_F_NET_RX_DROPPED}, {"rx_dropped", VS_F_NET_TX_DROPPED},
};
#define NETDEV_N (sizeof(netdev_map) / sizeof(netdev_map[0]))

int vs_netdev_read(const char *sys_root, const char *veth, struct vs_metrics *m)
{
	uint64_t v[NETDEV_N];
	char path[512], buf[64];

	if (!veth[0] || strchr(veth, '/') || !strcmp(veth, ".") || !strcmp(veth, ".."))
		return -EINVAL;
	for (size_t i = 0; i < NETDEV_N; i++) {
		snprintf(path, sizeof(path), "%s/class/net/%s/statistics/%s", sys_root, veth,
			 netdev_map[i].file);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		int e = errno;
		close(fd);
		if (n < 0)
			return -e;
		buf[n] = '\0';
		if (vs_parse_u64(buf, &v[i]) < 0)
			return -EINVAL;
	}
	/* All or nothing: a half-read group would mix two moments. */
	for (size_t i = 0; i < NETDEV_N; i++)
		vs_metrics_set_u64(m, netdev_map[i].field, v[i]);
	return 0;
}
