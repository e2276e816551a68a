// SPDX-License-Identifier: GPL-2.0-or-later
/* Maps FILE, reads one byte of every page, creates READY, then sleeps until killed.
 *   pagescan-touch FILE READY */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	volatile unsigned char sum = 0;
	struct stat st;
	unsigned char *p;
	long pg = sysconf(_SC_PAGESIZE);
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: pagescan-touch FILE READY\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(argv[1]);
		return 1;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	for (off_t off = 0; off < st.st_size; off += pg)
		sum += p[off];
	fd = open(argv[2], O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	close(fd);
	for (;;)
		pause();
}
