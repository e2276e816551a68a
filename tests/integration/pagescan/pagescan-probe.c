// SPDX-License-Identifier: GPL-2.0-or-later
/* Test driver for the pagescan module: prints the cheap and deep tiers for test
 * contexts as JSON lines, so shell tests can check them with jq.
 *   pagescan-probe [--maps] [--no-rest] NAME=MEMCG_DIR...
 * Every process not in a listed cgroup forms context "rest" (the host), unless
 * --no-rest: then "rest" is empty (the maps walk of a sanitizer's terabytes of shadow
 * mappings takes minutes; only the listed contexts are compared there). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vsmon/log.h>

#include "pagescan/pagescan.h"
#include "util/fileio.h"
#include "util/parse.h"

struct probe_ctx {
	const char *name;
	pid_t *pids;
	size_t npids;
	uint64_t *inos;
	size_t ninos;
};

static void probe_push_pid(int pid, void *data)
{
	struct probe_ctx *c = data;
	pid_t *p = realloc(c->pids, (c->npids + 1) * sizeof(*p));
	if (!p)
		exit(1);
	p[c->npids++] = pid;
	c->pids = p;
}

static bool probe_listed(const struct probe_ctx *ctx, size_t n, pid_t pid)
{
	for (size_t c = 0; c < n; c++)
		for (size_t i = 0; i < ctx[c].npids; i++)
			if (ctx[c].pids[i] == pid)
				return true;
	return false;
}

int main(int argc, char **argv)
{
	struct probe_ctx ctx[64] = {{0}};
	struct vs_deep_ctx dctx[64];
	struct vs_deep_ctx_result res[64];
	struct vs_deep_template tmpl[1];
	struct vs_deep_host host;
	struct vs_pagescan *ps;
	size_t n = 0;
	bool maps = false, no_rest = false;
	DIR *d;
	struct dirent *de;
	int r;

	vs_log_set_handler(vs_log_stderr, NULL);
	for (int i = 1; i < argc; i++) {
		char *eq, *procs, *buf = NULL;
		size_t len;
		if (strcmp(argv[i], "--maps") == 0) {
			maps = true;
			continue;
		}
		if (strcmp(argv[i], "--no-rest") == 0) {
			no_rest = true;
			continue;
		}
		eq = strchr(argv[i], '=');
		if (!eq || n >= 63) {
			fprintf(stderr, "usage: pagescan-probe [--maps] NAME=MEMCG_DIR...\n");
			return 2;
		}
		*eq = '\0';
		ctx[n].name = argv[i];
		procs = vs_path_join(eq + 1, "cgroup.procs");
		if (!procs || vs_read_file(AT_FDCWD, procs, 1 << 20, &buf, &len) < 0 ||
		    vs_parse_pid_list(buf, probe_push_pid, &ctx[n]) < 0 ||
		    vs_pagescan_memcg_inos(eq + 1, &ctx[n].inos, &ctx[n].ninos) < 0) {
			fprintf(stderr, "pagescan-probe: %s: cannot read the cgroup\n", eq + 1);
			return 1;
		}
		free(buf);
		free(procs);
		n++;
	}
	/* The rest of the host: every other process. */
	ctx[n].name = "rest";
	d = opendir("/proc");
	while (d && !no_rest && (de = readdir(d))) {
		int pid = atoi(de->d_name);
		if (pid > 0 && !probe_listed(ctx, n, pid))
			probe_push_pid(pid, &ctx[n]);
	}
	if (d)
		closedir(d);
	n++;

	r = vs_pagescan_new("/proc", &ps);
	if (r < 0)
		return 1;
	vs_pagescan_force_maps_walk(ps, maps);
	for (size_t c = 0; c < n; c++)
		dctx[c] = (struct vs_deep_ctx){ctx[c].pids,  ctx[c].npids, ctx[c].inos,
					       ctx[c].ninos, c == n - 1,   c + 1 < n ? 0 : -1};
	r = vs_pagescan_deep(ps, dctx, n, res, tmpl, 1, &host);
	if (r < 0) {
		fprintf(stderr, "pagescan-probe: deep scan: %s\n", strerror(-r));
		printf("{\"deep\":\"unavailable\",\"error\":%d}\n", -r);
	}
	for (size_t c = 0; c < n; c++) {
		struct vs_rollup_sum s;
		vs_pagescan_rollup(ps, ctx[c].pids, ctx[c].npids, &s);
		printf("{\"name\":\"%s\",\"procs\":%zu,\"rss_bytes\":%llu,\"pss_bytes\":%llu,"
		       "\"uss_bytes\":%llu,\"shared_bytes\":%llu,\"partial\":%s",
		       ctx[c].name, ctx[c].npids, (unsigned long long)s.total.rss,
		       (unsigned long long)s.total.pss, (unsigned long long)s.total.uss,
		       (unsigned long long)s.total.shared, s.partial ? "true" : "false");
		if (r == 0)
			printf(",\"deep_rss_bytes\":%llu,\"deep_pss_bytes\":%llu,\"distinct_"
			       "bytes\":%llu,"
			       "\"cross_shared_bytes\":%llu,\"charged_to_others_bytes\":%llu,"
			       "\"charged_for_others_bytes\":%llu,\"shared_with_2_bytes\":%llu,"
			       "\"shared_with_3_9_bytes\":%llu,\"shared_with_10_plus_bytes\":%llu",
			       (unsigned long long)res[c].rss_bytes,
			       (unsigned long long)res[c].pss_bytes,
			       (unsigned long long)res[c].distinct_bytes,
			       (unsigned long long)res[c].cross_shared_bytes,
			       (unsigned long long)res[c].charged_to_others_bytes,
			       (unsigned long long)res[c].charged_for_others_bytes,
			       (unsigned long long)res[c].shared_with_2_bytes,
			       (unsigned long long)res[c].shared_with_3_9_bytes,
			       (unsigned long long)res[c].shared_with_10_plus_bytes);
		printf("}\n");
	}
	if (r == 0)
		printf("{\"name\":\"host\",\"deep_rss_bytes\":%llu,\"deep_pss_bytes\":%llu,"
		       "\"distinct_bytes\":%llu,\"saved_bytes\":%llu,\"pages\":%llu,"
		       "\"mem_used_bytes\":%llu,\"template_saved_bytes\":%llu}\n",
		       (unsigned long long)host.rss_bytes, (unsigned long long)host.pss_bytes,
		       (unsigned long long)host.distinct_bytes,
		       (unsigned long long)host.saved_bytes, (unsigned long long)host.pages,
		       (unsigned long long)host.mem_used_bytes,
		       (unsigned long long)tmpl[0].saved_bytes);
	for (size_t c = 0; c < n; c++) {
		free(ctx[c].pids);
		free(ctx[c].inos);
	}
	vs_pagescan_free(ps);
	return r < 0 ? 3 : 0;
}
