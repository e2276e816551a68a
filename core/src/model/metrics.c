// SPDX-License-Identifier: GPL-2.0-or-later
#include <vsmon/metrics.h>

int vs_metrics_get_double(const struct vs_metrics *m, enum vs_field_id id, double *out)
{
	if (!vs_metrics_has(m, id))
		return -ENODATA;
	*out = vs_fields[id].type == VS_FT_F64 ? m->v[id].f64 : (double)m->v[id].u64;
	return 0;
}

void vs_metrics_clear_group(struct vs_metrics *m, enum vs_group g)
{
	for (int i = 0; i < VS_F__COUNT; i++)
		if (vs_fields[i].group == g)
			vs_metrics_clear(m, (enum vs_field_id)i);
}

bool vs_metrics_group_any(const struct vs_metrics *m, enum vs_group g)
{
	for (int i = 0; i < VS_F__COUNT; i++)
		if (vs_fields[i].group == g && vs_metrics_has(m, (enum vs_field_id)i))
			return true;
	return false;
}
