// SPDX-License-Identifier: GPL-2.0-or-later
/* Immutable once published: frontends share one snapshot by reference counting. */
#include <stdlib.h>

#include "sampler/snapshot-internal.h"

struct vs_snapshot *vs_snapshot_alloc(size_t n)
{
	struct vs_snapshot *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->ctx = n ? calloc(n, sizeof(*s->ctx)) : NULL;
	if (n && !s->ctx) {
		free(s);
		return NULL;
	}
	s->n = n;
	s->refs = 1;
	return s;
}

struct vs_snapshot *vs_snapshot_ref(struct vs_snapshot *s)
{
	if (s)
		__atomic_add_fetch(&s->refs, 1, __ATOMIC_RELAXED);
	return s;
}

struct vs_snapshot *vs_snapshot_unref(struct vs_snapshot *s)
{
	if (!s || __atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) > 0)
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		free(s->ctx[i].cgroup_path);
	free(s->ctx);
	free(s);
	return NULL;
}

double vs_snapshot_time(const struct vs_snapshot *s)
{
	return s->time;
}

double vs_snapshot_interval(const struct vs_snapshot *s)
{
	return s->interval;
}

double vs_snapshot_deep_scan_time(const struct vs_snapshot *s)
{
	return s->deep_scan_time;
}

uint64_t vs_snapshot_seq(const struct vs_snapshot *s)
{
	return s->seq;
}

enum vs_cgroup_mode vs_snapshot_mode(const struct vs_snapshot *s)
{
	return s->mode;
}

unsigned vs_snapshot_warnings(const struct vs_snapshot *s)
{
	return s->warnings;
}

const struct vs_host *vs_snapshot_host(const struct vs_snapshot *s)
{
	return &s->host;
}

size_t vs_snapshot_count(const struct vs_snapshot *s)
{
	return s->n;
}

const struct vs_context *vs_snapshot_at(const struct vs_snapshot *s, size_t i)
{
	return i < s->n ? &s->ctx[i] : NULL;
}

const struct vs_context *vs_snapshot_find(const struct vs_snapshot *s, uint32_t xid)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->ctx[mid].xid < xid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->ctx[lo].xid == xid ? &s->ctx[lo] : NULL;
}

int vs_snapshot_adds_up(const struct vs_snapshot *s, enum vs_group g)
{
	return (s->adds_up >> g) & 1u;
}

size_t vs_snapshot_running(const struct vs_snapshot *s)
{
	return s->running;
}

size_t vs_snapshot_defined(const struct vs_snapshot *s)
{
	return s->defined;
}
