// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_state_parse: <run_dir>/<name>.state. A parsed state has a valid name and xid. */
#include <errno.h>
#include <vsmon/state.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vs_guest_state st;
	char *err = NULL, *s = fuzz_str(data, size);

	if (vs_state_parse(s, "fuzz.state", &st, &err) == 0) {
		if (!st.xid || st.xid > VS_XID_MAX || !st.name[0])
			abort();
		vs_state_clear(&st);
	} else if (!err) {
		abort();
	}
	free(err);
	free(s);
	return 0;
}
