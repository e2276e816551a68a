// SPDX-License-Identifier: GPL-2.0-or-later
/* Disk side of unification on temporary trees: copy-ups, whiteouts, opaque dirs,
 * hard links counted once, a missing upper dir. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <cmocka.h>

#include "pagescan/pagescan.h"

static char root[] = "/tmp/vs-disk-XXXXXX";

static char *at(const char *rel)
{
	static char buf[4][512];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", root, rel);
	return buf[i];
}

/* A file of n KiB of non-zero data (so it has blocks), returning its allocated bytes. */
static uint64_t mkfile(const char *rel, size_t kib)
{
	char blk[1024];
	struct stat st;
	FILE *f = fopen(at(rel), "w");
	assert_non_null(f);
	memset(blk, 'x', sizeof(blk));
	for (size_t i = 0; i < kib; i++)
		assert_int_equal(fwrite(blk, 1, sizeof(blk), f), sizeof(blk));
	fclose(f);
	assert_int_equal(stat(at(rel), &st), 0);
	return (uint64_t)st.st_blocks * 512;
}

static uint64_t blocks(const char *rel)
{
	struct stat st;
	assert_int_equal(lstat(at(rel), &st), 0);
	return (uint64_t)st.st_blocks * 512;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void disk_layers(void **state)
{
	struct vs_disk_usage u;
	uint64_t total, big, small, keep, link_once, dirs, upper;
	bool opaque_ok;

	assert_non_null(mkdtemp(root));
	assert_int_equal(mkdir(at("t"), 0755), 0);
	assert_int_equal(mkdir(at("t/etc"), 0755), 0);
	assert_int_equal(mkdir(at("t/usr"), 0755), 0);
	assert_int_equal(mkdir(at("t/var"), 0755), 0);
	big = mkfile("t/usr/big", 256);
	small = mkfile("t/etc/small", 8);
	keep = mkfile("t/etc/keep", 16);
	link_once = mkfile("t/usr/linked", 32);
	assert_int_equal(link(at("t/usr/linked"), at("t/usr/linked2")), 0);
	mkfile("t/var/log", 4);
	dirs = blocks("t") + blocks("t/etc") + blocks("t/usr") + blocks("t/var");

	/* The whole template, the hard link once. */
	assert_int_equal(vs_disk_tree_bytes(at("t"), &total), 0);
	assert_int_equal(total, dirs + big + small + keep + link_once + blocks("t/var/log"));

	/* No upper dir yet: everything comes from the template. */
	assert_int_equal(vs_disk_usage(at("t"), at("missing"), &u), 0);
	assert_int_equal(u.upper_bytes, 0);
	assert_int_equal(u.shared_bytes, total);

	/* Upper: etc/small copied up and grown, usr/big whited out, var opaque. */
	assert_int_equal(mkdir(at("u"), 0755), 0);
	assert_int_equal(mkdir(at("u/etc"), 0755), 0);
	assert_int_equal(mkdir(at("u/usr"), 0755), 0);
	assert_int_equal(mkdir(at("u/var"), 0755), 0);
	mkfile("u/etc/small", 64);
	if (mknod(at("u/usr/big"), S_IFCHR | 0000, makedev(0, 0)) < 0)
		skip(); /* whiteouts need CAP_MKNOD */
	opaque_ok = setxattr(at("u/var"), "trusted.overlay.opaque", "y", 1, 0) == 0;
	upper = blocks("u") + blocks("u/etc") + blocks("u/usr") + blocks("u/var") +
		blocks("u/etc/small") + blocks("u/usr/big");
	assert_int_equal(vs_disk_usage(at("t"), at("u"), &u), 0);
	assert_int_equal(u.upper_bytes, upper);
	/* Hidden: small (copied up), big (whiteout), and var's content when opaque. */
	uint64_t want =
	    total - small - big - (opaque_ok ? blocks("t/var") + blocks("t/var/log") : 0);
	assert_int_equal(u.shared_bytes, want);

	/* A guest that replaced a template directory by a file hides the whole subtree. */
	assert_int_equal(rename(at("u/usr"), at("u/usr.old")), 0);
	mkfile("u/usr", 1);
	assert_int_equal(vs_disk_usage(at("t"), at("u"), &u), 0);
	assert_int_equal(u.shared_bytes, want - blocks("t/usr") - link_once);

	/* Saved by sharing: three guests each using the whole template store it once. */
	uint64_t shared[3] = {total, total, total};
	assert_int_equal(vs_disk_saved_bytes(total, shared, 3), 2 * total);
	assert_int_equal(vs_disk_saved_bytes(total, shared, 0), 0);

	assert_int_equal(vs_disk_usage(at("nope"), at("u"), &u), -ENOENT);
	assert_int_equal(nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(disk_layers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
