// SPDX-License-Identifier: GPL-2.0-or-later
/* Disk side of unification: a guest's overlay upper layer against its template.
 * Bytes are allocated bytes (st_blocks * 512, what du counts); a file with several
 * hard links counts once. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "pagescan.h"
#include "util/log-internal.h"

/* Deeper trees are cut off (and logged): each level holds a directory fd. */
#define DISK_MAX_DEPTH 200

/* (dev, ino) of files with more than one link, already counted. */
struct disk_seen {
	uint64_t *v; /* pairs: dev, ino; 0,0 = empty slot */
	size_t n, cap;
};

static uint64_t disk_hash(uint64_t dev, uint64_t ino)
{
	uint64_t h = (ino ^ (dev << 32 | dev >> 32)) * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ (h >> 29);
}

/* 1 when newly inserted, 0 when already there, -ENOMEM. */
static int disk_seen_add(struct disk_seen *s, uint64_t dev, uint64_t ino)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		uint64_t *v = calloc(cap * 2, sizeof(*v));
		if (!v)
			return -ENOMEM;
		for (size_t i = 0; i < s->cap; i++) {
			uint64_t d = s->v[2 * i], in = s->v[2 * i + 1];
			size_t j;
			if (!d && !in)
				continue;
			for (j = disk_hash(d, in) & (cap - 1); v[2 * j] || v[2 * j + 1];
			     j = (j + 1) & (cap - 1))
				;
			v[2 * j] = d;
			v[2 * j + 1] = in;
		}
		free(s->v);
		s->v = v;
		s->cap = cap;
	}
	if (!dev && !ino)
		dev = 1; /* keep 0,0 as the empty marker */
	for (size_t j = disk_hash(dev, ino) & (s->cap - 1);; j = (j + 1) & (s->cap - 1)) {
		if (!s->v[2 * j] && !s->v[2 * j + 1]) {
			s->v[2 * j] = dev;
			s->v[2 * j + 1] = ino;
			s->n++;
			return 1;
		}
		if (s->v[2 * j] == dev && s->v[2 * j + 1] == ino)
			return 0;
	}
}

/* Bytes of one entry, or 0 when it is a hard link already counted. */
static int disk_entry_bytes(struct disk_seen *seen, const struct stat *st, uint64_t *out)
{
	if (!S_ISDIR(st->st_mode) && st->st_nlink > 1) {
		int r = disk_seen_add(seen, (uint64_t)st->st_dev, (uint64_t)st->st_ino);
		if (r < 0)
			return r;
		if (r == 0) {
			*out = 0;
			return 0;
		}
	}
	*out = (uint64_t)st->st_blocks * 512;
	return 0;
}

static bool disk_xattr_is(int dfd, const char *name, const char *attr, const char *want)
{
	char path[64], val[8];
	ssize_t n;
	int fd = openat(dfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	/* getxattr on an O_PATH fd needs the /proc/self/fd path form. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = getxattr(path, attr, val, sizeof(val) - 1);
	close(fd);
	if (n < 0)
		return false;
	val[n] = '\0';
	return want == NULL || strcmp(val, want) == 0;
}

/* Overlay marks: trusted.* for a root-mounted overlay, user.* with "userxattr". */
static bool disk_opaque(int dfd, const char *name)
{
	return disk_xattr_is(dfd, name, "trusted.overlay.opaque", "y") ||
	       disk_xattr_is(dfd, name, "user.overlay.opaque", "y");
}

static bool disk_metacopy(int dfd, const char *name)
{
	return disk_xattr_is(dfd, name, "trusted.overlay.metacopy", NULL) ||
	       disk_xattr_is(dfd, name, "user.overlay.metacopy", NULL);
}

struct disk_walk {
	struct disk_seen seen;
	uint64_t bytes;
	bool cut; /* a tree deeper than DISK_MAX_DEPTH */
};

/* Template directory tfd (consumed), upper counterpart ufd (consumed, -1 if none).
 * Adds the bytes of template entries the upper layer does not hide. */
static int disk_walk(struct disk_walk *w, int tfd, int ufd, unsigned depth)
{
	DIR *d = fdopendir(tfd);
	struct dirent *de;
	int r = 0;

	if (!d) {
		r = -errno;
		close(tfd);
		goto out;
	}
	while ((de = readdir(d))) {
		struct stat st, ust;
		uint64_t b;
		bool in_upper = false;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue; /* removed meanwhile */
		if (ufd >= 0 && fstatat(ufd, de->d_name, &ust, AT_SYMLINK_NOFOLLOW) == 0)
			in_upper = true;
		if (in_upper && !(S_ISDIR(st.st_mode) && S_ISDIR(ust.st_mode))) {
			/* Copied up, replaced or whited out: hidden, unless a metacopy copy-up
			 * that still reads its data from the template. */
			if (!(S_ISREG(st.st_mode) && S_ISREG(ust.st_mode) &&
			      disk_metacopy(ufd, de->d_name)))
				continue;
		}
		if (in_upper && S_ISDIR(st.st_mode) && disk_opaque(ufd, de->d_name))
			continue; /* an opaque upper dir hides the whole template subtree */
		r = disk_entry_bytes(&w->seen, &st, &b);
		if (r < 0)
			break;
		w->bytes += b;
		if (S_ISDIR(st.st_mode)) {
			int ctfd, cufd = -1;
			if (depth >= DISK_MAX_DEPTH) {
				w->cut = true;
				continue;
			}
			ctfd = openat(dirfd(d), de->d_name,
				      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (ctfd < 0)
				continue;
			if (in_upper)
				cufd = openat(ufd, de->d_name,
					      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			r = disk_walk(w, ctfd, cufd, depth + 1);
			if (r < 0)
				break;
		}
	}
	closedir(d);
out:
	if (ufd >= 0)
		close(ufd);
	return r;
}

static int disk_walk_root(const char *tdir, const char *udir, uint64_t *out, bool *cut)
{
	struct disk_walk w = {0};
	struct stat st;
	uint64_t b = 0;
	int tfd, ufd = -1, r;

	tfd = open(tdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (tfd < 0)
		return -errno;
	if (udir) {
		ufd = open(udir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (ufd < 0 && errno != ENOENT) {
			r = -errno;
			close(tfd);
			return r;
		}
	}
	if (fstat(tfd, &st) == 0)
		b = (uint64_t)st.st_blocks * 512;
	r = disk_walk(&w, tfd, ufd, 0);
	free(w.seen.v);
	if (r < 0)
		return r;
	*out = w.bytes + b;
	*cut = w.cut;
	return 0;
}

int vs_disk_tree_bytes(const char *dir, uint64_t *out)
{
	bool cut = false;
	int r = disk_walk_root(dir, NULL, out, &cut);
	if (r == 0 && cut)
		vs_logf(VS_LOG_WARNING, "%s: deeper than %d levels; the rest is not counted", dir,
			DISK_MAX_DEPTH);
	return r;
}

int vs_disk_usage(const char *template_dir, const char *upper_dir, struct vs_disk_usage *out)
{
	struct vs_disk_usage u = {0};
	bool cut = false;
	int r;

	r = vs_disk_tree_bytes(upper_dir, &u.upper_bytes);
	if (r == -ENOENT)
		u.upper_bytes = 0; /* no upper dir yet: nothing changed */
	else if (r < 0)
		return r;
	r = disk_walk_root(template_dir, upper_dir, &u.shared_bytes, &cut);
	if (r < 0)
		return r;
	if (cut)
		vs_logf(VS_LOG_WARNING, "%s: deeper than %d levels; the rest is not counted",
			template_dir, DISK_MAX_DEPTH);
	*out = u;
	return 0;
}

uint64_t vs_disk_saved_bytes(uint64_t template_bytes, const uint64_t *shared_bytes, size_t n)
{
	uint64_t sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += shared_bytes[i];
	return sum > template_bytes ? sum - template_bytes : 0;
}
