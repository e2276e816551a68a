// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_pid_stat: /proc/PID/stat (comm with spaces and parentheses). */
#include <stdbool.h>

#include "fuzz.h"
#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct vs_pid_stat st;
	if (vs_parse_pid_stat(s, &st) == 0 && strlen(st.comm) >= sizeof(st.comm))
		abort();
	free(s);
	return 0;
}
