// SPDX-License-Identifier: GPL-2.0
/*
 * The NLS services: NtGetNlsSectionPtr, NtInitializeNlsFiles,
 * NtQueryDefaultLocale, NtQueryDefaultUILanguage, NtQueryInstallUILanguage,
 * serving the `.nls` files of nls_dir (Debian's Wine package's,
 * /usr/share/wine/nls, put into the guest by scripts/vm).
 *
 * A view is the file: its bytes are the file's, it is read-only (a write
 * faults; a protection change never reaches the file), one per table per
 * process, and two processes map the same physical pages (the file's page
 * cache: /proc/self/pagemap, as root).  Bad input: unknown types and ids,
 * bad out-pointers (nothing is mapped then), a directory the caller may not
 * search.  Each test runs in a child of its own that becomes NT.
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define NLS_DIR		"/usr/share/wine/nls"
#define PARAM		"/sys/module/ntpersona/parameters/"
#define CURRENT		((uint64_t)-1)
#define SORTKEYS	9
#define CASEMAP		10
#define CODEPAGE	11
#define NORMALIZE	12
#define MEM_COMMIT	0x1000
#define MEM_MAPPED	0x40000
#define PAGE_READONLY	0x02
#define PAGE_READWRITE	0x04
#define KERNEL_ADDR	0xffffffff81000000ULL
#ifndef STATUS_SECTION_PROTECTION
#define STATUS_SECTION_PROTECTION	0xc000004e
#endif
#define PAGE		4096UL

struct mbi {
	uint64_t base, alloc_base;
	uint32_t alloc_protect;
	uint16_t partition_id, pad;
	uint64_t size;
	uint32_t state, protect, type, pad2;
};

/* the whole of NLS_DIR/@name, its size in *@n */
static uint8_t *slurp(const char *name, size_t *n)
{
	char path[256];
	struct stat st;
	uint8_t *buf;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", NLS_DIR, name);
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		return NULL;
	buf = malloc(st.st_size);
	if (buf && read(fd, buf, st.st_size) != st.st_size) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	*n = st.st_size;
	return buf;
}

static uint32_t get_table(uint32_t type, uint32_t id, uint64_t *ptr, uint64_t *size)
{
	*ptr = 0x1111;
	*size = 0x2222;
	return NT(NtGetNlsSectionPtr, type, id, 0, A(ptr), A(size));
}

static uint32_t query(uint64_t addr, struct mbi *m)
{
	uint64_t len = 0;

	return NT(NtQueryVirtualMemory, CURRENT, addr, 0, A(m), sizeof(*m), A(&len));
}

/* Mappings of @name in /proc/self/maps */
static int mappings_of(const char *name)
{
	char line[512];
	int n = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, name) != NULL;
	fclose(f);
	return n;
}

/* The PFN of the page at @addr (touched first), 0 if not present or hidden. */
static uint64_t pfn_of(const void *addr)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	(void)*(volatile const char *)addr;
	if (fd < 0)
		return 0;
	if (pread(fd, &e, 8, (uintptr_t)addr / PAGE * 8) != 8)
		e = 0;
	close(fd);
	return (e >> 63) ? e & ((1ULL << 55) - 1) : 0;
}

static int write_param(const char *name, const char *value)
{
	int fd = open(name, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	close(fd);
	return n == (ssize_t)strlen(value) ? 0 : -1;
}

TEST(code_page_1252_is_the_file_and_its_header)
{
	uint64_t p, size;
	size_t n;
	uint8_t *file = slurp("c_1252.nls", &n);

	ASSERT_NE(NULL, file);
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, get_table(CODEPAGE, 1252, &p, &size));
	ASSERT_NE(0, p);
	EXPECT_EQ(0, p % 65536);
	EXPECT_EQ((n + PAGE - 1) & ~(PAGE - 1), size);
	EXPECT_EQ(0, memcmp((void *)(uintptr_t)p, file, n));
	/* CPTABLEINFO's file header: its size in WORDs (13), then CodePage */
	EXPECT_EQ(13, ((uint16_t *)(uintptr_t)p)[0]);
	EXPECT_EQ(1252, ((uint16_t *)(uintptr_t)p)[1]);
	EXPECT_EQ(1, ((uint16_t *)(uintptr_t)p)[2]);	/* MaximumCharacterSize */
	/* past the end of the file, in its last page: zeros */
	if (n % PAGE)
		EXPECT_EQ(0, ((uint8_t *)(uintptr_t)p)[size - 1]);
}

TEST(every_kind_of_table_maps_its_file)
{
	static const struct {
		uint32_t type, id;
		const char *name;
	} t[] = {
		{ CODEPAGE, 437, "c_437.nls" }, { CODEPAGE, 37, "c_037.nls" },
		{ CODEPAGE, 932, "c_932.nls" }, { CASEMAP, 0, "l_intl.nls" },
		{ SORTKEYS, 0, "sortdefault.nls" }, { NORMALIZE, 1, "normnfc.nls" },
		{ NORMALIZE, 2, "normnfd.nls" }, { NORMALIZE, 5, "normnfkc.nls" },
		{ NORMALIZE, 6, "normnfkd.nls" }, { NORMALIZE, 13, "normidna.nls" },
	};
	uint64_t p, size;
	unsigned int i;
	uint8_t *file;
	size_t n;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		file = slurp(t[i].name, &n);
		ASSERT_NE(NULL, file) TH_LOG("%s", t[i].name);
		ASSERT_ST(0, get_table(t[i].type, t[i].id, &p, &size), " (%s)", t[i].name);
		EXPECT_EQ((n + PAGE - 1) & ~(PAGE - 1), size) TH_LOG("%s", t[i].name);
		EXPECT_EQ(0, memcmp((void *)(uintptr_t)p, file, n)) TH_LOG("%s", t[i].name);
		free(file);
	}
}

TEST(one_read_only_mapped_view_per_table_per_process)
{
	uint64_t p, q, size, size2;
	struct mbi m;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, get_table(CODEPAGE, 1252, &p, &size));
	ASSERT_ST(0, get_table(CODEPAGE, 1252, &q, &size2));
	EXPECT_EQ(p, q);
	EXPECT_EQ(size, size2);
	EXPECT_EQ(1, mappings_of("c_1252.nls"));
	ASSERT_ST(0, query(p + PAGE, &m));
	EXPECT_EQ(p, m.alloc_base);
	EXPECT_EQ(MEM_MAPPED, m.type);
	EXPECT_EQ(MEM_COMMIT, m.state);
	EXPECT_EQ(PAGE_READONLY, m.protect);
	EXPECT_EQ(PAGE_READONLY, m.alloc_protect);
	EXPECT_EQ(size - PAGE, m.size);
	/* another table is another view */
	ASSERT_ST(0, get_table(CODEPAGE, 437, &q, &size2));
	EXPECT_NE(p, q);
	EXPECT_TRUE(nt_write_faults(p));
	EXPECT_TRUE(nt_write_faults(p + size - 1));
	/* freeing it is not NtFreeVirtualMemory's: a view is unmapped (Windows' status) */
	size2 = 0;
	EXPECT_ST(STATUS_UNABLE_TO_DELETE_SECTION,
		  NT(NtFreeVirtualMemory, CURRENT, A(&p), A(&size2), 0x8000));
}

/* threads that ask for the same table at once */
#define RACERS	4
static pthread_barrier_t race_start;

static void *race_for_a_view(void *arg)
{
	uint64_t *p = arg, size;

	pthread_barrier_wait(&race_start);
	if (get_table(NORMALIZE, 2, p, &size))
		*p = 0;
	return NULL;
}

TEST(threads_asking_at_once_get_one_view)
{
	pthread_t t[RACERS];
	uint64_t p[RACERS];
	unsigned int i;

	ASSERT_EQ(0, nt_become());
	ASSERT_EQ(0, pthread_barrier_init(&race_start, NULL, RACERS));
	for (i = 0; i < RACERS; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, race_for_a_view, &p[i]));
	for (i = 0; i < RACERS; i++)
		pthread_join(t[i], NULL);
	ASSERT_NE(0, p[0]);
	for (i = 1; i < RACERS; i++)
		EXPECT_EQ(p[0], p[i]);
	EXPECT_EQ(1, mappings_of("normnfd.nls"));
}

TEST(a_writable_protection_never_reaches_the_file)
{
	uint64_t p, q, size, sz;
	uint32_t old = 0, st;
	uint8_t *file, *again;
	size_t n, n2;

	file = slurp("c_1252.nls", &n);
	ASSERT_NE(NULL, file);
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, get_table(CODEPAGE, 1252, &p, &size));
	q = p;
	sz = PAGE;
	st = NT(NtProtectVirtualMemory, CURRENT, A(&q), A(&sz), PAGE_READWRITE, A(&old));
	/* Windows refuses more than the section's protection */
	EXPECT_ST(STATUS_SECTION_PROTECTION, st);
	EXPECT_TRUE(nt_write_faults(p));
	/* and the file is untouched */
	again = slurp("c_1252.nls", &n2);
	ASSERT_NE(NULL, again);
	EXPECT_EQ(n, n2);
	EXPECT_EQ(0, memcmp(again, file, n));
	free(again);
	free(file);
}

/* a child that becomes NT, maps code page 1252 and reports its pages' PFNs */
static void pfns_of_a_new_process(uint64_t pfn[2], size_t size)
{
	int fd[2], status;
	pid_t pid;

	pfn[0] = pfn[1] = 0;
	if (pipe(fd))
		return;
	pid = fork();
	if (!pid) {
		uint64_t p, sz, out[2] = { 0, 0 };

		close(fd[0]);
		if (!nt_become() && !get_table(CODEPAGE, 1252, &p, &sz)) {
			out[0] = pfn_of((void *)(uintptr_t)p);
			out[1] = pfn_of((void *)(uintptr_t)(p + ((size - 1) & ~(PAGE - 1))));
		}
		if (write(fd[1], out, sizeof(out)) != sizeof(out))
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], pfn, 2 * sizeof(*pfn)) != 2 * sizeof(*pfn))
		pfn[0] = pfn[1] = 0;
	close(fd[0]);
	waitpid(pid, &status, 0);
}

TEST(two_processes_share_the_page_cache_pages)
{
	uint64_t a[2], b[2], cache[2];
	size_t n;
	uint8_t *file = slurp("c_1252.nls", &n);
	void *map;
	int fd;

	if (geteuid())
		SKIP(return, "PFNs in /proc/self/pagemap need root");
	ASSERT_NE(NULL, file);
	fd = open(NLS_DIR "/c_1252.nls", O_RDONLY);
	ASSERT_LE(0, fd);
	map = mmap(NULL, n, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, map);
	cache[0] = pfn_of(map);
	cache[1] = pfn_of((uint8_t *)map + ((n - 1) & ~(PAGE - 1)));
	ASSERT_NE(0, cache[0]);
	pfns_of_a_new_process(a, n);
	pfns_of_a_new_process(b, n);
	EXPECT_EQ(cache[0], a[0]);
	EXPECT_EQ(cache[1], a[1]);
	EXPECT_EQ(cache[0], b[0]);
	EXPECT_EQ(cache[1], b[1]);
	munmap(map, n);
	close(fd);
}

TEST(unknown_types_and_ids)
{
	static const uint32_t bad_types[] = { 0, 1, 8, 13, 14, 0x100, 0xffffffff };
	uint64_t p, size;
	unsigned int i;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++) {
		EXPECT_ST(STATUS_INVALID_PARAMETER_1, get_table(bad_types[i], 0, &p, &size),
			  " (type %#x)", bad_types[i]);
		EXPECT_EQ(0x1111, p);
	}
	EXPECT_ST(STATUS_INVALID_PARAMETER_1, get_table(SORTKEYS, 1, &p, &size));
	EXPECT_ST(STATUS_UNSUCCESSFUL, get_table(CASEMAP, 1, &p, &size));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, get_table(CODEPAGE, 1, &p, &size));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, get_table(CODEPAGE, 0, &p, &size));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, get_table(CODEPAGE, 65001, &p, &size));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, get_table(CODEPAGE, 0xffffffff, &p, &size));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, get_table(NORMALIZE, 0, &p, &size));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, get_table(NORMALIZE, 3, &p, &size));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, get_table(NORMALIZE, 14, &p, &size));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, get_table(NORMALIZE, 0x8000000d, &p, &size));
	EXPECT_EQ(0x1111, p);
	EXPECT_EQ(0x2222, size);
}

TEST(bad_pointers_map_nothing)
{
	const uint64_t bad[] = { 0, 1, KERNEL_ADDR, 0x7ffffffff000ULL };
	uint64_t p = 0, size = 0;
	unsigned int i;
	void *ro;

	ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	ASSERT_EQ(0, nt_become());
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_ST(STATUS_ACCESS_VIOLATION,
			  NT(NtGetNlsSectionPtr, CODEPAGE, 1252, 0, bad[i], A(&size)));
		EXPECT_ST(STATUS_ACCESS_VIOLATION,
			  NT(NtGetNlsSectionPtr, CODEPAGE, 1252, 0, A(&p), bad[i]));
	}
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtGetNlsSectionPtr, CODEPAGE, 1252, 0, A(ro), A(&size)));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtGetNlsSectionPtr, CODEPAGE, 1252, 0, A(&p), A(ro)));
	EXPECT_EQ(0, mappings_of("c_1252.nls"));
	EXPECT_EQ(0, p);
	EXPECT_EQ(0, size);
	/* ContextData is ignored, whatever it is */
	EXPECT_ST(0, NT(NtGetNlsSectionPtr, CODEPAGE, 1252, KERNEL_ADDR, A(&p), A(&size)));
	EXPECT_EQ(1, mappings_of("c_1252.nls"));
}

TEST(initialize_nls_files_maps_locale_nls)
{
	uint64_t base = 0, base2 = 0, casing = 0, casing2 = 0;
	uint32_t lcid = 0;
	uint8_t *file;
	size_t n;

	file = slurp("locale.nls", &n);
	ASSERT_NE(NULL, file);
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, NT(NtInitializeNlsFiles, A(&base), A(&lcid), A(&casing)));
	ASSERT_NE(0, base);
	EXPECT_EQ(0x0409, lcid);
	EXPECT_EQ((n + PAGE - 1) & ~(PAGE - 1), casing);
	EXPECT_EQ(0, memcmp((void *)(uintptr_t)base, file, n));
	EXPECT_TRUE(nt_write_faults(base));
	ASSERT_ST(0, NT(NtInitializeNlsFiles, A(&base2), A(&lcid), A(&casing2)));
	EXPECT_EQ(base, base2);
	EXPECT_EQ(1, mappings_of("locale.nls"));
}

TEST(initialize_nls_files_bad_pointers)
{
	uint64_t base = 0, casing = 0;
	uint32_t lcid = 0;

	ASSERT_EQ(0, nt_become());
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtInitializeNlsFiles, 0, A(&lcid), A(&casing)));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtInitializeNlsFiles, A(&base), 0, A(&casing)));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtInitializeNlsFiles, A(&base), A(&lcid), 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtInitializeNlsFiles, A(&base), A(&lcid), KERNEL_ADDR));
	EXPECT_EQ(0, mappings_of("locale.nls"));
	EXPECT_EQ(0, base);
	EXPECT_EQ(0, lcid);
}

TEST(default_locale_and_ui_languages)
{
	uint32_t lcid[2] = { 0, 0xdeadbeef };
	uint16_t lang[2] = { 0, 0xbeef };

	ASSERT_EQ(0, nt_become());
	EXPECT_ST(0, NT(NtQueryDefaultLocale, 1, A(lcid)));
	EXPECT_EQ(0x0409, lcid[0]);
	lcid[0] = 0;
	EXPECT_ST(0, NT(NtQueryDefaultLocale, 0, A(lcid)));
	EXPECT_EQ(0x0409, lcid[0]);
	EXPECT_EQ(0xdeadbeef, lcid[1]);
	EXPECT_ST(0, NT(NtQueryDefaultUILanguage, A(lang)));
	EXPECT_EQ(0x0409, lang[0]);
	EXPECT_EQ(0xbeef, lang[1]);	/* a LANGID: two bytes, no more */
	lang[0] = 0;
	EXPECT_ST(0, NT(NtQueryInstallUILanguage, A(lang)));
	EXPECT_EQ(0x0409, lang[0]);
	EXPECT_EQ(0xbeef, lang[1]);
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryDefaultLocale, 1, 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryDefaultLocale, 0, KERNEL_ADDR));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryDefaultUILanguage, 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryDefaultUILanguage, KERNEL_ADDR));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryInstallUILanguage, 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryInstallUILanguage, KERNEL_ADDR));
}

TEST(the_locale_parameter)
{
	static const char *const refused[] = { "0", "0x100409", "0x10000", "de-DE", "-1" };
	uint32_t lcid = 0, cur = 0;
	uint16_t lang = 0;
	unsigned int i;
	char buf[32] = "";
	int fd;

	if (geteuid())
		SKIP(return, "writing the parameter needs root");
	ASSERT_EQ(0, nt_become());
	ASSERT_EQ(0, write_param(PARAM "locale", "0x10407"));	/* de-DE, phone book sort */
	EXPECT_ST(0, NT(NtQueryDefaultLocale, 1, A(&lcid)));
	EXPECT_ST(0, NT(NtQueryDefaultUILanguage, A(&lang)));
	fd = open(PARAM "locale", O_RDONLY);
	if (fd >= 0) {
		if (read(fd, buf, sizeof(buf) - 1) < 0)
			buf[0] = 0;
		close(fd);
	}
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		EXPECT_NE(0, write_param(PARAM "locale", refused[i])) TH_LOG("value %u", i);
	EXPECT_ST(0, NT(NtQueryDefaultLocale, 0, A(&cur)));
	ASSERT_EQ(0, write_param(PARAM "locale", "0x0409"));
	EXPECT_EQ(0x10407, lcid);
	EXPECT_EQ(0x0407, lang);
	EXPECT_EQ(0x10407, cur);
	EXPECT_STREQ("0x10407\n", buf);
}

/*
 * nls_dir: a table is opened as the caller.  Root maps it first (the file
 * is kept open from then on); nobody, who may not search the directory,
 * is still refused.
 */
TEST(nls_dir_and_the_callers_credentials)
{
	uint64_t p = 0, size = 0;
	uint32_t st_root, st_nobody = 0, st_missing;
	uint8_t *file;
	size_t n;
	int fd, status;
	pid_t pid;

	if (geteuid())
		SKIP(return, "changing nls_dir needs root");
	file = slurp("c_1252.nls", &n);
	ASSERT_NE(NULL, file);
	mkdir("/tmp/nls_test", 0700);
	chmod("/tmp/nls_test", 0700);
	fd = open("/tmp/nls_test/c_1252.nls", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)n, write(fd, file, n));
	close(fd);
	ASSERT_EQ(0, nt_become());
	ASSERT_EQ(0, write_param(PARAM "nls_dir", "/tmp/nls_test"));
	st_root = get_table(CODEPAGE, 1252, &p, &size);
	st_missing = get_table(CODEPAGE, 437, &p, &size);
	pid = fork();
	if (!pid) {
		uint64_t q, s;

		if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
			_exit(100);
		_exit(get_table(CODEPAGE, 1252, &q, &s) == STATUS_ACCESS_DENIED ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	st_nobody = WIFEXITED(status) ? WEXITSTATUS(status) : 99;
	ASSERT_EQ(0, write_param(PARAM "nls_dir", NLS_DIR));
	unlink("/tmp/nls_test/c_1252.nls");
	rmdir("/tmp/nls_test");
	EXPECT_ST(0, st_root);
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, st_missing);
	EXPECT_EQ(0, st_nobody) TH_LOG("nobody's NtGetNlsSectionPtr was not refused");
}

TEST_HARNESS_MAIN
