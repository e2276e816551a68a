// SPDX-License-Identifier: GPL-2.0-or-later
/* cg_v1_apply / cg_v2_apply / cg_psi_apply: the first byte picks the file and the
 * backend, the rest is the file's text. A failed apply must set no field. */
#include "cgroup/backend.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vs_metrics m = {0}, zero = {0};
	struct cg_scratch sc = {0};
	enum cg_file f;
	int r;
	char *s;

	if (size < 1)
		return 0;
	f = (enum cg_file)((data[0] & 0x7f) % CGF__COUNT);
	s = fuzz_str(data + 1, size - 1);
	if (data[0] & 0x80)
		r = cg_v2_apply(f, s, &m, &sc);
	else
		r = cg_v1_apply(f, s, &m, &sc);
	if (r < 0 && memcmp(m.valid, zero.valid, sizeof(m.valid)) != 0)
		abort();
	cg_v1_finish(&m, &sc);
	(void)cg_psi_apply(f, s, &m);
	free(s);
	return 0;
}
