// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_config_parse_string: vsmon.conf. Exactly one of config and message comes back. */
#include <errno.h>
#include <vsmon/config.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vs_config *c = NULL;
	char *err = NULL, *s = fuzz_str(data, size);
	double d;
	int r = vs_config_parse_string(s, "fuzz.conf", &c, &err);

	if ((r == 0) != (c != NULL) || (r == -EINVAL && !err))
		abort();
	vs_config_free(c);
	free(err);
	(void)vs_parse_duration(s, &d);
	free(s);
	return 0;
}
