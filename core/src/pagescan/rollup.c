// SPDX-License-Identifier: GPL-2.0-or-later
/* Cheap tier: /proc/PID/smaps_rollup (Linux 4.14), summed per context; the
 * per-process reads and their reuse are in rollup-cache.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pagescan-int.h"
#include "util/privilege-internal.h"
#include "util/log-internal.h"
#include "util/parse.h"

enum {
	ROLLUP_RSS,
	ROLLUP_PSS,
	ROLLUP_SHARED_CLEAN,
	ROLLUP_SHARED_DIRTY,
	ROLLUP_PRIVATE_CLEAN,
	ROLLUP_PRIVATE_DIRTY,
	ROLLUP_SWAP,
	ROLLUP_SWAP_PSS,
	ROLLUP_KSM,
};

static const char *const rollup_keys[] = {
    "Rss",	     "Pss",  "Shared_Clean", "Shared_Dirty", "Private_Clean",
    "Private_Dirty", "Swap", "SwapPss",	     "KSM",	     NULL,
};

int vs_rollup_parse(const char *buf, struct vs_rollup *out)
{
	uint64_t v[9] = {0}, found = 0;
	const uint64_t need = (1u << ROLLUP_RSS) | (1u << ROLLUP_PSS);
	int r;

	if (buf[0] == '\0')
		return -ENODATA;
	r = vs_parse_keyed(buf, rollup_keys, v, &found);
	if (r < 0)
		return r;
	if ((found & need) != need)
		return -EINVAL;
	/* The kernel sums u64 page counts: these additions cannot overflow in practice,
	 * but a fuzzed buffer can; saturate rather than wrap. */
	out->rss = v[ROLLUP_RSS];
	out->pss = v[ROLLUP_PSS];
	out->shared = v[ROLLUP_SHARED_CLEAN] + v[ROLLUP_SHARED_DIRTY];
	if (out->shared < v[ROLLUP_SHARED_CLEAN])
		out->shared = UINT64_MAX;
	out->uss = v[ROLLUP_PRIVATE_CLEAN] + v[ROLLUP_PRIVATE_DIRTY];
	if (out->uss < v[ROLLUP_PRIVATE_CLEAN])
		out->uss = UINT64_MAX;
	out->swap = v[ROLLUP_SWAP];
	out->swap_pss = v[ROLLUP_SWAP_PSS];
	out->ksm = v[ROLLUP_KSM];
	return 0;
}

ssize_t vs_pagescan_read_small(int proc_fd, const char *path, char *buf, size_t cap)
{
	size_t len = 0;
	ssize_t ret;
	int fd = openat(proc_fd, path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n = read(fd, buf + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = -errno;
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len == cap - 1) {
			ret = -EFBIG;
			goto out;
		}
	}
	buf[len] = '\0';
	ret = (ssize_t)len;
out:
	close(fd);
	return ret;
}

void vs_rollup_add(struct vs_rollup *acc, const struct vs_rollup *r)
{
	acc->rss += r->rss;
	acc->pss += r->pss;
	acc->uss += r->uss;
	acc->shared += r->shared;
	acc->swap += r->swap;
	acc->swap_pss += r->swap_pss;
	acc->ksm += r->ksm;
}

int vs_pagescan_rollup(struct vs_pagescan *ps, const pid_t *pids, size_t npids,
		       struct vs_rollup_sum *out)
{
	struct vs_rollup_sum sum = {0};
	struct vs_priv_saved priv;
	int r = 0;

	/* Other users' rollups need ptrace read access: raised only around these reads
	 * when running with lowered file capabilities (a no-op as root). */
	vs_priv_raise(VS_PRIV_PROC_READ, &priv);
	for (size_t i = 0; i < npids; i++) {
		struct vs_rollup one;
		int e = pagescan_rollup_get(&ps->rollup_cache, ps->proc_fd, pids[i], ps->rollup_buf,
					    sizeof(ps->rollup_buf), &one);
		if (e == 0 || e == -ENODATA) { /* -ENODATA: a kernel thread or zombie */
			if (e == 0)
				vs_rollup_add(&sum.total, &one);
			sum.nread++;
		} else if (vs_pagescan_gone(e)) {
			sum.nvanished++;
		} else if (e == -ENOMEM) {
			r = e;
			goto out;
		} else if (e == -EINVAL) {
			vs_logf(VS_LOG_WARNING,
				"%s/%d/smaps_rollup: expected \"Key: N kB\" lines with Rss and Pss",
				ps->proc_root, (int)pids[i]);
			sum.partial = true;
		} else { /* EACCES, EPERM: not ours to read */
			vs_logf(VS_LOG_DEBUG, "%s/%d/smaps_rollup: %s", ps->proc_root, (int)pids[i],
				strerror(-e));
			sum.partial = true;
		}
	}
	*out = sum;
out:
	vs_priv_restore(&priv);
	return r;
}

void vs_pagescan_rollup_sweep(struct vs_pagescan *ps, double now_mono, double max_age_sec,
			      bool keep_fds)
{
	pagescan_rollup_cache_sweep(&ps->rollup_cache, now_mono, max_age_sec, keep_fds);
}
