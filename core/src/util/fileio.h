/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VS_FILEIO_H
#define VS_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/* Read a whole (small, kernel) file into a malloc'ed, NUL-terminated buffer of at
 * most max bytes (a hostile guest can make some files huge: curl's bounded buffer).
 * Returns 0 or -errno; -EFBIG when longer than max. */
int vs_read_file(int dirfd, const char *path, size_t max, char **out, size_t *len);

/* pread(fd, buf, cap - 1, 0) of a kept-open file, NUL-terminated. Returns bytes or -errno.
 * Retries EINTR. A buffer too small is -EFBIG. */
ssize_t vs_pread_all(int fd, char *buf, size_t cap);

/* Descriptors numbered from this one on should not be kept open, so that at least
 * reserve stay free for the files reopened on each read (numbers are handed out
 * lowest first). From RLIMIT_NOFILE; half of it when it is small. */
int vs_fd_keep_below(unsigned reserve);
/* The reserve of the sweep's kept files (cgroup files, per-task io): room for a
 * context's transient opens (its hierarchy directories, files reopened per read). */
#define VS_FD_RESERVE 64

/* Write data to path atomically: path.tmp.PID, fsync, rename. mode for a new file. */
int vs_write_atomic(const char *path, const void *data, size_t len, mode_t mode);

/* One write(2) of s to an existing kernel file (cgroup and sysfs controls, where
 * the write itself is the operation): no temp file, no truncation. 0 or -errno. */
int vs_write_string(const char *path, const char *s);

/* mkdir -p */
int vs_mkdir_p(const char *path, mode_t mode);

/* malloc'ed printf; NULL on failure. */
char *vs_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The path joined: a + "/" + b, with one slash. malloc'ed. */
char *vs_path_join(const char *a, const char *b);

#endif
