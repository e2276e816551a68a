/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared-page accounting (Core III), three parts:
 *   cheap tier: /proc/PID/smaps_rollup summed over a context's processes, every sample;
 *   deep tier:  pagemap + kpagecount + kpagecgroup, who shares which frames and who
 *               pays for them, on deep_scan_interval, needs CAP_SYS_ADMIN;
 *   disk:       what a guest's overlay upper layer holds and what it uses from its
 *               template without a copy-up, on disk_scan_interval.
 * docs/shared-pages.md explains every figure and its cost. */
#ifndef VS_PAGESCAN_H
#define VS_PAGESCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <vsmon/metrics.h>

/* ---- cheap tier ------------------------------------------------------------------ */

/* One smaps_rollup, or a sum of them. Bytes. */
struct vs_rollup {
	uint64_t rss, pss, uss, shared, swap, swap_pss, ksm;
};

/* Parse the text of /proc/PID/smaps_rollup. Rss and Pss must be present; the other
 * keys count as 0 when missing (older kernels lack SwapPss or KSM). An empty buffer
 * (kernel thread, zombie) is -ENODATA. -EINVAL on a malformed wanted line. */
int vs_rollup_parse(const char *buf, struct vs_rollup *out);
void vs_rollup_add(struct vs_rollup *acc, const struct vs_rollup *r);

struct vs_rollup_sum {
	struct vs_rollup total;
	unsigned nread;	    /* processes read */
	unsigned nvanished; /* exited between listing and reading: skipped */
	bool partial;	    /* some process could not be read (EACCES): total is a floor */
};

/* ---- deep tier ------------------------------------------------------------------- */

/* One context to attribute frames to. */
struct vs_deep_ctx {
	const pid_t *pids;
	size_t npids;
	/* Inodes (stat st_ino) of the context's memory cgroup directory and its
	 * descendants: /proc/kpagecgroup names the charged memcg by that inode. */
	const uint64_t *memcg_inos;
	size_t nmemcg;
	/* The rest of the host (context 0): owns frames charged to any memcg that no
	 * other context claims. At most one. */
	bool rest;
	int template_id; /* 0..ntemplates-1, or -1 */
};

struct vs_deep_ctx_result {
	uint64_t rss_bytes;	 /* summed over processes, from pagemap */
	uint64_t pss_bytes;	 /* pagemap-based Pss */
	uint64_t distinct_bytes; /* distinct frames it maps */
	uint64_t cross_shared_bytes;
	uint64_t charged_to_others_bytes;
	uint64_t charged_for_others_bytes;
	uint64_t shared_with_2_bytes, shared_with_3_9_bytes, shared_with_10_plus_bytes;
	unsigned nvanished; /* processes that exited before or during the scan */
	bool partial;	    /* some process could not be read (EACCES) */
};

struct vs_deep_template {
	uint64_t rss_bytes;	 /* summed Rss of its guests' processes */
	uint64_t distinct_bytes; /* distinct frames they map */
	uint64_t saved_bytes;	 /* rss - distinct: what sharing saves */
};

struct vs_deep_host {
	uint64_t rss_bytes;	 /* summed Rss of every scanned process */
	uint64_t pss_bytes;	 /* pagemap-based Pss of every scanned process */
	uint64_t distinct_bytes; /* distinct frames mapped */
	uint64_t saved_bytes;	 /* rss - distinct */
	uint64_t mem_used_bytes; /* peak working memory of this scan */
	uint64_t pages;		 /* present pages seen (one per process and page) */
	unsigned nproc;		 /* processes scanned */
};

/* ---- the scanner handle ---------------------------------------------------------- */

struct vs_pagescan;

/* proc_root: "/proc" or a fixture tree. Opens nothing privileged. */
int vs_pagescan_new(const char *proc_root, struct vs_pagescan **out);
struct vs_pagescan *vs_pagescan_free(struct vs_pagescan *ps); /* NULL-safe; returns NULL */

/* Cheap tier: sum smaps_rollup over pids. Vanished processes (ENOENT, ESRCH) are
 * skipped; EACCES sets partial. A process's last rollup is used again while its
 * /proc/PID/stat shows no memory activity, up to the max_age given to the sweep. */
int vs_pagescan_rollup(struct vs_pagescan *ps, const pid_t *pids, size_t npids,
		       struct vs_rollup_sum *out);
/* Call once per sweep, before its rollups: forgets the processes the previous sweep
 * did not read (they exited or left every context). max_age_sec 0: read every
 * process's rollup every time (the default before the first call). keep_fds false:
 * the rollups are not asked for: close the kept descriptors and keep none. */
void vs_pagescan_rollup_sweep(struct vs_pagescan *ps, double now_mono, double max_age_sec,
			      bool keep_fds);

/* Deep tier over n contexts. res[n] and tmpl[ntemplates] are written on success.
 * Returns -EPERM when frame numbers cannot be read (no CAP_SYS_ADMIN: pagemap shows
 * PFN 0) or kpagecount/kpagecgroup cannot be opened: unavailable, not zero.
 * Memory: 16 bytes per present page per process (8 kept, 8 for the sort) that is not
 * an exclusive anonymous page, plus small fixed buffers; see docs/shared-pages.md. */
int vs_pagescan_deep(struct vs_pagescan *ps, const struct vs_deep_ctx *ctx, size_t n,
		     struct vs_deep_ctx_result *res, struct vs_deep_template *tmpl,
		     size_t ntemplates, struct vs_deep_host *host);

/* Tests: force the /proc/PID/maps + chunked pagemap read instead of PAGEMAP_SCAN. */
void vs_pagescan_force_maps_walk(struct vs_pagescan *ps, bool on);
/* Tests: look up every page's memcg, without the sampled shortcut for exclusive anon
 * pages, to compare the two. */
void vs_pagescan_force_every_page(struct vs_pagescan *ps, bool on);

/* Inodes of a memory cgroup directory and every directory below it (malloc'ed). */
int vs_pagescan_memcg_inos(const char *cgdir, uint64_t **inos, size_t *n);

/* ---- disk side of unification ---------------------------------------------------- */

struct vs_disk_usage {
	uint64_t upper_bytes;  /* allocated bytes in the guest's upper layer */
	uint64_t shared_bytes; /* template bytes the guest sees without a copy-up */
};

/* Walk the template and the guest's overlay upper dir together. Hardlinks count once.
 * A path in upper (copy-up, whiteout, replacement) or under an opaque upper dir hides
 * the template's entry. upper_dir may be missing (nothing changed yet). */
int vs_disk_usage(const char *template_dir, const char *upper_dir, struct vs_disk_usage *out);

/* Allocated bytes of a tree, hardlinks once. */
int vs_disk_tree_bytes(const char *dir, uint64_t *out);

/* Disk saved by sharing one template among guests: the sum of what each guest uses
 * from it minus the one copy on disk, at least 0. */
uint64_t vs_disk_saved_bytes(uint64_t template_bytes, const uint64_t *shared_bytes, size_t n);

/* ---- the sampler's entry point ----------------------------------------------------- */

/* One running guest. */
struct vs_ps_guest {
	uint32_t xid;
	uint64_t generation; /* deep/disk results are carried per incarnation */
	const pid_t *pids;   /* its processes (from cgroup.procs) */
	size_t npids;
	const char *memcg_dir;	   /* absolute memory cgroup directory, or NULL */
	const char *template_name; /* "" or NULL: none */
	const char *template_dir;  /* the template tree, or NULL */
	const char *upper_dir;	   /* its overlay upper dir, or NULL */
	struct vs_metrics *m;	   /* fields written here */
	unsigned *warnings;	   /* enum vs_warn bits added here */
	int template_id;	   /* internal */
};

struct vs_ps_fill {
	unsigned groups; /* 1u << VS_G_SMAPS | VS_G_DEEP | VS_G_DISK: what was asked for */
	double now_mono;
	double deep_interval_sec, disk_interval_sec;
	double smaps_max_age_sec;  /* reuse of an idle process's rollup; 0: never */
	struct vs_metrics *host_m; /* SMAPS sums of every process; DEEP host figures */
	struct vs_metrics *ctx0_m; /* DEEP of context 0 (SMAPS comes from the model) */
	unsigned *ctx0_warnings;
	double *deep_mono_out; /* when the deep figures carried were taken; 0 if none */
};

/* SMAPS every call; DEEP and DISK when asked for and their interval has passed, the
 * last results carried forward in between. Deep unavailable: VS_W_DEEP_UNAVAILABLE on
 * every context and its fields unknown. Returns 0 or -ENOMEM. */
int vs_pagescan_fill(struct vs_pagescan *ps, struct vs_ps_guest *g, size_t n,
		     const struct vs_ps_fill *f);

/* ---- internals shared between the files of this module (tests use them) ---------- */

/* Sort u64 keys in place (LSD radix; scratch holds n). */
void vs_pagescan_sort_u64(uint64_t *v, size_t n, uint64_t *scratch);

/* The last window read from a /proc/kpage* file: up to 512 u64 entries from base. */
#define VS_KPAGE_WINDOW 512 /* entries per read at most: 4 KiB */
struct vs_kpage_cache {
	int fd;
	uint64_t base; /* pfn of v[0] */
	unsigned hi;   /* valid entries v[0..hi) */
	uint64_t reads;
	uint64_t v[VS_KPAGE_WINDOW];
};
void vs_kpage_cache_init(struct vs_kpage_cache *c, int fd);
/* Entry for pfn; ahead: the last pfn of the run the caller will want next (sorted
 * access), so one pread covers [pfn, ahead], at most 512 entries. -ERANGE beyond the
 * last frame, -errno on a read error. */
int vs_kpage_get(struct vs_kpage_cache *c, uint64_t pfn, uint64_t ahead, uint64_t *out);
/* Entry for pfn if the last read holds it, without reading. */
static inline bool vs_kpage_cached(const struct vs_kpage_cache *c, uint64_t pfn, uint64_t *out)
{
	if (pfn < c->base || pfn - c->base >= c->hi)
		return false;
	*out = c->v[pfn - c->base];
	return true;
}

#endif
