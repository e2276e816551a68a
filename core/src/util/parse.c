// SPDX-License-Identifier: GPL-2.0-or-later
/* Cursor parsers in the style of curl's strparse: small steps that advance a
 * pointer only on success. No allocation, no I/O. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/parse.h"

static const char *parse_skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static const char *parse_next_line(const char *p)
{
	const char *nl = strchr(p, '\n');
	return nl ? nl + 1 : p + strlen(p);
}

/* Digits to u64 with overflow check. Advances *pp. */
static int parse_num(const char **pp, uint64_t *out)
{
	const char *p = *pp;
	uint64_t v = 0;

	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*pp = p;
	*out = v;
	return 0;
}

/* A decimal like 12.34 (PSI, loadavg) without locale: strtod would honour LC_NUMERIC. */
static int parse_fixed(const char **pp, double *out)
{
	const char *p = *pp;
	uint64_t ip = 0;
	double v, scale = 0.1;

	if (parse_num(&p, &ip) < 0)
		return -EINVAL;
	v = (double)ip;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		for (; isdigit((unsigned char)*p); p++, scale /= 10)
			v += (*p - '0') * scale;
	}
	*pp = p;
	*out = v;
	return 0;
}

static bool parse_at_eol(const char *p)
{
	p = parse_skip_blanks(p);
	return *p == '\n' || *p == '\0';
}

int vs_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v;
	const char *p = s;

	if (!s)
		return -EINVAL;
	if (parse_num(&p, &v) < 0)
		return -EINVAL;
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return -EINVAL;
	*out = v;
	return 0;
}

int vs_parse_limit(const char *s, uint64_t *out, bool *unlimited)
{
	const char *p = s;
	uint64_t v;

	if (!s)
		return -EINVAL;
	if (strncmp(p, "max", 3) == 0) {
		p += 3;
		while (isspace((unsigned char)*p))
			p++;
		if (*p)
			return -EINVAL;
		*unlimited = true;
		return 0;
	}
	if (*p == '-') {
		/* cpu.cfs_quota_us writes -1 for no quota */
		p++;
		if (vs_parse_u64(p, &v) < 0)
			return -EINVAL;
		*unlimited = true;
		return 0;
	}
	if (vs_parse_u64(p, &v) < 0)
		return -EINVAL;
	if (v >= (UINT64_C(1) << 62)) {
		*unlimited = true;
		return 0;
	}
	*unlimited = false;
	*out = v;
	return 0;
}

int vs_parse_keyed(const char *buf, const char *const *keys, uint64_t *vals, uint64_t *found)
{
	const char *p = buf;
	uint64_t seen = 0;

	while (*p) {
		const char *k = parse_skip_blanks(p), *e = k;
		size_t klen;
		int idx = -1;

		while (*e && *e != ' ' && *e != '\t' && *e != ':' && *e != '\n')
			e++;
		klen = (size_t)(e - k);
		for (int i = 0; keys[i] && klen; i++) {
			if (strncmp(keys[i], k, klen) == 0 && keys[i][klen] == '\0') {
				idx = i;
				break;
			}
		}
		if (idx >= 0 && idx < 64) {
			const char *v = e;
			uint64_t n;
			if (*v == ':')
				v++;
			v = parse_skip_blanks(v);
			if (parse_num(&v, &n) < 0)
				return -EINVAL;
			v = parse_skip_blanks(v);
			if (strncmp(v, "kB", 2) == 0) {
				if (n > UINT64_MAX / 1024)
					return -ERANGE;
				n *= 1024;
				v += 2;
			}
			if (!parse_at_eol(v))
				return -EINVAL;
			vals[idx] = n;
			seen |= UINT64_C(1) << idx;
		}
		p = parse_next_line(p);
	}
	*found = seen;
	return 0;
}

static int parse_add(uint64_t *acc, uint64_t v)
{
	if (*acc > UINT64_MAX - v)
		return -ERANGE;
	*acc += v;
	return 0;
}

int vs_parse_cpuacct_all(const char *buf, uint64_t *user_ns, uint64_t *system_ns)
{
	uint64_t user = 0, sys = 0;
	const char *p = buf;
	bool any = false;

	if (strncmp(p, "cpu user system", 15) != 0 || !parse_at_eol(p + 15))
		return -EINVAL;
	p = parse_next_line(p);
	while (*p) {
		uint64_t cpu, u, s;
		const char *q = p;
		if (parse_num(&q, &cpu) < 0)
			return -EINVAL;
		q = parse_skip_blanks(q);
		if (parse_num(&q, &u) < 0)
			return -EINVAL;
		q = parse_skip_blanks(q);
		if (parse_num(&q, &s) < 0 || !parse_at_eol(q))
			return -EINVAL;
		if (parse_add(&user, u) < 0 || parse_add(&sys, s) < 0)
			return -ERANGE;
		any = true;
		p = parse_next_line(q);
	}
	if (!any)
		return -EINVAL;
	*user_ns = user;
	*system_ns = sys;
	return 0;
}

int vs_parse_io_stat(const char *buf, uint64_t out[4])
{
	static const char *const names[4] = {"rbytes", "wbytes", "rios", "wios"};
	uint64_t sum[4] = {0};
	const char *p = buf;

	while (*p) {
		const char *q = p;
		uint64_t maj, min;
		if (*q == '\n') {
			p++;
			continue;
		}
		if (parse_num(&q, &maj) < 0 || *q++ != ':' || parse_num(&q, &min) < 0)
			return -EINVAL;
		for (;;) {
			q = parse_skip_blanks(q);
			if (*q == '\n' || *q == '\0')
				break;
			const char *eq = q;
			while (*eq && *eq != '=' && *eq != ' ' && *eq != '\n')
				eq++;
			if (*eq != '=')
				return -EINVAL;
			size_t klen = (size_t)(eq - q);
			const char *v = eq + 1;
			int want = -1;
			for (int i = 0; i < 4; i++)
				if (strlen(names[i]) == klen && strncmp(names[i], q, klen) == 0)
					want = i;
			if (want < 0) {
				/* Other policies append keys whose values are not integers
				 * (iolatency "depth=max", iocost "cost.vrate=100.00"): skip. */
				while (*v && *v != ' ' && *v != '\n')
					v++;
				q = v;
				continue;
			}
			uint64_t n;
			if (parse_num(&v, &n) < 0)
				return -EINVAL;
			if (parse_add(&sum[want], n) < 0)
				return -ERANGE;
			q = v;
		}
		p = parse_next_line(q);
	}
	memcpy(out, sum, sizeof(sum));
	return 0;
}

int vs_parse_blkio_throttle(const char *buf, uint64_t out[2])
{
	uint64_t sum[2] = {0};
	const char *p = buf;

	while (*p) {
		const char *q = parse_skip_blanks(p);
		uint64_t maj, min, n;
		if (*q == '\n') {
			p = q + 1;
			continue;
		}
		if (strncmp(q, "Total", 5) == 0) {
			p = parse_next_line(q);
			continue;
		}
		if (parse_num(&q, &maj) < 0 || *q++ != ':' || parse_num(&q, &min) < 0 ||
		    *q++ != ' ')
			return -EINVAL;
		const char *op = q;
		while (*q && *q != ' ' && *q != '\n')
			q++;
		size_t oplen = (size_t)(q - op);
		q = parse_skip_blanks(q);
		if (parse_num(&q, &n) < 0 || !parse_at_eol(q))
			return -EINVAL;
		if (oplen == 4 && strncmp(op, "Read", 4) == 0) {
			if (parse_add(&sum[0], n) < 0)
				return -ERANGE;
		} else if (oplen == 5 && strncmp(op, "Write", 5) == 0) {
			if (parse_add(&sum[1], n) < 0)
				return -ERANGE;
		}
		p = parse_next_line(q);
	}
	memcpy(out, sum, sizeof(sum));
	return 0;
}

bool vs_blkio_has_devices(const char *buf)
{
	const char *p = buf;
	while (*p) {
		if (isdigit((unsigned char)*p))
			return true;
		p = parse_next_line(p);
	}
	return false;
}

int vs_parse_pressure(const char *buf, struct vs_psi *out)
{
	struct vs_psi psi = {0};
	const char *p = buf;

	while (*p) {
		bool some;
		double avg10 = 0;
		uint64_t total = 0;
		bool got_avg = false, got_total = false;

		if (strncmp(p, "some ", 5) == 0)
			some = true;
		else if (strncmp(p, "full ", 5) == 0)
			some = false;
		else if (*p == '\n') {
			p++;
			continue;
		} else
			return -EINVAL;
		const char *q = p + 5;
		for (;;) {
			q = parse_skip_blanks(q);
			if (*q == '\n' || *q == '\0')
				break;
			if (strncmp(q, "avg10=", 6) == 0) {
				q += 6;
				if (parse_fixed(&q, &avg10) < 0)
					return -EINVAL;
				got_avg = true;
			} else if (strncmp(q, "total=", 6) == 0) {
				q += 6;
				if (parse_num(&q, &total) < 0)
					return -EINVAL;
				got_total = true;
			} else {
				while (*q && *q != ' ' && *q != '\n')
					q++;
			}
		}
		if (!got_avg || !got_total)
			return -EINVAL;
		if (some) {
			psi.some_avg10 = avg10;
			psi.some_total_usec = total;
			psi.has_some = true;
		} else {
			psi.full_avg10 = avg10;
			psi.full_total_usec = total;
			psi.has_full = true;
		}
		p = parse_next_line(q);
	}
	if (!psi.has_some)
		return -EINVAL;
	*out = psi;
	return 0;
}

int vs_parse_proc_stat(const char *buf, struct vs_proc_stat *out)
{
	struct vs_proc_stat st = {0};
	const char *p = buf;
	bool have_cpu = false;

	while (*p) {
		if (strncmp(p, "cpu ", 4) == 0) {
			uint64_t *f[8] = {&st.user,   &st.nice, &st.system,  &st.idle,
					  &st.iowait, &st.irq,	&st.softirq, &st.steal};
			const char *q = p + 4;
			for (int i = 0; i < 8; i++) {
				q = parse_skip_blanks(q);
				if (parse_num(&q, f[i]) < 0) {
					/* Kernels before 2.6.11 had fewer fields; stop at the end.
					 */
					if (i >= 4 && parse_at_eol(q))
						break;
					return -EINVAL;
				}
			}
			have_cpu = true;
		} else if (strncmp(p, "cpu", 3) == 0 && isdigit((unsigned char)p[3])) {
			st.ncpu++;
		}
		p = parse_next_line(p);
	}
	if (!have_cpu)
		return -EINVAL;
	*out = st;
	return 0;
}

int vs_parse_diskstats(const char *buf, bool (*want)(const char *name, void *data), void *data,
		       uint64_t out[4])
{
	uint64_t sum[4] = {0};
	const char *p = buf;

	while (*p) {
		const char *q = parse_skip_blanks(p);
		uint64_t maj, min, v[7];
		char name[64];
		size_t n = 0;

		if (*q == '\n') {
			p = q + 1;
			continue;
		}
		if (parse_num(&q, &maj) < 0)
			return -EINVAL;
		q = parse_skip_blanks(q);
		if (parse_num(&q, &min) < 0)
			return -EINVAL;
		q = parse_skip_blanks(q);
		while (*q && *q != ' ' && *q != '\n' && n < sizeof(name) - 1)
			name[n++] = *q++;
		name[n] = '\0';
		if (!n)
			return -EINVAL;
		/* reads, reads merged, sectors read, ms, writes, writes merged, sectors written */
		for (int i = 0; i < 7; i++) {
			q = parse_skip_blanks(q);
			if (parse_num(&q, &v[i]) < 0)
				return -EINVAL;
		}
		if (!want || want(name, data)) {
			if (parse_add(&sum[0], v[2]) < 0 || parse_add(&sum[1], v[6]) < 0 ||
			    parse_add(&sum[2], v[0]) < 0 || parse_add(&sum[3], v[4]) < 0)
				return -ERANGE;
		}
		p = parse_next_line(q);
	}
	memcpy(out, sum, sizeof(sum));
	return 0;
}

int vs_parse_loadavg(const char *buf, double load[3], uint64_t *threads)
{
	const char *p = buf;
	double l[3];
	uint64_t running, total;

	for (int i = 0; i < 3; i++) {
		p = parse_skip_blanks(p);
		if (parse_fixed(&p, &l[i]) < 0)
			return -EINVAL;
	}
	p = parse_skip_blanks(p);
	if (parse_num(&p, &running) < 0 || *p++ != '/' || parse_num(&p, &total) < 0)
		return -EINVAL;
	memcpy(load, l, sizeof(l));
	*threads = total;
	return 0;
}

int vs_parse_pid_stat(const char *buf, struct vs_pid_stat *out)
{
	struct vs_pid_stat st = {0};
	const char *open = strchr(buf, '('), *close = strrchr(buf, ')'), *p;
	uint64_t v;

	if (!open || !close || close < open)
		return -EINVAL;
	size_t n = (size_t)(close - open - 1);
	if (n >= sizeof(st.comm))
		n = sizeof(st.comm) - 1;
	memcpy(st.comm, open + 1, n);
	st.comm[n] = '\0';
	p = close + 1;
	if (*p++ != ' ' || !*p)
		return -EINVAL;
	st.state = *p++;
	/* Fields from 4 (ppid) on; we want 4, 10, 12, 14, 15, 20, 22, 23, 24. */
	for (int field = 4; field <= 24; field++) {
		p = parse_skip_blanks(p);
		bool neg = false;
		if (*p == '-') {
			neg = true;
			p++;
		}
		if (parse_num(&p, &v) < 0)
			return -EINVAL;
		if (neg)
			v = 0;
		switch (field) {
		case 4:
			if (v > INT_MAX)
				return -EINVAL;
			st.ppid = (int)v;
			break;
		case 10:
			st.minflt = v;
			break;
		case 12:
			st.majflt = v;
			break;
		case 14:
			st.utime = v;
			break;
		case 15:
			st.stime = v;
			break;
		case 20:
			st.num_threads = v;
			break;
		case 22:
			st.starttime = v;
			break;
		case 23:
			st.vsize_bytes = v;
			break;
		case 24:
			st.rss_pages = v;
			break;
		}
	}
	*out = st;
	return 0;
}

long vs_parse_pid_list(const char *buf, void (*fn)(int pid, void *data), void *data)
{
	const char *p = buf;
	long count = 0;

	while (*p) {
		uint64_t v;
		if (*p == '\n') {
			p++;
			continue;
		}
		if (parse_num(&p, &v) < 0 || v == 0 || v > INT_MAX || !parse_at_eol(p))
			return -EINVAL;
		if (fn)
			fn((int)v, data);
		count++;
		p = parse_next_line(p);
	}
	return count;
}

int vs_parse_pid_cgroup(const char *buf, const char *ctrl, const char **path, size_t *plen)
{
	const char *p = buf;
	size_t clen = strlen(ctrl);

	while (*p) {
		const char *c1 = strchr(p, ':'), *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		if (!c1 || c1 > end)
			return -EINVAL;
		const char *c2 = memchr(c1 + 1, ':', (size_t)(end - c1 - 1));
		if (!c2)
			return -EINVAL;
		const char *list = c1 + 1;
		size_t llen = (size_t)(c2 - list);
		bool match = false;
		if (clen == 0) {
			match = llen == 0 && c1 - p == 1 && *p == '0';
		} else {
			const char *s = list;
			while (s < c2) {
				const char *comma = memchr(s, ',', (size_t)(c2 - s));
				const char *e = comma ? comma : c2;
				if ((size_t)(e - s) == clen && strncmp(s, ctrl, clen) == 0) {
					match = true;
					break;
				}
				s = e + 1;
			}
		}
		if (match) {
			*path = c2 + 1;
			*plen = (size_t)(end - c2 - 1);
			return 0;
		}
		p = nl ? nl + 1 : end;
	}
	return -ENOENT;
}
