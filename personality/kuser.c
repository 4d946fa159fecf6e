// SPDX-License-Identifier: GPL-2.0
/*
 * KUSER_SHARED_DATA: the page of uapi/ntkuser.h, one for the whole system.
 *
 * The page is the only page of a shmem file the module owns.  The module
 * keeps a reference to it, marks the file unevictable, and writes it
 * through its kernel address; every NT process maps the same page at
 * 0x7ffe0000 from a second, read-only open of that file, MAP_SHARED
 * PROT_READ.  Linux clears VM_MAYWRITE (and VM_SHARED) for a mapping of a
 * file not open for writing, so mprotect(PROT_WRITE), a FOLL_FORCE write
 * (ptrace, /proc/pid/mem) and MADV_REMOVE are all refused: no process can
 * change what another reads.  A fork child inherits the mapping; an exec
 * drops it with the rest of the old program.
 *
 * The page lives as long as any mapping of it: each VMA holds the file, and
 * the file's code is shmem's, not the module's, so unloading the module
 * leaves a mapped page valid (merely no longer updated).
 *
 * Updates: a periodic hrtimer at Windows' default clock tick (15.625 ms,
 * 64 Hz) writes the times, the processor count and the memory size.  It
 * runs only while an NT process exists: ntos_kuser_start(), called once a
 * process is NT, arms it if it is idle; the timer stops itself on the first
 * tick that finds no NT process.  ntos_kuser_lock orders the two, and
 * serializes the writers of the page.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pagemap.h>
#include <linux/random.h>
#include <linux/shmem_fs.h>
#include <linux/spinlock.h>
#include <linux/time.h>
#include <asm/cpufeature.h>

#include "kuser.h"
#include "process.h"
#include "uaccess.h"
#include "../uapi/ntkuser.h"

#define NTOS_KUSER_TICK_NS	15625000	/* Windows' clock tick: 1/64 s */
#define NTOS_IMAGE_FILE_MACHINE_AMD64	0x8664
#define NTOS_PROCESSOR_ARCHITECTURE_AMD64	9

static struct file *ntos_kuser_file;	/* the shmem file; the module's reference */
static struct file *ntos_kuser_ro;	/* the same file, open read-only: what is mapped */
static struct page *ntos_kuser_page;
static struct nt_kuser_shared_data *ntos_kuser;	/* its kernel address */
static struct hrtimer ntos_kuser_timer;
static DEFINE_SPINLOCK(ntos_kuser_lock);
static bool ntos_kuser_running;		/* under ntos_kuser_lock */

/* An x86 store of the quadword, aligned or not, is one write (inside a cache line). */
struct ntos_quad {
	u64 v;
} __packed;

/* KSYSTEM_TIME's order: High2Time, then LowPart and High1Time as one store. */
static void ntos_kuser_set_time(struct nt_ksystem_time *t, u64 v)
{
	lockdep_assert_held(&ntos_kuser_lock);
	WRITE_ONCE(t->high2_time, (s32)(v >> 32));
	smp_wmb();	/* High2Time before High1Time: pairs with the reader's High1, High2 */
	WRITE_ONCE(((struct ntos_quad *)t)->v, v);
}

static void ntos_kuser_update(void)
{
	struct nt_kuser_shared_data *k = ntos_kuser;
	u64 boot = ktime_get_boottime_ns();
	unsigned int cpus = num_online_cpus();
	unsigned long pages = totalram_pages();

	lockdep_assert_held(&ntos_kuser_lock);
	ntos_kuser_set_time(&k->interrupt_time, div_u64(boot, 100));
	ntos_kuser_set_time(&k->system_time, ntos_nt_time_now());
	ntos_kuser_set_time(&k->tick_count, div_u64(boot, NSEC_PER_MSEC));
	ntos_kuser_set_time(&k->time_zone_bias,
			    (s64)sys_tz.tz_minuteswest * 60 * NTOS_NT_TICKS_PER_SEC);
	WRITE_ONCE(k->active_processor_count, cpus);
	WRITE_ONCE(k->unparked_processor_count, cpus);
	WRITE_ONCE(k->number_of_physical_pages, min_t(unsigned long, pages, U32_MAX));
	WRITE_ONCE(k->full_number_of_physical_pages, pages);
}

static enum hrtimer_restart ntos_kuser_tick(struct hrtimer *timer)
{
	unsigned long flags;

	spin_lock_irqsave(&ntos_kuser_lock, flags);
	if (!atomic_read(&ntos_nr_processes)) {
		ntos_kuser_running = false;
		spin_unlock_irqrestore(&ntos_kuser_lock, flags);
		return HRTIMER_NORESTART;
	}
	ntos_kuser_update();
	spin_unlock_irqrestore(&ntos_kuser_lock, flags);
	hrtimer_forward_now(timer, ns_to_ktime(NTOS_KUSER_TICK_NS));
	return HRTIMER_RESTART;
}

/* An NT process exists (it was just published): keep the page current. */
void ntos_kuser_start(void)
{
	unsigned long flags;

	spin_lock_irqsave(&ntos_kuser_lock, flags);
	if (!ntos_kuser_running) {
		ntos_kuser_running = true;
		ntos_kuser_update();	/* the process's first look is fresh */
		hrtimer_start(&ntos_kuser_timer, ns_to_ktime(NTOS_KUSER_TICK_NS),
			      HRTIMER_MODE_REL);
	}
	spin_unlock_irqrestore(&ntos_kuser_lock, flags);
}

/* Map the page into the calling process; -EEXIST: the address is taken. */
int ntos_kuser_map(void)
{
	unsigned long addr;

	addr = vm_mmap(ntos_kuser_ro, NT_KUSER_SHARED_DATA, NT_KUSER_SIZE, PROT_READ,
		       MAP_SHARED | MAP_FIXED_NOREPLACE, 0);
	if (IS_ERR_VALUE(addr))
		return addr;
	return 0;
}

/* Undo ntos_kuser_map() when the process does not become NT after all. */
void ntos_kuser_unmap(void)
{
	vm_munmap(NT_KUSER_SHARED_DATA, NT_KUSER_SIZE);
}

/* ProcessorFeatures[] from the boot CPU's features, as Linux enabled them. */
static void ntos_kuser_features(u8 *pf)
{
	static const struct {
		u8 pf;
		u16 feature;
	} map[] = {
		{ NT_PF_COMPARE_EXCHANGE_DOUBLE, X86_FEATURE_CX8 },
		{ NT_PF_MMX_INSTRUCTIONS_AVAILABLE, X86_FEATURE_MMX },
		{ NT_PF_XMMI_INSTRUCTIONS_AVAILABLE, X86_FEATURE_XMM },
		{ NT_PF_3DNOW_INSTRUCTIONS_AVAILABLE, X86_FEATURE_3DNOW },
		{ NT_PF_RDTSC_INSTRUCTION_AVAILABLE, X86_FEATURE_TSC },
		{ NT_PF_PAE_ENABLED, X86_FEATURE_PAE },
		{ NT_PF_XMMI64_INSTRUCTIONS_AVAILABLE, X86_FEATURE_XMM2 },
		/* MXCSR's DAZ: every x86-64 processor with SSE2 has it */
		{ NT_PF_SSE_DAZ_MODE_AVAILABLE, X86_FEATURE_XMM2 },
		{ NT_PF_NX_ENABLED, X86_FEATURE_NX },
		{ NT_PF_SSE3_INSTRUCTIONS_AVAILABLE, X86_FEATURE_XMM3 },
		{ NT_PF_COMPARE_EXCHANGE128, X86_FEATURE_CX16 },
		{ NT_PF_XSAVE_ENABLED, X86_FEATURE_OSXSAVE },
		{ NT_PF_RDWRFSGSBASE_AVAILABLE, X86_FEATURE_FSGSBASE },
		{ NT_PF_RDRAND_INSTRUCTION_AVAILABLE, X86_FEATURE_RDRAND },
		{ NT_PF_RDTSCP_INSTRUCTION_AVAILABLE, X86_FEATURE_RDTSCP },
		{ NT_PF_RDPID_INSTRUCTION_AVAILABLE, X86_FEATURE_RDPID },
		{ NT_PF_MONITORX_INSTRUCTION_AVAILABLE, X86_FEATURE_MWAITX },
		{ NT_PF_SSSE3_INSTRUCTIONS_AVAILABLE, X86_FEATURE_SSSE3 },
		{ NT_PF_SSE4_1_INSTRUCTIONS_AVAILABLE, X86_FEATURE_XMM4_1 },
		{ NT_PF_SSE4_2_INSTRUCTIONS_AVAILABLE, X86_FEATURE_XMM4_2 },
		{ NT_PF_AVX_INSTRUCTIONS_AVAILABLE, X86_FEATURE_AVX },
		{ NT_PF_AVX2_INSTRUCTIONS_AVAILABLE, X86_FEATURE_AVX2 },
		{ NT_PF_AVX512F_INSTRUCTIONS_AVAILABLE, X86_FEATURE_AVX512F },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (boot_cpu_has(map[i].feature))
			pf[map[i].pf] = 1;
	/* int 0x29 (__fastfail) ends the process: here by its SIGSEGV */
	pf[NT_PF_FASTFAIL_AVAILABLE] = 1;
}

/* What does not change while the system runs. */
static void ntos_kuser_fill(struct nt_kuser_shared_data *k)
{
	static const char root[] = "C:\\windows";
	unsigned int i;

	k->tick_count_multiplier = 1U << 24;	/* TickCount is in ms */
	k->image_number_low = NTOS_IMAGE_FILE_MACHINE_AMD64;
	k->image_number_high = NTOS_IMAGE_FILE_MACHINE_AMD64;
	for (i = 0; i < sizeof(root) - 1; i++)
		k->nt_system_root[i] = root[i];
	k->large_page_minimum = 2 << 20;
	k->nt_build_number = 19045;
	k->nt_product_type = NT_PRODUCT_WIN_NT;
	k->product_type_is_valid = 1;
	k->native_processor_architecture = NTOS_PROCESSOR_ARCHITECTURE_AMD64;
	k->nt_major_version = 10;
	k->nt_minor_version = 0;
	ntos_kuser_features(k->processor_features);
	/* no page is ever writable and executable unless asked: DEP always on */
	k->mitigation_policies = boot_cpu_has(X86_FEATURE_NX) ?
		NT_NX_SUPPORT_POLICY_ALWAYSON : NT_NX_SUPPORT_POLICY_ALWAYSOFF;
	k->test_ret_instruction = 0xc3;		/* ret */
	k->qpc_frequency = NTOS_QPC_FREQUENCY;
	k->qpc_bypass_enabled = 0;		/* QueryPerformanceCounter asks the kernel */
	k->cookie = get_random_u32();
	k->active_group_count = 1;
}

int ntos_kuser_init(void)
{
	struct page *page;
	int ret;

	ntos_kuser_file = shmem_file_setup("ntpersona-kuser", NT_KUSER_SIZE, 0);
	if (IS_ERR(ntos_kuser_file))
		return PTR_ERR(ntos_kuser_file);
	mapping_set_unevictable(ntos_kuser_file->f_mapping);
	page = shmem_read_mapping_page(ntos_kuser_file->f_mapping, 0);
	if (IS_ERR(page)) {
		ret = PTR_ERR(page);
		goto err_file;
	}
	lock_page(page);
	set_page_dirty(page);	/* it has contents: never a hole to drop */
	unlock_page(page);
	ntos_kuser_ro = dentry_open(&ntos_kuser_file->f_path, O_RDONLY, current_cred());
	if (IS_ERR(ntos_kuser_ro)) {
		ret = PTR_ERR(ntos_kuser_ro);
		goto err_page;
	}
	ntos_kuser_page = page;
	ntos_kuser = page_address(page);
	ntos_kuser_fill(ntos_kuser);
	hrtimer_init(&ntos_kuser_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	ntos_kuser_timer.function = ntos_kuser_tick;
	return 0;

err_page:
	put_page(page);
err_file:
	fput(ntos_kuser_file);
	return ret;
}

/*
 * Module unload: no NT process is left (each holds a module reference), so
 * the timer is idle or stops at its next tick; a mapping that outlives the
 * module keeps the file and its page.
 */
void ntos_kuser_exit(void)
{
	hrtimer_cancel(&ntos_kuser_timer);
	fput(ntos_kuser_ro);
	put_page(ntos_kuser_page);
	fput(ntos_kuser_file);
}
