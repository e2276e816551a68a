// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vsmon/snapshot.h>
#include "procfs/host.h"
#include "util/fileio.h"
#include "util/parse.h"

enum host_file {
	HF_STAT,
	HF_MEMINFO,
	HF_DISKSTATS,
	HF_LOADAVG,
	HF_UPTIME,
	HF_PSI_CPU, /* 4.20 */
	HF_PSI_MEM,
	HF_PSI_IO,
	HF_ROOT_MEMSTAT,
	HF__COUNT
};

struct vs_host_reader {
	int fd[HF__COUNT];
	int proc_dirfd;
	enum vs_cgroup_mode mode;
	long ticks_per_sec;
	char *sys_block;
	/* whole physical disks, refreshed when /sys/block changes */
	char **disks;
	size_t ndisks;
};

static void host_load_disks(struct vs_host_reader *h)
{
	DIR *d = opendir(h->sys_block);
	struct dirent *e;

	for (size_t i = 0; i < h->ndisks; i++)
		free(h->disks[i]);
	free(h->disks);
	h->disks = NULL;
	h->ndisks = 0;
	if (!d)
		return;
	while ((e = readdir(d))) {
		char *link;
		if (e->d_name[0] == '.')
			continue;
		/* Physical disks have a device link; loop, ram, dm and md do not, and
		 * counting dm too would count its I/O twice. */
		link = vs_asprintf("%s/%s/device", h->sys_block, e->d_name);
		if (link && access(link, F_OK) == 0) {
			char **nd = realloc(h->disks, (h->ndisks + 1) * sizeof(char *));
			if (nd) {
				h->disks = nd;
				h->disks[h->ndisks] = strdup(e->d_name);
				if (h->disks[h->ndisks])
					h->ndisks++;
			}
		}
		free(link);
	}
	closedir(d);
}

int vs_host_reader_new(const char *proc_root, const char *sys_root, const char *cgroup_root,
		       enum vs_cgroup_mode mode, struct vs_host_reader **out)
{
	static const char *const names[HF__COUNT] = {
	    [HF_STAT] = "stat",
	    [HF_MEMINFO] = "meminfo",
	    [HF_DISKSTATS] = "diskstats",
	    [HF_LOADAVG] = "loadavg",
	    [HF_UPTIME] = "uptime",
	    [HF_PSI_CPU] = "pressure/cpu",
	    [HF_PSI_MEM] = "pressure/memory",
	    [HF_PSI_IO] = "pressure/io",
	};
	struct vs_host_reader *h = calloc(1, sizeof(*h));
	char *memstat = NULL;
	int r = 0;

	if (!h)
		return -ENOMEM;
	for (int i = 0; i < HF__COUNT; i++)
		h->fd[i] = -1;
	h->mode = mode;
	h->ticks_per_sec = sysconf(_SC_CLK_TCK);
	if (h->ticks_per_sec <= 0)
		h->ticks_per_sec = 100;
	h->proc_dirfd = open(proc_root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (h->proc_dirfd < 0) {
		r = -errno;
		goto out;
	}
	for (int i = 0; i < HF_ROOT_MEMSTAT; i++)
		h->fd[i] = openat(h->proc_dirfd, names[i], O_RDONLY | O_CLOEXEC);
	if (h->fd[HF_STAT] < 0 || h->fd[HF_MEMINFO] < 0) {
		r = -errno;
		goto out;
	}
	if (mode == VS_CG_V2)
		memstat = vs_path_join(cgroup_root, "memory.stat");
	else if (mode != VS_CG_NONE)
		memstat = vs_path_join(cgroup_root, "memory/memory.stat");
	if (memstat)
		h->fd[HF_ROOT_MEMSTAT] = open(memstat, O_RDONLY | O_CLOEXEC);
	h->sys_block = vs_path_join(sys_root, "block");
	if (!h->sys_block) {
		r = -ENOMEM;
		goto out;
	}
	host_load_disks(h);
	*out = h;
	h = NULL;
out:
	free(memstat);
	vs_host_reader_free(h);
	return r;
}

void vs_host_reader_free(struct vs_host_reader *h)
{
	if (!h)
		return;
	for (int i = 0; i < HF__COUNT; i++)
		if (h->fd[i] >= 0)
			close(h->fd[i]);
	if (h->proc_dirfd >= 0)
		close(h->proc_dirfd);
	for (size_t i = 0; i < h->ndisks; i++)
		free(h->disks[i]);
	free(h->disks);
	free(h->sys_block);
	free(h);
}

static bool host_want_disk(const char *name, void *data)
{
	const struct vs_host_reader *h = data;
	for (size_t i = 0; i < h->ndisks; i++)
		if (strcmp(h->disks[i], name) == 0)
			return true;
	return false;
}

static int host_read_stat(struct vs_host_reader *h, const char *text, struct vs_metrics *m)
{
	struct vs_proc_stat st;
	uint64_t per = (uint64_t)(1000000 / h->ticks_per_sec);
	if (vs_parse_proc_stat(text, &st) < 0)
		return -EINVAL;
	/* guest time is already inside user; iowait and idle are not busy. */
	vs_metrics_set_u64(m, VS_F_CPU_USER_USEC, (st.user + st.nice) * per);
	vs_metrics_set_u64(m, VS_F_CPU_SYSTEM_USEC, (st.system + st.irq + st.softirq) * per);
	vs_metrics_set_u64(m, VS_F_CPU_USAGE_USEC,
			   (st.user + st.nice + st.system + st.irq + st.softirq + st.steal) * per);
	vs_metrics_set_u64(m, VS_F_NCPU, st.ncpu);
	return 0;
}

static int host_read_meminfo(const char *text, struct vs_metrics *m)
{
	static const char *const keys[] = {
	    "MemTotal", "MemFree",   "MemAvailable", "Buffers", "Cached", "SwapTotal",
	    "SwapFree", "AnonPages", "Shmem",	     "Mapped",	NULL};
	enum { TOT, FREE, AVAIL, BUF, CACHED, SWT, SWF, ANON, SHM, MAP };
	uint64_t v[10], found;
	if (vs_parse_keyed(text, keys, v, &found) < 0 || (found & 0x3ff) != 0x3ff)
		return -EINVAL;
	vs_metrics_set_u64(m, VS_F_MEM_TOTAL_BYTES, v[TOT]);
	/* Everything in use, cache included, so that it bounds the sum of the contexts'
	 * charges (which include their page cache). */
	vs_metrics_set_u64(m, VS_F_MEM_CURRENT_BYTES, v[TOT] - v[FREE]);
	vs_metrics_set_u64(m, VS_F_MEM_USED_BYTES, v[TOT] > v[AVAIL] ? v[TOT] - v[AVAIL] : 0);
	vs_metrics_set_u64(m, VS_F_MEM_AVAILABLE_BYTES, v[AVAIL]);
	vs_metrics_set_u64(m, VS_F_SWAP_TOTAL_BYTES, v[SWT]);
	vs_metrics_set_u64(m, VS_F_MEM_SWAP_BYTES, v[SWT] > v[SWF] ? v[SWT] - v[SWF] : 0);
	vs_metrics_set_u64(m, VS_F_MEM_ANON_BYTES, v[ANON]);
	vs_metrics_set_u64(m, VS_F_MEM_FILE_BYTES, v[CACHED] + v[BUF]);
	vs_metrics_set_u64(m, VS_F_MEM_SHMEM_BYTES, v[SHM]);
	vs_metrics_set_u64(m, VS_F_MEM_MAPPED_FILE_BYTES, v[MAP]);
	return 0;
}

/* The root memory cgroup's statistics, where it has them, replace meminfo's anon,
 * file, shmem and mapped: the contexts' figures come from the same accounting. */
static void host_read_root_memstat(struct vs_host_reader *h, const char *text, struct vs_metrics *m)
{
	static const char *const v1keys[] = {"total_rss", "total_cache", "total_shmem",
					     "total_mapped_file", NULL};
	static const char *const v2keys[] = {"anon", "file", "shmem", "file_mapped", NULL};
	static const enum vs_field_id ids[] = {VS_F_MEM_ANON_BYTES, VS_F_MEM_FILE_BYTES,
					       VS_F_MEM_SHMEM_BYTES, VS_F_MEM_MAPPED_FILE_BYTES};
	uint64_t v[4], found;
	if (vs_parse_keyed(text, h->mode == VS_CG_V2 ? v2keys : v1keys, v, &found) < 0 ||
	    found != 0xf)
		return;
	for (int i = 0; i < 4; i++)
		vs_metrics_set_u64(m, ids[i], v[i]);
}

static uint64_t host_count_processes(struct vs_host_reader *h)
{
	int fd = openat(h->proc_dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	uint64_t n = 0;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while ((e = readdir(d)))
		if (isdigit((unsigned char)e->d_name[0]))
			n++;
	closedir(d);
	return n;
}

int vs_host_read(struct vs_host_reader *h, struct cg_buf *buf, struct vs_metrics *m,
		 unsigned *warnings)
{
	for (int i = 0; i < HF__COUNT; i++) {
		ssize_t n;
		int r = 0;
		if (h->fd[i] < 0)
			continue;
		if (buf->cap == 0) {
			buf->data = malloc(65536);
			if (!buf->data)
				return -ENOMEM;
			buf->cap = 65536;
		}
		n = vs_pread_all(h->fd[i], buf->data, buf->cap);
		if (n < 0) {
			*warnings |= VS_W_READ_ERROR;
			continue;
		}
		const char *t = buf->data;
		switch (i) {
		case HF_STAT:
			r = host_read_stat(h, t, m);
			break;
		case HF_MEMINFO:
			r = host_read_meminfo(t, m);
			break;
		case HF_DISKSTATS: {
			uint64_t v[4];
			r = vs_parse_diskstats(t, host_want_disk, h, v);
			if (r == 0) {
				vs_metrics_set_u64(m, VS_F_IO_READ_BYTES, v[0] * 512);
				vs_metrics_set_u64(m, VS_F_IO_WRITE_BYTES, v[1] * 512);
				vs_metrics_set_u64(m, VS_F_IO_READ_OPS, v[2]);
				vs_metrics_set_u64(m, VS_F_IO_WRITE_OPS, v[3]);
			}
			break;
		}
		case HF_LOADAVG: {
			double l[3];
			uint64_t threads;
			r = vs_parse_loadavg(t, l, &threads);
			if (r == 0) {
				vs_metrics_set_f64(m, VS_F_LOAD1, l[0]);
				vs_metrics_set_f64(m, VS_F_LOAD5, l[1]);
				vs_metrics_set_f64(m, VS_F_LOAD15, l[2]);
				vs_metrics_set_u64(m, VS_F_THREADS, threads);
			}
			break;
		}
		case HF_UPTIME: {
			char *end;
			double up = strtod(t, &end);
			if (end == t)
				r = -EINVAL;
			else
				vs_metrics_set_f64(m, VS_F_UPTIME_SEC, up);
			break;
		}
		case HF_PSI_CPU:
			r = cg_psi_apply(CGF_CPU_PRESSURE, t, m);
			break;
		case HF_PSI_MEM:
			r = cg_psi_apply(CGF_MEM_PRESSURE, t, m);
			break;
		case HF_PSI_IO:
			r = cg_psi_apply(CGF_IO_PRESSURE, t, m);
			break;
		case HF_ROOT_MEMSTAT:
			host_read_root_memstat(h, t, m);
			break;
		}
		if (r < 0)
			*warnings |= VS_W_READ_ERROR;
	}
	vs_metrics_set_u64(m, VS_F_TASKS, host_count_processes(h));
	return 0;
}
