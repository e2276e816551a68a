/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsmon-snmp: state shared by the modules of the subagent. Everything here runs on
 * the one thread that makes net-snmp calls. */
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
	double latest_mono;	    /* monotonic seconds when it was taken */
	struct vsa_track *track;
	struct vsa_track_opts notify;
	double start_mono; /* the agent's clock: vsmonAgentUpTime counts from here */
	bool agentx_up;	   /* connected to the master */
};

extern struct vsa vsa; /* one agent per process */

double vsa_mono(void);
uint32_t vsa_uptime_ticks(void); /* hundredths of a second since start */

/* Sample now (alarm and first use), update the tracker, send notifications. */
int vsa_sample(void);

/* A new reference to the newest snapshot, sampling first if there is none or it is
 * older than the sample interval; NULL if sampling fails. */
struct vs_snapshot *vsa_latest_ref(void);

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
