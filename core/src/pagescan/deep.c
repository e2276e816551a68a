// SPDX-License-Identifier: GPL-2.0-or-later
/* Deep tier: which frames each context maps, who else maps them, who pays for them.
 *
 * Pass 1 walks every process's /proc/PID/pagemap (present pages only) and appends one
 * key per present page: pfn, whether pagemap saw it mapped exactly once, context.
 * Anonymous pages mapped exactly once are counted on the spot instead (most of a big
 * process's memory): a sample of them shows whether they are charged to the context.
 * Pass 2 sorts the keys, so equal frames are adjacent and sorted by context, and walks
 * frame groups in pfn order, reading /proc/kpagecount (not for a frame mapped once)
 * and /proc/kpagecgroup in runs of nearby wanted frames (sorted access: each entry
 * read once, and few entries that are not wanted).
 * Memory: 8 bytes per key plus 8 for the sort scratch; no table of physical frames. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "pagescan-int.h"
#include "util/privilege-internal.h"
#include "util/log-internal.h"

#ifndef PAGEMAP_SCAN
/* Linux 6.7 UAPI (linux/fs.h); our build headers may predate it. */
struct page_region {
	uint64_t start, end, categories;
};
struct pm_scan_arg {
	uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
	uint64_t category_inverted, category_mask, category_anyof_mask, return_mask;
};
#define PAGE_IS_PRESENT (1 << 3)
#define PAGE_IS_PFNZERO (1 << 5)
#define PAGEMAP_SCAN	_IOWR('f', 16, struct pm_scan_arg)
#endif

#define PAGE_SZ	     4096u
#define PM_PRESENT   (UINT64_C(1) << 63)
#define PM_EXCLUSIVE (UINT64_C(1) << 56) /* PM_MMAP_EXCLUSIVE: mapped once (4.2) */
#define PM_FILE	     (UINT64_C(1) << 61) /* file page or shared anon (3.5) */
#define PM_PFN_MASK  ((UINT64_C(1) << 55) - 1)
#define CTX_BITS     20
#define CTX_MAX	     ((1u << CTX_BITS) - 1)
/* A key: pfn << KEY_PFN_SHIFT | context << 1 | once (its map count was 1), so a
 * frame's keys sort by context, whatever pagemap said of each. */
#define KEY_ONCE      UINT64_C(1)
#define KEY_PFN_SHIFT (CTX_BITS + 1)
#define KEY_PFN(k)    ((k) >> KEY_PFN_SHIFT)
#define KEY_CTX(k)    ((unsigned)((k) >> 1) & CTX_MAX)
#define PFN_MAX	      ((UINT64_C(1) << (64 - KEY_PFN_SHIFT)) - 1)
/* Merge two runs of wanted frames when at most this many unwanted entries lie between:
 * an entry costs about 60 ns to compute, a pread about 250 ns more (Linux 6.18 here). */
#define KPAGE_GAP     4
#define CHUNK_ENTRIES 4096 /* pagemap entries per pread: 32 KiB, 16 MiB of address space */
#define MAPS_MAX      (64u << 20)
#define GAP_PAGES     512 /* 4 KiB of pagemap */
/* One in this many of a process's exclusive anon pages has its kpagecgroup entry read
 * during the walk: about 0.4 us each, against about 0.15 us per page for the sorted
 * path it replaces. */
#define CHARGE_SAMPLE 32

struct memcg_owner {
	uint64_t ino;
	unsigned ctx;
};

static int deep_owner_cmp(const void *a, const void *b)
{
	const struct memcg_owner *x = a, *y = b;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* Context charged for a memcg inode: the one listing it, else the rest context,
 * else none (-1). Inode 0: the frame is charged to no memcg. */
static int deep_owner(const struct memcg_owner *own, size_t n, int rest, uint64_t ino)
{
	size_t lo = 0, hi = n;
	if (ino == 0)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (own[mid].ino < ino)
			lo = mid + 1;
		else if (own[mid].ino > ino)
			hi = mid;
		else
			return (int)own[mid].ctx;
	}
	return rest;
}

static int deep_pid_cmp(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return x < y ? -1 : x > y;
}

struct deep_keys {
	uint64_t *v;
	size_t n, cap;
};

struct deep_scan {
	struct vs_pagescan *ps;
	struct deep_keys keys;
	uint64_t chunk[CHUNK_ENTRIES];
	bool no_pfn; /* a present page showed PFN 0: no CAP_SYS_ADMIN */
	uint64_t pages;
	/* Who pays for a frame, for the samples taken during the walk. */
	int cg_fd;
	const struct memcg_owner *own;
	size_t nown;
	int rest;
	/* The process being walked. */
	unsigned ctx;
	bool every_page;   /* push every page: a sample was charged to another context */
	uint64_t own_anon; /* exclusive anon pages counted on the spot, not pushed */
	unsigned anon_seen;
};

/* Whether a sampled frame is charged to a context other than the one walked. A
 * failed read proves nothing: the frame then goes the way of the rest. */
static bool deep_charged_elsewhere(const struct deep_scan *s, uint64_t pfn)
{
	uint64_t ino;
	int owner;

	if (pread(s->cg_fd, &ino, sizeof(ino), (off_t)(pfn * sizeof(ino))) != sizeof(ino))
		return false;
	owner = deep_owner(s->own, s->nown, s->rest, ino);
	return owner >= 0 && owner != (int)s->ctx;
}

static int deep_push(struct deep_keys *k, uint64_t key)
{
	if (k->n == k->cap) {
		/* Grow by half: keeps the realloc peak near 2.5x instead of 3x. */
		size_t cap = k->cap ? k->cap + k->cap / 2 : 65536;
		uint64_t *v = realloc(k->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		k->v = v;
		k->cap = cap;
	}
	k->v[k->n++] = key;
	return 0;
}

/* Pagemap entries of [start, end): 0, 1 to walk again pushing every page (a sampled
 * anon page was charged elsewhere), -ESRCH (gone), -EPERM (no PFNs) or -errno.
 * File pages are always pushed: page cache is charged to whoever read it first. */
static int deep_read_range(struct deep_scan *s, int fd, uint64_t start, uint64_t end)
{
	uint64_t page = start / PAGE_SZ, last = end / PAGE_SZ;

	while (page < last) {
		size_t want = last - page > CHUNK_ENTRIES ? CHUNK_ENTRIES : (size_t)(last - page);
		ssize_t n = pread(fd, s->chunk, want * sizeof(uint64_t), (off_t)(page * 8));
		size_t got;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ESRCH; /* the mm is gone: pagemap reads 0 bytes */
		got = (size_t)n / sizeof(uint64_t);
		for (size_t i = 0; i < got; i++) {
			uint64_t e = s->chunk[i], pfn;
			int r;
			if (!(e & PM_PRESENT))
				continue;
			pfn = e & PM_PFN_MASK;
			if (pfn == 0) {
				s->no_pfn = true;
				return -EPERM;
			}
			if (pfn > PFN_MAX)
				continue;
			if ((e & (PM_EXCLUSIVE | PM_FILE)) == PM_EXCLUSIVE && !s->every_page) {
				if (s->anon_seen++ % CHARGE_SAMPLE == 0 &&
				    deep_charged_elsewhere(s, pfn))
					return 1;
				s->own_anon++;
				s->pages++;
				continue;
			}
			r = deep_push(&s->keys, pfn << KEY_PFN_SHIFT | (uint64_t)s->ctx << 1 |
						    (e & PM_EXCLUSIVE ? KEY_ONCE : 0));
			if (r < 0)
				return r;
			s->pages++;
		}
		page += got;
	}
	return 0;
}

/* PAGEMAP_SCAN lists present ranges only, so a huge sparse mapping costs what its
 * populated page tables cost, not its size. */
static int deep_walk_ioctl(struct deep_scan *s, int fd)
{
	struct page_region regs[128];
	struct pm_scan_arg a = {
	    .size = sizeof(a),
	    .start = 0,
	    .end = s->ps->user_end,
	    .vec = (uint64_t)(uintptr_t)regs,
	    .vec_len = sizeof(regs) / sizeof(regs[0]),
	    .category_mask = PAGE_IS_PRESENT | PAGE_IS_PFNZERO,
	    .category_inverted = PAGE_IS_PFNZERO,
	    .return_mask = PAGE_IS_PRESENT,
	};

	/* The kernel fills regs, but valgrind does not know PAGEMAP_SCAN (Linux 6.7) and
	 * would flag every value read from it: start from defined bytes. */
	memset(regs, 0, sizeof(regs));
	for (;;) {
		int n = ioctl(fd, PAGEMAP_SCAN, &a);
		if (n < 0)
			return -errno;
		for (int i = 0; i < n;) {
			uint64_t start = regs[i].start, end = regs[i].end;
			int r;
			/* Small gaps cost 8 bytes a page; a pread costs far more: read the
			 * regions around a gap of up to GAP_PAGES in one go. */
			for (i++; i < n && regs[i].start - end <= GAP_PAGES * PAGE_SZ; i++)
				end = regs[i].end;
			r = deep_read_range(s, fd, start, end);
			if (r)
				return r;
		}
		if (a.walk_end >= a.end || a.walk_end <= a.start)
			return 0;
		a.start = a.walk_end;
	}
}

/* Fallback for kernels before 6.7: every mapped range from /proc/PID/maps, read in
 * chunks. Costs 8 bytes of pagemap per page of address space. */
static int deep_walk_maps(struct deep_scan *s, int pid, int fd)
{
	char path[32], *buf = NULL;
	size_t cap = 65536;
	ssize_t len;
	int r = 0;

	snprintf(path, sizeof(path), "%d/maps", pid);
	for (;;) {
		free(buf);
		buf = malloc(cap);
		if (!buf)
			return -ENOMEM;
		len = vs_pagescan_read_small(s->ps->proc_fd, path, buf, cap);
		if (len != -EFBIG || cap >= MAPS_MAX)
			break;
		cap *= 4;
	}
	if (len < 0) {
		r = (int)len;
		goto out;
	}
	for (char *p = buf; *p;) {
		unsigned long long start, end;
		char *nl = strchr(p, '\n');
		if (sscanf(p, "%llx-%llx", &start, &end) == 2 && end > start &&
		    end <= s->ps->user_end) {
			r = deep_read_range(s, fd, start, end);
			if (r)
				goto out;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
out:
	free(buf);
	return r;
}

/* Find the end of the user address space PAGEMAP_SCAN accepts (47 bits on x86-64,
 * 56 with 5-level paging, 48 on arm64), or learn that the ioctl is missing. */
static void deep_probe_walk(struct vs_pagescan *ps)
{
	struct page_region reg;
	int fd = openat(ps->proc_fd, "self/pagemap", O_RDONLY | O_CLOEXEC);

	ps->walk = PAGESCAN_WALK_MAPS;
	ps->user_end = UINT64_C(1) << 57;
	if (fd < 0)
		return;
	for (unsigned bits = 57; bits >= 39; bits--) {
		struct pm_scan_arg a = {
		    .size = sizeof(a),
		    .end = (UINT64_C(1) << bits) - PAGE_SZ,
		    .vec = (uint64_t)(uintptr_t)&reg,
		    .vec_len = 1,
		    .category_mask = PAGE_IS_PRESENT,
		    .return_mask = PAGE_IS_PRESENT,
		};
		if (ioctl(fd, PAGEMAP_SCAN, &a) >= 0) {
			ps->walk = PAGESCAN_WALK_IOCTL;
			ps->user_end = a.end;
			close(fd);
			return;
		}
		if (errno != EFAULT && errno != EINVAL)
			break;
	}
	close(fd);
	vs_logf(VS_LOG_INFO, "pagescan: no PAGEMAP_SCAN (Linux 6.7); reading maps ranges");
}

static int deep_walk(struct deep_scan *s, int pid, int fd)
{
	if (s->ps->walk == PAGESCAN_WALK_IOCTL && !s->ps->force_maps)
		return deep_walk_ioctl(s, fd);
	return deep_walk_maps(s, pid, fd);
}

/* One process; s->own_anon is then its exclusive anon pages not pushed. Vanishing
 * (before or during the scan) and EACCES are recorded in res; frames read before it
 * vanished still count (they were mapped then). */
static int deep_scan_pid(struct deep_scan *s, int pid, unsigned ctx, bool shortcut,
			 struct vs_deep_ctx_result *res)
{
	size_t first_key = s->keys.n;
	uint64_t pages = s->pages;
	char path[32];
	int fd, r;

	s->ctx = ctx;
	s->every_page = s->ps->force_every_page || !shortcut;
	s->own_anon = 0;
	s->anon_seen = 0;
	snprintf(path, sizeof(path), "%d/pagemap", pid);
	fd = openat(s->ps->proc_fd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		goto gone;
	}
	r = deep_walk(s, pid, fd);
	if (r == 1) { /* it moved cgroups since faulting: look up every page */
		s->keys.n = first_key;
		s->pages = pages;
		s->own_anon = 0;
		s->every_page = true;
		r = deep_walk(s, pid, fd);
	}
	close(fd);
gone:
	if (r == 0 || r == -EPERM || r == -ENOMEM)
		return r;
	if (vs_pagescan_gone(r)) {
		res->nvanished++;
		return 0;
	}
	if (r != -EACCES)
		vs_logf(VS_LOG_DEBUG, "%s/%s: %s", s->ps->proc_root, path, strerror(-r));
	res->partial = true;
	return 0;
}

struct deep_tally {
	const struct vs_deep_ctx *ctx;
	struct vs_deep_ctx_result *res;
	uint64_t *pss_fx; /* per context Pss << 12, fixed point like the kernel's */
	struct vs_deep_template *tmpl;
	uint64_t *tmpl_last; /* pfn + 1 last counted per template */
	size_t ntemplates;
	struct vs_deep_host host;
	uint64_t host_pss_fx;
};

/* pages frames that context c alone maps, once each (exclusive anon pages). */
static void deep_tally_own(struct deep_tally *t, unsigned c, uint64_t pages)
{
	uint64_t bytes = pages * PAGE_SZ;
	int tid = t->ctx[c].template_id;

	t->res[c].rss_bytes += bytes;
	t->res[c].distinct_bytes += bytes;
	t->pss_fx[c] += bytes << 12;
	t->host.rss_bytes += bytes;
	t->host.distinct_bytes += bytes;
	t->host_pss_fx += bytes << 12;
	if (tid >= 0 && (size_t)tid < t->ntemplates) {
		t->tmpl[tid].rss_bytes += bytes;
		t->tmpl[tid].distinct_bytes += bytes;
	}
}

/* One frame: keys[0..n) share pfn, sorted by context. */
static void deep_tally_frame(struct deep_tally *t, const uint64_t *keys, size_t n, uint64_t pfn,
			     uint64_t mapcount, int owner)
{
	unsigned distinct = 1;
	bool other_than_owner = false;

	for (size_t i = 1; i < n; i++)
		distinct += KEY_CTX(keys[i]) != KEY_CTX(keys[i - 1]);
	if (mapcount < n) /* mapped again since we read pagemap: keep Pss <= Rss */
		mapcount = n;
	t->host.rss_bytes += n * PAGE_SZ;
	t->host.distinct_bytes += PAGE_SZ;
	t->host_pss_fx += ((uint64_t)n * PAGE_SZ << 12) / mapcount;

	for (size_t i = 0; i < n;) {
		unsigned c = KEY_CTX(keys[i]);
		struct vs_deep_ctx_result *r = &t->res[c];
		size_t m = 0;
		int tid = t->ctx[c].template_id;

		while (i < n && KEY_CTX(keys[i]) == c) {
			m++;
			i++;
		}
		r->rss_bytes += m * PAGE_SZ;
		r->distinct_bytes += PAGE_SZ;
		t->pss_fx[c] += ((uint64_t)m * PAGE_SZ << 12) / mapcount;
		if (distinct >= 2) {
			r->cross_shared_bytes += PAGE_SZ;
			if (distinct == 2)
				r->shared_with_2_bytes += PAGE_SZ;
			else if (distinct < 10)
				r->shared_with_3_9_bytes += PAGE_SZ;
			else
				r->shared_with_10_plus_bytes += PAGE_SZ;
		}
		if (owner >= 0 && (int)c != owner) {
			r->charged_to_others_bytes += PAGE_SZ;
			other_than_owner = true;
		}
		if (tid >= 0 && (size_t)tid < t->ntemplates) {
			t->tmpl[tid].rss_bytes += m * PAGE_SZ;
			if (t->tmpl_last[tid] != pfn + 1) {
				t->tmpl_last[tid] = pfn + 1;
				t->tmpl[tid].distinct_bytes += PAGE_SZ;
			}
		}
	}
	if (owner >= 0 && other_than_owner)
		t->res[owner].charged_for_others_bytes += PAGE_SZ;
}

/* Whether a frame group keys[0..n) needs its map count read: not when pagemap saw
 * its one page mapped exactly once (PM_MMAP_EXCLUSIVE is the per-page map count == 1
 * where the kernel keeps one, the default: what kpagecount would say then). */
static bool deep_needs_count(const uint64_t *keys, size_t n)
{
	return n > 1 || !(keys[0] & KEY_ONCE);
}

/* The last wanted pfn of the run that starts at pfn (the group ending at keys[from]):
 * wanted frames follow each other with at most KPAGE_GAP frames between, within one
 * read window. count: whether the run is for kpagecount (frames mapped once are not
 * wanted there) or kpagecgroup (every frame is). */
static uint64_t deep_run_end(const uint64_t *keys, size_t from, size_t n, uint64_t pfn, bool count)
{
	uint64_t last = pfn;
	for (size_t i = from; i < n;) {
		uint64_t p = KEY_PFN(keys[i]);
		size_t j = i + 1;
		if (p - last > KPAGE_GAP + 1 || p - pfn >= VS_KPAGE_WINDOW)
			break;
		while (j < n && KEY_PFN(keys[j]) == p)
			j++;
		if (!count || deep_needs_count(keys + i, j - i))
			last = p;
		i = j;
	}
	return last;
}

static int deep_tally_all(struct deep_tally *t, const uint64_t *keys, size_t n, int cnt_fd,
			  int cg_fd, const struct memcg_owner *own, size_t nown, int rest)
{
	struct vs_kpage_cache *cnt = malloc(sizeof(*cnt)), *cg = malloc(sizeof(*cg));
	uint64_t last_ino = UINT64_MAX;
	int last_owner = -1, r = 0;

	if (!cnt || !cg) {
		r = -ENOMEM;
		goto out;
	}
	vs_kpage_cache_init(cnt, cnt_fd);
	vs_kpage_cache_init(cg, cg_fd);
	for (size_t i = 0; i < n;) {
		uint64_t pfn = KEY_PFN(keys[i]), mapcount = 1, ino = 0;
		size_t j = i + 1;

		while (j < n && KEY_PFN(keys[j]) == pfn)
			j++;
		/* The run ends are only computed on a cache miss: vs_kpage_get reads them
		 * then (a hit returns before looking at ahead). */
		if (deep_needs_count(keys + i, j - i))
			r = vs_kpage_cached(cnt, pfn, &mapcount)
				? 0
				: vs_kpage_get(cnt, pfn, deep_run_end(keys, j, n, pfn, true),
					       &mapcount);
		if (r == 0 && mapcount > 0)
			r = vs_kpage_cached(cg, pfn, &ino)
				? 0
				: vs_kpage_get(cg, pfn, deep_run_end(keys, j, n, pfn, false), &ino);
		if (r == -ERANGE) { /* frame beyond max_pfn: hot-unplugged? skip it */
			r = 0;
			i = j;
			continue;
		}
		if (r < 0)
			goto out;
		/* Map count 0: unmapped since pagemap was read, or not a normal page (the
		 * zero page, PFN maps): smaps does not count those either. */
		if (mapcount > 0) {
			if (ino != last_ino) {
				last_ino = ino;
				last_owner = deep_owner(own, nown, rest, ino);
			}
			deep_tally_frame(t, keys + i, j - i, pfn, mapcount, last_owner);
		}
		i = j;
	}
out:
	free(cnt);
	free(cg);
	return r;
}

static int deep_open_kpage(struct vs_pagescan *ps, const char *name)
{
	return openat(ps->proc_fd, name, O_RDONLY | O_CLOEXEC);
}

int vs_pagescan_deep(struct vs_pagescan *ps, const struct vs_deep_ctx *ctx, size_t n,
		     struct vs_deep_ctx_result *res, struct vs_deep_template *tmpl,
		     size_t ntemplates, struct vs_deep_host *host)
{
	struct deep_scan *s = NULL;
	struct deep_tally t = {0};
	struct memcg_owner *own = NULL;
	struct vs_priv_saved caps = {0};
	uint64_t *scratch = NULL;
	pid_t *pids = NULL;
	size_t nown = 0, nproc = 0, max_pids = 0;
	int cnt_fd = -1, cg_fd = -1, rest = -1, r;

	if (n > CTX_MAX)
		return -E2BIG;
	t.ctx = ctx;
	t.ntemplates = ntemplates;
	t.res = calloc(n ? n : 1, sizeof(*t.res));
	t.pss_fx = calloc(n ? n : 1, sizeof(*t.pss_fx));
	t.tmpl = calloc(ntemplates ? ntemplates : 1, sizeof(*t.tmpl));
	t.tmpl_last = calloc(ntemplates ? ntemplates : 1, sizeof(*t.tmpl_last));
	s = calloc(1, sizeof(*s));
	if (!t.res || !t.pss_fx || !t.tmpl || !t.tmpl_last || !s) {
		r = -ENOMEM;
		goto out;
	}
	s->ps = ps;
	for (size_t c = 0; c < n; c++) {
		nown += ctx[c].nmemcg;
		if (ctx[c].npids > max_pids)
			max_pids = ctx[c].npids;
		if (ctx[c].rest)
			rest = (int)c;
	}
	own = calloc(nown ? nown : 1, sizeof(*own));
	pids = malloc((max_pids ? max_pids : 1) * sizeof(*pids));
	if (!own || !pids) {
		r = -ENOMEM;
		goto out;
	}
	nown = 0;
	for (size_t c = 0; c < n; c++)
		for (size_t i = 0; i < ctx[c].nmemcg; i++)
			own[nown++] = (struct memcg_owner){ctx[c].memcg_inos[i], (unsigned)c};
	qsort(own, nown, sizeof(*own), deep_owner_cmp);

	/* Capabilities are checked at open time (pagemap decides whether to show PFNs
	 * when opened), so raise them only around the opens. */
	r = vs_priv_raise(VS_PRIV_PAGE_SCAN, &caps);
	if (r < 0)
		vs_logf(VS_LOG_DEBUG, "pagescan: cannot raise capabilities: %s", strerror(-r));
	if (ps->walk == PAGESCAN_WALK_UNKNOWN)
		deep_probe_walk(ps);
	cnt_fd = deep_open_kpage(ps, "kpagecount");
	cg_fd = deep_open_kpage(ps, "kpagecgroup");
	if (cnt_fd < 0 || cg_fd < 0) {
		/* Out of descriptors is not a missing privilege: say which. */
		r = errno == ENOENT			 ? -EOPNOTSUPP
		    : errno == EMFILE || errno == ENFILE ? -errno
							 : -EPERM;
		vs_priv_restore(&caps);
		goto out;
	}
	s->cg_fd = cg_fd;
	s->own = own;
	s->nown = nown;
	s->rest = rest;
	for (size_t c = 0; c < n; c++) {
		if (ctx[c].npids == 0)
			continue;
		/* v1 cgroup.procs may list a pid twice: walk each once. */
		memcpy(pids, ctx[c].pids, ctx[c].npids * sizeof(*pids));
		qsort(pids, ctx[c].npids, sizeof(*pids), deep_pid_cmp);
		for (size_t i = 0; i < ctx[c].npids; i++) {
			if (i > 0 && pids[i] == pids[i - 1])
				continue;
			/* A guest whose memcg is unknown owns no frame: every sample
			 * would send its processes round again, so skip the shortcut. */
			r = deep_scan_pid(s, (int)pids[i], (unsigned)c,
					  ctx[c].rest || ctx[c].nmemcg > 0, &t.res[c]);
			if (r < 0) {
				vs_priv_restore(&caps);
				goto out;
			}
			deep_tally_own(&t, (unsigned)c, s->own_anon);
			nproc++;
		}
	}
	vs_priv_restore(&caps);

	scratch = malloc((s->keys.n ? s->keys.n : 1) * sizeof(*scratch));
	if (!scratch) {
		r = -ENOMEM;
		goto out;
	}
	vs_pagescan_sort_u64(s->keys.v, s->keys.n, scratch);
	t.host.mem_used_bytes = (s->keys.cap + s->keys.n) * sizeof(uint64_t) + sizeof(*s);
	free(scratch);
	scratch = NULL;
	r = deep_tally_all(&t, s->keys.v, s->keys.n, cnt_fd, cg_fd, own, nown, rest);
	if (r < 0)
		goto out;

	for (size_t c = 0; c < n; c++)
		t.res[c].pss_bytes = t.pss_fx[c] >> 12;
	for (size_t i = 0; i < ntemplates; i++) {
		t.tmpl[i].saved_bytes = t.tmpl[i].rss_bytes - t.tmpl[i].distinct_bytes;
		tmpl[i] = t.tmpl[i];
	}
	t.host.pss_bytes = t.host_pss_fx >> 12;
	t.host.saved_bytes = t.host.rss_bytes - t.host.distinct_bytes;
	t.host.pages = s->pages;
	t.host.nproc = (unsigned)nproc;
	memcpy(res, t.res, n * sizeof(*res));
	*host = t.host;
	r = 0;
out:
	if (r == -EPERM)
		vs_logf(VS_LOG_INFO, "pagescan: deep scan unavailable: frame numbers need "
				     "CAP_SYS_ADMIN and /proc/kpage* CAP_DAC_READ_SEARCH");
	if (cnt_fd >= 0)
		close(cnt_fd);
	if (cg_fd >= 0)
		close(cg_fd);
	if (s)
		free(s->keys.v);
	free(s);
	free(own);
	free(pids);
	free(scratch);
	free(t.res);
	free(t.pss_fx);
	free(t.tmpl);
	free(t.tmpl_last);
	return r;
}
