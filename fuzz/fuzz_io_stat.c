// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_io_stat: io.stat (v2). */
#include <stdbool.h>

#include "fuzz.h"
#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	uint64_t o[4];
	(void)vs_parse_io_stat(s, o);
	free(s);
	return 0;
}
