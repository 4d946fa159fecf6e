// SPDX-License-Identifier: GPL-2.0
/*
 * ntfuzz core: see ntfuzz_core.h.
 *
 * Each fuzzing thread has its own PRNG (seeded from the run's seed, the
 * phase and the thread number) and its own scratch memory: 40 pages
 * followed by a PROT_NONE guard page.  Every structure handed to the kernel
 * (OBJECT_ATTRIBUTES, UNICODE_STRINGs, names, handle arrays, output buffers,
 * fake stacks) lives in scratch memory, in a shared scratch area all
 * threads write to, or in pages the kernel may not write (a read-only page
 * of random bytes, the read-only table of timeouts).  The fuzzer's own
 * bookkeeping is never passed to the kernel, so no output can corrupt it.
 *
 * Waits only ever get a timeout from the read-only table (at most 1 ms),
 * an absolute time at most 1 ms ahead, or an address that faults: never
 * NULL (forever), never a buffer another call may overwrite.  Services that
 * could block or harm the fuzzer once implemented are never called with
 * random arguments (fz_denied).
 *
 * The threads share one pool of handles (events, mutants, semaphores,
 * timers, directories, symbolic links, process and thread handles, and
 * duplicates), a ring of closed handle values, and 48 names under
 * \BaseNamedObjects\fz-<n>, 8 per kind of object (so that opens find
 * objects and creates mostly collide with their own kind).  With two
 * threads or more, the last one is a "closer": it closes, duplicates with
 * DUPLICATE_CLOSE_SOURCE and signals pool handles while the others wait on
 * them.  Each fuzzing thread also starts short-lived threads now and then,
 * which fuzz a few hundred calls and exit (thread handles to dead threads,
 * abandoned mutants), and the first one forks now and then an NT child
 * that fuzzes until it is SIGKILLed at a random moment (--simple: neither,
 * so that one thread replays a seed call for call).
 *
 * A phase's child records each thread's call in flight in memory shared
 * with the parent, which prints them if the child dies or hangs; a fault
 * in the fuzzer itself is reported with its address and rip.
 */
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <time.h>
#include <unistd.h>

#include "../nt/ntcall.h"
#include "ntfuzz_core.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif
#ifndef __printf
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#endif

#define FZ_PAGE			4096UL
#define FZ_SCRATCH_PAGES	40	/* per thread: room for a 0xfffc-byte name */
#define FZ_SHARED_PAGES		8
#define FZ_POOL			96	/* handles shared by the threads */
#define FZ_STALE		32	/* closed handle values */
#define FZ_NAMES_PER_KIND	8	/* fz-0..7 events, 8..15 mutants, ... */
#define FZ_NAMES		(6 * FZ_NAMES_PER_KIND)	/* \BaseNamedObjects\fz-0..47 */
#define FZ_STATUS_SLOTS		512	/* distinct NTSTATUS values kept */
#define FZ_NOBODY		65534
#define FZ_OUT_OF_RANGE		NTSVC_COUNT	/* counts[] slot of invalid numbers */

/* 1601-01-01 to 1970-01-01 in 100 ns */
#define FZ_EPOCH_DIFF_100NS	116444736000000000LL

enum fz_kind {
	K_NONE, K_EVENT, K_MUTANT, K_SEMAPHORE, K_TIMER, K_DIRECTORY, K_SYMLINK,
	K_PROCESS, K_THREAD,
	/* what a handle argument wants */
	K_ANY, K_WAITABLE, K_SIGNALABLE,
};

static const char *const fz_kind_names[] = {
	"?", "ev", "mu", "sem", "tim", "dir", "lnk", "proc", "thr",
};

/* How each argument slot of a service is generated. */
enum fz_arg {
	A_H, A_HEV, A_HMU, A_HSEM, A_HTIM, A_HDIR, A_HLINK, A_HTHREAD, A_HWAIT, A_HSIG, A_HNAMED,
	A_HOUT, A_ACCESS, A_OA, A_OA_OPEN, A_TARGET, A_US_OUT, A_BOOL, A_TIMEOUT,
	A_CLASS, A_BUF, A_LEN, A_RETLEN, A_PREV32, A_PREV8, A_HARRAY, A_COUNT,
	A_WAITTYPE, A_EVTYPE, A_TIMTYPE, A_LONG, A_DUE, A_APC, A_ANY, A_PERIOD,
	A_PROC, A_DUPOPT, A_HATTR, A_CTX, A_SHADOW, A_FLAGS, A_OUT64, A_IOSB, A_OFFSET,
	A_KEY, A_TERMH, A_VMBASE, A_VMSIZE, A_VMADDR, A_VMTYPE, A_VMFREE, A_PROT, A_ZEROBITS,
	A_NLSTYPE, A_NLSID, A_TRUE,
};

struct fz_svc {
	uint32_t nr;
	uint8_t nargs;		/* from nt.tbl */
	uint8_t weight;
	uint8_t makes;		/* kind of the handle it returns */
	uint8_t nlisted;	/* argument kinds listed below */
	const char *name;
	uint8_t arg[12];
};

#define FZ_SVC(svc, w, k, ...)						\
	{ NTSVC_##svc, NTSVC_##svc##_NARGS, w, k,			\
	  sizeof((const uint8_t[]){ 0, ##__VA_ARGS__ }) - 1, #svc + 2,	\
	  { __VA_ARGS__ } }

/*
 * The services nt.tbl marks as implemented (a fourth column), with the
 * kinds of their arguments.  fz_init_tables() checks the argument counts
 * against the generated header.
 */
static const struct fz_svc fz_svcs[] = {
	FZ_SVC(NtWaitForSingleObject, 6, K_NONE, A_HWAIT, A_BOOL, A_TIMEOUT),
	FZ_SVC(NtReadFile, 2, K_NONE, A_H, A_HEV, A_APC, A_ANY, A_IOSB, A_BUF, A_LEN, A_OFFSET,
	       A_KEY),
	FZ_SVC(NtWriteFile, 2, K_NONE, A_H, A_HEV, A_APC, A_ANY, A_IOSB, A_BUF, A_LEN, A_OFFSET,
	       A_KEY),
	FZ_SVC(NtReleaseSemaphore, 4, K_NONE, A_HSEM, A_LONG, A_PREV32),
	FZ_SVC(NtSetEvent, 4, K_NONE, A_HEV, A_PREV32),
	FZ_SVC(NtClose, 4, K_NONE, A_H),
	FZ_SVC(NtQueryObject, 5, K_NONE, A_H, A_CLASS, A_BUF, A_LEN, A_RETLEN),
	FZ_SVC(NtQueryInformationProcess, 3, K_NONE, A_PROC, A_CLASS, A_BUF, A_LEN, A_RETLEN),
	FZ_SVC(NtReleaseMutant, 4, K_NONE, A_HMU, A_PREV32),
	/* never the caller itself: that would be the fuzzer's exit_group() */
	FZ_SVC(NtTerminateProcess, 2, K_NONE, A_TERMH, A_ANY),
	FZ_SVC(NtQueryPerformanceCounter, 2, K_NONE, A_OUT64, A_OUT64),
	FZ_SVC(NtDelayExecution, 2, K_NONE, A_BOOL, A_TIMEOUT),
	FZ_SVC(NtQueryTimer, 3, K_NONE, A_HTIM, A_CLASS, A_BUF, A_LEN, A_RETLEN),
	FZ_SVC(NtDuplicateObject, 6, K_NONE, A_PROC, A_H, A_PROC, A_HOUT, A_ACCESS, A_HATTR,
	       A_DUPOPT),
	FZ_SVC(NtClearEvent, 2, K_NONE, A_HEV),
	FZ_SVC(NtOpenEvent, 3, K_EVENT, A_HOUT, A_ACCESS, A_OA_OPEN),
	FZ_SVC(NtYieldExecution, 1, K_NONE),
	FZ_SVC(NtCreateEvent, 5, K_EVENT, A_HOUT, A_ACCESS, A_OA, A_EVTYPE, A_BOOL),
	FZ_SVC(NtQueryEvent, 3, K_NONE, A_HEV, A_CLASS, A_BUF, A_LEN, A_RETLEN),
	FZ_SVC(NtOpenDirectoryObject, 3, K_DIRECTORY, A_HOUT, A_ACCESS, A_OA_OPEN),
	FZ_SVC(NtQuerySystemTime, 2, K_NONE, A_OUT64),
	FZ_SVC(NtWaitForMultipleObjects, 6, K_NONE, A_COUNT, A_HARRAY, A_WAITTYPE, A_BOOL,
	       A_TIMEOUT),
	FZ_SVC(NtCancelTimer, 2, K_NONE, A_HTIM, A_PREV8),
	FZ_SVC(NtSetTimer, 4, K_NONE, A_HTIM, A_DUE, A_APC, A_ANY, A_BOOL, A_PERIOD, A_PREV8),
	FZ_SVC(NtAlertThread, 3, K_NONE, A_HTHREAD),
	FZ_SVC(NtCreateDirectoryObject, 4, K_DIRECTORY, A_HOUT, A_ACCESS, A_OA),
	FZ_SVC(NtCreateDirectoryObjectEx, 2, K_DIRECTORY, A_HOUT, A_ACCESS, A_OA, A_SHADOW,
	       A_FLAGS),
	FZ_SVC(NtCreateMutant, 4, K_MUTANT, A_HOUT, A_ACCESS, A_OA, A_BOOL),
	FZ_SVC(NtCreateSemaphore, 4, K_SEMAPHORE, A_HOUT, A_ACCESS, A_OA, A_LONG, A_LONG),
	FZ_SVC(NtCreateSymbolicLinkObject, 4, K_SYMLINK, A_HOUT, A_ACCESS, A_OA, A_TARGET),
	FZ_SVC(NtCreateTimer, 4, K_TIMER, A_HOUT, A_ACCESS, A_OA, A_TIMTYPE),
	FZ_SVC(NtGetCurrentProcessorNumber, 1, K_NONE),
	FZ_SVC(NtMakeTemporaryObject, 2, K_NONE, A_HNAMED),
	FZ_SVC(NtOpenMutant, 3, K_MUTANT, A_HOUT, A_ACCESS, A_OA_OPEN),
	FZ_SVC(NtOpenSemaphore, 3, K_SEMAPHORE, A_HOUT, A_ACCESS, A_OA_OPEN),
	FZ_SVC(NtOpenSymbolicLinkObject, 3, K_SYMLINK, A_HOUT, A_ACCESS, A_OA_OPEN),
	FZ_SVC(NtOpenTimer, 3, K_TIMER, A_HOUT, A_ACCESS, A_OA_OPEN),
	FZ_SVC(NtPulseEvent, 3, K_NONE, A_HEV, A_PREV32),
	FZ_SVC(NtQueryDirectoryObject, 4, K_NONE, A_HDIR, A_BUF, A_LEN, A_BOOL, A_BOOL, A_CTX,
	       A_RETLEN),
	FZ_SVC(NtQueryMutant, 3, K_NONE, A_HMU, A_CLASS, A_BUF, A_LEN, A_RETLEN),
	FZ_SVC(NtQuerySemaphore, 3, K_NONE, A_HSEM, A_CLASS, A_BUF, A_LEN, A_RETLEN),
	FZ_SVC(NtQuerySymbolicLinkObject, 3, K_NONE, A_HLINK, A_US_OUT, A_RETLEN),
	FZ_SVC(NtResetEvent, 3, K_NONE, A_HEV, A_PREV32),
	FZ_SVC(NtSignalAndWaitForSingleObject, 4, K_NONE, A_HSIG, A_HWAIT, A_BOOL, A_TIMEOUT),
	FZ_SVC(NtTestAlert, 2, K_NONE),
	/* NT memory: only NT regions can change, never the fuzzer's own mappings */
	FZ_SVC(NtAllocateVirtualMemory, 3, K_NONE, A_PROC, A_VMBASE, A_ZEROBITS, A_VMSIZE,
	       A_VMTYPE, A_PROT),
	FZ_SVC(NtFreeVirtualMemory, 2, K_NONE, A_PROC, A_VMBASE, A_VMSIZE, A_VMFREE),
	FZ_SVC(NtProtectVirtualMemory, 3, K_NONE, A_PROC, A_VMBASE, A_VMSIZE, A_PROT, A_PREV32),
	FZ_SVC(NtQueryVirtualMemory, 2, K_NONE, A_PROC, A_VMADDR, A_CLASS, A_BUF, A_LEN, A_OUT64),
	FZ_SVC(NtQueryInformationFile, 2, K_NONE, A_H, A_IOSB, A_BUF, A_LEN, A_CLASS),
	FZ_SVC(NtQueryVolumeInformationFile, 2, K_NONE, A_H, A_IOSB, A_BUF, A_LEN, A_CLASS),
	/*
	 * Byte-range locks: always FailImmediately, as a waiting lock on the
	 * fuzzer's own exclusive range would wait for ever (as on Windows).
	 */
	FZ_SVC(NtLockFile, 1, K_NONE, A_H, A_HEV, A_APC, A_ANY, A_IOSB, A_OFFSET, A_OFFSET,
	       A_LONG, A_TRUE, A_BOOL),
	FZ_SVC(NtUnlockFile, 1, K_NONE, A_H, A_IOSB, A_OFFSET, A_OFFSET, A_LONG),
	FZ_SVC(NtQueryDirectoryFile, 2, K_NONE, A_H, A_HEV, A_APC, A_ANY, A_IOSB, A_BUF, A_LEN,
	       A_CLASS, A_BOOL, A_TARGET, A_BOOL),
	FZ_SVC(NtQueryDirectoryFileEx, 1, K_NONE, A_H, A_HEV, A_APC, A_ANY, A_IOSB, A_BUF, A_LEN,
	       A_CLASS, A_FLAGS, A_TARGET),
	/* files by name: only looked at (deleting, creating and setting stay denied) */
	FZ_SVC(NtQueryAttributesFile, 2, K_NONE, A_OA_OPEN, A_BUF),
	FZ_SVC(NtQueryFullAttributesFile, 2, K_NONE, A_OA_OPEN, A_BUF),
	FZ_SVC(NtFlushBuffersFile, 1, K_NONE, A_H, A_IOSB),
	FZ_SVC(NtQuerySystemInformation, 2, K_NONE, A_CLASS, A_BUF, A_LEN, A_RETLEN),
	/* NLS: views of nls_dir's tables, at most one per table in the fuzzer */
	FZ_SVC(NtGetNlsSectionPtr, 2, K_NONE, A_NLSTYPE, A_NLSID, A_ANY, A_OUT64, A_OUT64),
	FZ_SVC(NtInitializeNlsFiles, 1, K_NONE, A_OUT64, A_PREV32, A_OUT64),
	FZ_SVC(NtQueryDefaultLocale, 1, K_NONE, A_BOOL, A_PREV32),
	FZ_SVC(NtQueryDefaultUILanguage, 1, K_NONE, A_PREV32),
	FZ_SVC(NtQueryInstallUILanguage, 1, K_NONE, A_PREV32),
	/*
	 * Sections: views are only ever mapped where nothing is
	 * (MAP_FIXED_NOREPLACE); unmapping stays denied below, as a random
	 * address could be an image the process runs.
	 */
	FZ_SVC(NtCreateSection, 3, K_NONE, A_HOUT, A_ACCESS, A_OA, A_VMSIZE, A_PROT, A_FLAGS, A_H),
	FZ_SVC(NtOpenSection, 2, K_NONE, A_HOUT, A_ACCESS, A_OA_OPEN),
	FZ_SVC(NtMapViewOfSection, 3, K_NONE, A_H, A_PROC, A_VMBASE, A_ZEROBITS, A_ANY, A_OFFSET,
	       A_VMSIZE, A_BOOL, A_VMTYPE, A_PROT),
	FZ_SVC(NtQuerySection, 2, K_NONE, A_H, A_CLASS, A_BUF, A_LEN, A_OUT64),
	FZ_SVC(NtExtendSection, 1, K_NONE, A_H, A_VMSIZE),
};

#define FZ_NSVCS	(ARRAY_SIZE(fz_svcs))

/*
 * Never called with random arguments (a random number in range that hits
 * one is replaced): services that block without a timeout, end or suspend
 * the caller, change its memory, registers or threads, or the machine (the
 * file services that create, write, set or delete the host's files among
 * them); the list keeps the fuzzer safe as more are implemented.
 */
static const uint32_t fz_denied_nrs[] = {
	NTSVC_NtWaitForKeyedEvent, NTSVC_NtReleaseKeyedEvent, NTSVC_NtWaitForAlertByThreadId,
	NTSVC_NtRemoveIoCompletion, NTSVC_NtRemoveIoCompletionEx, NTSVC_NtReplyWaitReceivePort,
	NTSVC_NtReplyWaitReceivePortEx, NTSVC_NtReplyWaitReplyPort, NTSVC_NtRequestWaitReplyPort,
	NTSVC_NtWaitForDebugEvent, NTSVC_NtWaitForWorkViaWorkerFactory, NTSVC_NtWaitHighEventPair,
	NTSVC_NtWaitLowEventPair, NTSVC_NtSetHighWaitLowEventPair, NTSVC_NtSetLowWaitHighEventPair,
	NTSVC_NtWaitForMultipleObjects32, NTSVC_NtAlpcSendWaitReceivePort, NTSVC_NtListenPort,
	NTSVC_NtConnectPort, NTSVC_NtSecureConnectPort, NTSVC_NtAlpcConnectPort,
	NTSVC_NtCompleteConnectPort, NTSVC_NtTerminateProcess, NTSVC_NtTerminateThread,
	NTSVC_NtTerminateJobObject, NTSVC_NtTerminateEnclave, NTSVC_NtSuspendProcess,
	NTSVC_NtSuspendThread, NTSVC_NtResumeThread, NTSVC_NtAlertResumeThread, NTSVC_NtContinue,
	NTSVC_NtContinueEx, NTSVC_NtRaiseException, NTSVC_NtCallbackReturn, NTSVC_NtCallEnclave,
	NTSVC_NtSetContextThread, NTSVC_NtSetInformationThread, NTSVC_NtSetInformationProcess,
	NTSVC_NtQueueApcThread, NTSVC_NtQueueApcThreadEx, NTSVC_NtQueueApcThreadEx2,
	NTSVC_NtCreateThread, NTSVC_NtCreateThreadEx, NTSVC_NtCreateProcess,
	NTSVC_NtCreateProcessEx, NTSVC_NtCreateUserProcess, NTSVC_NtDebugActiveProcess,
	NTSVC_NtDebugContinue, NTSVC_NtCreateDebugObject, NTSVC_NtImpersonateThread,
	NTSVC_NtAllocateVirtualMemoryEx, NTSVC_NtMapViewOfSectionEx,
	NTSVC_NtUnmapViewOfSection, NTSVC_NtUnmapViewOfSectionEx, NTSVC_NtWriteVirtualMemory,
	NTSVC_NtReadVirtualMemory, NTSVC_NtLockVirtualMemory, NTSVC_NtUnlockVirtualMemory,
	NTSVC_NtFlushVirtualMemory, NTSVC_NtSetInformationVirtualMemory,
	NTSVC_NtAllocateUserPhysicalPages, NTSVC_NtFreeUserPhysicalPages,
	NTSVC_NtMapUserPhysicalPages, NTSVC_NtMapUserPhysicalPagesScatter,
	NTSVC_NtFlushInstructionCache, NTSVC_NtSetLdtEntries, NTSVC_NtVdmControl,
	NTSVC_NtWorkerFactoryWorkerReady, NTSVC_NtShutdownSystem, NTSVC_NtSystemDebugControl,
	NTSVC_NtSetSystemInformation, NTSVC_NtSetSystemPowerState, NTSVC_NtInitiatePowerAction,
	NTSVC_NtRaiseHardError, NTSVC_NtSetDefaultHardErrorPort, NTSVC_NtLoadDriver,
	NTSVC_NtUnloadDriver, NTSVC_NtSetSystemTime, NTSVC_NtSetTimerResolution,
	NTSVC_NtSetIntervalProfile, NTSVC_NtStartProfile, NTSVC_NtSetDebugFilterState,
	NTSVC_NtSetSystemEnvironmentValue, NTSVC_NtSetSystemEnvironmentValueEx,
	NTSVC_NtManagePartition, NTSVC_NtFreezeRegistry, NTSVC_NtThawRegistry,
	NTSVC_NtFreezeTransactions, NTSVC_NtThawTransactions, NTSVC_NtSetInformationJobObject,
	NTSVC_NtAssignProcessToJobObject, NTSVC_NtSetInformationToken,
	NTSVC_NtAdjustPrivilegesToken, NTSVC_NtSetCachedSigningLevel, NTSVC_NtLoadKey,
	NTSVC_NtSaveKey, NTSVC_NtCreateFile, NTSVC_NtOpenFile, NTSVC_NtDeleteFile,
	NTSVC_NtSetInformationFile, NTSVC_NtWriteFile, NTSVC_NtDirectGraphicsCall,
};

/* what a phase's child reports to the parent, in shared memory */
struct fz_inflight {
	uint64_t seq;		/* calls made by the thread, this one included */
	uint64_t stack;		/* rsp for the call, 0: the trampoline's */
	uint32_t nr;
	uint32_t busy;
	uint64_t args[NT_MAX_ARGS];
};

struct fz_report {
	unsigned long calls;
	double seconds;
	unsigned long counts[NTSVC_COUNT + 1];
	unsigned int nstatus;
	uint32_t status[FZ_STATUS_SLOTS];
	unsigned long status_n[FZ_STATUS_SLOTS];
	/* the fuzzing threads', then their short-lived threads' */
	struct fz_inflight inflight[2 * NTFUZZ_MAX_THREADS];
};

struct fz_thread {
	unsigned int id;
	int closer;
	uint64_t rng;
	unsigned long quota;
	unsigned long done;
	uint8_t *scratch;	/* FZ_SCRATCH_PAGES, then a guard page */
	uint8_t *end;		/* the guard page */
	int64_t *abs_timeout;	/* a private page for "now + <= 1 ms" */
	uint64_t args[NT_MAX_ARGS];
	uint8_t kind[NT_MAX_ARGS];	/* kind of each handle argument */
	int slot[NT_MAX_ARGS];		/* its pool slot, or -1 */
	int last_slot;			/* of the last fz_pool_pick */
	int hout;			/* argument that is the collected handle slot */
	uint64_t *hslot;
	uint64_t *vmslot;		/* the base NtAllocateVirtualMemory writes back */
	uint64_t vm_bases[8];		/* recent NT allocations, to free and protect */
	unsigned int vm_next;
	unsigned long counts[NTSVC_COUNT + 1];
	uint32_t status[FZ_STATUS_SLOTS];
	unsigned long status_n[FZ_STATUS_SLOTS];
	struct fz_inflight *inflight;
	char desc[1024];
	size_t dlen;
	pthread_t pt;
	struct fz_thread *helper;	/* a short-lived thread it started */
	unsigned long helper_done;	/* calls its helpers made */
	unsigned long next_helper;
};

/* per phase child */
static struct {
	int root;		/* OBJ_PERMANENT masked, no NtMakeTemporaryObject */
	int trace;
	int simple;		/* no short-lived threads, no fork bursts */
	uint8_t *shared;	/* FZ_SHARED_PAGES, then a guard page */
	uint8_t *shared_end;
	uint8_t *ro;		/* a read-only page of random bytes */
	const int64_t *timeouts;	/* read-only */
	unsigned int ntimeouts;
	uint8_t *guard;		/* a PROT_NONE page */
	struct fz_report *rep;
	pthread_mutex_t lock;
} fz;

static uint64_t fz_pool[FZ_POOL];	/* kind << 56 | handle; 0: empty */
static uint64_t fz_stale[FZ_STALE];
static unsigned int fz_stale_pos;
static const struct fz_svc *fz_by_nr[NTSVC_COUNT];
static uint8_t fz_denied[NTSVC_COUNT];
static unsigned int fz_total_weight;

/* Timeouts a wait may get: none longer than 1 ms. */
static const int64_t fz_timeout_values[] = {
	0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -10, -10, -10, -100, -100, -100,
	-1000, -1000, -5000, -10000, 1, 2, FZ_EPOCH_DIFF_100NS, FZ_EPOCH_DIFF_100NS + 1000,
};

/* ---- output ---------------------------------------------------------- */

static void fz_printf(const char *fmt, ...) __printf(1, 2);

/* unbuffered, so that lines survive a crash and do not repeat after fork */
static void fz_printf(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (n > 0 && write(1, buf, n) < 0)
		return;
}

static void fz_desc(struct fz_thread *t, const char *fmt, ...)
	__printf(2, 3);

static void fz_desc(struct fz_thread *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!fz.trace || t->dlen >= sizeof(t->desc) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->desc + t->dlen, sizeof(t->desc) - t->dlen, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->dlen += n;
	if (t->dlen > sizeof(t->desc) - 1)
		t->dlen = sizeof(t->desc) - 1;
}

/* ---- randomness ------------------------------------------------------ */

static uint64_t fz_mix(uint64_t *s)	/* splitmix64 */
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint64_t fz_r(struct fz_thread *t)
{
	return fz_mix(&t->rng);
}

static inline uint32_t fz_below(struct fz_thread *t, uint32_t n)
{
	return (uint32_t)(fz_r(t) % n);
}

static inline int fz_pct(struct fz_thread *t, unsigned int pct)
{
	return fz_below(t, 100) < pct;
}

static void fz_fill(struct fz_thread *t, void *p, size_t n)
{
	uint8_t *b = p;
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!(i & 7))
			v = fz_r(t);
		b[i] = v >> (8 * (i & 7));
		/* as root, no random u32 reads as an OBJECT_ATTRIBUTES Length */
		if (fz.root && b[i] == 0x30)
			b[i] = 0x31;
	}
}

/* ---- addresses ------------------------------------------------------- */

static uint64_t fz_kernel_addr(struct fz_thread *t)
{
	static const uint64_t bases[] = {
		0xffff888000000000ULL, 0xffffffff81000000ULL, 0xffff800000000000ULL,
		0xffffc90000000000ULL, 0xfffffffffffff000ULL,
	};

	return bases[fz_below(t, 5)] + (fz_r(t) & 0xff8);
}

/* addresses that are never mapped in a user process */
static uint64_t fz_unmapped_addr(struct fz_thread *t)
{
	switch (fz_below(t, 5)) {
	case 0:
		return 8 + fz_below(t, 0xf000);			/* below mmap_min_addr */
	case 1:
		return 0x7ffffffff000ULL + fz_below(t, 0x1000);	/* above TASK_SIZE */
	case 2:
		return 0x0000800000000000ULL + (fz_r(t) & 0xffff);	/* non-canonical */
	case 3:
		return (uint64_t)(uintptr_t)fz.guard + fz_below(t, FZ_PAGE);
	default:
		return 0x00007fff00000000ULL | (fz_r(t) & 0xfffffff8);	/* odd hole */
	}
}

/*
 * Room for @size bytes at a random place of the scratch memory (the
 * thread's own, or 1 in @shared_pct the shared one), @align aligned.
 */
static void *fz_place(struct fz_thread *t, size_t size, size_t align, unsigned int shared_pct)
{
	uint8_t *base = t->scratch, *end = t->end;
	size_t room, off;

	if (shared_pct && fz_pct(t, shared_pct) && size <= FZ_SHARED_PAGES * FZ_PAGE / 2) {
		base = fz.shared;
		end = fz.shared_end;
	}
	room = end - base;
	if (size >= room)
		return base;
	off = fz_below(t, room - size + 1);
	off &= ~(align - 1);
	return base + off;
}

/* @size bytes that end in the guard page: reads and writes cross into it */
static void *fz_place_crossing(struct fz_thread *t, size_t size, int shared)
{
	uint8_t *end = shared ? fz.shared_end : t->end;

	if (size < 2)
		size = 2;
	return end - 1 - fz_below(t, size - 1);
}

/* Copy what fits before the guard page that follows @dst's scratch area. */
static void fz_copy_clipped(struct fz_thread *t, void *dst, const void *src, size_t n)
{
	uint8_t *d = dst, *end = t->end;

	if (d >= fz.shared && d <= fz.shared_end)
		end = fz.shared_end;
	if (d >= end)
		return;
	if (n > (size_t)(end - d))
		n = end - d;
	memcpy(d, src, n);
}

static uint64_t fz_random_buf(struct fz_thread *t)
{
	size_t n = 8 + fz_below(t, 120);
	void *p = fz_place(t, n, 8, 20);

	fz_fill(t, p, n);
	return (uint64_t)(uintptr_t)p;
}

/* An address for the kernel to write up to @size bytes at. */
static uint64_t fz_out_ptr(struct fz_thread *t, size_t size, size_t align)
{
	unsigned int r = fz_below(t, 100);

	if (r < 62)
		return (uint64_t)(uintptr_t)fz_place(t, size, align, 20);
	if (r < 72)
		return (uint64_t)(uintptr_t)fz_place_crossing(t, size, fz_pct(t, 20));
	if (r < 78)
		return 0;
	if (r < 84)
		return fz_kernel_addr(t);
	if (r < 89)
		return fz_unmapped_addr(t);
	if (r < 94)
		return (uint64_t)(uintptr_t)fz.ro + fz_below(t, FZ_PAGE - 8);
	return (uint64_t)(uintptr_t)fz_place(t, size, 1, 0) | 1;	/* misaligned */
}

/* ---- handles --------------------------------------------------------- */

static int fz_kind_fits(unsigned int have, unsigned int want)
{
	switch (want) {
	case K_ANY:
		return 1;
	case K_WAITABLE:
		return have != K_DIRECTORY && have != K_SYMLINK && have != K_NONE;
	case K_SIGNALABLE:
		return have == K_EVENT || have == K_MUTANT || have == K_SEMAPHORE;
	default:
		return have == want;
	}
}

/* A pool handle of kind @want, else any pool handle, else 0. */
static uint64_t fz_pool_pick(struct fz_thread *t, unsigned int want, uint8_t *kind)
{
	unsigned int start = fz_below(t, FZ_POOL), i;
	uint64_t v, any = 0;

	t->last_slot = -1;
	for (i = 0; i < FZ_POOL; i++) {
		v = __atomic_load_n(&fz_pool[(start + i) % FZ_POOL], __ATOMIC_RELAXED);
		if (!v)
			continue;
		if (!any) {
			any = v;
			t->last_slot = (start + i) % FZ_POOL;
		}
		if (fz_kind_fits(v >> 56, want)) {
			any = v;
			t->last_slot = (start + i) % FZ_POOL;
			break;
		}
	}
	*kind = any >> 56;
	return any & 0xffffffffULL;
}

static unsigned int fz_pool_count(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < FZ_POOL; i++)
		n += !!__atomic_load_n(&fz_pool[i], __ATOMIC_RELAXED);
	return n;
}

static void fz_pool_forget(int slot, uint64_t h)
{
	uint64_t v = __atomic_load_n(&fz_pool[slot], __ATOMIC_RELAXED);

	if ((v & 0xffffffffULL) == h)
		__atomic_compare_exchange_n(&fz_pool[slot], &v, 0, 0, __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED);
}

static uint64_t fz_stale_pick(struct fz_thread *t)
{
	uint64_t v = __atomic_load_n(&fz_stale[fz_below(t, FZ_STALE)], __ATOMIC_RELAXED);

	return v ? v : (1 + fz_below(t, 64)) * 4;
}

static void fz_stale_add(uint64_t h)
{
	unsigned int i = __atomic_fetch_add(&fz_stale_pos, 1, __ATOMIC_RELAXED);

	__atomic_store_n(&fz_stale[i % FZ_STALE], h, __ATOMIC_RELAXED);
}

/* A handle argument: mostly a pool handle of the kind @want. */
static uint64_t fz_handle(struct fz_thread *t, unsigned int want, uint8_t *kind)
{
	unsigned int r = fz_below(t, 100);
	uint64_t h;

	*kind = K_NONE;
	if (r < 68) {
		h = fz_pool_pick(t, want, kind);
		if (h) {
			fz_desc(t, "%s:%#llx ", fz_kind_names[*kind], (unsigned long long)h);
			return h;
		}
	}
	if (r < 80) {
		h = fz_pool_pick(t, K_ANY, kind);
		if (h) {
			fz_desc(t, "%s:%#llx ", fz_kind_names[*kind], (unsigned long long)h);
			return h;
		}
	}
	if (r < 88) {
		fz_desc(t, "stale ");
		return fz_stale_pick(t);
	}
	if (r < 93) {
		*kind = fz_pct(t, 50) ? K_PROCESS : K_THREAD;
		fz_desc(t, "pseudo ");
		return *kind == K_PROCESS ? NT_CURRENT_PROCESS : NT_CURRENT_THREAD;
	}
	if (r < 97)
		return (1 + fz_below(t, 256)) * 4;
	switch (fz_below(t, 6)) {
	case 0:
		return 0;
	case 1:
		return 1 + fz_below(t, 3);			/* not a multiple of 4 */
	case 2:
		return 0x100000000ULL + (1 + fz_below(t, 16)) * 4;	/* high bits */
	case 3:
		return 0xfffffffcULL;
	case 4:
		return NT_CURRENT_PROCESS - 2 - fz_below(t, 4);	/* other pseudo-handles */
	default:
		return fz_r(t);
	}
}

static uint32_t fz_issue(struct fz_thread *t, uint32_t nr, const char *name, uint64_t stack);

/* Keep @h (of @kind) in the pool; the handle it replaces is mostly closed. */
static void fz_pool_add(struct fz_thread *t, uint64_t h, unsigned int kind)
{
	uint64_t old;

	if (!h || h >= (1ULL << 32))
		return;
	old = __atomic_exchange_n(&fz_pool[fz_below(t, FZ_POOL)], (uint64_t)kind << 56 | h,
				  __ATOMIC_RELAXED);
	if (!old || fz_pct(t, 25) || t->done >= t->quota)	/* the rest leak: */
		return;						/* teardown frees them */
	memset(t->args, 0, sizeof(t->args));
	t->args[0] = old & 0xffffffffULL;
	t->dlen = 0;
	fz_desc(t, "evict ");
	if (!fz_issue(t, NTSVC_NtClose, "Close", 0))
		fz_stale_add(old & 0xffffffffULL);
}

/* ---- values ---------------------------------------------------------- */

/* Anything at all: what a slot gets when its structure is ignored. */
static uint64_t fz_any(struct fz_thread *t)
{
	uint8_t kind;

	switch (fz_below(t, 13)) {
	case 0:
		return 0;
	case 1:
		return (1 + fz_below(t, 256)) * 4;
	case 2:
		return NT_CURRENT_PROCESS - fz_below(t, 2);
	case 3:
		return fz_random_buf(t);
	case 4:
		return (uint64_t)(uintptr_t)fz_place_crossing(t, 64, 0);
	case 5:
		return fz_kernel_addr(t);
	case 6:
		return fz_unmapped_addr(t);
	case 7:
		return fz_below(t, 17);
	case 8: {
		static const uint64_t edges[] = {
			0xffffffffULL, 0x80000000ULL, 0x7fffffffULL, 0x100000000ULL,
			0x8000000000000000ULL, 0x7fffffffffffffffULL, 0xffffULL, 0x10000ULL,
		};
		return edges[fz_below(t, 8)];
	}
	case 9:
		return fz_stale_pick(t);
	case 10:
		return fz_pool_pick(t, K_ANY, &kind);
	case 11:
		return (uint64_t)(uintptr_t)fz.ro + fz_below(t, FZ_PAGE);
	default:
		return fz_r(t);
	}
}

static uint64_t fz_access(struct fz_thread *t)
{
	static const uint32_t masks[] = {
		0, 0x001f000f, 0x001f000f, 0x001f000f, 0x001f0003, NT_GENERIC_ALL,
		NT_MAXIMUM_ALLOWED, NT_SYNCHRONIZE, NT_GENERIC_READ, NT_GENERIC_WRITE,
		NT_GENERIC_EXECUTE, NT_DELETE, NT_ACCESS_SYSTEM_SECURITY, 0x1, 0x2, 0x3,
		NT_SYNCHRONIZE | 0x1, NT_READ_CONTROL,
	};

	if (fz_pct(t, 40))
		return 0x001f000f;	/* all (of every type here) */
	if (fz_pct(t, 10))
		return (uint32_t)fz_r(t);
	return masks[fz_below(t, ARRAY_SIZE(masks))];
}

static uint64_t fz_bool(struct fz_thread *t)
{
	unsigned int r = fz_below(t, 100);

	if (r < 42)
		return 0;
	if (r < 84)
		return 1;
	if (r < 92)
		return 2 + fz_below(t, 254);
	if (r < 95)
		return 0x100;		/* 0 once truncated to a BOOLEAN */
	return fz_r(t);
}

static uint64_t fz_long(struct fz_thread *t)
{
	static const uint32_t vals[] = {
		1, 1, 1, 0, 2, 3, 5, 10, 0xffffffff, 0x7fffffff, 0x80000000, 0x7ffffffe,
		0x80000001, 0xfffffffe,
	};

	if (fz_pct(t, 8))
		return fz_r(t);
	return vals[fz_below(t, ARRAY_SIZE(vals))];
}

static uint64_t fz_type(struct fz_thread *t)
{
	unsigned int r = fz_below(t, 100);

	if (r < 46)
		return 0;
	if (r < 92)
		return 1;
	if (r < 96)
		return 2 + fz_below(t, 3);
	return fz_r(t);
}

static uint64_t fz_class(struct fz_thread *t)
{
	static const uint64_t huge[] = {
		0x7fffffff, 0xffffffff, 0x80000000, 0x100, 0xffff, 0x100000000ULL,
	};
	unsigned int r = fz_below(t, 100);

	if (r < 70)
		return fz_below(t, 3);
	if (r < 90)
		return fz_below(t, 21);
	if (r < 95)
		return 21 + fz_below(t, 64);
	return huge[fz_below(t, 6)];
}

/* the size of an information class, where the service has one */
static uint32_t fz_info_size(uint32_t nr, uint64_t class)
{
	if (nr == NTSVC_NtQueryEvent || nr == NTSVC_NtQuerySemaphore)
		return 8;
	if (nr == NTSVC_NtQueryMutant)
		return class == 1 ? sizeof(struct nt_client_id) :
		       sizeof(struct nt_mutant_basic_information);
	if (nr == NTSVC_NtQueryTimer)
		return sizeof(struct nt_timer_basic_information);
	if (nr == NTSVC_NtQueryInformationProcess)
		return 0x30;		/* PROCESS_BASIC_INFORMATION */
	if (nr == NTSVC_NtReadFile || nr == NTSVC_NtWriteFile)
		return 64;
	if (nr == NTSVC_NtQueryObject) {
		if (class == 0)
			return sizeof(struct nt_object_basic_information);
		if (class == 1)
			return 16 + 2 * (18 + 6 + 2);	/* \BaseNamedObjects\fz-NN */
		return sizeof(struct nt_object_type_information) + 28;
	}
	return sizeof(struct nt_object_directory_information);
}

static uint64_t fz_len(struct fz_thread *t, uint32_t exact)
{
	static const uint32_t edges[] = {
		0xffffffff, 0x80000000, 0x7fffffff, 0x10000, 0xfffffff0, 4096,
	};
	unsigned int r = fz_below(t, 100);

	if (r < 8)
		return 0;
	if (r < 50)
		return exact;
	if (r < 56)
		return exact - 1;
	if (r < 62)
		return exact + 1;
	if (r < 68)
		return exact * (2 + fz_below(t, 30));
	if (r < 82)
		return fz_below(t, 1025);
	if (r < 97)
		return edges[fz_below(t, 6)];
	return fz_r(t);
}

/* A pointer to an in/out (or out) value of @size bytes (up to 16), pre-filled. */
static uint64_t fz_scalar_out(struct fz_thread *t, size_t size, uint64_t init)
{
	uint64_t p = fz_out_ptr(t, size, size > 8 ? 8 : size), v[2] = { init, ~init };

	/* (p may be near the top of the address space: no p + size) */
	if (p >= (uint64_t)(uintptr_t)t->scratch && p < (uint64_t)(uintptr_t)t->end &&
	    size <= (uint64_t)(uintptr_t)t->end - p)
		memcpy((void *)(uintptr_t)p, v, size);
	return p;
}

/* ---- names and OBJECT_ATTRIBUTES ------------------------------------- */

static unsigned int fz_put(uint16_t *out, unsigned int n, unsigned int max, const char *s)
{
	while (*s && n < max)
		out[n++] = (unsigned char)*s++;
	return n;
}

/*
 * The n of a name fz-<n>: mostly one of those kept for objects of @kind
 * (so that opens find them and creates collide with their own kind).
 */
static unsigned int fz_name_index(struct fz_thread *t, unsigned int kind)
{
	if (kind >= K_EVENT && kind <= K_SYMLINK && fz_pct(t, 85))
		return (kind - K_EVENT) * FZ_NAMES_PER_KIND + fz_below(t, FZ_NAMES_PER_KIND);
	return fz_below(t, FZ_NAMES);
}

/*
 * A name in UTF-16 at @out (room for @max characters): mostly one of the
 * fuzzer's names under \BaseNamedObjects, relative to a RootDirectory when
 * @relative; else built-in names, odd syntax, long and deep names, and
 * random characters.  Returns the number of characters.
 */
static unsigned int fz_name(struct fz_thread *t, uint16_t *out, unsigned int max, int relative,
			    unsigned int kind)
{
	static const char *const known[] = {
		"\\", "\\BaseNamedObjects", "\\??", "\\Device", "\\DosDevices", "\\Sessions",
		"\\BaseNamedObjects\\", "\\\\", "\\DosDevices\\", "\\??\\BaseNamedObjects",
	};
	static const char *const odd[] = {
		"fz-1", "", "\\BaseNamedObjects\\\\fz-1", "\\BaseNamedObjects\\fz-1\\", "\\.",
		"\\..", "\\BaseNamedObjects\\.\\fz-2", "\\BaseNamedObjects\\fz-3\\..\\fz-1",
		"\\BaseNamedObjects\\fz-4\\\\", "\\\\BaseNamedObjects\\fz-5", "\\ ",
	};
	static const char *const dirs[] = { "??", "Device", "DosDevices", "Sessions", "" };
	static const uint16_t weird[] = { 0, '\\', 0xd800, 0xdfff, 0xffff, 0xfeff, 0x130, 'a', 'Z' };
	char buf[128];
	unsigned int n = 0, i, k, r;

	if (relative) {
		r = fz_below(t, 10);
		if (r < 6)
			snprintf(buf, sizeof(buf), "fz-%u", fz_name_index(t, kind));
		else if (r < 8)
			snprintf(buf, sizeof(buf), "fz-%u\\fz-%u", fz_name_index(t, K_DIRECTORY),
				 fz_name_index(t, kind));
		else if (r < 9)
			snprintf(buf, sizeof(buf), "\\BaseNamedObjects\\fz-%u",
				 fz_name_index(t, kind));
		else
			snprintf(buf, sizeof(buf), "%s", fz_pct(t, 50) ? ".." : "");
		n = fz_put(out, 0, max, buf);
		fz_desc(t, "\"%s\" ", buf);
		return n;
	}
	r = fz_below(t, 40);
	if (r == 35) {				/* long: up to the 0xfffc-byte limit */
		static const unsigned int lens[] = { 255, 256, 1000, 4096, 32748, 32766, 40000 };

		n = fz_put(out, 0, max, "\\BaseNamedObjects\\");
		k = lens[fz_below(t, 7)];
		for (i = 0; i < k && n < max; i++)
			out[n++] = 'A' + i % 26;
		fz_desc(t, "\"\\BaseNamedObjects\\ABC...\"(%u) ", n);
		return n;
	}
	if (r == 36) {				/* deep: directory trees grow a level a time */
		unsigned int dir = (K_DIRECTORY - K_EVENT) * FZ_NAMES_PER_KIND;

		n = fz_put(out, 0, max, "\\BaseNamedObjects");
		k = 2 + fz_below(t, fz_pct(t, 80) ? 12 : 100);
		for (i = 0; i < k; i++) {
			snprintf(buf, sizeof(buf), "\\fz-%u", dir + fz_below(t, 2));
			n = fz_put(out, n, max, buf);
		}
		fz_desc(t, "\"\\BaseNamedObjects\\fz-x...\"(%u) ", n);
		return n;
	}
	if (r == 37) {				/* random characters */
		n = fz_put(out, 0, max, "\\BaseNamedObjects\\");
		k = 1 + fz_below(t, 64);
		for (i = 0; i < k && n < max; i++)
			out[n++] = fz_pct(t, 50) ? weird[fz_below(t, ARRAY_SIZE(weird))] : (uint16_t)fz_r(t);
		fz_desc(t, "\"\\BaseNamedObjects\\<random>\"(%u) ", n);
		return n;
	}
	if (r < 24)
		snprintf(buf, sizeof(buf), "\\BaseNamedObjects\\fz-%u", fz_name_index(t, kind));
	else if (r < 28)
		snprintf(buf, sizeof(buf), "\\BaseNamedObjects\\fz-%u\\fz-%u",
			 fz_name_index(t, fz_pct(t, 70) ? K_DIRECTORY : K_SYMLINK),
			 fz_name_index(t, kind));
	else if (r < 30)
		snprintf(buf, sizeof(buf), "%s", known[fz_below(t, ARRAY_SIZE(known))]);
	else if (r < 32)
		snprintf(buf, sizeof(buf), "\\%s\\fz-%u", dirs[fz_below(t, ARRAY_SIZE(dirs))],
			 fz_name_index(t, kind));
	else if (r < 33)
		snprintf(buf, sizeof(buf), fz_pct(t, 50) ? "\\basenamedobjects\\FZ-%u" :
			 "\\BASENAMEDOBJECTS\\Fz-%u", fz_name_index(t, kind));
	else if (r < 35)
		snprintf(buf, sizeof(buf), "%s", odd[fz_below(t, ARRAY_SIZE(odd))]);
	else
		snprintf(buf, sizeof(buf), "\\BaseNamedObjects\\fz-%u\\fz-%u\\fz-%u",
			 fz_name_index(t, K_DIRECTORY), fz_name_index(t, K_DIRECTORY),
			 fz_name_index(t, kind));
	n = fz_put(out, 0, max, buf);
	fz_desc(t, "\"%s\" ", buf);
	return n;
}

/*
 * A UNICODE_STRING naming something; @malformed breaks it in one of the
 * ways callers get wrong.  Returns its address (which may itself be bad).
 */
static uint64_t fz_us(struct fz_thread *t, int relative, int malformed, unsigned int kind)
{
	struct nt_unicode_string *us;
	unsigned int n, max_chars = 0x7ffe + 8;
	uint16_t *chars;
	int shared = fz_pct(t, 10);

	chars = fz_place(t, max_chars * 2, 2, 0);
	if (shared) {
		chars = fz_place(t, 512, 2, 100);
		max_chars = 200;
	}
	n = fz_name(t, chars, max_chars, relative, kind);
	us = fz_place(t, sizeof(*us), 8, shared ? 100 : 0);
	us->length = n * 2 > 0xffff ? 0xfffe : n * 2;
	us->maximum_length = us->length + 2 > 0xffff ? 0xffff : us->length + 2;
	us->pad = 0;
	us->buffer = (uint64_t)(uintptr_t)chars;
	if (!malformed)
		return (uint64_t)(uintptr_t)us;

	switch (fz_below(t, 15)) {
	case 0:
		us->length |= 1;
		fz_desc(t, "us:odd ");
		break;
	case 1:
		us->maximum_length = us->length ? us->length - 2 : 0;
		fz_desc(t, "us:len>max ");
		break;
	case 2:
		us->length = fz_pct(t, 50) ? 0xfffe : (fz_pct(t, 50) ? 0xffff : 0xfffc);
		fz_desc(t, "us:len=%#x ", us->length);
		break;
	case 3:
		us->buffer |= 1;
		fz_desc(t, "us:misaligned ");
		break;
	case 4: {	/* the characters end in the guard page */
		uint8_t *p = fz_place_crossing(t, us->length ? us->length : 2, 0);

		us->buffer = (uint64_t)(uintptr_t)p & ~1ULL;
		fz_desc(t, "us:chars-cross ");
		break;
	}
	case 5:
		us->buffer = 0;
		fz_desc(t, "us:null-chars ");
		break;
	case 6:
		us->buffer = fz_kernel_addr(t);
		fz_desc(t, "us:kernel-chars ");
		break;
	case 7:
		us->buffer = fz_unmapped_addr(t) & ~1ULL;
		fz_desc(t, "us:unmapped-chars ");
		break;
	case 8:
		us->maximum_length = 0;
		fz_desc(t, "us:max=0 ");
		break;
	case 9:
		us->length = 0;
		fz_desc(t, "us:len=0 ");
		break;
	case 10: {	/* the UNICODE_STRING itself ends in the guard page */
		struct nt_unicode_string copy = *us;
		uint8_t *p = fz_place_crossing(t, sizeof(copy), 0);

		fz_copy_clipped(t, p, &copy, sizeof(copy));
		fz_desc(t, "us:struct-cross ");
		return (uint64_t)(uintptr_t)p;
	}
	case 11:
		fz_desc(t, "us:kernel ");
		return fz_kernel_addr(t);
	case 12:
		fz_desc(t, "us:unmapped ");
		return fz_unmapped_addr(t);
	case 13:
		fz_desc(t, "us:ro ");
		return (uint64_t)(uintptr_t)fz.ro + fz_below(t, FZ_PAGE - 16);
	default:
		us->length = 2 * fz_below(t, n + 1);	/* a prefix */
		fz_desc(t, "us:prefix(%u) ", us->length);
		break;
	}
	return (uint64_t)(uintptr_t)us;
}

static uint32_t fz_attributes(struct fz_thread *t)
{
	uint32_t a = 0;

	if (fz_pct(t, 35))
		a |= OBJ_OPENIF;
	if (fz_pct(t, 30))
		a |= OBJ_CASE_INSENSITIVE;
	if (fz_pct(t, 10))
		a |= OBJ_INHERIT;
	if (fz_pct(t, 5))
		a |= OBJ_PERMANENT;
	if (fz_pct(t, 5))
		a |= OBJ_EXCLUSIVE;
	if (fz_pct(t, 10))
		a |= OBJ_OPENLINK;
	if (fz_pct(t, 5))
		a |= OBJ_KERNEL_HANDLE;
	if (fz_pct(t, 3))
		a |= OBJ_FORCE_ACCESS_CHECK;
	if (fz_pct(t, 3))
		a |= OBJ_IGNORE_IMPERSONATED_DEVICEMAP | OBJ_DONT_REPARSE;
	return a;
}

/*
 * OBJECT_ATTRIBUTES: mostly well formed (Length 0x30, a name under
 * \BaseNamedObjects, sometimes relative to a directory handle), else
 * malformed.  As root, OBJ_PERMANENT is never set.
 */
static uint64_t fz_oa(struct fz_thread *t, int create, unsigned int kind)
{
	struct nt_object_attributes *oa;
	/* (as root, never where another thread's output could set OBJ_PERMANENT) */
	int relative = 0, malformed = fz_pct(t, 22), shared = !fz.root && fz_pct(t, 8);
	unsigned int r = fz_below(t, 100);
	uint8_t hkind;

	if (r < 4) {
		fz_desc(t, "oa:null ");
		return 0;
	}
	if (r < 6) {
		fz_desc(t, "oa:kernel ");
		return fz_kernel_addr(t);
	}
	if (r < 7) {
		fz_desc(t, "oa:unmapped ");
		return fz_unmapped_addr(t);
	}
	if (r < 8) {
		fz_desc(t, "oa:ro ");
		return (uint64_t)(uintptr_t)fz.ro + fz_below(t, FZ_PAGE - 0x30);
	}
	oa = fz_place(t, sizeof(*oa), 8, shared ? 100 : 0);
	memset(oa, 0, sizeof(*oa));
	oa->length = sizeof(*oa);
	oa->attributes = fz_attributes(t);
	r = fz_below(t, 100);
	if (r < 25) {
		oa->root_directory = fz_handle(t, K_DIRECTORY, &hkind);
		relative = 1;
		fz_desc(t, "root ");
	}
	if (fz_pct(t, create ? 25 : 3)) {
		fz_desc(t, "unnamed ");
		oa->object_name = 0;
	} else {
		oa->object_name = fz_us(t, relative, malformed && fz_pct(t, 60), kind);
	}
	if (fz_pct(t, 3))
		oa->security_descriptor = fz_any(t);
	if (fz_pct(t, 3))
		oa->security_qos = fz_any(t);
	if (malformed) {
		switch (fz_below(t, 6)) {
		case 0: {
			static const uint32_t lens[] = { 0, 0x2f, 0x31, 0x18, 0x60, 0xffffffff };

			oa->length = fz_pct(t, 80) ? lens[fz_below(t, 6)] : (uint32_t)fz_r(t);
			fz_desc(t, "oa:len=%#x ", oa->length);
			break;
		}
		case 1:
			oa->attributes |= fz_pct(t, 50) ? 1u << fz_below(t, 32) : (uint32_t)fz_r(t);
			fz_desc(t, "oa:attr=%#x ", oa->attributes);
			break;
		case 2:
			oa->root_directory = fz_handle(t, K_ANY, &hkind);
			fz_desc(t, "oa:root ");
			break;
		case 3:
			oa->object_name = fz_pct(t, 50) ? fz_kernel_addr(t) : fz_unmapped_addr(t);
			fz_desc(t, "oa:bad-name-ptr ");
			break;
		default:
			break;		/* only the name is malformed, if at all */
		}
	}
	if (fz.root)
		oa->attributes &= ~OBJ_PERMANENT;
	fz_desc(t, "attr=%#x%s ", oa->attributes, create ? "" : " open");
	if (malformed && fz_pct(t, 10)) {	/* OBJECT_ATTRIBUTES ending in the guard page */
		struct nt_object_attributes copy = *oa;
		uint8_t *p = fz_place_crossing(t, sizeof(copy), 0);

		fz_copy_clipped(t, p, &copy, sizeof(copy));
		fz_desc(t, "oa:cross ");
		return (uint64_t)(uintptr_t)p;
	}
	return (uint64_t)(uintptr_t)oa;
}

/* NtQuerySymbolicLinkObject's in/out UNICODE_STRING */
static uint64_t fz_us_out(struct fz_thread *t)
{
	static const uint16_t maxes[] = { 0, 1, 2, 6, 8, 32, 34, 64, 256, 0xfffe, 0xffff };
	struct nt_unicode_string *us;
	unsigned int r = fz_below(t, 100);

	if (r < 4)
		return 0;
	if (r < 8)
		return fz_kernel_addr(t);
	if (r < 11)
		return (uint64_t)(uintptr_t)fz.ro + fz_below(t, FZ_PAGE - 16);
	if (r < 14)
		return (uint64_t)(uintptr_t)fz_place_crossing(t, sizeof(*us), 0);
	us = fz_place(t, sizeof(*us), 8, 10);
	us->length = fz_pct(t, 80) ? 0 : (uint16_t)fz_r(t);
	us->maximum_length = fz_pct(t, 70) ? maxes[fz_below(t, 11)] : (uint16_t)fz_r(t);
	us->pad = 0;
	us->buffer = fz_out_ptr(t, us->maximum_length, 2);
	fz_desc(t, "usout:max=%#x ", us->maximum_length);
	return (uint64_t)(uintptr_t)us;
}

/* NtWaitForMultipleObjects' array, for the count already in args[0] */
static uint64_t fz_harray(struct fz_thread *t)
{
	unsigned int n = (uint32_t)t->args[0], i;
	uint64_t h[66];
	uint8_t kind;
	void *a;

	if (n > 64)
		n = 64;
	n += fz_below(t, 2);
	if (fz_pct(t, 5))
		return fz_pct(t, 50) ? fz_kernel_addr(t) : fz_unmapped_addr(t);
	for (i = 0; i < n; i++)
		h[i] = (i && fz_pct(t, 8)) ? h[fz_below(t, i)] : fz_handle(t, K_WAITABLE, &kind);
	if (fz_pct(t, 5))
		a = fz_place_crossing(t, n * 8, 0);
	else
		a = fz_place(t, n * 8 + 8, 8, 10);
	fz_copy_clipped(t, a, h, n * 8);
	return (uint64_t)(uintptr_t)a;
}

/*
 * A wait's timeout: a read-only LARGE_INTEGER of at most 1 ms, a private
 * absolute time at most 1 ms ahead, or an address that faults.  Never
 * NULL, never memory any call writes.
 */
static uint64_t fz_timeout(struct fz_thread *t)
{
	unsigned int r = fz_below(t, 100), i;
	struct timespec ts;

	if (r < 88) {
		i = fz_below(t, fz.ntimeouts);
		fz_desc(t, "timeout=%lld ", (long long)fz.timeouts[i]);
		return (uint64_t)(uintptr_t)&fz.timeouts[i];
	}
	if (r < 93) {
		clock_gettime(CLOCK_REALTIME, &ts);
		*t->abs_timeout = FZ_EPOCH_DIFF_100NS + ts.tv_sec * 10000000LL + ts.tv_nsec / 100 +
				  fz_below(t, 10001);
		fz_desc(t, "timeout=abs+<=1ms ");
		return (uint64_t)(uintptr_t)t->abs_timeout;
	}
	if (r < 95)
		return fz_kernel_addr(t);
	if (r < 97)
		return fz_unmapped_addr(t);
	return (uint64_t)(uintptr_t)(t->end - 1 - fz_below(t, 7));	/* crosses the guard */
}

/* NtSetTimer's due time: any value is fine, the caller never waits on it */
static uint64_t fz_due(struct fz_thread *t)
{
	static const int64_t vals[] = {
		0, -1, -100, -10000, -100000, -10000000, 1, INT64_MIN, INT64_MAX,
		-(INT64_MAX / 100) - 1, FZ_EPOCH_DIFF_100NS,
	};
	struct timespec ts;
	int64_t v, *p;

	if (fz_pct(t, 12))
		return fz_pct(t, 50) ? fz_kernel_addr(t) : fz_unmapped_addr(t);
	if (fz_pct(t, 20)) {
		clock_gettime(CLOCK_REALTIME, &ts);
		v = FZ_EPOCH_DIFF_100NS + ts.tv_sec * 10000000LL + ts.tv_nsec / 100 +
		    fz_below(t, 20000) - 5000;
	} else if (fz_pct(t, 90)) {
		v = vals[fz_below(t, 11)];
	} else {
		v = fz_r(t);
	}
	p = fz_place(t, 8, 8, 10);
	memcpy(p, &v, 8);
	fz_desc(t, "due=%lld ", (long long)v);
	return (uint64_t)(uintptr_t)p;
}

/* ---- one argument ---------------------------------------------------- */

/*
 * An address for the memory services: mostly a recent NT allocation (its
 * base, or a page inside it), else 0 (anywhere), a random user address or
 * a kernel one.  @out: in a slot the service reads and writes back (else
 * by value); a bad slot now and then.
 */
static uint64_t fz_vm_addr(struct fz_thread *t, int out)
{
	unsigned int r = fz_below(t, 100);
	uint64_t v, *slot;

	if (r < 45)
		v = t->vm_bases[fz_below(t, 8)];
	else if (r < 65)
		v = t->vm_bases[fz_below(t, 8)] + (fz_below(t, 64) << 12) + fz_below(t, 2) * 100;
	else if (r < 85)
		v = 0;
	else if (r < 95)
		v = fz_r(t) & 0x7ffffffff000ULL;
	else
		v = fz_kernel_addr(t);
	if (!out)
		return v;
	t->vmslot = NULL;
	if (fz_pct(t, 5)) {
		fz_desc(t, "vmbase:bad ");
		return fz_pct(t, 50) ? 0 : fz_kernel_addr(t);
	}
	slot = (uint64_t *)(uintptr_t)fz_place(t, 8, 8, 0);
	*slot = v;
	t->vmslot = slot;
	return (uint64_t)(uintptr_t)slot;
}

static uint64_t fz_arg(struct fz_thread *t, const struct fz_svc *svc, unsigned int i)
{
	unsigned int a = svc->arg[i];
	uint8_t *kind = &t->kind[i];

	*kind = K_NONE;
	t->last_slot = -1;
	/* now and then any slot but a timeout or a process to end gets anything */
	if (a != A_TIMEOUT && a != A_TERMH && fz_pct(t, 4)) {
		fz_desc(t, "a%u:any ", i);
		return fz_any(t);
	}
	switch (a) {
	case A_H:	return fz_handle(t, K_ANY, kind);
	case A_HEV:	return fz_handle(t, K_EVENT, kind);
	case A_HMU:	return fz_handle(t, K_MUTANT, kind);
	case A_HSEM:	return fz_handle(t, K_SEMAPHORE, kind);
	case A_HTIM:	return fz_handle(t, K_TIMER, kind);
	case A_HDIR:	return fz_handle(t, K_DIRECTORY, kind);
	case A_HLINK:	return fz_handle(t, K_SYMLINK, kind);
	case A_HTHREAD:	return fz_handle(t, K_THREAD, kind);
	case A_HWAIT:	return fz_handle(t, K_WAITABLE, kind);
	case A_HSIG:	return fz_handle(t, K_SIGNALABLE, kind);
	case A_HNAMED:	/* mostly what makes the namespace: directories and links */
		return fz_handle(t, fz_pct(t, 50) ? K_DIRECTORY : fz_pct(t, 40) ? K_SYMLINK : K_ANY,
				 kind);
	case A_HOUT: {
		unsigned int r = fz_below(t, 100);

		if (r < 90) {
			t->hout = i;
			t->hslot = fz_place(t, 8, 8, 0);
			*t->hslot = 0xfeedfacecafef00dULL;
			return (uint64_t)(uintptr_t)t->hslot;
		}
		fz_desc(t, "hout:bad ");
		if (r < 92)
			return 0;
		if (r < 94)
			return (uint64_t)(uintptr_t)fz_place_crossing(t, 8, 0);
		if (r < 96)
			return fz_kernel_addr(t);
		if (r < 98)
			return (uint64_t)(uintptr_t)fz.ro + fz_below(t, FZ_PAGE - 8);
		return (uint64_t)(uintptr_t)fz_place(t, 16, 1, 20);	/* lost handle */
	}
	case A_ACCESS:	return fz_access(t);
	case A_OA:	return fz_oa(t, 1, svc->makes);
	case A_OA_OPEN:	return fz_oa(t, 0, svc->makes);
	case A_TARGET:
		fz_desc(t, "target:");
		if (fz_pct(t, 4))
			return fz_pct(t, 50) ? 0 : fz_kernel_addr(t);
		return fz_us(t, 0, fz_pct(t, 20), fz_pct(t, 70) ? K_DIRECTORY : K_ANY);
	case A_US_OUT:	return fz_us_out(t);
	case A_BOOL:	return fz_bool(t);
	case A_TIMEOUT:	return fz_timeout(t);
	case A_CLASS:	return fz_class(t);
	case A_BUF:	return fz_out_ptr(t, 4096, 8);
	case A_LEN:
		return fz_len(t, fz_info_size(svc->nr, i ? t->args[i - 2] : 0));
	case A_RETLEN:	return fz_scalar_out(t, 4, fz_r(t));
	case A_PREV32:	return fz_scalar_out(t, 4, fz_r(t));
	case A_PREV8:	return fz_scalar_out(t, 1, fz_r(t));
	case A_CTX: {
		static const uint32_t ctx[] = { 0, 0, 1, 2, 5, 16, 0x7fffffff, 0xffffffff };

		return fz_scalar_out(t, 4, fz_pct(t, 90) ? ctx[fz_below(t, 8)] : fz_r(t));
	}
	case A_HARRAY:	return fz_harray(t);
	case A_COUNT: {
		unsigned int r = fz_below(t, 100);

		if (r < 60)
			return 1 + fz_below(t, 4);
		if (r < 85)
			return 5 + fz_below(t, 60);
		if (r < 90)
			return 0;
		if (r < 95)
			return 65;
		return fz_r(t);
	}
	case A_WAITTYPE:
		return fz_pct(t, 90) ? (fz_pct(t, 45) ? NT_WAIT_ALL : NT_WAIT_ANY) : fz_r(t) % 5;
	case A_EVTYPE:
	case A_TIMTYPE:	return fz_type(t);
	case A_LONG:	return fz_long(t);
	case A_DUE:	return fz_due(t);
	case A_APC:
		return fz_pct(t, 90) ? 0 : fz_any(t);
	case A_PERIOD: {
		static const uint32_t p[] = { 0, 0, 0, 0, 1, 1, 10, 1000, 0xffffffff, 0x7fffffff };

		return fz_pct(t, 95) ? p[fz_below(t, 10)] : fz_r(t);
	}
	case A_PROC: {
		unsigned int r = fz_below(t, 100);

		if (r < 72)
			return NT_CURRENT_PROCESS;
		if (r < 76)
			return NT_CURRENT_THREAD;
		if (r < 84 && i == 2)
			return 0;
		if (r < 94)
			return fz_handle(t, K_PROCESS, kind);
		return fz_handle(t, K_ANY, kind);
	}
	case A_DUPOPT: {
		static const uint32_t o[] = {
			DUPLICATE_SAME_ACCESS, DUPLICATE_SAME_ACCESS, DUPLICATE_SAME_ACCESS, 0, 0,
			DUPLICATE_CLOSE_SOURCE | DUPLICATE_SAME_ACCESS, DUPLICATE_CLOSE_SOURCE,
			DUPLICATE_SAME_ATTRIBUTES | DUPLICATE_SAME_ACCESS, 7, 4,
		};

		return fz_pct(t, 92) ? o[fz_below(t, 10)] :
		       (fz_pct(t, 50) ? fz_below(t, 16) : fz_r(t));
	}
	case A_HATTR: {
		static const uint32_t h[] = { 0, 0, 0, OBJ_INHERIT, 1, 3, 0x10, 0xffffffff };

		return h[fz_below(t, 8)];
	}
	case A_SHADOW:
		return fz_pct(t, 85) ? 0 : fz_handle(t, K_DIRECTORY, kind);
	case A_FLAGS:
		return fz_pct(t, 85) ? 0 : (fz_pct(t, 50) ? 1 : fz_r(t));
	case A_OUT64:	return fz_scalar_out(t, 8, fz_r(t));
	case A_IOSB:	return fz_scalar_out(t, 16, fz_r(t));
	case A_OFFSET:
	case A_KEY:
		if (fz_pct(t, 70))
			return 0;
		return a == A_OFFSET ? fz_due(t) : fz_scalar_out(t, 4, fz_r(t));
	case A_TERMH: {
		/*
		 * NULL (no-op), the thread pseudo-handle, or values no handle
		 * table has: never -1 or a pool handle, which could be (or have
		 * become, by reuse) a handle to the fuzzer's own process.
		 */
		static const uint64_t h[] = {
			0, 0, NT_CURRENT_THREAD, 0x100000000ULL, 0xfffffffffffffffdULL,
			0x8000000000000004ULL, 0xffffffff00000004ULL,
		};

		return h[fz_below(t, 7)];
	}
	case A_VMBASE:
	case A_VMADDR:
		return fz_vm_addr(t, a == A_VMBASE);
	case A_VMSIZE: {
		static const uint64_t sz[] = {
			0, 1, 4096, 5000, 65536, 1 << 20, 16 << 20, 1ULL << 46, ~0ULL,
		};

		return fz_scalar_out(t, 8, fz_pct(t, 90) ? sz[fz_below(t, 9)] : fz_r(t));
	}
	case A_VMTYPE: {
		static const uint32_t ty[] = {
			0x1000, 0x2000, 0x3000, 0x3000, 0x101000, 0x103000, 0, 0x4000, 0x80000,
		};

		return fz_pct(t, 90) ? ty[fz_below(t, 9)] : fz_r(t);
	}
	case A_VMFREE: {
		static const uint32_t ft[] = { 0x4000, 0x8000, 0x8000, 0xc000, 0 };

		return fz_pct(t, 92) ? ft[fz_below(t, 5)] : fz_r(t);
	}
	case A_PROT: {
		static const uint32_t pr[] = {
			0x01, 0x02, 0x04, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x104, 0x06, 0,
		};

		return fz_pct(t, 92) ? pr[fz_below(t, 12)] : fz_r(t);
	}
	case A_ZEROBITS:
		return fz_pct(t, 90) ? 0 : fz_below(t, 64);
	case A_NLSTYPE:		/* sort keys, case, code page, normalization; or not */
		return fz_pct(t, 85) ? 9 + fz_below(t, 4) : fz_r(t);
	case A_NLSID: {
		static const uint32_t id[] = { 0, 1, 2, 5, 6, 13, 437, 1252, 932, 65001, 3 };

		return fz_pct(t, 85) ? id[fz_below(t, 11)] : fz_r(t);
	}
	case A_TRUE:		/* a flag that must stay set (NtLockFile's FailImmediately) */
		return 1;
	case A_ANY:
	default:
		return fz_any(t);
	}
}

/* ---- issuing calls --------------------------------------------------- */

/* the slot of @st in an open-addressed set (0xffffffff: empty) */
static unsigned int fz_status_slot(const uint32_t *set, uint32_t st)
{
	unsigned int i = (st * 0x9e3779b1u) >> 23, n;	/* 9 bits */

	for (n = 0; n < FZ_STATUS_SLOTS && set[i] != st && set[i] != 0xffffffffu; n++)
		i = (i + 1) % FZ_STATUS_SLOTS;
	return i;	/* (a full set lumps the rest together) */
}

static uint32_t fz_issue(struct fz_thread *t, uint32_t nr, const char *name, uint64_t stack)
{
	struct fz_inflight *in = t->inflight;
	unsigned int i;
	uint32_t st;

	in->nr = nr;
	in->stack = stack;
	memcpy(in->args, t->args, sizeof(in->args));
	__atomic_store_n(&in->seq, t->done + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&in->busy, 1, __ATOMIC_RELEASE);
	if (fz.trace) {
		t->desc[t->dlen] = 0;
		fz_printf("t%u %lu %s(%#llx, %#llx, %#llx, %#llx, %#llx, %#llx, %#llx)%s%s %s\n",
			  t->id, t->done + 1, name ? name : "?",
			  (unsigned long long)t->args[0], (unsigned long long)t->args[1],
			  (unsigned long long)t->args[2], (unsigned long long)t->args[3],
			  (unsigned long long)t->args[4], (unsigned long long)t->args[5],
			  (unsigned long long)t->args[6], stack ? " stack=" : "",
			  stack ? "yes" : "", t->desc);
	}
	st = stack ? nt_call_stack(nr, t->args, stack) : nt_call(nr, t->args);
	__atomic_store_n(&in->busy, 0, __ATOMIC_RELEASE);
	if (fz.trace)
		fz_printf("t%u %lu = %#x\n", t->id, t->done + 1, st);
	t->done++;
	t->counts[nr < NTSVC_COUNT ? nr : FZ_OUT_OF_RANGE]++;
	if (st != 0xffffffffu) {	/* (the empty-slot marker: not an NTSTATUS) */
		i = fz_status_slot(t->status, st);
		t->status[i] = st;
		t->status_n[i]++;
	}
	return st;
}

/*
 * Now and then the stack arguments come from elsewhere: a fake stack in
 * scratch memory (with the real arguments copied where it is mapped, so a
 * wait still gets its short timeout) that may end in the guard page, a
 * PROT_NONE page, a kernel address, or a misaligned stack.
 */
static uint64_t fz_stack(struct fz_thread *t, const struct fz_svc *svc)
{
	unsigned int nstack = svc->nargs > 4 ? svc->nargs - 4 : 0, i;
	uint8_t *sp;

	switch (fz_below(t, 5)) {
	case 0:
		sp = t->end - 0x28 - 8 * (nstack ? fz_below(t, nstack) : 0) - (fz_pct(t, 50) ? 4 : 0);
		break;
	case 1:
		fz_desc(t, "stack:guard ");
		return (uint64_t)(uintptr_t)fz.guard;
	case 2:
		fz_desc(t, "stack:kernel ");
		return fz_kernel_addr(t);
	case 3:
		sp = fz_place(t, 0x28 + 8 * 12, 1, 0);
		break;
	default:
		sp = fz_place(t, 0x28 + 8 * 12, 16, 0);
		break;
	}
	for (i = 0; i < nstack; i++)
		fz_copy_clipped(t, sp + 0x28 + 8 * i, &t->args[4 + i], 8);
	fz_desc(t, "stack:scratch%s ", sp + 0x28 + 8 * nstack > t->end ? "-cross" : "");
	return (uint64_t)(uintptr_t)sp;
}

/*
 * A service number out of range.  Its low 12 bits stay out of range too,
 * so that even a dispatcher that masks the number as Windows does (bits
 * 12-13 select the table) never runs a real service with random arguments.
 */
static uint32_t fz_bad_nr(struct fz_thread *t)
{
	uint32_t low = NTSVC_COUNT + fz_below(t, 0x1000 - NTSVC_COUNT);

	switch (fz_below(t, 6)) {
	case 0:
		return NTSVC_COUNT + fz_below(t, 64);
	case 1:
		return 0x1000 | low;			/* the win32k table */
	case 2:
		return 0x2000 | 0x3000 * fz_below(t, 2) | low;
	case 3:
		return 0xffffffff - fz_below(t, 4);
	case 4:
		return 0x80000000 | low;
	default:
		return ((uint32_t)fz_r(t) & ~0xfffU) | low;
	}
}

static const struct fz_svc *fz_pick(struct fz_thread *t)
{
	unsigned int w = fz_below(t, fz_total_weight), i;

	for (i = 0; i < FZ_NSVCS; i++) {
		if (fz_denied[fz_svcs[i].nr])
			continue;
		if (w < fz_svcs[i].weight)
			return &fz_svcs[i];
		w -= fz_svcs[i].weight;
	}
	return fz_by_nr[NTSVC_NtYieldExecution];
}

/* what the closer does with most of its calls */
static const struct fz_svc *fz_pick_closer(struct fz_thread *t)
{
	static const uint32_t nrs[] = {
		NTSVC_NtClose, NTSVC_NtClose, NTSVC_NtClose, NTSVC_NtDuplicateObject,
		NTSVC_NtSetEvent, NTSVC_NtPulseEvent, NTSVC_NtReleaseSemaphore,
		NTSVC_NtReleaseMutant, NTSVC_NtSetTimer, NTSVC_NtCancelTimer, NTSVC_NtResetEvent,
		NTSVC_NtAlertThread,
	};
	unsigned int first = 0;

	/* closing only while the pool is well filled, or the others starve */
	if (fz_pool_count() < FZ_POOL / 2)
		first = 4;
	return fz_by_nr[nrs[first + fz_below(t, ARRAY_SIZE(nrs) - first)]];
}

/* the kind a direct handle argument wants, or K_NONE for other arguments */
static unsigned int fz_arg_wants(unsigned int a)
{
	switch (a) {
	case A_H:	return K_ANY;
	case A_HEV:	return K_EVENT;
	case A_HMU:	return K_MUTANT;
	case A_HSEM:	return K_SEMAPHORE;
	case A_HTIM:	return K_TIMER;
	case A_HDIR:	return K_DIRECTORY;
	case A_HLINK:	return K_SYMLINK;
	case A_HTHREAD:	return K_THREAD;
	case A_HWAIT:	return K_WAITABLE;
	case A_HSIG:	return K_SIGNALABLE;
	case A_HNAMED:	return K_ANY;
	default:	return K_NONE;
	}
}

/*
 * A call with a single handle argument taken from the pool failed on that
 * handle: closed (INVALID_HANDLE), or closed and its value reused for an
 * object of another kind (a mismatch although the pool's kind fits).
 * Mostly forget it, or the pool fills up with dead handles.
 */
static void fz_pool_clean(struct fz_thread *t, const struct fz_svc *svc, uint32_t st)
{
	unsigned int i, want, n = 0, which = 0;

	for (i = 0; i < svc->nlisted; i++) {
		if (fz_arg_wants(svc->arg[i]) != K_NONE) {
			n++;
			which = i;
		}
	}
	if (n != 1 || t->slot[which] < 0 || !fz_pct(t, 80))
		return;
	want = fz_arg_wants(svc->arg[which]);
	if (st == STATUS_OBJECT_TYPE_MISMATCH && !fz_kind_fits(t->kind[which], want))
		return;		/* picked another kind on purpose */
	fz_pool_forget(t->slot[which], t->args[which]);
}

static void fz_structured(struct fz_thread *t, const struct fz_svc *svc, int closing)
{
	uint64_t stack = 0, h;
	unsigned int i;
	uint32_t st;

	t->hout = -1;
	for (i = 0; i < svc->nlisted; i++) {
		t->args[i] = fz_arg(t, svc, i);
		/* (the pool slot of a direct handle argument, not of one in a structure) */
		t->slot[i] = fz_arg_wants(svc->arg[i]) != K_NONE ? t->last_slot : -1;
	}
	for (; i < NT_MAX_ARGS; i++)
		t->args[i] = 0xdead0000dead0000ULL | i;
	if (closing && svc->nr == NTSVC_NtDuplicateObject)
		t->args[6] |= DUPLICATE_CLOSE_SOURCE;
	if (fz_pct(t, 2))
		stack = fz_stack(t, svc);
	st = fz_issue(t, svc->nr, svc->name, stack);
	if (st == STATUS_INVALID_HANDLE || st == STATUS_OBJECT_TYPE_MISMATCH)
		fz_pool_clean(t, svc, st);
	if (!NT_SUCCESS(st))
		return;
	if (svc->nr == NTSVC_NtAllocateVirtualMemory && t->vmslot &&
	    t->args[1] == (uint64_t)(uintptr_t)t->vmslot)
		t->vm_bases[t->vm_next++ % 8] = *t->vmslot;
	if ((svc->nr == NTSVC_NtClose && !stack) ||
	    (svc->nr == NTSVC_NtDuplicateObject && (t->args[6] & DUPLICATE_CLOSE_SOURCE))) {
		i = svc->nr == NTSVC_NtClose ? 0 : 1;
		fz_stale_add(t->args[i]);
		/* mostly forget it: a pool of dead handles finds little */
		if (t->slot[i] >= 0 && fz_pct(t, 85))
			fz_pool_forget(t->slot[i], t->args[i]);
	}
	if (t->hout >= 0) {
		h = *t->hslot;
		if (fz.trace)
			fz_printf("t%u %lu handle %#llx\n", t->id, t->done, (unsigned long long)h);
		if (svc->nr == NTSVC_NtDuplicateObject) {
			if (t->args[1] == NT_CURRENT_PROCESS)
				t->kind[1] = K_PROCESS;
			else if (t->args[1] == NT_CURRENT_THREAD)
				t->kind[1] = K_THREAD;
			fz_pool_add(t, h, t->kind[1]);
		} else {
			fz_pool_add(t, h, svc->makes);
		}
	}
}

static void fz_one(struct fz_thread *t)
{
	const struct fz_svc *svc = NULL;
	unsigned int r = fz_below(t, 1000), i;
	int closing = 0;
	uint32_t nr;

	t->dlen = 0;
	if (!fz.root && r < 15) {		/* a number out of range */
		nr = fz_bad_nr(t);
		for (i = 0; i < NT_MAX_ARGS; i++)
			t->args[i] = fz_any(t);
		fz_issue(t, nr, "(invalid)", 0);
		return;
	}
	if (!fz.root && r < 60) {		/* any number in range */
		nr = fz_below(t, NTSVC_COUNT);
		svc = fz_denied[nr] ? NULL : fz_by_nr[nr];
		if (!svc && !fz_denied[nr]) {
			for (i = 0; i < NT_MAX_ARGS; i++)
				t->args[i] = fz_any(t);
			fz_issue(t, nr, "(unimplemented)", 0);
			return;
		}
	}
	if (!svc) {
		closing = fz_pct(t, t->closer ? 45 : 4);
		svc = closing ? fz_pick_closer(t) : fz_pick(t);
		if (fz_denied[svc->nr])
			svc = fz_pick(t);
	}
	if (fz.root && svc->nr == NTSVC_NtMakeTemporaryObject)
		svc = fz_by_nr[NTSVC_NtQueryObject];
	fz_structured(t, svc, closing);
}

/* Every thread starts the pool with well-formed objects of each kind. */
static void fz_populate(struct fz_thread *t)
{
	static const uint32_t creators[] = {
		NTSVC_NtCreateEvent, NTSVC_NtCreateEvent, NTSVC_NtCreateMutant,
		NTSVC_NtCreateSemaphore, NTSVC_NtCreateTimer, NTSVC_NtCreateDirectoryObject,
		NTSVC_NtCreateSymbolicLinkObject,
	};
	struct nt_object_attributes *oa;
	struct nt_unicode_string *us, *target;
	const struct fz_svc *svc;
	unsigned int i;
	uint64_t *h;
	uint16_t *w;
	char name[64];

	for (i = 0; i < ARRAY_SIZE(creators); i++) {
		svc = fz_by_nr[creators[i]];
		t->dlen = 0;
		h = fz_place(t, 8, 8, 0);
		oa = fz_place(t, sizeof(*oa), 8, 0);
		us = fz_place(t, sizeof(*us), 8, 0);
		target = fz_place(t, sizeof(*target), 8, 0);
		w = fz_place(t, 128, 2, 0);
		snprintf(name, sizeof(name), "\\BaseNamedObjects\\fz-%u",
			 fz_name_index(t, svc->makes));
		memset(oa, 0, sizeof(*oa));
		oa->length = sizeof(*oa);
		oa->attributes = OBJ_OPENIF;
		if (fz_pct(t, 70)) {
			us->length = fz_put(w, 0, 64, name) * 2;
			us->maximum_length = us->length;
			us->buffer = (uint64_t)(uintptr_t)w;
			oa->object_name = (uint64_t)(uintptr_t)us;
			fz_desc(t, "\"%s\" ", name);
		}
		memset(t->args, 0, sizeof(t->args));
		t->args[0] = (uint64_t)(uintptr_t)h;
		t->args[1] = 0x001f000f;
		t->args[2] = (uint64_t)(uintptr_t)oa;
		t->args[3] = i & 1;
		t->args[4] = 1;
		if (svc->nr == NTSVC_NtCreateSymbolicLinkObject) {
			w = fz_place(t, 128, 2, 0);
			target->length = fz_put(w, 0, 64, "\\BaseNamedObjects") * 2;
			target->maximum_length = target->length;
			target->buffer = (uint64_t)(uintptr_t)w;
			t->args[3] = (uint64_t)(uintptr_t)target;
		}
		if (NT_SUCCESS(fz_issue(t, svc->nr, svc->name, 0)))
			fz_pool_add(t, *h, svc->makes);
	}
	/* handles to this process and this thread */
	for (i = 0; i < 2; i++) {
		t->dlen = 0;
		h = fz_place(t, 8, 8, 0);
		memset(t->args, 0, sizeof(t->args));
		t->args[0] = NT_CURRENT_PROCESS;
		t->args[1] = i ? NT_CURRENT_THREAD : NT_CURRENT_PROCESS;
		t->args[2] = NT_CURRENT_PROCESS;
		t->args[3] = (uint64_t)(uintptr_t)h;
		t->args[6] = DUPLICATE_SAME_ACCESS;
		if (NT_SUCCESS(fz_issue(t, NTSVC_NtDuplicateObject, "DuplicateObject", 0)))
			fz_pool_add(t, *h, i ? K_THREAD : K_PROCESS);
	}
}

static void *fz_map(size_t pages, int guard);

static struct fz_thread *fz_thread_new(unsigned int id, uint64_t seed, unsigned long quota,
				       struct fz_inflight *inflight)
{
	struct fz_thread *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->id = id;
	t->rng = seed;
	fz_mix(&t->rng);
	t->quota = quota;
	t->scratch = fz_map(FZ_SCRATCH_PAGES, 1);
	t->abs_timeout = fz_map(1, 0);
	if (!t->scratch || !t->abs_timeout) {
		free(t);
		return NULL;
	}
	t->end = t->scratch + FZ_SCRATCH_PAGES * FZ_PAGE;
	memset(t->status, 0xff, sizeof(t->status));
	t->inflight = inflight;
	return t;
}

static void fz_thread_free(struct fz_thread *t)
{
	munmap(t->scratch, (FZ_SCRATCH_PAGES + 1) * FZ_PAGE);
	munmap(t->abs_timeout, FZ_PAGE);
	free(t);
}

/* add @src's calls and statuses to @dst's */
static void fz_thread_merge(struct fz_thread *dst, const struct fz_thread *src)
{
	unsigned int j, k;

	dst->helper_done += src->done;
	for (j = 0; j <= NTSVC_COUNT; j++)
		dst->counts[j] += src->counts[j];
	for (j = 0; j < FZ_STATUS_SLOTS; j++) {
		if (src->status[j] == 0xffffffffu)
			continue;
		k = fz_status_slot(dst->status, src->status[j]);
		dst->status[k] = src->status[j];
		dst->status_n[k] += src->status_n[j];
	}
}

static void *fz_thread_main(void *arg);

static void fz_helper_join(struct fz_thread *t)
{
	if (!t->helper)
		return;
	pthread_join(t->helper->pt, NULL);
	fz_thread_merge(t, t->helper);
	fz_thread_free(t->helper);
	t->helper = NULL;
}

/*
 * Now and then a fuzzing thread starts a short-lived thread of its own that
 * fuzzes alongside for a few hundred calls (taken from the parent's quota)
 * and exits: thread handles to dead threads, mutants abandoned, waits on a
 * thread that ends.
 */
static void fz_helper_start(struct fz_thread *t)
{
	unsigned long left = t->quota - t->done, q = 20 + fz_below(t, 400);
	uint64_t seed = fz_r(t);

	fz_helper_join(t);
	if (q > left / 4)
		return;
	t->helper = fz_thread_new(NTFUZZ_MAX_THREADS + t->id, seed, q,
				  &fz.rep->inflight[NTFUZZ_MAX_THREADS + t->id]);
	if (!t->helper)
		return;
	if (pthread_create(&t->helper->pt, NULL, fz_thread_main, t->helper)) {
		fz_thread_free(t->helper);
		t->helper = NULL;
		return;
	}
	t->quota -= q;
}

/*
 * Now and then the first fuzzing thread forks: the child (an NT process
 * with an empty handle table, sharing the named objects) fuzzes with two
 * threads of its own until it is killed at a random moment, in the middle
 * of whatever it is doing.  Its calls are not counted.
 */
static void fz_fork_burst(struct fz_thread *t)
{
	uint64_t seed = fz_r(t);
	unsigned int delay = fz_below(t, 5000);
	struct fz_thread *a, *b;
	struct fz_inflight *in;
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return;
	if (!pid) {
		fz.trace = 0;
		in = calloc(2, sizeof(*in));
		a = fz_thread_new(2 * NTFUZZ_MAX_THREADS, seed, 100000, &in[0]);
		b = fz_thread_new(2 * NTFUZZ_MAX_THREADS + 1, ~seed, 100000, &in[1]);
		if (!in || !a || !b)
			_exit(0);
		b->closer = 1;
		if (!pthread_create(&b->pt, NULL, fz_thread_main, b))
			fz_thread_main(a);
		_exit(0);
	}
	usleep(delay);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	if (fz.trace)
		fz_printf("t%u fork: child %d killed after %u us (status %#x)\n", t->id, pid, delay,
			  status);
}

static __thread int fz_tid = -1;

/*
 * The fuzzer must survive every call: if it does not, say where it died
 * (on an alternate stack, since rsp may be a fake one mid-call).
 */
static void fz_fatal(int sig, siginfo_t *si, void *uc)
{
	const greg_t *r = ((ucontext_t *)uc)->uc_mcontext.gregs;

	fz_printf("# ntfuzz: thread %d got signal %d at address %p: rip %#llx rsp %#llx\n", fz_tid,
		  sig, si->si_addr, (unsigned long long)r[REG_RIP],
		  (unsigned long long)r[REG_RSP]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void fz_catch_faults(void)
{
	struct sigaction sa = { .sa_sigaction = fz_fatal, .sa_flags = SA_SIGINFO | SA_ONSTACK };

	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
}

static void *fz_thread_main(void *arg)
{
	struct fz_thread *t = arg;
	unsigned long next = 0, next_fork = 5000 + fz_below(t, 20000);
	stack_t ss = { .ss_size = 65536 };

	fz_tid = t->id;
	ss.ss_sp = malloc(ss.ss_size);
	if (ss.ss_sp)
		sigaltstack(&ss, NULL);

	t->next_helper = 200 + fz_below(t, 2000);
	while (t->done < t->quota) {
		if (t->done >= next) {	/* fresh objects of every kind when they run low */
			if (fz_pool_count() < FZ_POOL / 3 && t->quota - t->done > 20)
				fz_populate(t);
			next = t->done + 50;
		}
		if (!fz.simple && t->id < NTFUZZ_MAX_THREADS && t->done >= t->next_helper) {
			fz_helper_start(t);
			t->next_helper = t->done + 200 + fz_below(t, 3000);
		}
		if (!fz.simple && t->id == 0 && t->done >= next_fork) {
			fz_fork_burst(t);
			next_fork = t->done + 5000 + fz_below(t, 20000);
		}
		fz_one(t);
	}
	fz_helper_join(t);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	free(ss.ss_sp);
	return NULL;
}

/* ---- a phase's child ------------------------------------------------- */

static void *fz_map(size_t pages, int guard)
{
	uint8_t *p = mmap(NULL, (pages + guard) * FZ_PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	if (guard && mprotect(p + pages * FZ_PAGE, FZ_PAGE, PROT_NONE))
		return NULL;
	return p;
}

static int fz_skipped(const struct ntfuzz_opts *o, uint32_t nr)
{
	unsigned int i;

	for (i = 0; i < o->nskip; i++)
		if (o->skip[i] == nr)
			return 1;
	return 0;
}

static int fz_init_tables(const struct ntfuzz_opts *o)
{
	unsigned int i;

	fz_total_weight = 0;
	memset(fz_by_nr, 0, sizeof(fz_by_nr));
	memset(fz_denied, 0, sizeof(fz_denied));
	for (i = 0; i < NTSVC_COUNT; i++)
		fz_denied[i] = fz_skipped(o, i);
	for (i = 0; i < FZ_NSVCS; i++) {
		if (fz_svcs[i].nlisted != fz_svcs[i].nargs) {
			fz_printf("# ntfuzz: Nt%s takes %u arguments in nt.tbl, the fuzzer knows %u\n",
				  fz_svcs[i].name, fz_svcs[i].nargs, fz_svcs[i].nlisted);
			return -1;
		}
		fz_by_nr[fz_svcs[i].nr] = &fz_svcs[i];
		if (!fz_skipped(o, fz_svcs[i].nr))
			fz_total_weight += fz_svcs[i].weight;
	}
	for (i = 0; i < ARRAY_SIZE(fz_denied_nrs); i++)
		if (!fz_by_nr[fz_denied_nrs[i]])
			fz_denied[fz_denied_nrs[i]] = 1;
	return 0;
}

static int fz_child(const struct ntfuzz_opts *o, int root, unsigned long calls,
		    struct fz_report *rep)
{
	struct fz_thread *threads[NTFUZZ_MAX_THREADS];
	unsigned int n = o->threads, i, j, k;
	struct timespec t0, t1;
	uint64_t seed = o->seed ^ (root ? 0x524f4f5400000000ULL : 0);
	int64_t *tmo;
	struct fz_thread tmp = { .rng = seed };

	if (fz_init_tables(o))
		return 2;
	fz_catch_faults();
	fz.root = root;
	fz.trace = o->trace;
	fz.simple = o->simple;
	fz.rep = rep;
	pthread_mutex_init(&fz.lock, NULL);
	fz.shared = fz_map(FZ_SHARED_PAGES, 1);
	fz.ro = fz_map(1, 0);
	fz.guard = mmap(NULL, FZ_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	tmo = fz_map(1, 0);
	if (!fz.shared || !fz.ro || fz.guard == MAP_FAILED || !tmo)
		return 3;
	fz.shared_end = fz.shared + FZ_SHARED_PAGES * FZ_PAGE;
	fz_fill(&tmp, fz.ro, FZ_PAGE);
	fz.ntimeouts = ARRAY_SIZE(fz_timeout_values);
	memcpy(tmo, fz_timeout_values, sizeof(fz_timeout_values));
	if (mprotect(fz.ro, FZ_PAGE, PROT_READ) || mprotect(tmo, FZ_PAGE, PROT_READ))
		return 3;
	fz.timeouts = tmo;

	for (i = 0; i < n; i++) {
		threads[i] = fz_thread_new(i, seed + 0x1000193ULL * (i + 1),
					   calls / n + (i == 0 ? calls % n : 0), &rep->inflight[i]);
		if (!threads[i])
			return 3;
		threads[i]->closer = n > 1 && i == n - 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		if (pthread_create(&threads[i]->pt, NULL, fz_thread_main, threads[i]))
			return 4;
	for (i = 0; i < n; i++)
		pthread_join(threads[i]->pt, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);

	rep->seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	memset(rep->status, 0xff, sizeof(rep->status));
	for (i = 0; i < n; i++) {
		struct fz_thread *t = threads[i];

		rep->calls += t->done + t->helper_done;
		for (j = 0; j <= NTSVC_COUNT; j++)
			rep->counts[j] += t->counts[j];
		for (j = 0; j < FZ_STATUS_SLOTS; j++) {
			if (t->status[j] == 0xffffffffu)
				continue;
			k = fz_status_slot(rep->status, t->status[j]);
			if (rep->status[k] == 0xffffffffu)
				rep->nstatus++;
			rep->status[k] = t->status[j];
			rep->status_n[k] += t->status_n[j];
		}
	}
	return 0;
}

/* ---- the parent ------------------------------------------------------ */

static void fz_print_inflight(const struct fz_report *rep)
{
	const struct fz_inflight *in;
	unsigned int i, j;
	char line[512];
	int n;

	for (i = 0; i < 2 * NTFUZZ_MAX_THREADS; i++) {
		in = &rep->inflight[i];
		if (!in->seq)
			continue;
		n = snprintf(line, sizeof(line), "# thread %u call %llu%s: nr %#x (", i,
			     (unsigned long long)in->seq, in->busy ? " (in flight)" : " (last)",
			     in->nr);
		for (j = 0; j < 8 && n < (int)sizeof(line); j++)
			n += snprintf(line + n, sizeof(line) - n, "%s%#llx", j ? ", " : "",
				      (unsigned long long)in->args[j]);
		if (n < (int)sizeof(line))
			snprintf(line + n, sizeof(line) - n, ")%s\n",
				 in->stack ? " bad stack" : "");
		fz_printf("%s", line);
	}
}

static int fz_phase(const struct ntfuzz_opts *o, int root, unsigned long calls,
		    struct fz_report *total)
{
	struct fz_report *rep;
	struct timespec start, now;
	int status = 0, ret = 0, timed_out = 0, err;
	unsigned int i;
	pid_t pid;

	rep = mmap(NULL, sizeof(*rep), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (rep == MAP_FAILED)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		if (!root && geteuid() == 0 &&
		    (setgroups(0, NULL) || setresgid(FZ_NOBODY, FZ_NOBODY, FZ_NOBODY) ||
		     setresuid(FZ_NOBODY, FZ_NOBODY, FZ_NOBODY)))
			_exit(10);
		err = nt_become();
		if (err) {
			fz_printf("# ntfuzz: cannot become NT: %s\n", strerror(-err));
			_exit(11);
		}
		_exit(fz_child(o, root, calls, rep));
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			ret = -1;
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (o->timeout && !timed_out && now.tv_sec - start.tv_sec >= (long)o->timeout) {
			fz_printf("# ntfuzz: %s phase still running after %u s: hung? calls:\n",
				  root ? "root" : "user", o->timeout);
			fz_print_inflight(rep);
			kill(pid, SIGKILL);
			timed_out = 1;
		}
		if (timed_out && now.tv_sec - start.tv_sec >= (long)o->timeout + 20) {
			fz_printf("# ntfuzz: the child does not die: stuck in the kernel\n");
			return -1;
		}
		usleep(20000);
	}
	if (!ret && (timed_out || !WIFEXITED(status) || WEXITSTATUS(status))) {
		if (WIFSIGNALED(status))
			fz_printf("# ntfuzz: %s phase killed by signal %d; last calls:\n",
				  root ? "root" : "user", WTERMSIG(status));
		else if (!timed_out)
			fz_printf("# ntfuzz: %s phase exited %d\n", root ? "root" : "user",
				  WEXITSTATUS(status));
		if (!timed_out)
			fz_print_inflight(rep);
		ret = -1;
	}
	fz_printf("# phase %s%s: %lu calls in %.2f s, %.0f calls/s%s\n", root ? "root" : "user",
		  root || geteuid() ? "" : " (uid 65534)", rep->calls, rep->seconds,
		  rep->seconds > 0 ? rep->calls / rep->seconds : 0.0, ret ? ", FAILED" : "");

	total->calls += rep->calls;
	total->seconds += rep->seconds;
	for (i = 0; i <= NTSVC_COUNT; i++)
		total->counts[i] += rep->counts[i];
	for (i = 0; i < FZ_STATUS_SLOTS; i++) {
		unsigned int k;

		if (rep->status[i] == 0xffffffffu || !rep->status_n[i])
			continue;
		k = fz_status_slot(total->status, rep->status[i]);
		if (total->status[k] == 0xffffffffu)
			total->nstatus++;
		total->status[k] = rep->status[i];
		total->status_n[k] += rep->status_n[i];
	}
	munmap(rep, sizeof(*rep));
	return ret;
}

static void fz_summary(const struct fz_report *r)
{
	char line[4096];
	unsigned long unimpl = 0;
	unsigned int i;
	int n;

	n = snprintf(line, sizeof(line),
		     "# ntfuzz done: %lu calls, %u distinct statuses, per-service counts:",
		     r->calls, r->nstatus);
	for (i = 0; i < NTSVC_COUNT; i++) {
		if (!r->counts[i])
			continue;
		if (!fz_by_nr[i]) {
			unimpl += r->counts[i];
			continue;
		}
		if (n < (int)sizeof(line))
			n += snprintf(line + n, sizeof(line) - n, " %s=%lu", fz_by_nr[i]->name,
				      r->counts[i]);
	}
	if (n < (int)sizeof(line))
		snprintf(line + n, sizeof(line) - n, " unimplemented=%lu invalid=%lu\n", unimpl,
			 r->counts[FZ_OUT_OF_RANGE]);
	fz_printf("%s", line);
	n = snprintf(line, sizeof(line), "# statuses:");
	for (i = 0; i < FZ_STATUS_SLOTS; i++)
		if (r->status[i] != 0xffffffffu && n < (int)sizeof(line))
			n += snprintf(line + n, sizeof(line) - n, " %#x=%lu", r->status[i],
				      r->status_n[i]);
	if (n < (int)sizeof(line) - 1)
		snprintf(line + n, sizeof(line) - n, "\n");
	fz_printf("%s", line);
}

uint64_t ntfuzz_time_seed(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec * 1000003ULL ^ (uint64_t)ts.tv_nsec ^
		((uint64_t)getpid() << 20)) % 1000000000000ULL;
}

void ntfuzz_defaults(struct ntfuzz_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = ntfuzz_time_seed();
	o->calls = 100000;
	o->threads = 2;
	o->phases = NTFUZZ_PHASE_USER | NTFUZZ_PHASE_ROOT;
}

/* the number of an implemented service, by name with or without "Nt" */
static int fz_svc_nr(const char *name)
{
	unsigned int i;

	if (!strncmp(name, "Nt", 2))
		name += 2;
	for (i = 0; i < FZ_NSVCS; i++)
		if (!strcmp(fz_svcs[i].name, name))
			return fz_svcs[i].nr;
	return -1;
}

int ntfuzz_parse_args(struct ntfuzz_opts *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--trace")) {
			o->trace = 1;
			continue;
		}
		if (!strcmp(a, "--simple")) {
			o->simple = 1;
			continue;
		}
		if (!v)
			goto usage;
		if (!strcmp(a, "--seed"))
			o->seed = strtoull(v, NULL, 0);
		else if (!strcmp(a, "--calls"))
			o->calls = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--root-calls"))
			o->root_calls = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--skip") && o->nskip < 16 && fz_svc_nr(v) >= 0)
			o->skip[o->nskip++] = fz_svc_nr(v);
		else if (!strcmp(a, "--threads"))
			o->threads = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--timeout"))
			o->timeout = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--phase"))
			o->phases = !strcmp(v, "user") ? NTFUZZ_PHASE_USER :
				    !strcmp(v, "root") ? NTFUZZ_PHASE_ROOT :
				    !strcmp(v, "both") ? NTFUZZ_PHASE_USER | NTFUZZ_PHASE_ROOT : 0;
		else
			goto usage;
		i++;
	}
	if (!o->threads || o->threads > NTFUZZ_MAX_THREADS || !o->phases)
		goto usage;
	return 0;
usage:
	fprintf(stderr,
		"usage: ntfuzz [--seed S] [--calls N] [--threads T (1-%d)] [--phase user|root|both]\n"
		"              [--root-calls N (default N/10)] [--timeout SECONDS] [--trace]\n"
		"              [--simple] [--skip NtService]...\n",
		NTFUZZ_MAX_THREADS);
	return -1;
}

int ntfuzz_run(const struct ntfuzz_opts *o)
{
	struct fz_report *total = calloc(1, sizeof(*total));
	unsigned long root_calls = o->root_calls ? o->root_calls : o->calls / 10;
	long live = nt_live_objects(), after;	/* -1 unless root with debugfs */
	int ret = 0;

	if (!total || fz_init_tables(o))
		return -1;
	memset(total->status, 0xff, sizeof(total->status));
	fz_printf("# ntfuzz seed %llu calls %lu threads %u\n", (unsigned long long)o->seed,
		  o->calls, o->threads);
	if ((o->phases & NTFUZZ_PHASE_USER) && fz_phase(o, 0, o->calls, total))
		ret = -1;
	if ((o->phases & NTFUZZ_PHASE_ROOT) && root_calls) {
		if (geteuid())
			fz_printf("# ntfuzz: not root, no root phase\n");
		else if (fz_phase(o, 1, root_calls, total))
			ret = -1;
	}
	fz_summary(total);
	free(total);
	if (live >= 0) {
		after = nt_wait_live_objects(live);
		if (after != live) {
			fz_printf("# ntfuzz: %ld live objects before, %ld after: leaked\n",
				  live, after);
			ret = -1;
		}
	}
	return ret;
}
