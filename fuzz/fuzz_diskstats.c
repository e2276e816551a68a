// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_diskstats: /proc/diskstats, with and without a filter. */
#include <stdbool.h>

#include "fuzz.h"
#include "util/parse.h"

static bool fuzz_want(const char *name, void *data)
{
	(void)data;
	return name[0] == 'v' || strlen(name) > 3;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	uint64_t o[4];
	(void)vs_parse_diskstats(s, fuzz_want, NULL, o);
	(void)vs_parse_diskstats(s, NULL, NULL, o);
	free(s);
	return 0;
}
