// SPDX-License-Identifier: GPL-2.0-or-later
/* Turning cgroup v1 blkio accounting on (platform.md, Disk accounting): on this
 * kernel the throttle files count nothing for a disk until a throttle rule has been
 * written once for it. Writing a huge limit and then 0 (no limit) leaves accounting
 * on until reboot and no limit in place. A write path: guest control calls it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vsmon/cgroup.h>
#include "util/fileio.h"
#include "util/log-internal.h"
#include "util/parse.h"

struct blkio_disk {
	unsigned maj, min;
};

/* Whole physical disks: /sys/block/X with a "device" link (loop, ram, dm have none). */
static int blkio_list_disks(const char *sys_root, struct blkio_disk *out, size_t max, size_t *n)
{
	char *dir = vs_path_join(sys_root, "block");
	DIR *d;
	struct dirent *e;
	size_t k = 0;

	if (!dir)
		return -ENOMEM;
	d = opendir(dir);
	if (!d) {
		int r = -errno;
		free(dir);
		return r;
	}
	while ((e = readdir(d)) && k < max) {
		char *dev, *devlink, *text = NULL;
		unsigned maj, min;
		if (e->d_name[0] == '.')
			continue;
		devlink = vs_asprintf("%s/%s/device", dir, e->d_name);
		dev = vs_asprintf("%s/%s/dev", dir, e->d_name);
		if (devlink && dev && access(devlink, F_OK) == 0 &&
		    vs_read_file(AT_FDCWD, dev, 64, &text, NULL) == 0 &&
		    sscanf(text, "%u:%u", &maj, &min) == 2) {
			out[k].maj = maj;
			out[k].min = min;
			k++;
		}
		free(text);
		free(devlink);
		free(dev);
	}
	closedir(d);
	free(dir);
	*n = k;
	return 0;
}

static int blkio_read_root(const char *cgroup_root, char **text)
{
	char *path = vs_path_join(cgroup_root, "blkio/blkio.throttle.io_serviced");
	int r;
	if (!path)
		return -ENOMEM;
	r = vs_read_file(AT_FDCWD, path, 1 << 20, text, NULL);
	free(path);
	return r;
}

/* Is there a line for maj:min in the root's throttle file? */
static int blkio_disk_on(const char *text, const struct blkio_disk *d)
{
	char prefix[32];
	int n = snprintf(prefix, sizeof(prefix), "%u:%u ", d->maj, d->min);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, prefix, (size_t)n) == 0)
			return 1;
	return 0;
}

int vs_blkio_accounting_status(const char *sys_root, const char *cgroup_root)
{
	struct blkio_disk disks[64];
	size_t n = 0;
	char *text = NULL;
	enum vs_cgroup_mode mode;
	int r;

	r = vs_cgroup_detect_mode(cgroup_root, &mode);
	if (r < 0)
		return r;
	if (mode == VS_CG_V2)
		return 1;
	r = blkio_list_disks(sys_root, disks, 64, &n);
	if (r < 0)
		return r;
	r = blkio_read_root(cgroup_root, &text);
	if (r < 0)
		return r;
	r = 1;
	for (size_t i = 0; i < n; i++)
		if (!blkio_disk_on(text, &disks[i]))
			r = 0;
	free(text);
	return r;
}

int vs_blkio_accounting_enable(const char *sys_root, const char *cgroup_root)
{
	struct blkio_disk disks[64];
	size_t n = 0;
	char *text = NULL, *path = NULL;
	enum vs_cgroup_mode mode;
	int r;

	r = vs_cgroup_detect_mode(cgroup_root, &mode);
	if (r < 0 || mode == VS_CG_V2)
		return r < 0 ? r : 0;
	r = blkio_list_disks(sys_root, disks, 64, &n);
	if (r < 0)
		return r;
	r = blkio_read_root(cgroup_root, &text);
	if (r < 0)
		return r;
	path = vs_path_join(cgroup_root, "blkio/blkio.throttle.write_bps_device");
	if (!path) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char rule[64];
		if (blkio_disk_on(text, &disks[i]))
			continue;
		/* A limit nobody reaches, then 0 which removes the rule again. */
		snprintf(rule, sizeof(rule), "%u:%u %llu", disks[i].maj, disks[i].min,
			 (unsigned long long)1 << 50);
		r = vs_write_string(path, rule);
		if (r == 0) {
			snprintf(rule, sizeof(rule), "%u:%u 0", disks[i].maj, disks[i].min);
			r = vs_write_string(path, rule);
		}
		if (r < 0) {
			vs_logf(VS_LOG_WARNING, "%s: cannot turn on blkio accounting for %u:%u: %s",
				path, disks[i].maj, disks[i].min, strerror(-r));
			goto out;
		}
		vs_logf(VS_LOG_INFO, "blkio accounting turned on for disk %u:%u", disks[i].maj,
			disks[i].min);
	}
	r = 0;
out:
	free(path);
	free(text);
	return r;
}
