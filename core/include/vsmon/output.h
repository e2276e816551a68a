/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Rendering snapshots for scripts: JSON Lines, CSV and a plain text table.
 * Shared by vstop -b and any tool with -o FORMAT. */
#ifndef VSMON_OUTPUT_H
#define VSMON_OUTPUT_H

#include <stdio.h>
#include "snapshot.h"

enum vs_output_format { VS_OUT_TEXT, VS_OUT_JSON, VS_OUT_CSV };

int vs_output_format_parse(const char *s, enum vs_output_format *out); /* -EINVAL if unknown */

/* Write one sample. For CSV the header line is written when first is nonzero. */
int vs_output_snapshot(FILE *f, const struct vs_snapshot *s, enum vs_output_format fmt, int first);

/* The field groups (1u << enum vs_group) a format prints, for vs_sampler_set_groups:
 * text shows the default columns only; 0 (all) for JSON and CSV. */
unsigned vs_output_groups(enum vs_output_format fmt);

/* Format a value for humans ("1.5G", "12.3", "-" when unknown) into buf. */
void vs_format_value(char *buf, size_t len, const struct vs_field *f, const struct vs_metrics *m,
		     int human);

#endif
