// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "procfs/taskio.h"
#include "util/fileio.h"
#include "util/parse.h"

static int taskio_read(int fd, struct cg_buf *buf, uint64_t *out)
{
	static const char *const keys[] = {"write_bytes", NULL};
	uint64_t v, found;
	ssize_t n = vs_pread_all(fd, buf->data, buf->cap);
	if (n < 0)
		return (int)n;
	if (vs_parse_keyed(buf->data, keys, &v, &found) < 0 || !found)
		return -EINVAL;
	*out = v;
	return 0;
}

/* pid's io file: a descriptor, or -errno. */
static int taskio_open(int proc_dirfd, int pid)
{
	char name[32];
	int fd;

	snprintf(name, sizeof(name), "%d/io", pid);
	fd = openat(proc_dirfd, name, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int vs_taskio_update(struct vs_taskio *t, int proc_dirfd, const int *pids, size_t npids,
		     int keep_below, struct cg_buf *buf, uint64_t *delta)
{
	struct vs_taskio_ent *nv = npids ? calloc(npids, sizeof(*nv)) : NULL;
	size_t i = 0, k = 0;
	uint64_t sum = 0;
	int r = 0;

	if (npids && !nv)
		return -ENOMEM;
	if (buf->cap == 0) {
		buf->data = malloc(16384);
		if (!buf->data) {
			free(nv);
			return -ENOMEM;
		}
		buf->cap = 16384;
	}
	/* Merge two sorted lists: keep descriptors of tasks that are still there. */
	for (size_t j = 0; j < npids; j++) {
		struct vs_taskio_ent e = {.pid = pids[j], .fd = -1};
		bool known = false;
		uint64_t wb = 0;
		int fd, rr;
		while (i < t->n && t->v[i].pid < pids[j]) {
			if (t->v[i].fd >= 0)
				close(t->v[i].fd);
			i++;
		}
		if (i < t->n && t->v[i].pid == pids[j]) {
			e = t->v[i++];
			known = true;
		}
		fd = e.fd >= 0 ? e.fd : taskio_open(proc_dirfd, pids[j]);
		rr = fd < 0 ? fd : taskio_read(fd, buf, &wb);
		/* A descriptor is kept only below keep_below: a task past it is opened again
		 * for each read, slower, but its writes still count (a kept one would also
		 * notice the pid being reused between two reads; a reopened one cannot). */
		if (fd >= 0 && (rr < 0 || fd >= keep_below)) {
			close(fd);
			fd = -1;
		}
		e.fd = fd;
		if (rr < 0) {
			/* Exited (ENOENT, ESRCH): its writes end with it. Anything else
			 * (not ours to read, out of descriptors) leaves the sum short. */
			if (rr == -EACCES || rr == -EPERM)
				r = -EACCES;
			else if (rr != -ENOENT && rr != -ESRCH && r == 0)
				r = -EIO;
			continue;
		}
		if (known && wb >= e.write_bytes)
			sum += wb - e.write_bytes;
		e.write_bytes = wb;
		nv[k++] = e;
	}
	for (; i < t->n; i++)
		if (t->v[i].fd >= 0)
			close(t->v[i].fd);
	free(t->v);
	t->v = nv;
	t->n = k;
	*delta = sum;
	return r;
}

void vs_taskio_clear(struct vs_taskio *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].fd >= 0)
			close(t->v[i].fd);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}
