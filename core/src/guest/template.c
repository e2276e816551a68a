// SPDX-License-Identifier: GPL-2.0-or-later
/* Templates: read-only root trees under template_dir, the shared overlay lower
 * layer of every guest built from them. A template is built in a hidden temporary
 * directory and renamed into place, so a half-built one is never used. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest/guest-internal.h"
#include "util/fileio.h"
#include "util/log-internal.h"

static const char *const tpl_dirs[] = {"bin",	  "sbin", "usr",  "usr/bin", "usr/sbin", "etc",
				       "proc",	  "sys",  "dev",  "tmp",     "root",	 "var",
				       "var/log", "run",  "home", "mnt",     NULL};

static const char tpl_rc[] =
    "#!/bin/sh\n"
    "# vsmon guest init (busybox template): runs /etc/rc.local, then waits for\n"
    "# SIGTERM. PID 1 of a namespace ignores signals it has no handler for.\n"
    "trap 'echo \"$(hostname): stopping\"; exit 0' TERM INT\n"
    "echo \"$(hostname): up\"\n"
    "[ -x /etc/rc.local ] && /etc/rc.local\n"
    "while :; do sleep 3600 & wait $!; done\n";

static int tpl_write(const char *root, const char *file, const char *text, mode_t mode)
{
	char *p = vs_path_join(root, file);
	int r = p ? vs_write_atomic(p, text, strlen(text), mode) : -ENOMEM;
	if (r == 0 && chmod(p, mode) < 0)
		r = -errno;
	free(p);
	return r;
}

static int tpl_copy_file(const char *src, const char *dst, mode_t mode)
{
	char buf[65536];
	int in = open(src, O_RDONLY | O_CLOEXEC), out = -1, r = 0;
	ssize_t n;

	if (in < 0)
		return -errno;
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (out < 0) {
		r = -errno;
		goto out;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			r = errno ? -errno : -EIO;
			goto out;
		}
	if (n < 0)
		r = -errno;
out:
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) < 0 && r == 0)
		r = -errno;
	return r;
}

static const char *tpl_find_busybox(void)
{
	static const char *const cands[] = {"/bin/busybox", "/usr/bin/busybox", NULL};
	for (int i = 0; cands[i]; i++)
		if (access(cands[i], X_OK) == 0)
			return cands[i];
	return NULL;
}

static int tpl_busybox(const char *root, const char *name, char **errmsg)
{
	const char *bb = tpl_find_busybox();
	char *list = NULL, *p;
	int r;

	if (!bb) {
		*errmsg = vs_asprintf("no busybox on this host: apt-get install busybox-static");
		return -ENOENT;
	}
	for (int i = 0; tpl_dirs[i]; i++) {
		p = vs_path_join(root, tpl_dirs[i]);
		r = p ? (mkdir(p, 0755) < 0 && errno != EEXIST ? -errno : 0) : -ENOMEM;
		free(p);
		if (r < 0)
			return r;
	}
	p = vs_path_join(root, "tmp");
	if (p)
		chmod(p, 01777);
	free(p);
	p = vs_path_join(root, "bin/busybox");
	r = p ? tpl_copy_file(bb, p, 0755) : -ENOMEM;
	free(p);
	if (r < 0) {
		*errmsg = vs_asprintf("cannot copy %s: %s", bb, strerror(-r));
		return r;
	}
	char *argv[] = {(char *)bb, "--list-full", NULL};
	r = vs_guest_run(argv, &list, 1 << 20, true);
	if (r != 0) {
		*errmsg = vs_asprintf("%s --list-full failed", bb);
		return r < 0 ? r : -EIO;
	}
	/* One line per applet, a path such as "usr/bin/awk". */
	for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
		if (!*line || strstr(line, "..") || line[0] == '/' || !strcmp(line, "bin/busybox"))
			continue;
		p = vs_path_join(root, line);
		if (p && symlink("/bin/busybox", p) < 0 && errno != EEXIST)
			vs_logf(VS_LOG_WARNING, "template %s: cannot link %s", name, line);
		free(p);
	}
	free(list);
	char hostname[80];
	snprintf(hostname, sizeof(hostname), "%s\n", name);
	if ((r = tpl_write(root, "etc/passwd",
			   "root:x:0:0:root:/root:/bin/sh\n"
			   "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
			   0644)) < 0 ||
	    (r = tpl_write(root, "etc/group", "root:x:0:\nnogroup:x:65534:\n", 0644)) < 0 ||
	    (r = tpl_write(root, "etc/hostname", hostname, 0644)) < 0 ||
	    (r = tpl_write(root, "etc/hosts", "127.0.0.1 localhost\n::1 localhost\n", 0644)) < 0 ||
	    (r = tpl_write(root, "etc/rc", tpl_rc, 0755)) < 0)
		*errmsg = vs_asprintf("template %s: cannot write its /etc: %s", name, strerror(-r));
	return r;
}

int vs_template_create(const struct vs_config *cfg, const char *name, enum vs_template_source src,
		       const char *arg, char **errmsg)
{
	char *dst = NULL, *tmp = NULL, *msg = NULL;
	struct stat st;
	int r;

	if (!vs_name_valid(name)) {
		msg = vs_asprintf("bad template name '%.40s': expected [a-z0-9][a-z0-9_-]{0,31}",
				  name);
		r = -EINVAL;
		goto out;
	}
	dst = vs_template_path(cfg, name);
	tmp = vs_asprintf("%s/.%s.tmp", cfg->template_dir, name);
	if (!dst || !tmp) {
		r = -ENOMEM;
		goto out;
	}
	if (access(dst, F_OK) == 0) {
		msg = vs_asprintf("template %s already exists (%s)", name, dst);
		r = -EEXIST;
		goto out;
	}
	if (src == VS_TPL_FROM && (!arg || stat(arg, &st) < 0 || !S_ISDIR(st.st_mode))) {
		msg = vs_asprintf("--from %s: not a directory", arg ? arg : "");
		r = -EINVAL;
		goto out;
	}
	if (src == VS_TPL_DEBOOTSTRAP && (!arg || !*arg || strchr(arg, '/'))) {
		msg = vs_asprintf("--debootstrap needs a suite name such as bookworm");
		r = -EINVAL;
		goto out;
	}
	if ((r = vs_mkdir_p(cfg->template_dir, 0755)) < 0) {
		msg = vs_asprintf("cannot create %s: %s", cfg->template_dir, strerror(-r));
		goto out;
	}
	vs_rm_rf(tmp); /* an earlier attempt that was cut short */
	if (src == VS_TPL_BUSYBOX) {
		r = mkdir(tmp, 0755) < 0 ? -errno : tpl_busybox(tmp, name, &msg);
	} else if (src == VS_TPL_FROM) {
		/* cp -a keeps hard links, modes, owners, times, xattrs and device nodes;
		 * -x stays on one filesystem (a live / has /proc and /sys below it). */
		char *argv[] = {"cp", "-a", "-x", "--no-target-directory", (char *)arg, tmp, NULL};
		r = vs_guest_run(argv, NULL, 0, false);
		if (r != 0)
			msg = vs_asprintf("copying %s failed (cp exit status %d)", arg, r);
	} else {
		char *argv[] = {"debootstrap", "--variant=minbase", (char *)arg, tmp, NULL};
		r = vs_guest_run(argv, NULL, 0, false);
		if (r != 0)
			msg = vs_asprintf(r == 127
					      ? "debootstrap not found: apt-get install debootstrap"
					      : "debootstrap %s failed (exit status %d)",
					  arg, r);
	}
	if (r > 0)
		r = -EIO;
	if (r == 0 && rename(tmp, dst) < 0) {
		r = -errno;
		msg = vs_asprintf("cannot rename %s to %s: %s", tmp, dst, strerror(errno));
	}
	if (r < 0)
		vs_rm_rf(tmp);
out:
	if (r < 0 && errmsg)
		*errmsg = msg ? msg : vs_asprintf("template %s: %s", name, strerror(-r));
	else
		free(msg);
	free(dst);
	free(tmp);
	return r;
}

/* nftw has no user pointer: the size walk keeps its state here (one walk at a time). */
static struct {
	uint64_t bytes;
	ino_t *seen;
	size_t n, cap;
	int err;
} tpl_walk;

static int tpl_size_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)path;
	(void)flag;
	(void)ftw;
	if (sb->st_nlink > 1 && !S_ISDIR(sb->st_mode)) {
		for (size_t i = 0; i < tpl_walk.n; i++)
			if (tpl_walk.seen[i] == sb->st_ino)
				return 0;
		if (tpl_walk.n == tpl_walk.cap) {
			size_t nc = tpl_walk.cap ? tpl_walk.cap * 2 : 256;
			ino_t *ns = realloc(tpl_walk.seen, nc * sizeof(*ns));
			if (!ns) {
				tpl_walk.err = -ENOMEM;
				return 1;
			}
			tpl_walk.seen = ns;
			tpl_walk.cap = nc;
		}
		tpl_walk.seen[tpl_walk.n++] = sb->st_ino;
	}
	tpl_walk.bytes += (uint64_t)sb->st_blocks * 512;
	return 0;
}

static int tpl_size(const char *path, uint64_t *out)
{
	int r;
	memset(&tpl_walk, 0, sizeof(tpl_walk));
	r = nftw(path, tpl_size_one, 32, FTW_PHYS | FTW_MOUNT);
	free(tpl_walk.seen);
	if (tpl_walk.err)
		return tpl_walk.err;
	if (r < 0)
		return -errno;
	*out = tpl_walk.bytes;
	return 0;
}

static int tpl_cmp(const void *a, const void *b)
{
	return strcmp(((const struct vs_template_info *)a)->name,
		      ((const struct vs_template_info *)b)->name);
}

int vs_template_list(const struct vs_config *cfg, struct vs_template_info **out, size_t *n)
{
	struct vs_template_info *v = NULL;
	struct vs_guest_info *g = NULL;
	size_t k = 0, cap = 0, ng = 0;
	struct dirent *de;
	DIR *d;
	int r;

	if ((r = vs_guest_list(cfg, &g, &ng)) < 0)
		return r;
	d = opendir(cfg->template_dir);
	if (!d) {
		r = errno == ENOENT ? 0 : -errno;
		goto out;
	}
	while ((de = readdir(d))) {
		if (!vs_name_valid(de->d_name))
			continue;
		if (k == cap) {
			size_t nc = cap ? cap * 2 : 8;
			struct vs_template_info *nv = realloc(v, nc * sizeof(*nv));
			if (!nv) {
				r = -ENOMEM;
				break;
			}
			v = nv;
			cap = nc;
		}
		memset(&v[k], 0, sizeof(v[k]));
		snprintf(v[k].name, sizeof(v[k].name), "%.32s", de->d_name);
		char *p = vs_template_path(cfg, de->d_name);
		if (!p || tpl_size(p, &v[k].size_bytes) < 0)
			v[k].size_bytes = UINT64_MAX;
		free(p);
		for (size_t i = 0; i < ng; i++)
			v[k].guests += !strcmp(g[i].template_name, de->d_name);
		k++;
	}
	closedir(d);
out:
	vs_guest_list_free(g, ng);
	if (r < 0) {
		free(v);
		return r;
	}
	if (k)
		qsort(v, k, sizeof(*v), tpl_cmp);
	*out = v;
	*n = k;
	return 0;
}

int vs_template_remove(const struct vs_config *cfg, const char *name, char **errmsg)
{
	struct vs_guest_info *g = NULL;
	char *path = NULL, *users = NULL;
	size_t ng = 0, used = 0, ulen = 0;
	int r;

	if (!vs_name_valid(name)) {
		*errmsg = vs_asprintf("bad template name '%.40s'", name);
		return -EINVAL;
	}
	path = vs_template_path(cfg, name);
	if (!path)
		return -ENOMEM;
	if (access(path, F_OK) < 0) {
		*errmsg = vs_asprintf("template %s not found in %s", name, cfg->template_dir);
		r = -ENOENT;
		goto out;
	}
	if ((r = vs_guest_list(cfg, &g, &ng)) < 0)
		goto out;
	FILE *f = open_memstream(&users, &ulen);
	for (size_t i = 0; i < ng; i++)
		if (!strcmp(g[i].template_name, name)) {
			if (f)
				fprintf(f, "%s%s", used ? ", " : "", g[i].name);
			used++;
		}
	if (f)
		fclose(f);
	if (used) {
		*errmsg = vs_asprintf("template %s is in use by %zu guest%s (%s)", name, used,
				      used == 1 ? "" : "s", users ? users : "");
		r = -EBUSY;
		goto out;
	}
	r = vs_rm_rf(path);
	if (r < 0)
		*errmsg = vs_asprintf("cannot remove %s: %s", path, strerror(-r));
out:
	vs_guest_list_free(g, ng);
	free(users);
	free(path);
	return r;
}
