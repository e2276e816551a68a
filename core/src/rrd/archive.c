// SPDX-License-Identifier: GPL-2.0-or-later
/* Moving a destroyed guest's RRD directory to the archive. No librrd here: the only
 * rrdcached commands needed (FLUSH, FORGET) are one line each over its UNIX socket. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <vsmon/rrdarchive.h>
#include <vsmon/state.h>
#include "util/fileio.h"
#include "util/log-internal.h"

/* One command, one status line read back; 0 or -errno. */
static int archive_cached_cmd(int fd, const char *cmd, const char *file)
{
	char line[4200], reply[512];
	size_t got = 0;
	int n = snprintf(line, sizeof(line), "%s %s\n", cmd, file);

	if (n < 0 || (size_t)n >= sizeof(line))
		return -ENAMETOOLONG;
	if (send(fd, line, (size_t)n, MSG_NOSIGNAL) != n)
		return -EIO;
	while (got < sizeof(reply) - 1) {
		ssize_t r = recv(fd, reply + got, 1, 0);
		if (r <= 0)
			return -EIO;
		if (reply[got++] == '\n')
			break;
	}
	return 0; /* "-1 No such file" is fine: nothing was queued */
}

static void archive_forget(const char *rrdcached, const char *dir)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct timeval tv = {.tv_sec = 10};
	const char *path = rrdcached + 5;
	struct dirent *de;
	DIR *d;
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		return;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		vs_logf(VS_LOG_WARNING, "rrdcached at %s: %s; archiving without flushing", path,
			strerror(errno));
		close(fd);
		return;
	}
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l < 5 || strcmp(de->d_name + l - 4, ".rrd") != 0)
			continue;
		char *file = vs_path_join(dir, de->d_name);
		if (!file)
			break;
		if (archive_cached_cmd(fd, "FLUSH", file) < 0 ||
		    archive_cached_cmd(fd, "FORGET", file) < 0)
			vs_logf(VS_LOG_WARNING, "rrdcached: could not flush %s", file);
		free(file);
	}
	if (d)
		closedir(d);
	close(fd);
}

int vs_rrd_archive_guest(const char *rrd_dir, const char *archive_dir, const char *rrdcached,
			 const char *name, char **dest)
{
	char stamp[32], *src = NULL, *dst = NULL, *guests = NULL;
	struct tm tm;
	time_t now = time(NULL);
	struct stat st;
	int r = 0;

	if (!rrd_dir || !archive_dir || !name || !vs_name_valid(name))
		return -EINVAL;
	guests = vs_path_join(rrd_dir, "guests");
	src = guests ? vs_path_join(guests, name) : NULL;
	if (!src) {
		r = -ENOMEM;
		goto out;
	}
	if (stat(src, &st) < 0) {
		r = -errno;
		goto out;
	}
	if (rrdcached && strncmp(rrdcached, "unix:/", 6) == 0)
		archive_forget(rrdcached, src);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	if ((r = vs_mkdir_p(archive_dir, 0755)) < 0)
		goto out;
	/* Two archives of one name in one second get a suffix rather than a clash. */
	for (int i = 0; i < 100; i++) {
		free(dst);
		dst = i ? vs_asprintf("%s/%s-%s-%d", archive_dir, name, stamp, i)
			: vs_asprintf("%s/%s-%s", archive_dir, name, stamp);
		if (!dst) {
			r = -ENOMEM;
			goto out;
		}
		if (access(dst, F_OK) < 0)
			break;
	}
	if (rename(src, dst) < 0) {
		r = -errno;
		goto out;
	}
	if (dest) {
		*dest = dst;
		dst = NULL;
	}
out:
	free(guests);
	free(src);
	free(dst);
	return r;
}
