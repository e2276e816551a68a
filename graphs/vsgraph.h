/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsgraph's modules: RRD layout from the field table, the recorder's store (direct
 * librrd or rrdcached BATCH), graphs, HTML pages and the monthly report. The store
 * takes plain values (struct vs_metrics plus name, xid, state), not the engine, so
 * tests drive it with synthetic samples at fixed timestamps. */
#ifndef VSGRAPH_H
#define VSGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <vsmon/vsmon.h>

/* ---- messages (the frontend prints; the level names follow syslog) ---- */
extern int vsg_verbosity; /* messages up to this level are printed; default VS_LOG_NOTICE */
void vsg_log(enum vs_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- small helpers (util.c) ---- */
struct vsg_strv {
	char **v;
	size_t n, cap;
};
int vsg_strv_add(struct vsg_strv *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vsg_strv_free(struct vsg_strv *s);
char *vsg_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsg_mkdir_p(const char *path);
int vsg_write_atomic(const char *path, const char *data, size_t len);
bool vsg_file_exists(const char *path);
/* The subdirectories of dir, sorted; -errno when dir cannot be read. */
int vsg_list_dirs(const char *dir, char ***list, size_t *n);
/* nearest-rank percentile of the known (non-NaN) values; NaN when none. Sorts v. */
double vsg_percentile(double *v, size_t n, double pct);

/* ---- layout (layout.c) ---- */
enum vsg_set { VSG_SET_HOST, VSG_SET_CTX0, VSG_SET_GUEST };

#define VSG_DS_NAME_MAX 19 /* rrdtool's limit */

struct vsg_ds {
	enum vs_field_id fid;
	char name[VSG_DS_NAME_MAX + 1];
};

struct vsg_layout {
	enum vs_group group;
	size_t n; /* 0: the group has no stored field in this set (no file) */
	struct vsg_ds ds[VS_F__COUNT];
};

struct vsg_rra {
	const char *cf;	   /* AVERAGE, MAX, MIN */
	unsigned long pdp; /* primary data points per row */
	unsigned long rows;
};

#define VSG_RRA_MAX	  (3 * VS_RRD_TIMESPANS_MAX)
#define VSG_BASE_ROWS_MAX 4320 /* rows at the step itself */

/* The data-source name of a field: its key when it fits in 19 characters, else the key
 * with words abbreviated by a fixed table. Stable: it names history on disk. */
int vsg_ds_name(enum vs_field_id f, char out[VSG_DS_NAME_MAX + 1]);
/* The fields stored for a set and group: counters, gauges and limits, no rates. */
void vsg_layout_get(enum vsg_set set, enum vs_group g, struct vsg_layout *out);
/* RRAs for a step and the configured timespans (rrd_timespans; NULL or none: the
 * defaults, step rows for 3 days, 5-minute rows for 40 days, hourly for 400 days, daily
 * for 5 years); AVERAGE and MAX everywhere, MIN when consolidated. */
size_t vsg_rras(unsigned step, const struct vs_rrd_timespan *spans, size_t nspans,
		struct vsg_rra out[VSG_RRA_MAX]);
/* "rrd_dir/host", "rrd_dir/context0", "rrd_dir/guests/NAME" (malloc'ed). */
char *vsg_set_dir(const char *rrd_dir, enum vsg_set set, const char *name);
/* "DIR/<group>.rrd" (malloc'ed). */
char *vsg_group_file(const char *dir, enum vs_group g);
/* "DS:name:DERIVE:hb:0:U" and so on (malloc'ed). */
char *vsg_ds_spec(const struct vsg_ds *ds, unsigned step);
char *vsg_rra_spec(const struct vsg_rra *r);

/* ---- rrdcached client (rrdcc.c): librrd's client has no BATCH ---- */
struct vsg_rrdcc;
/* addr: "unix:/path" or "/path". Connects lazily. */
struct vsg_rrdcc *vsg_rrdcc_new(const char *addr);
void vsg_rrdcc_free(struct vsg_rrdcc *c);
int vsg_rrdcc_connect(struct vsg_rrdcc *c);
void vsg_rrdcc_close(struct vsg_rrdcc *c);
/* One BATCH of n lines ("UPDATE file t:v:..."). errs[i] gets a malloc'ed message for a
 * failed command (others NULL). Returns 0 when the daemon answered (even with per-command
 * errors), or -errno when the connection failed (nothing known about what landed). */
int vsg_rrdcc_batch(struct vsg_rrdcc *c, char *const *lines, size_t n, char **errs);
/* One command: *status gets the daemon's status (negative: refused, with *msg); a
 * multi-line answer goes to *body (malloc'ed) when body is not NULL. Returns 0, or
 * -errno when the connection failed. */
int vsg_rrdcc_command(struct vsg_rrdcc *c, const char *cmd, int *status, char **msg, char **body);
int vsg_rrdcc_flush(struct vsg_rrdcc *c, const char *file); /* 0, -ENOENT if unknown, -errno */

/* ---- the store: what `record` writes (store.c) ---- */
struct vsg_ctx_sample {
	const char *name; /* NULL for context 0 */
	uint32_t xid;
	enum vs_ctx_state state;
	uint64_t generation; /* 0: unknown; a change means the guest restarted */
	const struct vs_metrics *m;
};

struct vsg_sample {
	time_t t; /* aligned to the step by the caller */
	const struct vs_metrics *host;
	const struct vsg_ctx_sample *ctx; /* context 0 (name NULL) and guests */
	size_t n;
};

struct vsg_store_opts {
	const char *rrd_dir;
	const char *archive_dir;
	unsigned step;
	const char *rrdcached;			 /* "unix:/path" or NULL/"" for direct writes */
	const struct vs_rrd_timespan *timespans; /* rrd_timespans; NULL: the defaults */
	size_t ntimespans;
};

struct vsg_store_stats {
	unsigned long updates, created, tuned, warnings, errors, pending, batches;
};

struct vsg_store;
int vsg_store_new(const struct vsg_store_opts *o, struct vsg_store **out);
void vsg_store_free(struct vsg_store *s);
/* Writes one step. Per-file problems are warnings and the other files go on; returns
 * -EIO when nothing could be written (the values stay queued for rrdcached). */
int vsg_store_record(struct vsg_store *s, const struct vsg_sample *smp);
/* Sends what is queued (after rrdcached came back) and asks the daemon to flush. */
int vsg_store_flush(struct vsg_store *s);
const struct vsg_store_stats *vsg_store_stats(const struct vsg_store *s);

/* ---- import (import.c) ---- */
/* Replays batch output (JSON Lines, vstop -b -o json) into the store, each line at its
 * step boundary. -EINVAL when some lines were not batch objects (each named). */
int vsg_import(struct vsg_store *st, unsigned step, FILE *in, const char *fname);

/* ---- reading back (readback.c) ---- */
/* Asks rrdcached (if any) to write every file under rrd_dir before reading. */
int vsg_flush_all(const char *rrdcached);
/* Values of one DS, CF, from start to end at resolution res (or coarser): *vals
 * malloc'ed, NaN unknown. */
int vsg_fetch(const char *file, const char *ds, const char *cf, time_t start, time_t end,
	      unsigned long res, double **vals, size_t *n, unsigned long *step_out);

/* ---- graphs and pages (render.c, html.c) ---- */
enum vsg_period { VSG_P_DAY, VSG_P_WEEK, VSG_P_MONTH, VSG_P_YEAR, VSG_P__COUNT };
extern const char *const vsg_period_names[VSG_P__COUNT];
extern const long vsg_period_secs[VSG_P__COUNT];

struct vsg_render_opts {
	const char *rrd_dir;
	const char *archive_dir;
	const char *out_dir;
	const char *rrdcached;
	bool periods[VSG_P__COUNT];
	bool png;
	unsigned width, height;
	time_t end; /* 0: now */
};

struct vsg_graph_result {
	char *path; /* file written */
	/* Capacity graphs (cpu, memory, disk); NaN when none or unknown. */
	double p95;	    /* the 95th percentile */
	double correlation; /* of the least-squares trend */
	double meets_limit; /* when the trend meets the limit (seconds since the epoch) */
	double predicted;   /* mean of the PREDICT line over the future part */
	unsigned width, height;
};

/* Every set's graphs and the pages. */
int vsg_render_all(const struct vsg_render_opts *o);
/* One graph by name (cpu, memory, io, tasks, network, shared, disk; host-cpu,
 * host-memory) for one set directory; res (may be NULL) gets what graphv said. */
int vsg_render_graph(const struct vsg_render_opts *o, const char *set_dir, const char *title,
		     const char *graph, enum vsg_period p, const char *out_file,
		     struct vsg_graph_result *res);

/* Whether a set has the file a graph needs; the argument vector of a graph. */
bool vsg_graph_available(const char *set_dir, const char *graph);
int vsg_render_args(const struct vsg_render_opts *o, const char *set_dir, const char *graph,
		    enum vsg_period p, struct vsg_strv *out);

/* ---- report (report.c) ---- */
int vsg_report(const char *rrd_dir, const char *archive_dir, const char *rrdcached, int year,
	       int month, enum vs_output_format fmt, FILE *out);

/* ---- record (record.c): the daemon loop over the engine's sampler ---- */
/* Samples every rrd_step seconds, at step boundaries, until SIGTERM/SIGINT (then
 * flushes), or once. Returns 0 or -errno. */
int vsg_record_run(const struct vs_config *cfg, bool once);

/* ---- archive ---- */
int vsg_meta_write(const char *dir, const char *name, uint32_t xid);
int vsg_meta_read(const char *dir, char **name, uint32_t *xid);

#endif
