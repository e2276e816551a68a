// SPDX-License-Identifier: GPL-2.0-or-later
/* Helpers of the deep tier: a block cache over /proc/kpagecount and /proc/kpagecgroup,
 * a radix sort for frame keys, and raising capabilities around privileged opens. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "pagescan-int.h"

void vs_kpage_cache_init(struct vs_kpage_cache *c, int fd)
{
	c->fd = fd;
	c->base = 0;
	c->hi = 0; /* empty */
	c->reads = 0;
}

/* The kernel computes every entry it returns (about 60 ns each here, a pread about
 * 250 ns more), so read only [pfn, ahead], at most VS_KPAGE_WINDOW entries, into a window
 * that starts at pfn: the caller decides how far a run of wanted frames goes. */
int vs_kpage_get(struct vs_kpage_cache *c, uint64_t pfn, uint64_t ahead, uint64_t *out)
{
	unsigned want;
	ssize_t n;

	if (vs_kpage_cached(c, pfn, out))
		return 0;
	want = ahead < pfn || ahead - pfn >= VS_KPAGE_WINDOW ? (ahead < pfn ? 1 : VS_KPAGE_WINDOW)
							     : (unsigned)(ahead - pfn) + 1;
	do
		n = pread(c->fd, c->v, want * sizeof(uint64_t), (off_t)(pfn * sizeof(uint64_t)));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	c->reads++;
	if ((size_t)n < sizeof(uint64_t)) { /* beyond max_pfn */
		c->hi = 0;
		return -ERANGE;
	}
	c->base = pfn;
	c->hi = (unsigned)((size_t)n / sizeof(uint64_t));
	*out = c->v[0];
	return 0;
}

void vs_pagescan_sort_u64(uint64_t *v, size_t n, uint64_t *scratch)
{
	enum { BITS = 11, RADIX = 1 << BITS };
	size_t count[RADIX];
	uint64_t all_or = 0, all_and = ~(uint64_t)0;
	uint64_t *src = v, *dst = scratch;

	for (size_t i = 0; i < n; i++) {
		all_or |= v[i];
		all_and &= v[i];
	}
	for (unsigned shift = 0; shift < 64; shift += BITS) {
		size_t sum = 0;
		/* A digit that is the same in every key changes nothing: skip the pass. */
		if ((((all_or ^ all_and) >> shift) & (RADIX - 1)) == 0)
			continue;
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & (RADIX - 1)]++;
		for (size_t d = 0; d < RADIX; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & (RADIX - 1)]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}
