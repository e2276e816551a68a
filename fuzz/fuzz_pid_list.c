// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_pid_list: cgroup.procs / tasks; the count must match the calls. */
#include <stdbool.h>

#include "fuzz.h"
#include "util/parse.h"

static void fuzz_count(int pid, void *data)
{
	if (pid <= 0)
		abort();
	(*(long *)data)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	long n = 0, k = vs_parse_pid_list(s, fuzz_count, &n);
	if (k >= 0 && k != n)
		abort();
	free(s);
	return 0;
}
