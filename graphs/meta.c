// SPDX-License-Identifier: GPL-2.0-or-later
/* <set dir>/meta: which guest a directory of RRD files belongs to ("name = web1",
 * "xid = 101"), so a directory is never reused for another guest of the same name
 * and the archive page can say whose files it lists. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vsgraph.h"

int vsg_meta_write(const char *dir, const char *name, uint32_t xid)
{
	char *path = vsg_asprintf("%s/meta", dir), *text;
	int r;

	if (!path)
		return -ENOMEM;
	text = vsg_asprintf("# written by vsgraph record\nname = %s\nxid = %" PRIu32 "\n",
			    name ? name : "", xid);
	r = text ? vsg_write_atomic(path, text, strlen(text)) : -ENOMEM;
	free(text);
	free(path);
	return r;
}

int vsg_meta_read(const char *dir, char **name, uint32_t *xid)
{
	char *path = vsg_asprintf("%s/meta", dir), line[256], n[VS_NAME_MAX + 2] = "";
	unsigned long x = 0;
	bool have_xid = false;
	FILE *f;

	if (!path)
		return -ENOMEM;
	f = fopen(path, "re");
	free(path);
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "name = %33s", n) == 1)
			continue;
		if (sscanf(line, "xid = %lu", &x) == 1)
			have_xid = true;
	}
	fclose(f);
	if (!have_xid || x > VS_XID_MAX)
		return -EINVAL;
	if (name && !(*name = strdup(n)))
		return -ENOMEM;
	*xid = (uint32_t)x;
	return 0;
}
