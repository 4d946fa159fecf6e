// SPDX-License-Identifier: GPL-2.0
/*
 * KUSER_SHARED_DATA at 0x7ffe0000 (uapi/ntkuser.h), field by field against
 * Linux's own view: /proc/uptime, CLOCK_REALTIME and CLOCK_BOOTTIME,
 * /proc/cpuinfo, /proc/meminfo, the online CPUs, and
 * NtQueryPerformanceCounter.  Then what a process may not do to the page:
 * write it, make it writable (mprotect, NtProtectVirtualMemory), write it
 * through /proc/self/mem, punch it out, allocate over it -- and that the
 * page every NT process maps is one page, and the timer that moves it runs
 * only while an NT process exists.
 *
 * Each test runs in a child of its own that becomes an NT process (the
 * page is mapped by NTOS_IOC_BECOME_NT as by the PE exec).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"
#include "../../uapi/ntkuser.h"

#define CURRENT		((uint64_t)-1)
#define MEM_COMMIT	0x1000
#define MEM_RESERVE	0x2000
#define MEM_RELEASE	0x8000
#define MEM_PRIVATE	0x20000
#define MEM_MAPPED	0x40000
#define PAGE_READONLY	0x02
#define PAGE_READWRITE	0x04
#define NT_EPOCH	116444736000000000LL

#define K ((volatile struct nt_kuser_shared_data *)NT_KUSER_SHARED_DATA)

struct mbi {
	uint64_t base, alloc_base;
	uint32_t alloc_protect;
	uint16_t partition_id, pad;
	uint64_t size;
	uint32_t state, protect, type, pad2;
};

/* A KSYSTEM_TIME the way Windows' readers take it: High1, Low, High2, again if torn. */
static int64_t ksystem_time(volatile struct nt_ksystem_time *t)
{
	int32_t high;
	uint32_t low;

	do {
		high = t->high1_time;
		__sync_synchronize();
		low = t->low_part;
		__sync_synchronize();
	} while (high != t->high2_time);
	return (int64_t)((uint64_t)(uint32_t)high << 32 | low);
}

/* GetTickCount64's formula: TickCount * TickCountMultiplier >> 24 */
static uint64_t tick_ms(void)
{
	uint64_t t = ksystem_time(&K->tick_count);

	return (uint64_t)(((unsigned __int128)t * K->tick_count_multiplier) >> 24);
}

static int64_t clock_100ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 10000000 + ts.tv_nsec / 100;
}

static uint64_t uptime_ms(void)
{
	double up = 0;
	FILE *f = fopen("/proc/uptime", "r");

	if (f) {
		if (fscanf(f, "%lf", &up) != 1)
			up = 0;
		fclose(f);
	}
	return (uint64_t)(up * 1000);
}

static int64_t llabs64(int64_t v)
{
	return v < 0 ? -v : v;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* the flags line of /proc/cpuinfo's first CPU, space-delimited both ends */
static void cpu_flags(char *out, size_t n)
{
	char line[4096];
	FILE *f = fopen("/proc/cpuinfo", "r");

	snprintf(out, n, " ");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "flags", 5)) {
			char *p = strchr(line, ':');

			line[strcspn(line, "\n")] = 0;
			snprintf(out, n, " %s ", p ? p + 1 : "");
			break;
		}
	fclose(f);
}

static int has_flag(const char *flags, const char *name)
{
	char want[64];

	snprintf(want, sizeof(want), " %s ", name);
	return strstr(flags, want) != NULL;
}

static long meminfo_kb(const char *key)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) && line[strlen(key)] == ':') {
			v = strtol(line + strlen(key) + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* Does @fn, run in a forked child, die of SIGSEGV? */
static int segv_in_child(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (!pid) {
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static void write_build_number(void)
{
	K->nt_build_number = 1;
}

static void write_tick_count(void)
{
	K->tick_count.low_part = 0;
}

/* The page's fields that never change still read Windows 10 22H2's. */
static void expect_intact(struct __test_metadata *_metadata)
{
	EXPECT_EQ(19045, K->nt_build_number);
	EXPECT_EQ(10, K->nt_major_version);
	EXPECT_EQ(0, K->qpc_bypass_enabled);
	EXPECT_EQ(1U << 24, K->tick_count_multiplier);
	EXPECT_GT(ksystem_time(&K->tick_count), 0);
}

static int timer_armed(void)
{
	char line[512];
	int found = 0;
	FILE *f = fopen("/proc/timer_list", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "ntos_kuser_tick"))
			found = 1;
	fclose(f);
	return found;
}

/* NT processes alive now (debugfs), -1 if it cannot tell */
static int nt_processes(void)
{
	char line[256];
	int n = 0;
	FILE *f = fopen("/sys/kernel/debug/ntpersona/processes", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += !strncmp(line, "process ", 8);
	fclose(f);
	return n;
}

/* Wait up to 2 s for the timer to be armed (@want = 1) or not (0). */
static int timer_becomes(int want)
{
	int i, armed = -1;

	for (i = 0; i < 200; i++) {
		armed = timer_armed();
		if (armed == want || armed < 0)
			break;
		sleep_ms(10);
	}
	return armed;
}

/* the page frame under @addr (present: read it first), from pagemap (root) */
static uint64_t pfn_of(uintptr_t addr)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0)
		return 0;
	if (pread(fd, &e, sizeof(e), (addr / 4096) * sizeof(e)) != sizeof(e))
		e = 0;
	close(fd);
	return (e & (1ULL << 63)) ? e & ((1ULL << 55) - 1) : 0;
}

TEST(version_product_and_constants)
{
	static const char root[] = "C:\\windows";
	unsigned int i;

	ASSERT_EQ(0, nt_become());
	EXPECT_EQ(10, K->nt_major_version);
	EXPECT_EQ(0, K->nt_minor_version);
	EXPECT_EQ(19045, K->nt_build_number);
	EXPECT_EQ(NT_PRODUCT_WIN_NT, K->nt_product_type);
	EXPECT_EQ(1, K->product_type_is_valid);
	EXPECT_EQ(9, K->native_processor_architecture);	/* PROCESSOR_ARCHITECTURE_AMD64 */
	EXPECT_EQ(0x8664, K->image_number_low);
	EXPECT_EQ(0x8664, K->image_number_high);
	for (i = 0; i < sizeof(root); i++)
		EXPECT_EQ((uint16_t)root[i], K->nt_system_root[i]);
	EXPECT_EQ(1U << 24, K->tick_count_multiplier);
	EXPECT_EQ(0, K->tick_count_low_deprecated);
	EXPECT_EQ(0x200000, K->large_page_minimum);
	EXPECT_EQ(0, K->kd_debugger_enabled);
	EXPECT_EQ(0, K->safe_boot_mode);
	EXPECT_EQ(0, K->system_call);		/* SYSTEM_CALL_SYSCALL */
	EXPECT_EQ(1, K->active_group_count);
	/* the rest of the page is zero */
	for (i = 0; i < sizeof(K->rest); i++)
		if (K->rest[i])
			break;
	EXPECT_EQ(sizeof(K->rest), i);
}

TEST(tick_count_follows_uptime)
{
	uint64_t t0, t1, up0, up1;

	ASSERT_EQ(0, nt_become());
	/* fresh at the first look: the page is updated when a process becomes NT */
	t0 = tick_ms();
	up0 = uptime_ms();
	EXPECT_LT(llabs64((int64_t)t0 - (int64_t)up0), 100)
		TH_LOG("TickCount %llu ms, /proc/uptime %llu ms",
		       (unsigned long long)t0, (unsigned long long)up0);
	sleep_ms(300);
	t1 = tick_ms();
	up1 = uptime_ms();
	EXPECT_LT(llabs64((int64_t)t1 - (int64_t)up1), 100)
		TH_LOG("TickCount %llu ms, /proc/uptime %llu ms",
		       (unsigned long long)t1, (unsigned long long)up1);
	EXPECT_GE(t1 - t0, 250);
	EXPECT_LT(t1 - t0, 3000);
}

TEST(system_time_is_realtime_in_nt_time)
{
	int64_t nt, now;
	int i;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < 3; i++) {
		nt = ksystem_time(&K->system_time);
		now = clock_100ns(CLOCK_REALTIME) + NT_EPOCH;
		/* a tick (156250) late at most, plus scheduling slack */
		EXPECT_LT(llabs64(now - nt), 1000000)
			TH_LOG("SystemTime %lld, CLOCK_REALTIME %lld", (long long)nt,
			       (long long)now);
		sleep_ms(50);
	}
}

TEST(interrupt_time_is_boottime_and_monotonic)
{
	int64_t prev = 0, it, boot;
	int i, moved = 0;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < 20; i++) {
		it = ksystem_time(&K->interrupt_time);
		boot = clock_100ns(CLOCK_BOOTTIME);
		EXPECT_GE(it, prev);
		moved += it > prev && prev;
		EXPECT_LE(it, boot);
		EXPECT_LT(boot - it, 1000000);
		prev = it;
		sleep_ms(20);
	}
	EXPECT_GT(moved, 5);
}

TEST(ksystem_time_is_never_torn)
{
	int i, torn = 0;

	ASSERT_EQ(0, nt_become());
	/* the writer stores High2Time first: a reader never sees High1 ahead of it */
	for (i = 0; i < 200000; i++) {
		int32_t h1 = K->interrupt_time.high1_time;

		__sync_synchronize();
		if (h1 > K->interrupt_time.high2_time)
			torn++;
	}
	EXPECT_EQ(0, torn);
}

TEST(time_zone_bias_is_the_kernel_time_zone)
{
	struct timeval tv;
	struct timezone tz;

	ASSERT_EQ(0, nt_become());
	ASSERT_EQ(0, gettimeofday(&tv, &tz));
	EXPECT_EQ((int64_t)tz.tz_minuteswest * 60 * 10000000, ksystem_time(&K->time_zone_bias));
}

TEST(processor_features_follow_cpuinfo)
{
	static const struct {
		int pf;
		const char *flag;
	} map[] = {
		{ NT_PF_COMPARE_EXCHANGE_DOUBLE, "cx8" },
		{ NT_PF_MMX_INSTRUCTIONS_AVAILABLE, "mmx" },
		{ NT_PF_XMMI_INSTRUCTIONS_AVAILABLE, "sse" },
		{ NT_PF_3DNOW_INSTRUCTIONS_AVAILABLE, "3dnow" },
		{ NT_PF_RDTSC_INSTRUCTION_AVAILABLE, "tsc" },
		{ NT_PF_PAE_ENABLED, "pae" },
		{ NT_PF_XMMI64_INSTRUCTIONS_AVAILABLE, "sse2" },
		{ NT_PF_SSE_DAZ_MODE_AVAILABLE, "sse2" },
		{ NT_PF_NX_ENABLED, "nx" },
		{ NT_PF_SSE3_INSTRUCTIONS_AVAILABLE, "pni" },
		{ NT_PF_COMPARE_EXCHANGE128, "cx16" },
		{ NT_PF_XSAVE_ENABLED, "xsave" },
		{ NT_PF_RDWRFSGSBASE_AVAILABLE, "fsgsbase" },
		{ NT_PF_RDRAND_INSTRUCTION_AVAILABLE, "rdrand" },
		{ NT_PF_RDTSCP_INSTRUCTION_AVAILABLE, "rdtscp" },
		{ NT_PF_RDPID_INSTRUCTION_AVAILABLE, "rdpid" },
		{ NT_PF_MONITORX_INSTRUCTION_AVAILABLE, "mwaitx" },
		{ NT_PF_SSSE3_INSTRUCTIONS_AVAILABLE, "ssse3" },
		{ NT_PF_SSE4_1_INSTRUCTIONS_AVAILABLE, "sse4_1" },
		{ NT_PF_SSE4_2_INSTRUCTIONS_AVAILABLE, "sse4_2" },
		{ NT_PF_AVX_INSTRUCTIONS_AVAILABLE, "avx" },
		{ NT_PF_AVX2_INSTRUCTIONS_AVAILABLE, "avx2" },
		{ NT_PF_AVX512F_INSTRUCTIONS_AVAILABLE, "avx512f" },
	};
	static char flags[8192];
	unsigned int i;

	ASSERT_EQ(0, nt_become());
	cpu_flags(flags, sizeof(flags));
	ASSERT_TRUE(has_flag(flags, "fpu"));
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		char what[64];

		snprintf(what, sizeof(what), "PF %d vs cpuinfo flag %s", map[i].pf, map[i].flag);
		EXPECT_EQ(has_flag(flags, map[i].flag), K->processor_features[map[i].pf])
			TH_LOG("%s", what);
	}
	EXPECT_EQ(1, K->processor_features[NT_PF_FASTFAIL_AVAILABLE]);
	/* nothing of another architecture, nothing past the known ones */
	EXPECT_EQ(0, K->processor_features[0]);
	EXPECT_EQ(0, K->processor_features[1]);
	for (i = 42; i < NT_PROCESSOR_FEATURE_MAX; i++)
		EXPECT_EQ(0, K->processor_features[i]);
	/* DEP: NX enforced for every process when the CPU has it */
	EXPECT_EQ(has_flag(flags, "nx") ? NT_NX_SUPPORT_POLICY_ALWAYSON :
		  NT_NX_SUPPORT_POLICY_ALWAYSOFF, K->mitigation_policies & 3);
}

TEST(processors_and_memory)
{
	long total_kb;

	ASSERT_EQ(0, nt_become());
	EXPECT_EQ(sysconf(_SC_NPROCESSORS_ONLN), K->active_processor_count);
	EXPECT_EQ(K->active_processor_count, K->unparked_processor_count);
	total_kb = meminfo_kb("MemTotal");
	ASSERT_GT(total_kb, 0);
	EXPECT_EQ(total_kb / 4, K->number_of_physical_pages);
	EXPECT_EQ(K->number_of_physical_pages, K->full_number_of_physical_pages);
}

TEST(qpc_fields_agree_with_nt_query_performance_counter)
{
	int64_t counter = 0, freq = 0, it0, it1;

	ASSERT_EQ(0, nt_become());
	/* no bypass: user space must ask the kernel, whose answer the page describes */
	EXPECT_EQ(0, K->qpc_bypass_enabled);
	EXPECT_EQ(0, K->qpc_shift);
	EXPECT_EQ(0, K->qpc_bias);
	it0 = ksystem_time(&K->interrupt_time);
	ASSERT_ST(0, NT(NtQueryPerformanceCounter, A(&counter), A(&freq)));
	it1 = ksystem_time(&K->interrupt_time);
	EXPECT_EQ(K->qpc_frequency, freq);
	EXPECT_EQ(10000000, freq);
	/* the same clock as InterruptTime, in the same unit at 10 MHz */
	EXPECT_GE(counter, it0);
	EXPECT_LT(counter - it1, 1000000)
		TH_LOG("QPC %lld, InterruptTime %lld", (long long)counter, (long long)it1);
	/* the frequency pointer is optional, the counter's is not */
	EXPECT_ST(0, NT(NtQueryPerformanceCounter, A(&counter), 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryPerformanceCounter, 0, A(&freq)));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtQueryPerformanceCounter, NT_KUSER_SHARED_DATA + 0x300, A(&freq)));
	expect_intact(_metadata);
}

TEST(query_virtual_memory_reports_a_read_only_committed_page)
{
	struct mbi m;
	uint64_t len = 0;

	ASSERT_EQ(0, nt_become());
	memset(&m, 0xcc, sizeof(m));
	ASSERT_ST(0, NT(NtQueryVirtualMemory, CURRENT, NT_KUSER_SHARED_DATA + 0x320, 0,
			A(&m), sizeof(m), A(&len)));
	EXPECT_EQ(sizeof(m), len);
	EXPECT_EQ(NT_KUSER_SHARED_DATA, m.base);
	EXPECT_EQ(NT_KUSER_SHARED_DATA, m.alloc_base);
	EXPECT_EQ(PAGE_READONLY, m.alloc_protect);
	EXPECT_EQ(NT_KUSER_SIZE, m.size);
	EXPECT_EQ(MEM_COMMIT, m.state);
	EXPECT_EQ(PAGE_READONLY, m.protect);
	/* Windows says MEM_PRIVATE; vm.c reports a Linux file mapping as MEM_MAPPED (docs) */
	EXPECT_TRUE(m.type == MEM_PRIVATE || m.type == MEM_MAPPED);
}

TEST(the_page_cannot_be_written)
{
	int fd;
	char one = 1;

	ASSERT_EQ(0, nt_become());
	EXPECT_TRUE(segv_in_child(write_build_number));
	EXPECT_TRUE(segv_in_child(write_tick_count));
	/* Linux calls from the test's own text */
	EXPECT_EQ(-1, mprotect((void *)NT_KUSER_SHARED_DATA, NT_KUSER_SIZE,
			       PROT_READ | PROT_WRITE));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, madvise((void *)NT_KUSER_SHARED_DATA, NT_KUSER_SIZE, MADV_REMOVE));
	fd = open("/proc/self/mem", O_RDWR);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(-1, pwrite(fd, &one, 1, NT_KUSER_SHARED_DATA + 0x260));
	close(fd);
	EXPECT_TRUE(segv_in_child(write_build_number));
	expect_intact(_metadata);
}

TEST(nt_memory_services_cannot_change_the_page)
{
	uint64_t base = NT_KUSER_SHARED_DATA, size = NT_KUSER_SIZE;
	uint32_t old = 0;

	ASSERT_EQ(0, nt_become());
	EXPECT_NE(0, NT(NtProtectVirtualMemory, CURRENT, A(&base), A(&size), PAGE_READWRITE,
			A(&old)));
	base = NT_KUSER_SHARED_DATA;
	size = NT_KUSER_SIZE;
	EXPECT_NE(0, NT(NtFreeVirtualMemory, CURRENT, A(&base), A(&size), MEM_RELEASE));
	base = NT_KUSER_SHARED_DATA;
	size = 0x10000;
	EXPECT_ST(STATUS_CONFLICTING_ADDRESSES,
		  NT(NtAllocateVirtualMemory, CURRENT, A(&base), 0, A(&size),
		     MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
	EXPECT_TRUE(segv_in_child(write_build_number));
	expect_intact(_metadata);
}

/* Two unrelated NT processes map one physical page; a write attempt by one changes nothing. */
TEST(one_page_for_every_nt_process)
{
	int p2c[2], c2p[2], status;
	uint64_t mine, theirs = 0;
	char c;
	pid_t pid;

	ASSERT_EQ(0, pipe(p2c));
	ASSERT_EQ(0, pipe(c2p));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		uint64_t pfn;

		if (nt_become())
			_exit(2);
		/* the other process's attempts, then our look */
		if (read(p2c[0], &c, 1) != 1)
			_exit(3);
		pfn = K->nt_build_number == 19045 ? pfn_of(NT_KUSER_SHARED_DATA) : 0;
		if (write(c2p[1], &pfn, sizeof(pfn)) != sizeof(pfn))
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(0, nt_become());
	EXPECT_TRUE(segv_in_child(write_build_number));
	EXPECT_EQ(-1, mprotect((void *)NT_KUSER_SHARED_DATA, NT_KUSER_SIZE,
			       PROT_READ | PROT_WRITE));
	mine = K->nt_build_number == 19045 ? pfn_of(NT_KUSER_SHARED_DATA) : 0;
	ASSERT_EQ(1, write(p2c[1], "x", 1));
	ASSERT_EQ(sizeof(theirs), read(c2p[0], &theirs, sizeof(theirs)));
	waitpid(pid, &status, 0);
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_NE(0, mine);	/* pagemap gives PFNs to root */
	EXPECT_EQ(mine, theirs);
}

/* A fork child of an NT process is NT and keeps the page; an exec'd program has none. */
TEST(fork_keeps_the_page_exec_drops_it)
{
	int status;
	pid_t pid;

	ASSERT_EQ(0, nt_become());
	pid = fork();
	if (!pid)
		_exit(K->nt_build_number == 19045 ? 0 : 1);
	waitpid(pid, &status, 0);
	EXPECT_EQ(0, WEXITSTATUS(status));
	pid = fork();
	if (!pid) {
		/* a Linux program: reading 0x7ffe0000 faults (exit 139 from sh's child) */
		execl("/bin/sh", "sh", "-c", "grep -q 7ffe0000 /proc/self/maps", NULL);
		_exit(3);
	}
	waitpid(pid, &status, 0);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(1, WEXITSTATUS(status));	/* grep found nothing */
}

TEST(become_nt_twice_is_refused_and_keeps_the_page)
{
	ASSERT_EQ(0, nt_become());
	EXPECT_EQ(-EEXIST, nt_become());
	expect_intact(_metadata);
}

/* Linux tasks pay nothing: no NT process, no timer. */
TEST(the_timer_runs_only_while_an_nt_process_exists)
{
	int p2c[2], status, i;
	pid_t pid;
	char c;

	if (timer_armed() < 0)
		SKIP(return, "no /proc/timer_list");
	/* this test process is not NT; others of this program have exited */
	for (i = 0; i < 200 && nt_processes() > 0; i++)
		sleep_ms(10);
	if (nt_processes() > 0)
		SKIP(return, "another program's NT processes live on");
	ASSERT_EQ(0, timer_becomes(0));
	ASSERT_EQ(0, pipe(p2c));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		if (nt_become())
			_exit(2);
		if (read(p2c[0], &c, 1) != 1)
			_exit(3);
		_exit(0);
	}
	EXPECT_EQ(1, timer_becomes(1));
	ASSERT_EQ(1, write(p2c[1], "x", 1));
	waitpid(pid, &status, 0);
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(0, timer_becomes(0));
}

TEST_HARNESS_MAIN
