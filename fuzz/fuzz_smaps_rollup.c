// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: the smaps_rollup parser must never crash, overflow or read past
 * the buffer, whatever a hostile or future kernel writes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pagescan/pagescan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vs_rollup r;
	char *buf = malloc(size + 1);

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	(void)vs_rollup_parse(buf, &r);
	free(buf);
	return 0;
}
