// SPDX-License-Identifier: GPL-2.0-or-later
/* Built when the engine has no sampler yet: `record` says so; `import` still works. */
#include <errno.h>

#include "vsgraph.h"

int vsg_record_run(const struct vs_config *cfg, bool once)
{
	(void)cfg;
	(void)once;
	vsg_log(VS_LOG_ERR, "record: this build has no sampler (libvsmon without Core I); "
			    "use vsgraph import");
	return -ENOSYS;
}
