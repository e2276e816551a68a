// SPDX-License-Identifier: GPL-2.0-or-later
/* vsmon-snmp: the AgentX subagent serving VSMON-MIB. Canonical net-snmp subagent
 * start-up; one thread makes every net-snmp call: agent_check_and_process() runs
 * AgentX pings and cache expiry as alarms (never SIGALRM), takes each new sample
 * from the sampling thread (sampling.c) and sends notifications. SIGTERM/SIGINT
 * stop, SIGHUP reloads the configuration. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>

#include "agent.h"

#define MAIN_DEFAULT_PING_SEC 5

struct vsa vsa;

static struct {
	const char *config_path; /* -c */
	const char *agentx;	 /* -x, overrides agentx_socket */
	bool foreground;	 /* -f */
	bool log_set;		 /* -L given */
	int ping_sec;		 /* -P */
} main_opt = {.ping_sec = MAIN_DEFAULT_PING_SEC};

static int main_sigpipe[2] = {-1, -1};
static volatile sig_atomic_t main_stop, main_reload;

double vsa_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

uint32_t vsa_uptime_ticks(void)
{
	return (uint32_t)(uint64_t)((vsa_mono() - vsa.start_mono) * 100);
}

static void main_notify_opts(void)
{
	vsa.notify = (struct vsa_track_opts){
	    .notify_state = vsa.cfg->snmp_notify_state,
	    .notify_limit = vsa.cfg->snmp_notify_limit,
	    .notify_oom = vsa.cfg->snmp_notify_oom,
	    .min_interval_sec = vsa.cfg->snmp_notify_min_interval_sec,
	};
}

void vsa_take(struct vs_snapshot *s)
{
	const struct vs_context **ctx = NULL;
	struct vsa_event *ev = NULL;
	size_t n = vs_snapshot_count(s), nev = 0;

	ctx = calloc(n ? n : 1, sizeof(*ctx));
	if (!ctx)
		return;
	for (size_t i = 0; i < n; i++)
		ctx[i] = vs_snapshot_at(s, i);
	if (vsa_track_update(vsa.track, ctx, n, &vsa.notify, vsa_uptime_ticks(), vsa_mono(), &ev,
			     &nev) == 0) {
		vsa_notify(s, ev, nev);
		free(ev);
	}
	free(ctx);
	vs_snapshot_unref(vsa.latest);
	vsa.latest = vs_snapshot_ref(s);
}

int vsa_sample(void)
{
	struct vs_snapshot *s = NULL;
	int r = vs_sampler_sample(vsa.sampler, &s);
	if (r < 0) {
		snmp_log(LOG_ERR, "sampling failed: %s\n", strerror(-r));
		return r;
	}
	vsa_take(s);
	vs_snapshot_unref(s);
	return 0;
}

struct vs_snapshot *vsa_latest_ref(void)
{
	return vsa.latest ? vs_snapshot_ref(vsa.latest) : NULL;
}

static void main_on_signal(int sig)
{
	int saved = errno;
	if (sig == SIGHUP)
		main_reload = 1;
	else
		main_stop = 1;
	/* wake the select() in agent_check_and_process */
	if (main_sigpipe[1] >= 0 && write(main_sigpipe[1], "x", 1) < 0) {
		/* pipe full: a wake-up is already pending */
	}
	errno = saved;
}

static void main_drain_pipe(int fd, void *arg)
{
	char buf[64];
	(void)arg;
	while (read(fd, buf, sizeof(buf)) > 0) {
	}
}

static int main_sampler_new(const struct vs_config *cfg, struct vs_sampler **out)
{
	struct vs_sampler_opts o = {.config = cfg};
	return vs_sampler_new(&o, out);
}

static const char *main_config_path(void)
{
	return vs_config_path(main_opt.config_path, getuid() != geteuid());
}

static int main_load_config(struct vs_config **out)
{
	const char *path = main_config_path();
	char *err = NULL;
	/* the default file may be absent (defaults); one named by -c or VSMON_CONF may not */
	int r = vs_config_load(path, strcmp(path, VS_CONFIG_DEFAULT_PATH) == 0, out, &err);
	if (r < 0) {
		snmp_log(LOG_ERR, "%s\n", err ? err : strerror(-r));
		free(err);
	}
	return r;
}

/* SIGHUP: a new config, a new sampler; the tracker (discontinuities, pending
 * notifications) and the served snapshot stay. A bad file keeps the old one. */
static void main_reload_config(void)
{
	struct vs_config *cfg = NULL;
	struct vs_sampler *sampler = NULL;
	if (main_load_config(&cfg) < 0) {
		snmp_log(LOG_ERR, "reload failed; keeping the previous configuration\n");
		return;
	}
	int r = main_sampler_new(cfg, &sampler);
	if (r < 0) {
		snmp_log(LOG_ERR,
			 "reload: cannot start the sampler: %s; keeping the previous "
			 "configuration\n",
			 strerror(-r));
		vs_config_free(cfg);
		return;
	}
	if (!main_opt.agentx && strcmp(cfg->agentx_socket, vsa.cfg->agentx_socket) != 0)
		snmp_log(LOG_WARNING, "agentx_socket changed to %s: takes effect on restart\n",
			 cfg->agentx_socket);
	vsa_sampling_stop();
	vs_sampler_free(vsa.sampler);
	vs_config_free(vsa.cfg);
	vsa.sampler = sampler;
	vsa.cfg = cfg;
	main_notify_opts();
	unsigned period = (unsigned)ceil(cfg->sample_interval_sec);
	vsa_ctxtable_set_timeout(period);
	vsa_limittable_set_timeout(period);
	snmp_log(LOG_INFO, "reloaded %s\n", main_config_path());
	vsa_sample();
	if (vsa_sampling_start() < 0)
		snmp_log(LOG_ERR, "cannot restart the sampling thread: serving the last sample\n");
}

static const char *main_agentx_address(void)
{
	return main_opt.agentx ? main_opt.agentx : vsa.cfg->agentx_socket;
}

static int main_agentx_up(int major, int minor, void *server, void *client)
{
	(void)major;
	(void)minor;
	(void)server;
	(void)client;
	vsa.agentx_up = true;
	snmp_log(LOG_NOTICE, "connected to the AgentX master at %s\n", main_agentx_address());
	return 0;
}

static int main_agentx_down(int major, int minor, void *server, void *client)
{
	(void)major;
	(void)minor;
	(void)server;
	(void)client;
	vsa.agentx_up = false;
	snmp_log(LOG_WARNING, "lost the AgentX master at %s; retrying every %d s\n",
		 main_agentx_address(), main_opt.ping_sec);
	return 0;
}

static void main_usage(FILE *f)
{
	fprintf(f,
		"Usage: vsmon-snmp [-c FILE] [-x AGENTX-SOCKET] [-f] [-P SECONDS] [-L LOGOPTS]\n"
		"                  [-D[TOKENS]]\n"
		"       vsmon-snmp --dump-oids | -h | -V\n"
		"AgentX subagent serving VSMON-MIB (every vsmon context's accounting).\n"
		"  -c FILE     vsmon configuration (default $VSMON_CONF or %s)\n"
		"  -x SOCKET   AgentX master address (default: agentx_socket of the config)\n"
		"  -f          stay in the foreground (default: detach)\n"
		"  -P SECONDS  agentXPingInterval: how often to check and re-attach to the\n"
		"              master (default %d)\n"
		"  -L LOGOPTS  net-snmp logging: -Le stderr, -Ls daemon syslog, -Lf FILE ...\n"
		"              (default: stderr with -f, syslog otherwise)\n"
		"  -D[TOKENS]  net-snmp debug output for TOKENS (all when empty)\n"
		"  --dump-oids print every OID served (name, OID, type) and exit\n"
		"  -h, -V      help, version\n",
		VS_CONFIG_DEFAULT_PATH, MAIN_DEFAULT_PING_SEC);
}

static int main_parse_args(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"dump-oids", no_argument, NULL, 'O'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	char *end;
	while ((c = getopt_long(argc, argv, "c:x:fP:L:D::hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			main_opt.config_path = optarg;
			break;
		case 'x':
			main_opt.agentx = optarg;
			break;
		case 'f':
			main_opt.foreground = true;
			break;
		case 'P':
			errno = 0;
			main_opt.ping_sec = (int)strtol(optarg, &end, 10);
			if (errno || *end || main_opt.ping_sec < 1 || main_opt.ping_sec > 3600) {
				fprintf(stderr, "vsmon-snmp: -P %s: expected seconds, 1 to 3600\n",
					optarg);
				return 2;
			}
			break;
		case 'L':
			if (snmp_log_options(optarg, argc, argv) < 0) {
				fprintf(stderr, "vsmon-snmp: -L %s: unknown log option\n", optarg);
				return 2;
			}
			main_opt.log_set = true;
			break;
		case 'D':
			debug_register_tokens(optarg);
			snmp_set_do_debugging(1);
			break;
		case 'O':
			vsa_dump_oids();
			return 0;
		case 'h':
			main_usage(stdout);
			return 0;
		case 'V':
			printf("vsmon-snmp %s (net-snmp %s)\n", VSMON_VERSION,
			       netsnmp_get_version());
			return 0;
		default:
			main_usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "vsmon-snmp: unexpected argument '%s'\n", argv[optind]);
		main_usage(stderr);
		return 2;
	}
	return -1; /* go on */
}

static int main_setup_signals(void)
{
	struct sigaction sa;
	if (pipe2(main_sigpipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = main_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* One sampler per 1000 contexts keeps ~6000 files open: raise the soft limit. */
static void main_raise_nofile(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int main(int argc, char **argv)
{
	int rc = main_parse_args(argc, argv);
	int r;
	if (rc >= 0)
		return rc;
	if (!main_opt.log_set) {
		/* start-up errors reach the terminal; detaching closes stderr */
		snmp_enable_stderrlog();
		if (!main_opt.foreground)
			snmp_enable_syslog_ident("vsmon-snmp", LOG_DAEMON);
	}
	/* libvsmon never prints: its messages go to net-snmp's log (stderr or syslog) */
	vs_log_set_handler(vsa_log, NULL);
	main_raise_nofile();
	vsa.start_mono = vsa_mono();
	rc = 1;

	if (main_load_config(&vsa.cfg) < 0)
		return 1;
	main_notify_opts();
	r = main_sampler_new(vsa.cfg, &vsa.sampler);
	if (r < 0) {
		snmp_log(LOG_ERR, "cannot start the sampler: %s\n", strerror(-r));
		goto out;
	}
	if (vsa_track_new(&vsa.track) < 0)
		goto out;
	if (main_setup_signals() < 0) {
		snmp_log(LOG_ERR, "cannot set up signals: %s\n", strerror(errno));
		goto out;
	}
	if (!main_opt.foreground && netsnmp_daemonize(1, !main_opt.log_set) != 0) {
		snmp_log(LOG_ERR, "cannot detach\n");
		goto out;
	}

	/* canonical subagent start-up (net-snmp's subagent.m2c) */
	netsnmp_enable_subagent();
	netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET,
			      main_agentx_address());
	/* we log connection changes ourselves, once, instead of every retry */
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_NO_CONNECTION_WARNINGS,
			       1);
	/* alarms run from agent_check_and_process(), not SIGALRM */
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_ALARM_DONT_USE_SIG, 1);
	/* a read-only agent has no state worth persisting under /var/lib/snmp */
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
	snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_START,
			       main_agentx_up, NULL);
	snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_STOP,
			       main_agentx_down, NULL);
	init_agent("vsmon-snmp");
	/* after init_agent, which sets its own default (15 s) */
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL,
			   main_opt.ping_sec);

	/* the first sample is the tracker's baseline; tables serve it at once */
	vsa_sample();
	if (vsa_scalars_register() || vsa_ctxtable_register() || vsa_limittable_register()) {
		snmp_log(LOG_ERR, "cannot register VSMON-MIB\n");
		goto shutdown;
	}
	init_snmp("vsmon-snmp");
	if (vsa_sampling_start() < 0) {
		snmp_log(LOG_ERR, "cannot start the sampling thread\n");
		goto shutdown;
	}
	register_readfd(main_sigpipe[0], main_drain_pipe, NULL);
	if (!vsa.agentx_up)
		snmp_log(LOG_WARNING, "AgentX master at %s not reachable; retrying every %d s\n",
			 main_agentx_address(), main_opt.ping_sec);
	snmp_log(LOG_INFO, "vsmon-snmp %s started: %zu contexts, sampling every %g s\n",
		 VSMON_VERSION, vsa.latest ? vs_snapshot_count(vsa.latest) : 0,
		 vsa.cfg->sample_interval_sec);

	while (!main_stop) {
		agent_check_and_process(1);
		if (main_reload) {
			main_reload = 0;
			main_reload_config();
		}
	}
	snmp_log(LOG_INFO, "vsmon-snmp stopping\n");
	rc = 0;
shutdown:
	vsa_sampling_close();
	unregister_readfd(main_sigpipe[0]);
	vsa_ctxtable_shutdown();
	vsa_limittable_shutdown();
	snmp_shutdown("vsmon-snmp");
	shutdown_agent();
	vsa_ctxtable_free();
	vsa_limittable_free();
out:
	vsa.latest = vs_snapshot_unref(vsa.latest);
	vsa.track = vsa_track_free(vsa.track);
	vs_sampler_free(vsa.sampler);
	vs_config_free(vsa.cfg);
	if (main_sigpipe[0] >= 0) {
		close(main_sigpipe[0]);
		close(main_sigpipe[1]);
	}
	return rc;
}
