// SPDX-License-Identifier: GPL-2.0-or-later
/* Samples through the public sampler API with the deep and disk groups asked for
 * (vstop does not ask for them yet) and prints JSON lines like vstop -b -o json.
 *   pagescan-sample COUNT DELAY_SEC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vsmon/vsmon.h>

int main(int argc, char **argv)
{
	struct vs_config *cfg = NULL;
	struct vs_sampler *s = NULL;
	char *err = NULL;
	int count = argc > 1 ? atoi(argv[1]) : 1;
	double delay = argc > 2 ? atof(argv[2]) : 0.5;
	int r;

	vs_log_set_handler(vs_log_stderr, "pagescan-sample");
	r = vs_config_load(vs_config_path(NULL, false), false, &cfg, &err);
	if (r < 0) {
		fprintf(stderr, "pagescan-sample: %s\n", err ? err : "cannot load config");
		return 2;
	}
	struct vs_sampler_opts o = {
	    .config = cfg,
	    .groups = (1u << VS_G_CPU) | (1u << VS_G_MEM) | (1u << VS_G_TASKS) |
		      (1u << VS_G_SMAPS) | (1u << VS_G_DEEP) | (1u << VS_G_DISK),
	};
	if (vs_sampler_new(&o, &s) < 0)
		return 1;
	for (int i = 0; i < count; i++) {
		struct vs_snapshot *snap;
		if (i)
			usleep((useconds_t)(delay * 1e6));
		if (vs_sampler_sample(s, &snap) < 0)
			return 1;
		vs_output_snapshot(stdout, snap, VS_OUT_JSON, i == 0);
		vs_snapshot_unref(snap);
	}
	vs_sampler_free(s);
	vs_config_free(cfg);
	return 0;
}
