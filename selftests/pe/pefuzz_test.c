// SPDX-License-Identifier: GPL-2.0
/*
 * PE image fuzzer: mutate a valid image (headers, section table, data
 * directories, relocations, truncation) and exec each mutant through the
 * shim, which stops once the kernel has mapped the image and set the
 * process up (NTPERSONA_LOAD_ONLY): the mutants' code is garbage, and
 * running garbage tests the CPU (under QEMU TCG, a user-mode far return to
 * a 32-bit segment even oopses the guest kernel), not the loader.  Either
 * outcome is fine -- exec refused or the image loaded -- as long as the
 * kernel stays clean (scripts/vm fails on any kernel report) and nothing
 * leaks.
 *
 * PEFUZZ_N images (default 2000), PEFUZZ_SEED (default: the time; printed
 * so that a failing run can be repeated).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "../nt/ntcall.h"

#define SHIM	"/usr/lib/ntpersona/ntpersona-run"
#define IMAGE	"/usr/lib/ntpersona/pe/hello.exe"
#define MUTANT	"/tmp/pefuzz.exe"

static unsigned int seed;

static unsigned int rnd(unsigned int n)
{
	return n ? (unsigned int)rand_r(&seed) % n : 0;
}

static uint32_t get32(const unsigned char *b, size_t len, size_t off)
{
	uint32_t v = 0;

	if (off + 4 <= len)
		memcpy(&v, b + off, 4);
	return v;
}

static void put(unsigned char *b, size_t len, size_t off, uint32_t v, int size)
{
	if (off + size <= len)
		memcpy(b + off, &v, size);
}

/* an interesting value for a field: edges, powers of two, or random */
static uint32_t interesting(void)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 4, 0x40, 0x200, 0x1000, 0x10000, 0x7fff, 0x8000, 0xffff,
		0x7fffffff, 0x80000000, 0xfffff000, 0xfffffffe, 0xffffffff,
	};

	return rnd(3) ? v[rnd(sizeof(v) / sizeof(v[0]))] : (uint32_t)rand_r(&seed);
}

/* Offsets of the fields the loader reads, relative to the NT headers. */
static const struct { unsigned int off, size; } fields[] = {
	{ 0x04, 2 }, { 0x06, 2 }, { 0x14, 2 }, { 0x16, 2 },	/* machine, sections, opt size, chars */
	{ 0x18, 2 }, { 0x28, 4 }, { 0x30, 4 }, { 0x34, 4 },	/* magic, entry, image base lo/hi */
	{ 0x38, 4 }, { 0x3c, 4 }, { 0x50, 4 }, { 0x54, 4 },	/* alignments, SizeOfImage, headers */
	{ 0x5c, 2 }, { 0x5e, 2 }, { 0x60, 4 }, { 0x84, 4 },	/* subsystem, dll chars, stack, dirs */
	{ 0x90, 4 }, { 0x94, 4 }, { 0xb0, 4 }, { 0xb4, 4 },	/* import, basereloc rva/size */
};

static size_t mutate(unsigned char *b, size_t len)
{
	uint32_t nt = get32(b, len, 0x3c), sect;
	unsigned int k, i, nsect;

	for (k = 1 + rnd(4); k; k--) {
		switch (rnd(6)) {
		case 0:		/* a header field */
			i = rnd(sizeof(fields) / sizeof(fields[0]));
			put(b, len, nt + fields[i].off, interesting(), fields[i].size);
			break;
		case 1:		/* a field of a section header */
			nsect = get32(b, len, nt + 4) >> 16;
			sect = nt + 0x18 + (get32(b, len, nt + 0x14) & 0xffff);
			put(b, len, sect + 40 * rnd(nsect + 1) + 8 + 4 * rnd(8), interesting(), 4);
			break;
		case 2:		/* e_lfanew */
			put(b, len, 0x3c, rnd(2) ? interesting() : nt + rnd(16) - 8, 4);
			break;
		case 3:		/* random bytes in the headers */
			for (i = rnd(8) + 1; i; i--)
				b[rnd(len < 0x400 ? len : 0x400)] = rnd(256);
			break;
		case 4:		/* random bytes anywhere (code, data, relocations) */
			for (i = rnd(32) + 1; i; i--)
				b[rnd(len)] = rnd(256);
			break;
		default:	/* truncation */
			len = rnd(len) + 1;
			break;
		}
	}
	return len;
}

/* Run the mutant; returns its wait status (killed after 5 s). */
static int run(void)
{
	int st, fd;
	pid_t pid = fork();

	if (!pid) {
		fd = open("/dev/null", O_RDWR);
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		alarm(5);
		setenv("NTPERSONA_LOAD_ONLY", "1", 1);
		execl(SHIM, SHIM, MUTANT, NULL);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	return st;
}

FIXTURE(slow) {
	int unused;
};

FIXTURE_SETUP(slow)
{
}

FIXTURE_TEARDOWN(slow)
{
}

TEST_F_TIMEOUT(slow, pe_image_fuzz, 3600)
{
	unsigned int n = getenv("PEFUZZ_N") ? atoi(getenv("PEFUZZ_N")) : 2000, i;
	unsigned int refused = 0, crashed = 0, exited = 0;
	static unsigned char orig[1 << 20], buf[1 << 20];
	long before = nt_live_objects();
	ssize_t len;
	size_t mlen;
	int fd, st;

	seed = getenv("PEFUZZ_SEED") ? strtoul(getenv("PEFUZZ_SEED"), NULL, 0) : time(NULL);
	printf("# pefuzz seed %u images %u (rerun: PEFUZZ_SEED=%u PEFUZZ_N=%u)\n", seed, n,
	       seed, n);
	fd = open(IMAGE, O_RDONLY);
	ASSERT_LE(0, fd);
	len = read(fd, orig, sizeof(orig));
	close(fd);
	ASSERT_LT(0x400, len);
	for (i = 0; i < n; i++) {
		memcpy(buf, orig, len);
		mlen = mutate(buf, len);
		fd = open(MUTANT, O_WRONLY | O_CREAT | O_TRUNC, 0755);
		ASSERT_LE(0, fd);
		ASSERT_EQ((ssize_t)mlen, write(fd, buf, mlen));
		close(fd);
		st = run();
		if (WIFSIGNALED(st))
			crashed++;
		else if (WEXITSTATUS(st) == 126)
			refused++;
		else
			exited++;
	}
	printf("# pefuzz: %u images: %u refused, %u loaded, %u killed\n", n, refused, exited,
	       crashed);
	EXPECT_LT(0, refused);
	EXPECT_LT(0, exited);
	EXPECT_EQ(0, crashed);
	EXPECT_EQ(before, nt_wait_live_objects(before));
}

TEST_HARNESS_MAIN
