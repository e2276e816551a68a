// SPDX-License-Identifier: GPL-2.0-or-later
/* Until the interactive viewer lands (vstop issue), vstop -b is all there is. */
#include <stdio.h>

#include "vstop.h"

int vstop_interactive(const struct vstop_args *a, struct vs_sampler *s, struct vs_config *cfg)
{
	(void)a;
	(void)s;
	(void)cfg;
	fprintf(stderr, "vstop: the interactive viewer is not built yet; use vstop -b\n");
	return 2;
}
