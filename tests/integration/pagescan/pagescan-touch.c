// SPDX-License-Identifier: GPL-2.0-or-later
/* Maps FILE, reads one byte of every page, creates READY, then sleeps until killed.
 *   pagescan-touch FILE READY
 * Or drops FILE from the page cache (after fsync) and fails if pages stay resident,
 * so that the first guest to map it is charged for it, not the writer:
 *   pagescan-touch --evict FILE */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int touch_evict(const char *path)
{
	struct stat st;
	unsigned char *p, *vec;
	long pg = sysconf(_SC_PAGESIZE);
	size_t npages, resident = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0 || fsync(fd) < 0) {
		perror(path);
		return 1;
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	npages = ((size_t)st.st_size + (size_t)pg - 1) / (size_t)pg;
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	vec = malloc(npages ? npages : 1);
	if (p == MAP_FAILED || !vec || mincore(p, (size_t)st.st_size, vec) < 0) {
		perror("mincore");
		return 1;
	}
	for (size_t i = 0; i < npages; i++)
		resident += vec[i] & 1;
	if (resident) {
		fprintf(stderr, "%s: %zu pages still cached after POSIX_FADV_DONTNEED\n", path,
			resident);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned char sum = 0;
	struct stat st;
	unsigned char *p;
	long pg = sysconf(_SC_PAGESIZE);
	int fd;

	if (argc == 3 && strcmp(argv[1], "--evict") == 0)
		return touch_evict(argv[2]);
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
	/* The sum goes into READY so the reads cannot be optimised away. */
	if (write(fd, &sum, 1) != 1) {
		perror(argv[2]);
		return 1;
	}
	close(fd);
	for (;;)
		pause();
}
