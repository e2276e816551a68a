// SPDX-License-Identifier: GPL-2.0-or-later
/* The sampling thread. Sampling 1000 contexts takes about half a second here; done
 * in the main loop it would hold every AgentX request that long. The thread only
 * drives the sampler (which it owns) and makes no net-snmp call: it hands each new
 * snapshot, and each message of the engine, to the main loop through a pipe that
 * the main loop watches with register_readfd(). Snapshots are immutable with
 * atomic reference counts, so passing one across threads is safe. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent.h"

struct sampling_msg {
	struct vs_snapshot *snap; /* a new sample, or NULL for a log message */
	int level;
	char *text;
	double took_sec;
	int err; /* sampling failed: -errno */
};

static struct {
	pthread_t thread;
	bool running;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	int pipe[2];
	pthread_t main_thread;
} sampling = {.lock = PTHREAD_MUTEX_INITIALIZER, .pipe = {-1, -1}};

static void sampling_send(const struct sampling_msg *m)
{
	/* a pointer-sized record: atomic on a pipe; if the main loop is stuck long
	 * enough to fill it, dropping a sample or a message is the right thing */
	if (write(sampling.pipe[1], m, sizeof(*m)) != (ssize_t)sizeof(*m)) {
		vs_snapshot_unref(m->snap);
		free(m->text);
	}
}

/* libvsmon's messages: straight to net-snmp's log on the main thread, through the
 * pipe from the sampling thread. */
void vsa_log(void *userdata, enum vs_log_level level, const char *msg)
{
	(void)userdata;
	if (!sampling.running || pthread_equal(pthread_self(), sampling.main_thread)) {
		snmp_log((int)level, "%s\n", msg);
		return;
	}
	struct sampling_msg m = {.level = (int)level, .text = strdup(msg)};
	if (m.text)
		sampling_send(&m);
}

static void *sampling_main(void *arg)
{
	struct vs_sampler *sampler = arg;
	struct timespec next;
	double iv = vsa.cfg->sample_interval_sec;
	clock_gettime(CLOCK_MONOTONIC, &next);
	pthread_mutex_lock(&sampling.lock);
	for (;;) {
		next.tv_sec += (time_t)iv;
		next.tv_nsec += (long)((iv - (double)(time_t)iv) * 1e9);
		if (next.tv_nsec >= 1000000000L) {
			next.tv_sec++;
			next.tv_nsec -= 1000000000L;
		}
		while (!sampling.stop &&
		       pthread_cond_timedwait(&sampling.wake, &sampling.lock, &next) != ETIMEDOUT) {
		}
		if (sampling.stop)
			break;
		pthread_mutex_unlock(&sampling.lock);
		struct sampling_msg m = {0};
		double t0 = vsa_mono();
		m.err = vs_sampler_sample(sampler, &m.snap);
		m.took_sec = vsa_mono() - t0;
		if (m.err < 0)
			m.snap = NULL;
		sampling_send(&m);
		pthread_mutex_lock(&sampling.lock);
		/* fell behind (a slow sample): start the next interval from now */
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > next.tv_sec + (time_t)iv)
			next = now;
	}
	pthread_mutex_unlock(&sampling.lock);
	return NULL;
}

/* Main loop: the pipe is readable. */
static void sampling_drain(int fd, void *arg)
{
	struct sampling_msg m;
	(void)arg;
	while (read(fd, &m, sizeof(m)) == (ssize_t)sizeof(m)) {
		if (m.text) {
			snmp_log(m.level, "%s\n", m.text);
			free(m.text);
			continue;
		}
		DEBUGMSGTL(("vsmon", "sample took %.3f s\n", m.took_sec));
		if (m.err < 0) {
			snmp_log(LOG_ERR, "sampling failed: %s\n", strerror(-m.err));
			continue;
		}
		vsa_take(m.snap);
		vs_snapshot_unref(m.snap);
	}
}

int vsa_sampling_start(void)
{
	int r;
	sampling.main_thread = pthread_self();
	if (sampling.pipe[0] < 0) {
		if (pipe2(sampling.pipe, O_CLOEXEC | O_NONBLOCK) < 0)
			return -errno;
		register_readfd(sampling.pipe[0], sampling_drain, NULL);
	}
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&sampling.wake, &ca);
	pthread_condattr_destroy(&ca);
	sampling.stop = false;
	sampling.running = true; /* before the thread can log */
	r = pthread_create(&sampling.thread, NULL, sampling_main, vsa.sampler);
	if (r) {
		sampling.running = false;
		pthread_cond_destroy(&sampling.wake);
		return -r;
	}
	return 0;
}

void vsa_sampling_stop(void)
{
	if (!sampling.running)
		return;
	pthread_mutex_lock(&sampling.lock);
	sampling.stop = true;
	pthread_cond_signal(&sampling.wake);
	pthread_mutex_unlock(&sampling.lock);
	pthread_join(sampling.thread, NULL);
	pthread_cond_destroy(&sampling.wake);
	sampling.running = false;
	/* what it sent before it stopped: taken now, from the old sampler */
	sampling_drain(sampling.pipe[0], NULL);
}

void vsa_sampling_close(void)
{
	vsa_sampling_stop();
	if (sampling.pipe[0] >= 0) {
		unregister_readfd(sampling.pipe[0]);
		close(sampling.pipe[0]);
		close(sampling.pipe[1]);
		sampling.pipe[0] = sampling.pipe[1] = -1;
	}
}
