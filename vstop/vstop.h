/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VSTOP_H
#define VSTOP_H

#include <stdbool.h>
#include <vsmon/vsmon.h>

struct vstop_args {
	bool batch;
	long iterations; /* 0: until interrupted */
	double delay_sec;
	bool delay_set;
	enum vs_output_format format;
	const char *config_path;
	bool secure; /* running with raised privilege: ignore the caller's environment */
};

/* Batch mode: N samples to stdout. Returns an exit status. */
int vstop_batch(const struct vstop_args *a, struct vs_sampler *s);

/* Interactive viewer; returns an exit status. Without it built, says so. */
int vstop_interactive(const struct vstop_args *a, struct vs_sampler *s, struct vs_config *cfg);

#endif
