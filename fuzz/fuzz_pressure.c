// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_pressure: cgroup *.pressure files and /proc/pressure files. */
#include <stdbool.h>

#include "fuzz.h"
#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct vs_psi p;
	(void)vs_parse_pressure(s, &p);
	free(s);
	return 0;
}
