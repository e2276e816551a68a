/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsmon-snmp: state shared by the modules of the subagent. Everything here runs on
 * the one thread that makes net-snmp calls, except the sampling thread of
 * sampling.c, which only drives vsa.sampler. */
#ifndef VSA_AGENT_H
#define VSA_AGENT_H

#include <stdbool.h>
#include <stdint.h>

#include <vsmon/vsmon.h>

#include "track.h"

struct vsa {
	struct vs_config *cfg;
	struct vs_sampler *sampler;
	struct vs_snapshot *latest; /* newest sample; the tables' caches take references */
	struct vsa_track *track;
	struct vsa_track_opts notify;
	double start_mono; /* the agent's clock: vsmonAgentUpTime counts from here */
	bool agentx_up;	   /* connected to the master */
};

extern struct vsa vsa; /* one agent per process */

double vsa_mono(void);
uint32_t vsa_uptime_ticks(void); /* hundredths of a second since start */

/* Sample now, on the main thread (start-up, reload), then vsa_take() it. */
int vsa_sample(void);

/* A new sample (main thread): update the tracker, send notifications, serve it. */
void vsa_take(struct vs_snapshot *s);

/* A new reference to the newest snapshot; NULL before the first successful sample. */
struct vs_snapshot *vsa_latest_ref(void);

/* The sampling thread (sampling.c): it owns vsa.sampler while it runs. Stop it
 * before touching vsa.sampler or vsa.cfg; close at exit. */
int vsa_sampling_start(void);
void vsa_sampling_stop(void);
void vsa_sampling_close(void);
void vsa_log(void *userdata, enum vs_log_level level, const char *msg); /* libvsmon's */

/* Registration of the MIB's parts (net-snmp handlers). */
int vsa_scalars_register(void);
int vsa_ctxtable_register(void);
int vsa_limittable_register(void);
void vsa_ctxtable_set_timeout(unsigned sec); /* cache period after a reload */
void vsa_limittable_set_timeout(unsigned sec);
void vsa_ctxtable_shutdown(void); /* drop the rows and the snapshot they point into */
void vsa_limittable_shutdown(void);
void vsa_ctxtable_free(void); /* after shutdown_agent(): what net-snmp does not free */
void vsa_limittable_free(void);

/* Send the notifications for these events (from the main loop). */
void vsa_notify(const struct vs_snapshot *s, const struct vsa_event *ev, size_t n);

/* Print every OID the agent serves, "name oid type field-key|-" (for the MIB
 * cross-check and the tests that compare with vstop -b -o json). */
void vsa_dump_oids(void);

#endif
