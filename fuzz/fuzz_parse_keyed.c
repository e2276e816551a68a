// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_keyed with the key sets the engine uses, and the single-value parsers. */
#include <stdbool.h>

#include "fuzz.h"
#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {"usage_usec",  "nr_throttled", "MemTotal", "rchar",
					   "write_bytes", "total_rss",	  "oom_kill", "max",
					   "anon",	  "Pss",	  NULL};
	uint64_t vals[10], found, v;
	bool unl;
	char *s = fuzz_str(data, size);

	if (vs_parse_keyed(s, keys, vals, &found) == 0)
		for (int i = 0; i < 10; i++)
			if (found & (UINT64_C(1) << i))
				(void)vals[i]; /* every found value was written */
	(void)vs_parse_u64(s, &v);
	(void)vs_parse_limit(s, &v, &unl);
	free(s);
	return 0;
}
