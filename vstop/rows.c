// SPDX-License-Identifier: GPL-2.0-or-later
/* Which rows the views show, in which order. */
#include <math.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "viewer.h"

/* qsort has no context argument: the sort runs on one thread, so a file-static is enough. */
static const struct viewer *rows_cmp_v;

static int rows_cmp(const void *pa, const void *pb)
{
	const struct viewer *v = rows_cmp_v;
	const struct vs_context *a = vs_snapshot_at(v->snap, *(const size_t *)pa);
	const struct vs_context *b = vs_snapshot_at(v->snap, *(const size_t *)pb);
	int c = v->rc.sort_col, r = 0;
	double x, y;
	bool hx, hy;

	/* The rest of the host is marked apart: always the first row. */
	if ((a->xid == 0) != (b->xid == 0))
		return a->xid == 0 ? -1 : 1;
	if (c == COL_NAME) {
		r = strcmp(a->name, b->name);
	} else if (c == COL_STATE) {
		r = strcmp(vs_state_name(a->state), vs_state_name(b->state));
	} else {
		hx = col_value(c, a, &x);
		hy = col_value(c, b, &y);
		/* Unknown values go last whichever the direction. */
		if (hx != hy)
			return hx ? -1 : 1;
		if (hx)
			r = x < y ? 1 : x > y ? -1 : 0; /* numbers: biggest first */
		if (c == COL_XID)
			r = -r;
	}
	if (v->rc.reverse)
		r = -r;
	return r ? r : (a->xid < b->xid ? -1 : a->xid > b->xid);
}

void rows_rebuild(struct viewer *v)
{
	size_t n = v->snap ? vs_snapshot_count(v->snap) : 0, k = 0;
	size_t *rows = realloc(v->rows, (n ? n : 1) * sizeof(*rows));

	if (!rows)
		return;
	v->rows = rows;
	for (size_t i = 0; i < n; i++) {
		const struct vs_context *c = vs_snapshot_at(v->snap, i);
		if (v->have_re && regexec(&v->re, c->name, 0, NULL, 0) != 0)
			continue;
		rows[k++] = i;
	}
	rows_cmp_v = v;
	qsort(rows, k, sizeof(*rows), rows_cmp);
	v->nrows = k;
	/* The cursor follows its context, not its line. */
	v->sel = 0;
	for (size_t i = 0; i < k; i++)
		if (vs_snapshot_at(v->snap, rows[i])->xid == v->sel_xid)
			v->sel = i;
	if (k)
		v->sel_xid = vs_snapshot_at(v->snap, rows[v->sel])->xid;
}

static int procs_prev_cmp(const void *a, const void *b)
{
	pid_t x = ((const struct proc_prev *)a)->pid, y = ((const struct proc_prev *)b)->pid;
	return (x > y) - (x < y);
}

static const struct viewer *procs_cmp_v;

static int procs_cmp_cpu(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	double x = procs_cmp_v->proc_cpu[a], y = procs_cmp_v->proc_cpu[b];
	if (isnan(x) != isnan(y))
		return isnan(x) ? 1 : -1;
	if (!isnan(x) && x != y)
		return x < y ? 1 : -1;
	return procs_cmp_v->procs[a].pid - procs_cmp_v->procs[b].pid;
}

/* Depth-first from each process whose parent is not in the context. */
static void procs_tree_walk(struct viewer *v, size_t i, size_t *k, int depth, unsigned char *seen)
{
	if (seen[i] || depth > 64)
		return;
	seen[i] = 1;
	v->proc_order[(*k)++] = i | ((size_t)depth << 48);
	for (size_t j = 0; j < v->nprocs; j++)
		if (!seen[j] && v->procs[j].ppid == v->procs[i].pid)
			procs_tree_walk(v, j, k, depth + 1, seen);
}

void procs_refresh(struct viewer *v)
{
	struct vs_proc *p = NULL;
	size_t n = 0;
	double now = viewer_now();
	int r = vs_sampler_procs(v->sampler, v->sel_xid, &p, &n);

	if (r < 0) {
		viewer_status(v, "cannot list the processes of context %u: %s", v->sel_xid,
			      strerror(-r));
		return;
	}
	double *cpu = calloc(n ? n : 1, sizeof(*cpu));
	size_t *order = calloc(n ? n : 1, sizeof(*order));
	struct proc_prev *pp = calloc(n ? n : 1, sizeof(*pp));
	if (!cpu || !order || !pp) {
		free(cpu);
		free(order);
		free(pp);
		vs_procs_free(p, n);
		return;
	}
	/* Per-process CPU% needs the previous reading of the same process (pid and start time). */
	for (size_t i = 0; i < n; i++) {
		struct proc_prev key = {.pid = p[i].pid}, *o;
		o = v->pprev ? bsearch(&key, v->pprev, v->npprev, sizeof(key), procs_prev_cmp)
			     : NULL;
		cpu[i] = NAN;
		if (o && o->start_ticks == p[i].start_ticks && p[i].cpu_usec >= o->cpu_usec &&
		    now > v->pprev_time)
			cpu[i] =
			    (double)(p[i].cpu_usec - o->cpu_usec) / 1e4 / (now - v->pprev_time);
		pp[i] = (struct proc_prev){p[i].pid, p[i].start_ticks, p[i].cpu_usec};
	}
	qsort(pp, n, sizeof(*pp), procs_prev_cmp);
	procs_free(v);
	free(v->pprev);
	v->procs = p;
	v->nprocs = n;
	v->proc_cpu = cpu;
	v->proc_order = order;
	v->pprev = pp;
	v->npprev = n;
	v->pprev_time = now;
	size_t k = 0;
	if (v->tree) {
		unsigned char *seen = calloc(n ? n : 1, 1);
		if (seen) {
			for (size_t i = 0; i < n; i++) {
				bool root = true;
				for (size_t j = 0; j < n && root; j++)
					root = p[j].pid != p[i].ppid;
				if (root)
					procs_tree_walk(v, i, &k, 0, seen);
			}
			free(seen);
		}
	}
	if (k == 0) {
		for (size_t i = 0; i < n; i++)
			order[i] = i;
		procs_cmp_v = v;
		qsort(order, n, sizeof(*order), procs_cmp_cpu);
	}
	if (v->psel >= n)
		v->psel = n ? n - 1 : 0;
}

void procs_free(struct viewer *v)
{
	vs_procs_free(v->procs, v->nprocs);
	free(v->proc_cpu);
	free(v->proc_order);
	v->procs = NULL;
	v->proc_cpu = NULL;
	v->proc_order = NULL;
	v->nprocs = 0;
}
