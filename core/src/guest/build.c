// SPDX-License-Identifier: GPL-2.0-or-later
/* Building and destroying guests: the config file, the state directory, and xids
 * from a counter in state_dir that never goes down. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <vsmon/rrdarchive.h>

#include "guest/guest-internal.h"
#include "util/fileio.h"
#include "util/log-internal.h"
#include "util/parse.h"

/* Names that would collide with what lives beside guest directories in state_dir. */
static const char *const build_reserved[] = {"templates", "rrd", "graphs", "archive", NULL};

static int build_counter_read(const char *path, uint64_t *out)
{
	char *text = NULL;
	int r = vs_read_file(AT_FDCWD, path, 64, &text, NULL);
	if (r == -ENOENT) {
		*out = VS_XID_FIRST;
		return 0;
	}
	if (r == 0)
		r = vs_parse_u64(text, out);
	free(text);
	if (r == 0 && *out < VS_XID_FIRST)
		*out = VS_XID_FIRST;
	return r;
}

static int build_counter_write(const char *path, uint64_t v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%llu\n", (unsigned long long)v);
	return vs_write_atomic(path, buf, (size_t)n, 0644);
}

/* Which guest, if any, already uses xid. */
static const struct vs_guest_info *build_xid_user(const struct vs_guest_info *g, size_t n,
						  uint64_t xid)
{
	for (size_t i = 0; i < n; i++)
		if (g[i].xid == xid && !g[i].error)
			return &g[i];
	return NULL;
}

static int build_text(FILE *f, const char *name, const char *tpl, uint32_t xid, char *const *kv,
		      size_t n, const char *tpl_dir, char **errmsg)
{
	bool have_init = false;
	time_t now = time(NULL);
	char date[32];

	strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", localtime(&now));
	fprintf(f, "# guest %s, built by vsctl on %s (keys: vsctl(8))\n", name, date);
	fprintf(f, "xid = %u\ntemplate = %s\n", xid, tpl);
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(kv[i], '=');
		char key[64];
		size_t klen;
		if (!eq) {
			*errmsg = vs_asprintf("'%.64s': expected key=value", kv[i]);
			return -EINVAL;
		}
		klen = (size_t)(eq - kv[i]);
		while (klen && (kv[i][klen - 1] == ' ' || kv[i][klen - 1] == '\t'))
			klen--;
		if (klen == 0 || klen >= sizeof(key)) {
			*errmsg = vs_asprintf("'%.64s': expected key=value", kv[i]);
			return -EINVAL;
		}
		memcpy(key, kv[i], klen);
		key[klen] = '\0';
		const char *v = eq + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		if (!strcmp(key, "xid") || !strcmp(key, "template")) {
			*errmsg = vs_asprintf("%s: give it with --%s", key, key);
			return -EINVAL;
		}
		if (strchr(v, '\n')) {
			*errmsg = vs_asprintf("%s: a value is one line", key);
			return -EINVAL;
		}
		int r = vs_guest_conf_check_key(key, v, errmsg);
		if (r < 0)
			return r;
		have_init |= !strcmp(key, "init");
		fprintf(f, "%s = %s\n", key, v);
	}
	if (!have_init) {
		/* The busybox template's rc script handles SIGTERM; other trees boot /sbin/init. */
		char *rc = vs_asprintf("%s/%s/etc/rc", tpl_dir, tpl);
		bool has_rc = rc && access(rc, F_OK) == 0;
		free(rc);
		fprintf(f, "init = %s\n", has_rc ? "/bin/sh /etc/rc" : "/sbin/init");
	}
	return 0;
}

int vs_guest_build(const struct vs_config *cfg, const char *name, const char *tpl, uint32_t xid,
		   char *const *kv, size_t n, char **errmsg)
{
	struct vs_guest_info *guests = NULL;
	struct vs_guest_conf *gc = NULL;
	char *conf = NULL, *gdir = NULL, *tdir = NULL, *counter = NULL, *text = NULL, *msg = NULL;
	size_t ng = 0, tlen = 0;
	uint64_t next = 0;
	bool made_dir = false;
	int lock = -1, r;
	struct stat st;

	if (!vs_name_valid(name)) {
		msg =
		    vs_asprintf("bad guest name '%.40s': expected [a-z0-9][a-z0-9_-]{0,31}", name);
		r = -EINVAL;
		goto out;
	}
	for (int i = 0; build_reserved[i]; i++)
		if (!strcmp(name, build_reserved[i])) {
			msg = vs_asprintf("guest name '%s' is reserved (state_dir uses it)", name);
			r = -EINVAL;
			goto out;
		}
	if (!tpl || !vs_name_valid(tpl)) {
		msg = vs_asprintf("bad template name '%.40s'", tpl ? tpl : "");
		r = -EINVAL;
		goto out;
	}
	if (xid > VS_XID_MAX) {
		msg = vs_asprintf("xid %u out of range: expected 1 to %u", xid, VS_XID_MAX);
		r = -EINVAL;
		goto out;
	}
	conf = vs_guest_conf_path(cfg, name);
	gdir = vs_guest_dir(cfg, name);
	tdir = vs_template_path(cfg, tpl);
	counter = vs_path_join(cfg->state_dir, "xid.counter");
	if (!conf || !gdir || !tdir || !counter) {
		r = -ENOMEM;
		goto out;
	}
	if (stat(tdir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		msg = vs_asprintf("template '%s' not found in %s (vsctl template list)", tpl,
				  cfg->template_dir);
		r = -ENOENT;
		goto out;
	}
	if ((r = vs_mkdir_p(cfg->state_dir, 0755)) < 0 ||
	    (r = vs_mkdir_p(cfg->guests_dir, 0755)) < 0) {
		msg = vs_asprintf("cannot create %s or %s: %s", cfg->state_dir, cfg->guests_dir,
				  strerror(-r));
		goto out;
	}
	if ((r = vs_guest_lock(cfg, NULL, &lock)) < 0)
		goto out;
	if (access(conf, F_OK) == 0) {
		msg = vs_asprintf("guest %s already exists (%s)", name, conf);
		r = -EEXIST;
		goto out;
	}
	if (access(gdir, F_OK) == 0) {
		msg = vs_asprintf(
		    "%s already exists (left from an earlier guest?): remove it first", gdir);
		r = -EEXIST;
		goto out;
	}
	if ((r = vs_guest_list(cfg, &guests, &ng)) < 0 ||
	    (r = build_counter_read(counter, &next)) < 0) {
		msg =
		    vs_asprintf("cannot read %s or %s: %s", cfg->guests_dir, counter, strerror(-r));
		goto out;
	}
	if (xid) {
		const struct vs_guest_info *u = build_xid_user(guests, ng, xid);
		if (u) {
			msg = vs_asprintf("xid %u is already used by guest %s", xid, u->name);
			r = -EEXIST;
			goto out;
		}
	} else {
		while (next <= VS_XID_MAX && build_xid_user(guests, ng, next))
			next++;
		if (next > VS_XID_MAX) {
			msg = vs_asprintf("no xid left: the counter in %s passed %u", counter,
					  VS_XID_MAX);
			r = -ENOSPC;
			goto out;
		}
		xid = (uint32_t)next;
	}
	FILE *f = open_memstream(&text, &tlen);
	if (!f) {
		r = -ENOMEM;
		goto out;
	}
	r = build_text(f, name, tpl, xid, kv, n, cfg->template_dir, &msg);
	if (fclose(f) != 0 && r == 0)
		r = -ENOMEM;
	if (r < 0)
		goto out;
	/* The same parser that start uses checks the whole file once more. */
	if ((r = vs_guest_conf_parse(text, conf, name, &gc, &msg)) < 0)
		goto out;
	if (mkdir(gdir, 0755) < 0) {
		r = -errno;
		msg = vs_asprintf("cannot create %s: %s", gdir, strerror(-r));
		goto out;
	}
	made_dir = true;
	char *sub[] = {"upper", "work", "root"};
	for (int i = 0; i < 3; i++) {
		char *p = vs_path_join(gdir, sub[i]);
		r = p ? (mkdir(p, i == 1 ? 0700 : 0755) < 0 ? -errno : 0) : -ENOMEM;
		free(p);
		if (r < 0)
			goto out;
	}
	if (xid >= next && (r = build_counter_write(counter, (uint64_t)xid + 1)) < 0) {
		msg = vs_asprintf("cannot write %s: %s", counter, strerror(-r));
		goto out;
	}
	if ((r = vs_write_atomic(conf, text, tlen, 0644)) < 0)
		msg = vs_asprintf("cannot write %s: %s", conf, strerror(-r));
out:
	if (r < 0 && made_dir)
		vs_rm_rf(gdir);
	vs_guest_unlock(lock);
	vs_guest_list_free(guests, ng);
	vs_guest_conf_free(gc);
	if (r < 0 && errmsg)
		*errmsg = msg ? msg : vs_asprintf("build %s: %s", name, strerror(-r));
	else
		free(msg);
	free(conf);
	free(gdir);
	free(tdir);
	free(counter);
	free(text);
	return r;
}

/* The guest's RRD set (rrd_dir/guests/NAME, the layout vsgraph writes) goes to
 * rrd_archive_dir/NAME-<UTC time>, after rrdcached has flushed and forgotten it. */
static void destroy_archive_rrd(const struct vs_config *cfg, const char *name)
{
	char *dest = NULL;
	int r =
	    vs_rrd_archive_guest(cfg->rrd_dir, cfg->rrd_archive_dir, cfg->rrdcached, name, &dest);

	if (r == 0)
		vs_logf(VS_LOG_NOTICE, "%s: RRD files archived to %s", name, dest);
	else if (r != -ENOENT)
		vs_logf(VS_LOG_WARNING, "%s: cannot archive its RRD files: %s", name, strerror(-r));
	free(dest);
}

int vs_guest_destroy(const struct vs_config *cfg, const char *name, bool force, char **errmsg)
{
	struct vs_guest_state st = {0};
	char *conf = NULL, *gdir = NULL, *lockp = NULL, *msg = NULL;
	int lock = -1, r;

	if (!vs_name_valid(name)) {
		msg = vs_asprintf("bad guest name '%.40s'", name);
		r = -EINVAL;
		goto out;
	}
	conf = vs_guest_conf_path(cfg, name);
	gdir = vs_guest_dir(cfg, name);
	lockp = vs_asprintf("%s/%s.lock", cfg->run_dir, name);
	if (!conf || !gdir || !lockp) {
		r = -ENOMEM;
		goto out;
	}
	if (access(conf, F_OK) < 0) {
		msg = vs_asprintf("no guest '%s' (%s not found)", name, conf);
		r = -ENOENT;
		goto out;
	}
	if ((r = vs_guest_lock(cfg, name, &lock)) < 0)
		goto out;
	r = vs_guest_state_probe(cfg, name, &st);
	if (r == 1 && !force) {
		msg = vs_asprintf("guest %s is running: stop it first, or use --force", name);
		r = -EBUSY;
		goto out;
	}
	r = vs_guest_cleanup(cfg, name, r == 0 ? NULL : &st, 0);
	if (r < 0 && r != -ESRCH) {
		msg = vs_asprintf("guest %s: cannot stop it: %s", name, strerror(-r));
		goto out;
	}
	destroy_archive_rrd(cfg, name);
	if ((r = vs_rm_rf(gdir)) < 0) {
		msg = vs_asprintf("cannot remove %s: %s", gdir, strerror(-r));
		goto out;
	}
	if (unlink(conf) < 0 && errno != ENOENT) {
		r = -errno;
		msg = vs_asprintf("cannot remove %s: %s", conf, strerror(errno));
		goto out;
	}
	unlink(lockp);
	r = 0;
out:
	vs_state_clear(&st);
	vs_guest_unlock(lock);
	if (r < 0 && errmsg)
		*errmsg = msg ? msg : vs_asprintf("destroy %s: %s", name, strerror(-r));
	else
		free(msg);
	free(conf);
	free(gdir);
	free(lockp);
	return r;
}
