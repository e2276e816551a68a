/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The interactive viewer's state, shared by the loop (viewer.c), the per-context
 * tracking (track.c) and the views (views.c). Views read the last snapshot and
 * this state only; they never open /proc. */
#ifndef VSTOP_VIEWER_H
#define VSTOP_VIEWER_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rc.h"
#include "vstop.h"

#define SPARK_LEN    60 /* samples of sparkline history per context */
#define HL_REFRESHES 3	/* a limit hit stays highlighted this many refreshes */

enum spark_series { SPARK_CPU, SPARK_MEM, SPARK_IO, SPARK__COUNT };

/* What vstop remembers about one context between refreshes (two generations, as
 * systemd-cgtop: entries move to the new array, vanished ones are freed). */
struct track {
	uint32_t xid;
	uint64_t generation;
	uint64_t hits, ooms, pid_hits; /* last seen counters; UINT64_MAX unknown */
	uint64_t alert_until;	       /* snapshot seq until which the row is highlighted */
	uint16_t head, count;
	float spark[SPARK__COUNT][SPARK_LEN]; /* NAN: unknown */
};

enum view { V_MAIN, V_PROCS, V_DETAIL, V_HELP, V_COLUMNS };

enum prompt_kind {
	P_NONE,
	P_FILTER,
	P_DELAY,
	P_SIGNAL,
	P_CONFIRM_SIGNAL,
	P_CONFIRM_GUEST,
};

struct proc_prev {
	pid_t pid;
	uint64_t start_ticks, cpu_usec;
};

struct viewer {
	const struct vstop_args *args;
	struct vs_sampler *sampler;
	const struct vs_config *cfg;
	struct vs_snapshot *snap; /* the last sample */
	double delay;
	bool paused, quit;
	bool sample_now; /* the screen needs groups the last sample did not read */
	unsigned groups; /* what the sampler was last told to collect; UINT_MAX: nothing yet */
	struct vstop_rc rc;
	char *rc_file;
	int hscroll; /* columns skipped after the first two */
	enum view view, back;

	/* filter */
	char filter[128];
	regex_t re;
	bool have_re;

	/* rows of the main view: indices into snap, host first, filtered and sorted */
	size_t *rows, nrows;
	size_t sel, top;
	uint32_t sel_xid;

	/* tracking, sorted by xid */
	struct track **tr;
	size_t ntr;

	/* process view of sel_xid */
	struct vs_proc *procs;
	size_t nprocs;
	double *proc_cpu; /* percent per process, NAN unknown */
	size_t *proc_order;
	struct proc_prev *pprev;
	size_t npprev;
	double pprev_time;
	bool tree;
	size_t psel, ptop;

	/* detail, help, columns */
	size_t dtop;
	size_t csel; /* cursor in the column chooser */
	int chooser[VSTOP_MAX_COLS];
	size_t nchooser;

	/* prompt and status line */
	enum prompt_kind prompt;
	char input[128];
	char question[256];
	int pending_sig;
	pid_t pending_pid;
	int pending_act;
	char pending_guest[VS_NAME_MAX + 1];
	char status[256];
	double status_until;
};

double viewer_now(void); /* monotonic seconds */
void viewer_status(struct viewer *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* track.c */
void track_update(struct viewer *v);
const struct track *track_find(const struct viewer *v, uint32_t xid);
bool track_alert(const struct viewer *v, const struct track *t);
void track_free(struct viewer *v);

/* rows.c: build the main view's rows and the process view's order */
void rows_rebuild(struct viewer *v);
void procs_refresh(struct viewer *v);
void procs_free(struct viewer *v);

/* views.c */
void views_draw(struct viewer *v);
int views_page_rows(void); /* rows a page scrolls in the current view */

#endif
