// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_cpuacct_all: cpuacct.usage_all (v1). Outputs untouched on failure. */
#include <stdbool.h>

#include "fuzz.h"
#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	uint64_t u = 7, y = 7;
	if (vs_parse_cpuacct_all(s, &u, &y) < 0 && (u != 7 || y != 7))
		abort();
	free(s);
	return 0;
}
