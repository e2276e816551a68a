// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_pid_cgroup: /proc/PID/cgroup. The first byte picks the controller; a
 * found path must lie inside the buffer. */
#include "fuzz.h"
#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ctrls[] = {"", "memory", "cpu", "cpuacct", "pids", "name=systemd"};
	const char *p;
	size_t n;
	char *s;

	if (size < 1)
		return 0;
	s = fuzz_str(data + 1, size - 1);
	if (vs_parse_pid_cgroup(s, ctrls[data[0] % 6], &p, &n) == 0 &&
	    (p < s || p + n > s + size - 1))
		abort();
	free(s);
	return 0;
}
