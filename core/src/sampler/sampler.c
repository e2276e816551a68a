// SPDX-License-Identifier: GPL-2.0-or-later
/* The sweep: host, then every running guest's cgroup files (kept open), then the
 * model (rates, context 0), published as one immutable snapshot. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "procfs/netdev.h"
#include "sampler/sampler-internal.h"
#include "util/fileio.h"
#include "util/privilege-internal.h"

/* Everything: the expensive collectors (deep shared-page scan, upper-layer walk) are
 * throttled to their own intervals, so asking for them costs little per sweep. */
#define SMP_DEFAULT_GROUPS ((1u << VS_G__COUNT) - 1)

static double smp_clock(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 1000 contexts keep about 22 descriptors each open: 22k, above the usual 20k hard
 * limit. Root (CAP_SYS_RESOURCE) may raise the hard limit; anyone the soft one. */
static void smp_raise_nofile(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return;
	if (rl.rlim_max < 65536) {
		struct rlimit want = {65536, 65536};
		if (setrlimit(RLIMIT_NOFILE, &want) == 0)
			return;
	}
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static struct vs_config *smp_copy_config(const struct vs_config *c)
{
	struct vs_config *n = NULL;
	if (vs_config_defaults(&n) < 0)
		return NULL;
	free(n->guests_dir);
	free(n->run_dir);
	n->guests_dir = strdup(c->guests_dir);
	n->run_dir = strdup(c->run_dir);
	free(n->state_dir);
	free(n->template_dir);
	n->state_dir = strdup(c->state_dir ? c->state_dir : "/var/lib/vsmon");
	n->template_dir =
	    c->template_dir ? strdup(c->template_dir) : vs_path_join(n->state_dir, "templates");
	n->deep_scan_interval_sec = c->deep_scan_interval_sec;
	n->disk_scan_interval_sec = c->disk_scan_interval_sec;
	n->smaps_max_age_sec = c->smaps_max_age_sec;
	if (!n->guests_dir || !n->run_dir || !n->state_dir || !n->template_dir)
		return vs_config_free(n);
	return n;
}

int vs_sampler_new(const struct vs_sampler_opts *opts, struct vs_sampler **out)
{
	struct vs_sampler *s;
	int r;

	if (!opts || !opts->config)
		return -EINVAL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->proc_dirfd = -1;
	s->config = smp_copy_config(opts->config);
	s->proc_root = strdup(opts->proc_root ? opts->proc_root : "/proc");
	s->sys_root = strdup(opts->sys_root ? opts->sys_root : "/sys");
	s->cgroup_root = strdup(opts->cgroup_root ? opts->cgroup_root : "/sys/fs/cgroup");
	s->history_len = opts->history_len ? opts->history_len : 60;
	s->groups = opts->groups ? opts->groups : SMP_DEFAULT_GROUPS;
	s->ring = calloc(s->history_len, sizeof(*s->ring));
	if (!s->config || !s->proc_root || !s->sys_root || !s->cgroup_root || !s->ring) {
		r = -ENOMEM;
		goto fail;
	}
	s->proc_dirfd = open(s->proc_root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (s->proc_dirfd < 0) {
		r = -errno;
		goto fail;
	}
	r = vs_cgroup_detect_mode(s->cgroup_root, &s->mode);
	if (r < 0) {
		vs_logf(VS_LOG_WARNING, "%s: no cgroup hierarchy found (%s): host figures only",
			s->cgroup_root, strerror(-r));
		s->mode = VS_CG_NONE;
	}
	r = vs_host_reader_new(s->proc_root, s->sys_root, s->cgroup_root, s->mode, &s->host);
	if (r < 0)
		goto fail;
	r = smp_pagescan_open(s);
	if (r < 0)
		goto fail;
	smp_raise_nofile();
	*out = s;
	return 0;
fail:
	vs_sampler_free(s);
	return r;
}

struct vs_sampler *vs_sampler_free(struct vs_sampler *s)
{
	if (!s)
		return NULL;
	smp_registry_free(&s->reg);
	smp_pagescan_close(s);
	vs_host_reader_free(s->host);
	cg_buf_free(&s->buf);
	for (size_t i = 0; i < s->ring_count; i++)
		vs_snapshot_unref(s->ring[(s->ring_head + i) % s->history_len]);
	free(s->ring);
	vs_snapshot_unref(s->prev);
	if (s->proc_dirfd >= 0)
		close(s->proc_dirfd);
	vs_config_free(s->config);
	free(s->proc_root);
	free(s->sys_root);
	free(s->cgroup_root);
	free(s);
	return NULL;
}

int vs_sampler_set_groups(struct vs_sampler *s, unsigned groups)
{
	s->groups = groups ? groups & SMP_DEFAULT_GROUPS : SMP_DEFAULT_GROUPS;
	return s->pagescan ? 0 : smp_pagescan_open(s);
}

enum vs_cgroup_mode vs_sampler_mode(const struct vs_sampler *s)
{
	return s->mode;
}

/* v1 blkio counts nothing until turned on; check now and then (it costs two file
 * reads and a /sys/block listing), never turn it on ourselves. */
static unsigned smp_blkio_warning(struct vs_sampler *s, double mono)
{
	if (s->mode != VS_CG_V1 && s->mode != VS_CG_HYBRID)
		return 0;
	if (s->blkio_state == 0 || mono - s->blkio_checked_mono > 30) {
		int r = vs_blkio_accounting_status(s->sys_root, s->cgroup_root);
		s->blkio_checked_mono = mono;
		s->blkio_state = r == 1 ? 1 : 2;
		if (r == 0)
			vs_logf(VS_LOG_WARNING,
				"cgroup v1 blkio accounting is off: disk I/O of guests reads 0 "
				"(hint: `vsctl setup` turns it on)");
	}
	return s->blkio_state == 2 ? VS_W_BLKIO_OFF : 0;
}

static int smp_read_guest(struct vs_sampler *s, struct smp_ctx *c, struct vs_context *out,
			  int fd_keep_below)
{
	int *pids = NULL;
	size_t npids = 0;
	int r;

	if (c->reopen) {
		smp_ctx_close(c);
		c->reopen = false;
	}
	if (!c->cg) {
		r = vs_cgctx_open(s->cgroup_root, s->mode, c->st.cgroup, &c->cg);
		if (r < 0) {
			out->warnings |= VS_W_VANISHED;
			return 0;
		}
	}
	r = vs_cgctx_read(c->cg, s->groups, &s->buf, &out->m, &pids, &npids);
	if (r < 0)
		return r;
	out->warnings |= c->cg->warnings;
	if (c->cg->warnings & VS_W_VANISHED)
		c->reopen = true;
	free(c->pids);
	c->pids = pids;
	c->npids = npids;
	/* Guests with their own veth: the host side's counters (guests issue). */
	if ((s->groups & (1u << VS_G_NET)) && c->st.veth[0] &&
	    vs_netdev_read(s->sys_root, c->st.veth, &out->m) < 0)
		vs_metrics_clear_group(&out->m, VS_G_NET);
	if ((s->groups & (1u << VS_G_IOTASK)) && vs_metrics_has(&out->m, VS_F_TASKS)) {
		uint64_t delta = 0;
		bool first = c->tio.n == 0 && c->tio.v == NULL;
		struct vs_priv_saved ps;
		/* /proc/PID/io checks ptrace access at every read, not only at open. */
		vs_priv_raise(VS_PRIV_PROC_READ, &ps);
		int tr = vs_taskio_update(&c->tio, s->proc_dirfd, pids, npids, fd_keep_below,
					  &s->buf, &delta);
		vs_priv_restore(&ps);
		if (tr == -ENOMEM)
			return tr;
		if (tr == -EACCES)
			out->warnings |= VS_W_PERMISSION;
		else if (tr < 0)
			out->warnings |= VS_W_READ_ERROR;
		else if (s->prev && !first && s->prev->interval >= 0) {
			double el = smp_clock(CLOCK_MONOTONIC) - s->prev->mono;
			if (el > 0)
				vs_metrics_set_f64(&out->m, VS_F_IO_ISSUED_WRITE_BYTES_PER_SEC,
						   (double)delta / el);
		}
	}
	return 0;
}

static void smp_fill_context(struct vs_context *out, const struct smp_ctx *c)
{
	out->xid = c->xid;
	memcpy(out->name, c->name, sizeof(out->name));
	memcpy(out->template_name, c->template_name, sizeof(out->template_name));
	if (c->have_state) {
		out->state = c->alive ? c->st.state : VS_STATE_BROKEN;
		out->init_pid = c->st.init_pid;
		out->start_time = c->st.start_time;
		out->generation = c->generation;
		if (!out->template_name[0])
			memcpy(out->template_name, c->st.template_name, sizeof(out->template_name));
		const char *p = c->st.cgroup[VS_H_MEMORY] ? c->st.cgroup[VS_H_MEMORY]
							  : c->st.cgroup[VS_H_UNIFIED];
		out->cgroup_path = p ? strdup(p) : NULL;
	} else {
		out->state = VS_STATE_STOPPED;
	}
}

static void smp_history_push(struct vs_sampler *s, struct vs_snapshot *snap)
{
	if (s->ring_count == s->history_len) {
		vs_snapshot_unref(s->ring[s->ring_head]);
		s->ring[s->ring_head] = vs_snapshot_ref(snap);
		s->ring_head = (s->ring_head + 1) % s->history_len;
	} else {
		s->ring[(s->ring_head + s->ring_count) % s->history_len] = vs_snapshot_ref(snap);
		s->ring_count++;
	}
}

int vs_sampler_sample(struct vs_sampler *s, struct vs_snapshot **out)
{
	double mono = smp_clock(CLOCK_MONOTONIC);
	struct vs_snapshot *snap = NULL;
	unsigned warnings = 0;
	size_t running = 0, defined = 0, sig = 0;
	/* Per-task io descriptors leave the same reserve as the cgroup files. */
	int fd_keep_below = vs_fd_keep_below(VS_FD_RESERVE);
	int r;

	smp_registry_scan(&s->reg, s->config->guests_dir, s->config->run_dir, s->proc_root, mono);
	snap = vs_snapshot_alloc(s->reg.n + 1);
	if (!snap)
		return -ENOMEM;
	snap->mono = mono;
	snap->time = smp_clock(CLOCK_REALTIME);
	snap->seq = ++s->seq;
	snap->mode = s->mode;
	snap->interval = s->prev ? mono - s->prev->mono : 0;
	gethostname(snap->host.hostname, sizeof(snap->host.hostname) - 1);

	r = vs_host_read(s->host, &s->buf, &snap->host.m, &warnings);
	if (r < 0)
		goto fail;
	warnings |= smp_blkio_warning(s, mono);

	snap->ctx[0].xid = 0;
	snprintf(snap->ctx[0].name, sizeof(snap->ctx[0].name), "host");
	snap->ctx[0].state = VS_STATE_RUNNING;
	for (size_t i = 0; i < s->reg.n; i++) {
		struct smp_ctx *c = s->reg.v[i];
		struct vs_context *ctx = &snap->ctx[i + 1];
		smp_fill_context(ctx, c);
		defined += c->defined;
		if (!c->have_state)
			continue;
		if (c->alive && kill(c->st.init_pid, 0) < 0 && errno == ESRCH)
			c->alive = false;
		ctx->state = c->alive ? c->st.state : VS_STATE_BROKEN;
		running += ctx->state == VS_STATE_RUNNING;
		sig = sig * 31 + c->xid * 7 + (size_t)c->generation;
		r = smp_read_guest(s, c, ctx, fd_keep_below);
		if (r < 0)
			goto fail;
		if (ctx->warnings &
		    (VS_W_BLKIO_OFF | VS_W_PERMISSION | VS_W_VANISHED | VS_W_READ_ERROR))
			vs_complain(&c->complaint, VS_LOG_WARNING,
				    "guest %s: some figures could not be read%s%s%s", c->name,
				    ctx->warnings & VS_W_VANISHED ? " (cgroup gone)" : "",
				    ctx->warnings & VS_W_PERMISSION ? " (permission denied)" : "",
				    ctx->warnings & VS_W_READ_ERROR ? " (unexpected content)" : "");
		else
			vs_complaint_clear(&c->complaint, c->name);
		if (warnings & VS_W_BLKIO_OFF) {
			/* The zeros v1 reports then are not measurements. */
			vs_metrics_clear_group(&ctx->m, VS_G_IO);
			ctx->warnings |= VS_W_BLKIO_OFF;
		}
		warnings |= ctx->warnings;
	}
	snap->running = running;
	snap->defined = defined;
	r = smp_pagescan_sample(s, snap, mono);
	if (r < 0)
		goto fail;
	for (size_t i = 0; i < snap->n; i++)
		warnings |= snap->ctx[i].warnings;

	/* Rates need two consecutive samples of the same guest incarnation. */
	if (s->prev) {
		smp_model_rates(&snap->host.m, &s->prev->host.m, snap->interval);
		for (size_t i = 1; i < snap->n; i++) {
			const struct vs_context *p = vs_snapshot_find(s->prev, snap->ctx[i].xid);
			if (p && p->generation == snap->ctx[i].generation &&
			    p->state == VS_STATE_RUNNING)
				smp_model_rates(&snap->ctx[i].m, &p->m, snap->interval);
		}
	}
	if (sig != s->prev_running_sig)
		s->ctx0_generation++;
	s->prev_running_sig = sig;
	snap->ctx[0].generation = s->ctx0_generation;
	smp_model_context0(snap, s->prev);

	/* Overcommitment: the running guests' memory limits against RAM. */
	{
		uint64_t sum = 0, v;
		bool all = true;
		for (size_t i = 1; i < snap->n; i++) {
			if (snap->ctx[i].state != VS_STATE_RUNNING)
				continue;
			if (vs_metrics_get_u64(&snap->ctx[i].m, VS_F_MEM_LIMIT_BYTES, &v) == 0)
				sum += v;
			else
				all = false;
		}
		if (all)
			vs_metrics_set_u64(&snap->host.m, VS_F_MEM_LIMIT_SUM_BYTES, sum);
	}
	snap->warnings = warnings;

	vs_snapshot_unref(s->prev);
	s->prev = vs_snapshot_ref(snap);
	smp_history_push(s, snap);
	*out = snap;
	return 0;
fail:
	vs_snapshot_unref(snap);
	return r;
}

struct vs_snapshot *vs_sampler_latest(struct vs_sampler *s)
{
	return vs_snapshot_ref(s->prev);
}

size_t vs_sampler_history(struct vs_sampler *s, struct vs_snapshot **out, size_t max)
{
	size_t n = s->ring_count < max ? s->ring_count : max;
	size_t skip = s->ring_count - n;
	for (size_t i = 0; i < n; i++)
		out[i] = vs_snapshot_ref(s->ring[(s->ring_head + skip + i) % s->history_len]);
	return n;
}
