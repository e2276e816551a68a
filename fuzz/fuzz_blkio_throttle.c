// SPDX-License-Identifier: GPL-2.0-or-later
/* vs_parse_blkio_throttle and vs_blkio_has_devices: v1 blkio.throttle.*. */
#include <stdbool.h>

#include "fuzz.h"
#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	uint64_t o[2];
	(void)vs_parse_blkio_throttle(s, o);
	(void)vs_blkio_has_devices(s);
	free(s);
	return 0;
}
