// SPDX-License-Identifier: GPL-2.0
/*
 * killstorm core: see killstorm_core.h.
 *
 * The storm process itself is a Linux process.  Each worker thread forks
 * one victim at a time (its own process group, so that a kill takes its
 * children too), optionally waits for the victim to write a byte on fd 3
 * ("in place": every thread about to block, or the PE program's first
 * output), sleeps the drawn delay (busy-waiting below 50 us so that short
 * delays stay short), SIGKILLs the group and reaps the victim through a
 * pidfd (a victim that does not die within 120 s is a hang and fails the
 * run).  A victim that ends before its kill must end the way its kind
 * allows (a PE program that ran to completion: 0); any other status --
 * a setup step that failed, a wait that should never end but did, a
 * fault -- fails the run with the victim's number, kind and delay.
 *
 * Every choice (kind, variant, delay, thread count, what each victim
 * thread does) comes from a splitmix64 stream seeded from the run's seed,
 * the worker and the victim's number, so a seed replays the same victims;
 * where the kill lands is timing, which no seed controls.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../nt/ntcall.h"
#include "killstorm_core.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif

#define KS_PE_DIR		"/usr/lib/ntpersona/pe"
#define KS_SHIM			"/usr/lib/ntpersona/ntpersona-run"
#define KS_BINFMT_RULE		"/proc/sys/fs/binfmt_misc/ntpersona"
#define KS_MODULE_PATH		"/lib/modules/ntpersona.ko"
#define KS_PROCESSES		"/sys/kernel/debug/ntpersona/processes"
#define KS_NAMES		16	/* \BaseNamedObjects\ks-0..15 */
#define KS_NEVER		"\\BaseNamedObjects\\ks-never"
#define KS_READY_FD		3
#define KS_READY_TIMEOUT_MS	120000	/* a victim not in place by then is hung */
#define KS_DIE_TIMEOUT_MS	120000	/* a SIGKILLed victim not gone by then is hung */
#define KS_SETTLE_TIMEOUT_MS	60000	/* counters back at their baselines */
#define KS_POOL			32
#define KS_MAX_THREADS		4
#define KS_HOUR_100NS		(-36000000000LL)	/* relative: one hour */

enum ks_kind {
	KS_WAIT,	/* NT threads blocked in waits, delays, signal-and-wait */
	KS_BUSY,	/* NT threads busy with objects, handles, names, timers */
	KS_FORK,	/* an NT process with NT fork children, waiting and busy */
	KS_EXEC_PE,	/* exec of a PE program by path: killed mid-exec */
	KS_NT_EXEC,	/* an NT process (busy threads) that execs a PE program */
	KS_IO_PE,	/* cat.exe in NtReadFile on an empty pipe / NtWriteFile on a full one */
	KS_IO_NT,	/* threads of an exec'd NT process in NtReadFile / NtWriteFile on pipes */
	KS_NKINDS
};

static const char *const ks_kind_name[KS_NKINDS] = {
	"wait", "busy", "fork", "exec-pe", "nt-exec", "io-pe", "io-nt",
};

/* ---- randomness ---- */

static uint64_t ks_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned int ks_rnd(uint64_t *s, unsigned int n)
{
	return n ? ks_next(s) % n : 0;
}

/* log-uniform in [1, max]: as many sub-10 us kills as 10-100 us ones */
static unsigned int ks_delay_us(uint64_t *s, unsigned int max)
{
	unsigned int bits = 0, e, d;

	while (bits < 30 && (1u << (bits + 1)) <= max)
		bits++;
	e = ks_rnd(s, bits + 1);
	d = (1u << e) + ks_rnd(s, 1u << e);
	return d > max ? max : d;
}

static uint64_t ks_now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ULL + t.tv_nsec;
}

static void ks_sleep_us(unsigned int us)
{
	struct timespec t = { us / 1000000, (us % 1000000) * 1000L };
	uint64_t end;

	if (us >= 50) {
		while (nanosleep(&t, &t) && errno == EINTR)
			;
		return;
	}
	end = ks_now_ns() + us * 1000ULL;
	while (ks_now_ns() < end)
		;
}

uint64_t ks_time_seed(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return (uint64_t)t.tv_sec * 1000003ULL ^ (uint64_t)t.tv_nsec ^ (uint64_t)getpid() << 32;
}

/* ---- victims (run in the forked child; exit codes >= 100 are setup failures) ---- */

static uint64_t v_seed;
static uint64_t v_never;			/* the sentinel's event: never set */
static struct nt_object_attributes v_oa[KS_NAMES];
static uint64_t v_own_event, v_own_mutant, v_own_sem, v_timer, v_busy_sem;
static uint64_t v_pool[KS_POOL];
static volatile int v_started;

static void v_die(int code)
{
	_exit(code);
}

static void v_ready(void)
{
	char c = 'r';

	if (write(KS_READY_FD, &c, 1) != 1)
		v_die(101);
}

/* NT through the device; retried while the device refuses opens (ENODEV) */
static void v_become(void)
{
	int i, ret = -ENODEV;

	for (i = 0; i < 1000 && ret == -ENODEV; i++) {
		ret = nt_become();
		if (ret == -ENODEV)
			usleep(1000);
	}
	if (ret)
		v_die(102);
}

/* objects every NT victim has: the sentinel's event, names, its own objects */
static void v_objects(void)
{
	struct nt_object_attributes oa;
	int64_t due = KS_HOUR_100NS;
	char name[64];
	int i;

	if (NT(NtOpenEvent, A(&v_never), EVENT_ALL_ACCESS, A(nt_oa(&oa, 0, KS_NEVER, 0))))
		v_die(103);
	for (i = 0; i < KS_NAMES; i++) {
		snprintf(name, sizeof(name), "\\BaseNamedObjects\\ks-%d", i);
		nt_oa(&v_oa[i], 0, name, OBJ_OPENIF);
	}
	if (NT(NtCreateEvent, A(&v_own_event), EVENT_ALL_ACCESS, 0, NT_SYNCHRONIZATION_EVENT, 0) ||
	    NT(NtCreateMutant, A(&v_own_mutant), MUTANT_ALL_ACCESS, 0, 1) ||
	    NT(NtCreateSemaphore, A(&v_own_sem), SEMAPHORE_ALL_ACCESS, 0, 0, 100) ||
	    NT(NtCreateSemaphore, A(&v_busy_sem), SEMAPHORE_ALL_ACCESS, 0, 0, 100) ||
	    NT(NtCreateTimer, A(&v_timer), TIMER_ALL_ACCESS, 0, NT_NOTIFICATION_TIMER) ||
	    NT(NtSetTimer, v_timer, A(&due), 0, 0, 0, 0, 0))
		v_die(104);
}

/* a shared named object (0-7 events, 8-11 mutants, 12-15 semaphores) */
static uint32_t v_named(uint64_t *s, uint64_t *h)
{
	unsigned int i = ks_rnd(s, KS_NAMES);

	if (i < 8)
		return NT(NtCreateEvent, A(h), EVENT_ALL_ACCESS, A(&v_oa[i]),
			  ks_rnd(s, 2) ? NT_SYNCHRONIZATION_EVENT : NT_NOTIFICATION_EVENT, 0);
	if (i < 12)
		return NT(NtCreateMutant, A(h), MUTANT_ALL_ACCESS, A(&v_oa[i]), 0);
	return NT(NtCreateSemaphore, A(h), SEMAPHORE_ALL_ACCESS, A(&v_oa[i]), 0, 1000);
}

static void v_pool_put(uint64_t *s, uint64_t h)
{
	uint64_t old = __atomic_exchange_n(&v_pool[ks_rnd(s, KS_POOL)], h, __ATOMIC_ACQ_REL);

	if (old)
		NT(NtClose, old);
}

static uint64_t v_pool_take(uint64_t *s)
{
	return __atomic_exchange_n(&v_pool[ks_rnd(s, KS_POOL)], 0, __ATOMIC_ACQ_REL);
}

static uint64_t v_pool_peek(uint64_t *s)
{
	return __atomic_load_n(&v_pool[ks_rnd(s, KS_POOL)], __ATOMIC_ACQUIRE);
}

/*
 * One wait that never ends on its own: the process is killed in it.  The
 * objects are the sentinel's event, the process's own never-signaled
 * objects, the mutant the main thread owns, a timer due in an hour, this
 * process, or shared named objects, which busy victims do signal: waits
 * on those are repeated, the others must not return at all.
 */
static void v_wait_forever(uint64_t *s, int mainthread)
{
	int64_t hour = KS_HOUR_100NS;
	uint64_t h[4], named = 0;
	uint8_t alertable = ks_rnd(s, 2);
	unsigned int what = ks_rnd(s, mainthread ? 6 : 8);
	uint32_t st;

	switch (what) {
	case 0:
		st = NT(NtWaitForSingleObject, v_never, alertable, 0);
		break;
	case 1:
		h[0] = v_never;
		h[1] = v_own_event;
		h[2] = v_own_sem;
		h[3] = v_timer;
		st = NT(NtWaitForMultipleObjects, 1 + ks_rnd(s, 4), A(h),
			ks_rnd(s, 2) ? NT_WAIT_ANY : NT_WAIT_ALL, alertable, 0);
		break;
	case 2:
		st = NT(NtDelayExecution, alertable, A(&hour));
		break;
	case 3:
		st = NT(NtWaitForSingleObject, NT_CURRENT_PROCESS, alertable, 0);
		break;
	case 4:	/* signal a shared object, wait on the sentinel's */
		if (v_named(s, &named) >= 0x80000000u)
			v_die(105);
		NT(NtSignalAndWaitForSingleObject, named, v_never, alertable, 0);
		/* a mutant we do not own, a full semaphore: the signal fails, no wait */
		for (;;)
			NT(NtWaitForSingleObject, named, alertable, A(&hour));
	case 5:	/* a shared named object, which others signal */
		if (v_named(s, &named) >= 0x80000000u)
			v_die(105);
		for (;;)
			NT(NtWaitForSingleObject, named, alertable, 0);
	case 6:	/* the mutant the main thread owns (abandoned when it dies) */
		st = NT(NtWaitForSingleObject, v_own_mutant, alertable, 0);
		break;
	default:
		st = NT(NtWaitForSingleObject, v_timer, alertable, 0);
		break;
	}
	(void)st;
	v_die(110 + what);	/* a wait that cannot end has ended */
}

static void *v_waiter(void *arg)
{
	uint64_t s = (uintptr_t)arg;

	__atomic_add_fetch(&v_started, 1, __ATOMIC_RELEASE);
	v_wait_forever(&s, 0);
	return NULL;
}

/* One busy step: objects, handles, names, timers, short waits. */
static void v_busy_step(uint64_t *s)
{
	int64_t zero = 0, ms = -10000, due;
	uint64_t h = 0, h2 = 0, hs[4];
	uint64_t buf[64];
	uint32_t len;
	unsigned int i;

	switch (ks_rnd(s, 12)) {
	case 0:
		if (!NT(NtCreateEvent, A(&h), EVENT_ALL_ACCESS, 0, ks_rnd(s, 2), 0)) {
			NT(NtSetEvent, h, 0);
			NT(NtWaitForSingleObject, h, 0, A(&zero));
			if (ks_rnd(s, 2))
				v_pool_put(s, h);
			else
				NT(NtClose, h);
		}
		break;
	case 1:
		if (v_named(s, &h) < 0x80000000u) {
			NT(NtSetEvent, h, 0);
			NT(NtReleaseSemaphore, h, 1, 0);
			NT(NtWaitForSingleObject, h, 0, A(&zero));
			if (ks_rnd(s, 2))
				v_pool_put(s, h);
			else
				NT(NtClose, h);
		}
		break;
	case 2:	/* a shared mutant: acquired, sometimes kept (abandoned at the kill) */
		if (v_named(s, &h) < 0x80000000u) {
			if (NT(NtWaitForSingleObject, h, 0, A(&ms)) == STATUS_WAIT_0 &&
			    ks_rnd(s, 4))
				NT(NtReleaseMutant, h, 0);
			v_pool_put(s, h);
		}
		break;
	case 3:	/* a timer, sometimes closed while armed */
		if (!NT(NtCreateTimer, A(&h), TIMER_ALL_ACCESS, 0, ks_rnd(s, 2))) {
			due = -(int64_t)ks_rnd(s, 20000);
			NT(NtSetTimer, h, A(&due), 0, 0, 0, ks_rnd(s, 3), 0);
			if (ks_rnd(s, 2))
				NT(NtWaitForSingleObject, h, 0, A(&ms));
			if (ks_rnd(s, 2))
				NT(NtCancelTimer, h, 0);
			v_pool_put(s, h);
		}
		break;
	case 4:
		h = v_pool_peek(s);
		if (h && !NT(NtDuplicateObject, NT_CURRENT_PROCESS, h, NT_CURRENT_PROCESS, A(&h2),
			     0, 0, DUPLICATE_SAME_ACCESS))
			v_pool_put(s, h2);
		break;
	case 5:	/* a duplicate that closes the source: races with other users */
		h = v_pool_take(s);
		if (h && !NT(NtDuplicateObject, NT_CURRENT_PROCESS, h, NT_CURRENT_PROCESS, A(&h2),
			     0, 0, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE))
			v_pool_put(s, h2);
		break;
	case 6:
		h = v_pool_take(s);
		if (h)
			NT(NtClose, h);
		break;
	case 7:
		h = v_pool_peek(s);
		NT(NtQueryObject, h, ks_rnd(s, 3), A(buf), sizeof(buf), A(&len));
		break;
	case 8:	/* wait for any of a few pool handles, which others close */
		for (i = 0; i < 4; i++)
			hs[i] = v_pool_peek(s);
		NT(NtWaitForMultipleObjects, 1 + ks_rnd(s, 4), A(hs), NT_WAIT_ANY, 0, A(&ms));
		break;
	case 9:
		NT(NtAlertThread, NT_CURRENT_THREAD);
		NT(NtTestAlert);
		NT(NtYieldExecution);
		break;
	case 10:
		NT(NtSignalAndWaitForSingleObject, v_pool_peek(s), v_pool_peek(s), 0, A(&zero));
		break;
	default:
		NT(NtReleaseSemaphore, v_busy_sem, 1, 0);
		NT(NtWaitForSingleObject, v_busy_sem, 0, A(&zero));
		break;
	}
}

static void *v_busy(void *arg)
{
	uint64_t s = (uintptr_t)arg;

	__atomic_add_fetch(&v_started, 1, __ATOMIC_RELEASE);
	for (;;)
		v_busy_step(&s);
	return NULL;
}

/* Start @n threads running @fn, then wait until each has started. */
static void v_threads(unsigned int n, void *(*fn)(void *))
{
	int want = __atomic_load_n(&v_started, __ATOMIC_ACQUIRE) + n;
	pthread_attr_t attr;
	pthread_t t;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	while (n--)
		if (pthread_create(&t, &attr, fn, (void *)(uintptr_t)ks_next(&v_seed)))
			v_die(106);
	while (__atomic_load_n(&v_started, __ATOMIC_ACQUIRE) < want)
		sched_yield();
}

static void v_wait_body(void)
{
	v_become();
	v_objects();
	v_threads(ks_rnd(&v_seed, KS_MAX_THREADS), v_waiter);
	v_ready();
	v_wait_forever(&v_seed, 1);
}

static void v_busy_body(void)
{
	v_become();
	v_objects();
	v_threads(1 + ks_rnd(&v_seed, KS_MAX_THREADS), v_busy);
	v_ready();
	for (;;)
		v_busy_step(&v_seed);
}

/* NT fork children (NT by inheritance): waiting or busy, and the parent too */
static void v_fork_body(void)
{
	unsigned int n = 1 + ks_rnd(&v_seed, 3), busy;
	pid_t pid;

	v_become();
	v_objects();
	while (n--) {
		busy = ks_rnd(&v_seed, 2);
		ks_next(&v_seed);
		pid = fork();
		if (pid < 0)
			v_die(107);
		if (!pid) {
			/* a fork child's handle table starts empty */
			v_seed ^= 0x5bd1e995ULL * (n + 1);
			v_objects();
			v_threads(ks_rnd(&v_seed, 3), busy ? v_busy : v_waiter);
			if (busy)
				for (;;)
					v_busy_step(&v_seed);
			v_wait_forever(&v_seed, 1);
		}
	}
	v_threads(ks_rnd(&v_seed, 2), v_busy);
	v_ready();
	v_wait_forever(&v_seed, 1);
}

static int ks_have_rule(void)
{
	return access(KS_BINFMT_RULE, F_OK) == 0;
}

/* exec a PE program by path (binfmt_misc), or through the shim if no rule */
static void v_exec_pe(const char *prog, char *arg)
{
	char path[128];
	char *argv[4];

	snprintf(path, sizeof(path), KS_PE_DIR "/%s", prog);
	if (ks_have_rule()) {
		argv[0] = path;
		argv[1] = arg;
		argv[2] = NULL;
		execv(path, argv);
	} else {
		argv[0] = KS_SHIM;
		argv[1] = path;
		argv[2] = arg;
		argv[3] = NULL;
		execv(KS_SHIM, argv);
	}
	v_die(108);
}

static void v_exec_pe_body(void)
{
	static char three[] = "3";

	switch (ks_rnd(&v_seed, 3)) {
	case 0:
		v_exec_pe("hello.exe", NULL);
		break;
	case 1:
		v_exec_pe("cat.exe", NULL);	/* stdin is /dev/null: EOF at once */
		break;
	default:
		v_exec_pe("exitcode.exe", three);
		break;
	}
}

/* busy NT threads; then the main thread execs a PE program (exec ends NT-ness) */
static void v_nt_exec_body(void)
{
	unsigned int steps = ks_rnd(&v_seed, 200);

	v_become();
	v_objects();
	v_threads(1 + ks_rnd(&v_seed, KS_MAX_THREADS), ks_rnd(&v_seed, 2) ? v_busy : v_waiter);
	v_ready();
	while (steps--)
		v_busy_step(&v_seed);
	v_exec_pe("hello.exe", NULL);
}

/* ---- threads of an exec'd NT process doing I/O on its std handles ---- */

static uint64_t v_stdin, v_stdout;

static void *v_reader(void *arg)
{
	static char buf[4096];
	uint64_t iosb[2];

	__atomic_add_fetch(&v_started, 1, __ATOMIC_RELEASE);
	for (;;)
		if (NT(NtReadFile, v_stdin, 0, 0, 0, A(iosb), A(buf), sizeof(buf), 0, 0))
			v_die(120);	/* the pipe is never written nor closed */
	return NULL;
}

static void *v_writer(void *arg)
{
	static char buf[65536];
	uint64_t iosb[2];

	__atomic_add_fetch(&v_started, 1, __ATOMIC_RELEASE);
	for (;;)
		if (NT(NtWriteFile, v_stdout, 0, 0, 0, A(iosb), A(buf), sizeof(buf), 0, 0))
			v_die(121);	/* the pipe is never read nor closed */
	return NULL;
}

/*
 * NTOS_IOC_EXEC_PE on hello.exe, whose code is never run: this program's
 * text is the Linux region, so it goes on as an NT process with std
 * handles on the pipes it has as fds 0 and 1 (nobody writes the one, nobody
 * reads the other).  Threads block in NtReadFile and NtWriteFile, others wait.
 */
static void v_io_nt_body(void)
{
	char *argv[] = { KS_PE_DIR "/hello.exe", NULL }, *envp[] = { NULL };
	struct ntos_exec_pe req;
	uint64_t pp;
	int fd, dev = -1, i;
	unsigned int n;

	if (nt_tramp_setup())
		v_die(130);
	fd = open(KS_PE_DIR "/hello.exe", O_RDONLY | O_CLOEXEC);
	for (i = 0; i < 1000 && dev < 0; i++) {
		dev = open(NTOS_DEVICE_PATH, O_RDWR | O_CLOEXEC);
		if (dev < 0 && errno == ENODEV)
			usleep(1000);
		else if (dev < 0)
			break;
	}
	if (fd < 0 || dev < 0)
		v_die(131);
	memset(&req, 0, sizeof(req));
	req.fd = fd;
	req.argv = A(argv);
	req.envp = A(envp);
	req.linux_start = A(__executable_start);
	req.linux_end = A(etext);
	if (ioctl(dev, NTOS_IOC_EXEC_PE, &req))
		v_die(132);
	close(dev);
	close(fd);
	pp = *(uint64_t *)(uintptr_t)(req.peb + 0x20);		/* ProcessParameters */
	v_stdin = *(uint64_t *)(uintptr_t)(pp + 0x20);
	v_stdout = *(uint64_t *)(uintptr_t)(pp + 0x28);
	if (!v_stdin || !v_stdout)
		v_die(133);
	v_objects();
	n = 1 + ks_rnd(&v_seed, KS_MAX_THREADS);
	for (i = 0; i < (int)n; i++)
		v_threads(1, ks_rnd(&v_seed, 2) ? v_reader : v_writer);
	v_threads(ks_rnd(&v_seed, 2), v_waiter);
	v_ready();
	if (ks_rnd(&v_seed, 2))
		v_reader(NULL);
	v_writer(NULL);
}

/* ---- the storm ---- */

struct ks_stats {
	unsigned long killed[KS_NKINDS];	/* ended by our SIGKILL */
	unsigned long finished[KS_NKINDS];	/* ended on their own first (allowed) */
	unsigned long after_ready, from_fork;
	unsigned long delay_us_total, delay_short;	/* delays under 50 us */
};

struct ks_worker {
	const struct ks_opts *o;
	unsigned int id;
	uint64_t rng;
	unsigned long victims;		/* spawned by this worker */
	struct ks_stats st;
	char errpath[64];
	pthread_t thread;
};

static volatile int ks_failed;
static unsigned long ks_killed_total;	/* atomically */
static unsigned long ks_target;
static uint64_t ks_deadline_ns;
static unsigned long ks_unload_refused, ks_unload_ebusy;
static volatile int ks_unload_stop;

static void ks_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ks_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# killstorm FAILED: ");
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	va_end(ap);
	ks_failed = 1;
}

static int ks_pidfd_open(pid_t pid)
{
	return syscall(SYS_pidfd_open, pid, 0);
}

/* Counts of NT processes (debugfs "processes" lines); -1 if not readable. */
static long ks_nt_processes(void)
{
	char line[256];
	FILE *f = fopen(KS_PROCESSES, "r");
	long n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "process ", 8))
			n++;
	fclose(f);
	return n;
}

/* Wait until the live objects and NT processes are back at @objs, @procs. */
static int ks_settle(long objs, long procs, long *got_objs, long *got_procs)
{
	uint64_t end = ks_now_ns() + KS_SETTLE_TIMEOUT_MS * 1000000ULL;

	for (;;) {
		*got_objs = nt_live_objects();
		*got_procs = ks_nt_processes();
		if (*got_objs == objs && *got_procs == procs)
			return 0;
		if (ks_now_ns() > end)
			return -1;
		usleep(10000);
	}
}

/* No NT process and the same live-object count twice, 100 ms apart. */
static int ks_steady(long *objs, long *procs)
{
	uint64_t end = ks_now_ns() + KS_SETTLE_TIMEOUT_MS * 1000000ULL;
	long before;

	do {
		before = nt_live_objects();
		usleep(100000);
		*objs = nt_live_objects();
		*procs = ks_nt_processes();
		if (*objs >= 0 && *objs == before && !*procs)
			return 0;
	} while (ks_now_ns() < end);
	return -1;
}

/* The child side of a spawn: its own group, fds 0-3 set, nothing else open. */
static void ks_child_fds(int in, int out, int err, int ready)
{
	int fds[4] = { in, out, err, ready }, i, moved[4];

	setpgid(0, 0);
	/* first out of 0..3, so that dup2 below cannot clobber one */
	for (i = 0; i < 4; i++)
		moved[i] = fds[i] >= 0 ? fcntl(fds[i], F_DUPFD, 10) : -1;
	for (i = 0; i < 4; i++)
		if (moved[i] >= 0)
			dup2(moved[i], i);
	syscall(SYS_close_range, 4, ~0U, 0);
}

/*
 * What may end a victim before its kill: the PE programs run to
 * completion (0, exitcode.exe: 3); nothing else ends on its own.
 */
static int ks_natural_end(int kind, int status)
{
	if (!WIFEXITED(status))
		return 0;
	if (kind == KS_EXEC_PE)
		return WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 3;
	if (kind == KS_NT_EXEC)
		return WEXITSTATUS(status) == 0;
	return 0;
}

static const char *ks_variant_name(int kind, int variant)
{
	if (kind == KS_IO_PE)
		return variant ? "write-full-pipe" : "read-empty-pipe";
	return "";
}

/* wait for @fd to be readable (a byte or EOF); 0 if so, -1 on timeout */
static int ks_wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r;

	do
		r = poll(&p, 1, ms);
	while (r < 0 && errno == EINTR);
	return r > 0 ? 0 : -1;
}

/* One victim: spawn, maybe wait until in place, delay, kill, reap, judge. */
static void ks_one(struct ks_worker *w)
{
	const struct ks_opts *o = w->o;
	int kind = ks_rnd(&w->rng, KS_NKINDS), variant = ks_rnd(&w->rng, 2);
	int after_ready = kind != KS_EXEC_PE && ks_rnd(&w->rng, 3);
	unsigned int delay = ks_delay_us(&w->rng, o->max_delay_us);
	uint64_t vseed = ks_next(&w->rng);
	int ready[2], in[2] = { -1, -1 }, out[2] = { -1, -1 }, null, errfd, pidfd;
	unsigned long n = w->victims++;
	int status, fd;
	char c, buf[256];
	pid_t pid;
	ssize_t r;

	if (pipe2(ready, O_CLOEXEC)) {
		ks_fail("pipe: %s", strerror(errno));
		return;
	}
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	errfd = open(w->errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (kind == KS_IO_PE || kind == KS_IO_NT) {
		if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC)) {
			ks_fail("pipe: %s", strerror(errno));
			return;
		}
	}
	if (kind == KS_IO_PE && variant) {	/* cat </dev/zero >full-pipe */
		close(in[0]);
		close(in[1]);
		in[0] = open("/dev/zero", O_RDONLY | O_CLOEXEC);
		in[1] = -1;
	}

	pid = fork();
	if (pid < 0) {
		ks_fail("fork: %s", strerror(errno));
		return;
	}
	if (!pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		v_seed = vseed;
		ks_child_fds(in[0] >= 0 ? in[0] : null, out[1] >= 0 ? out[1] : null, errfd,
			     ready[1]);
		switch (kind) {
		case KS_WAIT:
			v_wait_body();
			break;
		case KS_BUSY:
			v_busy_body();
			break;
		case KS_FORK:
			v_fork_body();
			break;
		case KS_EXEC_PE:
			v_exec_pe_body();
			break;
		case KS_NT_EXEC:
			v_nt_exec_body();
			break;
		case KS_IO_PE:
			v_exec_pe("cat.exe", NULL);
			break;
		default:
			v_io_nt_body();
			break;
		}
		_exit(99);
	}
	setpgid(pid, pid);	/* (also done by the child: whichever runs first) */
	pidfd = ks_pidfd_open(pid);
	close(ready[1]);
	if (in[0] >= 0)
		close(in[0]);
	if (out[1] >= 0)
		close(out[1]);

	if (after_ready) {
		if (kind == KS_IO_PE && !variant) {
			/* cat echoes a line: then it is back in NtReadFile on the empty pipe */
			if (write(in[1], "ks\n", 3) != 3)
				ks_fail("victim %u.%lu: write to cat: %s", w->id, n, strerror(errno));
		}
		if (ks_wait_readable(kind == KS_IO_PE ? out[0] : ready[0], KS_READY_TIMEOUT_MS))
			ks_fail("victim %u.%lu (%s) not in place after %d s", w->id, n,
				ks_kind_name[kind], KS_READY_TIMEOUT_MS / 1000);
		/* EOF instead of the byte: it ended, judged below */
		r = read(kind == KS_IO_PE ? out[0] : ready[0], &c, 1);
	}
	ks_sleep_us(delay);
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	if (pidfd >= 0 && ks_wait_readable(pidfd, KS_DIE_TIMEOUT_MS)) {
		ks_fail("victim %u.%lu (%s) still there %d s after SIGKILL; its threads' stacks:",
			w->id, n, ks_kind_name[kind], KS_DIE_TIMEOUT_MS / 1000);
		snprintf(buf, sizeof(buf), "cat /proc/%d/task/*/stack | sed 's/^/#   /'", pid);
		if (system(buf))
			printf("#   (no stacks)\n");
		fflush(stdout);
	}
	if (waitpid(pid, &status, 0) != pid)
		ks_fail("waitpid %d: %s", pid, strerror(errno));
	else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
		w->st.killed[kind]++;
		__atomic_add_fetch(&ks_killed_total, 1, __ATOMIC_RELAXED);
		if (after_ready)
			w->st.after_ready++;
		else
			w->st.from_fork++;
		w->st.delay_us_total += delay;
		w->st.delay_short += delay < 50;
	} else if (ks_natural_end(kind, status)) {
		w->st.finished[kind]++;
	} else {
		fd = open(w->errpath, O_RDONLY | O_CLOEXEC);
		r = fd < 0 ? 0 : pread(fd, buf, sizeof(buf) - 1, 0);
		buf[r > 0 ? r : 0] = 0;
		if (fd >= 0)
			close(fd);
		ks_fail("victim %u.%lu (%s%s%s, kill %s + %u us, seed %#llx): %s %d%s%s", w->id, n,
			ks_kind_name[kind], *ks_variant_name(kind, variant) ? " " : "",
			ks_variant_name(kind, variant), after_ready ? "in place" : "fork", delay,
			(unsigned long long)vseed,
			WIFSIGNALED(status) ? "killed by signal" : "exited with status",
			WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
			*buf ? "; stderr: " : "", buf);
	}
	if (o->verbose)
		printf("# victim %u.%lu %s%s%s %s+%uus: %s %d\n", w->id, n, ks_kind_name[kind],
		       *ks_variant_name(kind, variant) ? " " : "", ks_variant_name(kind, variant),
		       after_ready ? "ready" : "fork", delay,
		       WIFSIGNALED(status) ? "signal" : "exit",
		       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	if (pidfd >= 0)
		close(pidfd);
	close(ready[0]);
	close(null);
	close(errfd);
	if (in[1] >= 0)
		close(in[1]);
	if (out[0] >= 0)
		close(out[0]);
}

static void *ks_worker_main(void *arg)
{
	struct ks_worker *w = arg;

	while (!ks_failed && __atomic_load_n(&ks_killed_total, __ATOMIC_RELAXED) < ks_target) {
		if (ks_deadline_ns && ks_now_ns() > ks_deadline_ns) {
			ks_fail("timeout: %u s passed", w->o->timeout);
			break;
		}
		ks_one(w);
	}
	return NULL;
}

/*
 * The unload storm: delete_module() every 0.1-5 ms, with and without
 * O_NONBLOCK, while NT processes (the sentinel at least) exist: each
 * attempt must be refused, EWOULDBLOCK (references held) or EBUSY.
 */
static void *ks_unloader(void *arg)
{
	uint64_t s = *(uint64_t *)arg;

	while (!ks_unload_stop && !ks_failed) {
		ks_sleep_us(100 + ks_rnd(&s, 4900));
		if (!syscall(SYS_delete_module, "ntpersona", ks_rnd(&s, 2) ? O_NONBLOCK : 0)) {
			ks_fail("the module unloaded while NT processes existed");
			break;
		}
		if (errno == EWOULDBLOCK)
			ks_unload_refused++;
		else if (errno == EBUSY)
			ks_unload_ebusy++;
		else if (errno != EINTR) {
			ks_fail("delete_module: unexpected error %s", strerror(errno));
			break;
		}
	}
	return NULL;
}

/* The sentinel: an NT process alive for the whole storm, owner of ks-never. */
static pid_t ks_sentinel(void)
{
	struct nt_object_attributes oa;
	int ready[2];
	pid_t pid;
	char c;

	if (pipe2(ready, O_CLOEXEC))
		return -1;
	pid = fork();
	if (!pid) {
		uint64_t ev;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		setpgid(0, 0);
		v_become();
		if (NT(NtCreateEvent, A(&ev), EVENT_ALL_ACCESS, A(nt_oa(&oa, 0, KS_NEVER, 0)),
		       NT_NOTIFICATION_EVENT, 0))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		NT(NtWaitForSingleObject, ev, 0, 0);
		_exit(2);
	}
	close(ready[1]);
	if (pid < 0 || read(ready[0], &c, 1) != 1) {
		close(ready[0]);
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		return -1;
	}
	close(ready[0]);
	return pid;
}

/* The module's parameters as "name=value ..." for the reload. */
static void ks_module_params(char *out, size_t n)
{
	static const char *const params[] = { "max_handles" };
	char path[128], val[64];
	size_t len = 0;
	unsigned int i;
	FILE *f;

	out[0] = 0;
	for (i = 0; i < ARRAY_SIZE(params); i++) {
		snprintf(path, sizeof(path), "/sys/module/ntpersona/parameters/%s", params[i]);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(val, sizeof(val), f)) {
			val[strcspn(val, "\n")] = 0;
			len += snprintf(out + len, n - len, "%s%s=%s", len ? " " : "", params[i], val);
		}
		fclose(f);
	}
}

static int ks_module_loaded(void)
{
	char line[256];
	FILE *f = fopen("/proc/modules", "r");
	int found = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "ntpersona ", 10))
			found = 1;
	fclose(f);
	return found;
}

/*
 * With no NT process left the module must unload (teardown of the last
 * ones runs from a workqueue: retried for a while), and then load again.
 */
static int ks_unload_reload(const char *params, double *unload_ms)
{
	uint64_t t0 = ks_now_ns(), end = t0 + KS_SETTLE_TIMEOUT_MS * 1000000ULL;
	int fd, ret;

	while (syscall(SYS_delete_module, "ntpersona", O_NONBLOCK)) {
		if (errno != EWOULDBLOCK && errno != EBUSY && errno != EINTR) {
			ks_fail("final unload: %s", strerror(errno));
			return -1;
		}
		if (ks_now_ns() > end) {
			ks_fail("final unload still refused (%s) %d s after the last NT process",
				strerror(errno), KS_SETTLE_TIMEOUT_MS / 1000);
			return -1;
		}
		usleep(1000);
	}
	*unload_ms = (ks_now_ns() - t0) / 1e6;
	if (ks_module_loaded() != 0 || access(NTOS_DEVICE_PATH, F_OK) == 0)
		ks_fail("after the unload the module or its device is still there");
	fd = open(KS_MODULE_PATH, O_RDONLY | O_CLOEXEC);
	ret = fd < 0 ? -1 : (int)syscall(SYS_finit_module, fd, params, 0);
	if (ret)
		ks_fail("reload of %s (%s): %s", KS_MODULE_PATH, params, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (!ret && (ks_module_loaded() != 1 || access(NTOS_DEVICE_PATH, F_OK)))
		ks_fail("after the reload the module or its device is missing");
	return ret;
}

void ks_defaults(struct ks_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = ks_time_seed();
	o->kills = 10000;
	o->workers = 3;
	o->round = 500;
	o->max_delay_us = 20000;
	o->unload = geteuid() == 0;
}

int ks_parse_args(struct ks_opts *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--no-unload")) {
			o->unload = 0;
			continue;
		}
		if (!strcmp(a, "--verbose")) {
			o->verbose = 1;
			continue;
		}
		if (!v)
			goto usage;
		if (!strcmp(a, "--seed"))
			o->seed = strtoull(v, NULL, 0);
		else if (!strcmp(a, "--kills"))
			o->kills = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--workers"))
			o->workers = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--round"))
			o->round = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--max-delay-us"))
			o->max_delay_us = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--timeout"))
			o->timeout = strtoul(v, NULL, 0);
		else
			goto usage;
		i++;
	}
	if (!o->workers || o->workers > KS_MAX_WORKERS || !o->round || !o->max_delay_us)
		goto usage;
	return 0;
usage:
	fprintf(stderr,
		"usage: killstorm [--seed S] [--kills N] [--workers W (1-%d)] [--round N]\n"
		"                 [--max-delay-us U] [--timeout SECONDS] [--no-unload] [--verbose]\n",
		KS_MAX_WORKERS);
	return -1;
}

int ks_run(const struct ks_opts *o)
{
	struct ks_worker *w = calloc(o->workers, sizeof(*w));
	long objs0, procs0, objs, procs, base_objs, nobjs, nprocs;
	uint64_t t0 = ks_now_ns(), useed = o->seed ^ 0x756e6c6f6164ULL;
	struct ks_stats tot = { 0 };
	char params[256] = "";
	double unload_ms = 0;
	pthread_t unloader;
	unsigned int i, k, round = 0;
	pid_t sentinel;

	ks_failed = 0;
	ks_killed_total = 0;
	ks_unload_refused = ks_unload_ebusy = 0;
	ks_unload_stop = 0;
	ks_deadline_ns = o->timeout ? t0 + o->timeout * 1000000000ULL : 0;
	printf("# killstorm seed %llu kills %lu workers %u max-delay %u us unload %s "
	       "(replay: killstorm --seed %llu --kills %lu --workers %u)\n",
	       (unsigned long long)o->seed, o->kills, o->workers, o->max_delay_us,
	       o->unload ? "on" : "off", (unsigned long long)o->seed, o->kills, o->workers);
	fflush(stdout);
	if (!w)
		return -1;

	/* where things stand before: no NT process, a steady object count */
	if (ks_steady(&objs0, &procs0)) {
		ks_fail("no stable starting point: %ld live objects, %ld NT processes "
			"(root and debugfs needed)", objs0, procs0);
		return -1;
	}
	if (o->unload)
		ks_module_params(params, sizeof(params));
	sentinel = ks_sentinel();
	if (sentinel < 0) {
		ks_fail("cannot start the sentinel NT process");
		return -1;
	}
	base_objs = nt_live_objects();
	printf("# baseline: %ld live objects, %ld NT processes; with the sentinel %ld objects\n",
	       objs0, procs0, base_objs);
	if (o->unload && pthread_create(&unloader, NULL, ks_unloader, &useed)) {
		ks_fail("pthread_create");
		return -1;
	}

	for (i = 0; i < o->workers; i++) {
		w[i].o = o;
		w[i].id = i;
		w[i].rng = o->seed * 0x100000001b3ULL + i + 1;
		ks_next(&w[i].rng);
		snprintf(w[i].errpath, sizeof(w[i].errpath), "/tmp/killstorm.%d.%u.err",
			 getpid(), i);
	}
	while (!ks_failed && ks_killed_total < o->kills) {
		ks_target = ks_killed_total + o->round;
		if (ks_target > o->kills)
			ks_target = o->kills;
		for (i = 0; i < o->workers; i++)
			if (pthread_create(&w[i].thread, NULL, ks_worker_main, &w[i])) {
				ks_fail("pthread_create");
				break;
			}
		while (i--)
			pthread_join(w[i].thread, NULL);
		round++;
		/* every victim is reaped: only the sentinel is left, with its objects */
		if (ks_settle(base_objs, 1, &nobjs, &nprocs))
			ks_fail("after round %u: %ld live objects (want %ld), %ld NT processes "
				"(want 1, the sentinel)", round, nobjs, base_objs, nprocs);
		printf("# round %u: %lu kills, %.1f s, unload attempts refused %lu\n", round,
		       ks_killed_total, (ks_now_ns() - t0) / 1e9,
		       ks_unload_refused + ks_unload_ebusy);
		fflush(stdout);
	}

	if (o->unload) {
		ks_unload_stop = 1;
		pthread_join(unloader, NULL);
	}
	kill(sentinel, SIGKILL);
	waitpid(sentinel, NULL, 0);
	if (ks_settle(objs0, procs0, &objs, &procs))
		ks_fail("at the end: %ld live objects (want %ld), %ld NT processes (want %ld)",
			objs, objs0, procs, procs0);
	if (o->unload && !ks_failed)
		ks_unload_reload(params, &unload_ms);

	for (i = 0; i < o->workers; i++) {
		for (k = 0; k < KS_NKINDS; k++) {
			tot.killed[k] += w[i].st.killed[k];
			tot.finished[k] += w[i].st.finished[k];
		}
		tot.after_ready += w[i].st.after_ready;
		tot.from_fork += w[i].st.from_fork;
		tot.delay_us_total += w[i].st.delay_us_total;
		tot.delay_short += w[i].st.delay_short;
		unlink(w[i].errpath);
	}
	printf("# killstorm: %lu kills in %.1f s (%lu rounds): ", ks_killed_total,
	       (ks_now_ns() - t0) / 1e9, (unsigned long)round);
	for (k = 0; k < KS_NKINDS; k++)
		printf("%s%s %lu", k ? ", " : "", ks_kind_name[k], tot.killed[k]);
	printf("\n# killstorm: %lu killed once in place, %lu at a delay from fork; mean delay %lu us, "
	       "%lu under 50 us; ended on their own first: exec-pe %lu, nt-exec %lu\n",
	       tot.after_ready, tot.from_fork,
	       ks_killed_total ? tot.delay_us_total / ks_killed_total : 0, tot.delay_short,
	       tot.finished[KS_EXEC_PE], tot.finished[KS_NT_EXEC]);
	if (o->unload)
		printf("# killstorm: unload attempts refused %lu (EWOULDBLOCK %lu, EBUSY %lu); "
		       "final unload %s after %.1f ms, reloaded%s%s\n",
		       ks_unload_refused + ks_unload_ebusy, ks_unload_refused, ks_unload_ebusy,
		       ks_failed ? "FAILED or skipped" : "done", unload_ms, *params ? " with " : "",
		       params);
	printf("# killstorm %s (seed %llu)\n", ks_failed ? "FAILED" : "passed",
	       (unsigned long long)o->seed);
	fflush(stdout);
	free(w);
	return ks_failed ? -1 : 0;
}
