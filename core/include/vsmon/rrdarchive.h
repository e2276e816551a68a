/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Archiving a destroyed guest's RRD files (used by `vsctl destroy` and by vsgraph when
 * it finds a directory left by an earlier guest of the same name).
 *
 * Layout (vsgraph(8)): <rrd_dir>/host/, <rrd_dir>/context0/ and <rrd_dir>/guests/<name>/,
 * each holding <group>.rrd files and a "meta" file (name, xid). An archived guest lives
 * in <rrd_archive_dir>/<name>-<YYYYmmddTHHMMSSZ>/ (UTC time of archiving), unchanged. */
#ifndef VSMON_RRDARCHIVE_H
#define VSMON_RRDARCHIVE_H

/* Move <rrd_dir>/guests/<name> to <archive_dir>/<name>-<UTC time>. When rrdcached is
 * "unix:/path", the daemon is first asked to FLUSH and FORGET each file, so no queued
 * update lands in (or recreates) the old path; a daemon that cannot be reached is
 * logged and the move goes on. rename(2) only: -EXDEV when archive_dir is on another
 * file system. -ENOENT when the guest has no files. *dest (may be NULL) gets the new
 * path, malloc'ed. */
int vs_rrd_archive_guest(const char *rrd_dir, const char *archive_dir, const char *rrdcached,
			 const char *name, char **dest);

#endif
