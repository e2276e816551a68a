// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_loadavg: /proc/loadavg. */
#include <stdbool.h>

#include "fuzz.h"
#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	double l[3];
	uint64_t t;
	(void)vs_parse_loadavg(s, l, &t);
	free(s);
	return 0;
}
