// SPDX-License-Identifier: GPL-2.0-or-later
/* Test helper: turn on cgroup v1 blkio accounting through the library's set-up call
 * (what guest start does), and report its state: "on" or "off". */
#include <stdio.h>
#include <string.h>

#include <vsmon/vsmon.h>

int main(int argc, char **argv)
{
	int r;
	vs_log_set_handler(vs_log_stderr, "vs-blkio-setup");
	if (argc > 1 && strcmp(argv[1], "status") == 0) {
		r = vs_blkio_accounting_status("/sys", "/sys/fs/cgroup");
		printf("%s\n", r == 1 ? "on" : "off");
		return r < 0;
	}
	r = vs_blkio_accounting_enable("/sys", "/sys/fs/cgroup");
	if (r < 0) {
		fprintf(stderr, "vs-blkio-setup: %s\n", strerror(-r));
		return 1;
	}
	r = vs_blkio_accounting_status("/sys", "/sys/fs/cgroup");
	printf("%s\n", r == 1 ? "on" : "off");
	return r == 1 ? 0 : 1;
}
