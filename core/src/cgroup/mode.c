// SPDX-License-Identifier: GPL-2.0-or-later
/* Which cgroup layout the host has, detected once with statfs(2) as systemd does. */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>

#include <vsmon/cgroup.h>
#include "util/fileio.h"
#include "util/parse.h"

const char *vs_cgroup_mode_name(enum vs_cgroup_mode m)
{
	switch (m) {
	case VS_CG_V1:
		return "v1";
	case VS_CG_HYBRID:
		return "hybrid";
	case VS_CG_V2:
		return "v2";
	default:
		return "none";
	}
}

/* Fixture trees are plain directories: a ".vsmon-mode" file says what they model. */
static int mode_from_marker(const char *root, enum vs_cgroup_mode *out)
{
	char *path = vs_path_join(root, ".vsmon-mode"), *text = NULL;
	int r;

	if (!path)
		return -ENOMEM;
	r = vs_read_file(AT_FDCWD, path, 64, &text, NULL);
	free(path);
	if (r < 0)
		return r;
	if (strncmp(text, "v1", 2) == 0)
		*out = VS_CG_V1;
	else if (strncmp(text, "hybrid", 6) == 0)
		*out = VS_CG_HYBRID;
	else if (strncmp(text, "v2", 2) == 0)
		*out = VS_CG_V2;
	else
		r = -EINVAL;
	free(text);
	return r;
}

int vs_cgroup_detect_mode(const char *root, enum vs_cgroup_mode *out)
{
	struct statfs fs;
	char *unified;
	int r;

	if (statfs(root, &fs) < 0)
		return -errno;
	if (fs.f_type == CGROUP2_SUPER_MAGIC) {
		*out = VS_CG_V2;
		return 0;
	}
	/* The marker first: a fixture tree checked out on a tmpfs (/tmp in CI) must
	 * not be taken for a v1 /sys/fs/cgroup. Real cgroup roots never have one. */
	r = mode_from_marker(root, out);
	if (r != -ENOENT)
		return r;
	if (fs.f_type != TMPFS_MAGIC)
		return -ENOMEDIUM;
	unified = vs_path_join(root, "unified");
	if (!unified)
		return -ENOMEM;
	r = statfs(unified, &fs);
	free(unified);
	*out = (r == 0 && fs.f_type == CGROUP2_SUPER_MAGIC) ? VS_CG_HYBRID : VS_CG_V1;
	return 0;
}

char *vs_cgroup_hier_dir(const char *root, enum vs_cgroup_mode mode, enum vs_hier h)
{
	if (mode == VS_CG_V2)
		return h == VS_H_UNIFIED ? strdup(root) : NULL;
	if (h == VS_H_UNIFIED)
		return mode == VS_CG_HYBRID ? vs_path_join(root, "unified") : NULL;
	if (mode == VS_CG_V1 || mode == VS_CG_HYBRID)
		return vs_path_join(root, vs_hier_name(h));
	return NULL;
}

int vs_cgroup_of_pid(const char *proc_root, int pid, enum vs_cgroup_mode mode, enum vs_hier h,
		     char **out)
{
	char *path, *text = NULL, *res;
	const char *p;
	size_t n;
	int r;

	if (pid > 0)
		path = vs_asprintf("%s/%d/cgroup", proc_root, pid);
	else
		path = vs_asprintf("%s/self/cgroup", proc_root);
	if (!path)
		return -ENOMEM;
	r = vs_read_file(AT_FDCWD, path, 64 * 1024, &text, NULL);
	free(path);
	if (r < 0)
		return r;
	if (mode == VS_CG_V2 || h == VS_H_UNIFIED)
		r = vs_parse_pid_cgroup(text, "", &p, &n);
	else
		r = vs_parse_pid_cgroup(text, vs_hier_name(h), &p, &n);
	if (r < 0)
		goto out;
	res = n ? strndup(p, n) : strdup("/");
	if (!res) {
		r = -ENOMEM;
		goto out;
	}
	*out = res;
out:
	free(text);
	return r;
}
