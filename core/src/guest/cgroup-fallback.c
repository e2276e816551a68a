// SPDX-License-Identifier: GPL-2.0-or-later
/* TEMPORARY, weak: stand-ins for the cgroup layout calls of <vsmon/cgroup.h> until
 * the engine's own module lands on main. The strong definitions there win at link
 * time; delete this file when merging main. */
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

__attribute__((weak)) int vs_cgroup_detect_mode(const char *root, enum vs_cgroup_mode *out)
{
	struct statfs sf;
	char *u;

	if (statfs(root, &sf) < 0)
		return -errno;
	if (sf.f_type == CGROUP2_SUPER_MAGIC) {
		*out = VS_CG_V2;
		return 0;
	}
	u = vs_path_join(root, "unified");
	if (!u)
		return -ENOMEM;
	*out = statfs(u, &sf) == 0 && sf.f_type == CGROUP2_SUPER_MAGIC ? VS_CG_HYBRID : VS_CG_V1;
	free(u);
	return 0;
}

__attribute__((weak)) char *vs_cgroup_hier_dir(const char *root, enum vs_cgroup_mode mode,
					       enum vs_hier h)
{
	if (mode == VS_CG_V2)
		return h == VS_H_UNIFIED ? strdup(root) : NULL;
	if (h == VS_H_UNIFIED)
		return mode == VS_CG_HYBRID ? vs_path_join(root, "unified") : NULL;
	return vs_path_join(root, vs_hier_name(h));
}

__attribute__((weak)) int vs_cgroup_of_pid(const char *proc_root, int pid, enum vs_cgroup_mode mode,
					   enum vs_hier h, char **out)
{
	char path[128], *text = NULL;
	const char *p;
	size_t n;
	int r;

	snprintf(path, sizeof(path), "%s/%s/cgroup", proc_root ? proc_root : "/proc",
		 pid ? "" : "self");
	if (pid)
		snprintf(path, sizeof(path), "%s/%d/cgroup", proc_root ? proc_root : "/proc", pid);
	r = vs_read_file(AT_FDCWD, path, 64 * 1024, &text, NULL);
	if (r < 0)
		return r;
	r = vs_parse_pid_cgroup(text, h == VS_H_UNIFIED ? "" : vs_hier_name(h), &p, &n);
	if (r == 0) {
		*out = strndup(p, n);
		r = *out ? 0 : -ENOMEM;
	}
	free(text);
	(void)mode;
	return r;
}

__attribute__((weak)) int vs_blkio_accounting_enable(const char *sys_root, const char *cgroup_root)
{
	(void)sys_root;
	(void)cgroup_root;
	return 0;
}
