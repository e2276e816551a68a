// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_proc_stat: /proc/stat. */
#include <stdbool.h>

#include "fuzz.h"
#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct vs_proc_stat st;
	(void)vs_parse_proc_stat(s, &st);
	free(s);
	return 0;
}
