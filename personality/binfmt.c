// SPDX-License-Identifier: GPL-2.0
/*
 * The module's own binfmt handler: execve() of a PE32+ x64 image starts it
 * as an NT process directly, without binfmt_misc and the shim, when the
 * admin says so (parameter claim=all; default none, changeable at run time
 * in /sys/module/ntpersona/parameters/claim).  It reaches the same kernel
 * routine as the shim's NTOS_IOC_EXEC_PE (exec.c).
 *
 * It is registered at the end of the list of handlers, so an ELF program
 * never reaches it: Linux programs pay nothing.  A binfmt_misc rule for PE
 * files, being ahead of it, still wins when one is registered.
 *
 * Once the old program is gone (begin_new_exec) the process needs a way to
 * set its GS base to the TEB and to end with the entry point's return
 * value: a one-page trampoline, the process's only Linux region, does
 * arch_prctl(ARCH_SET_GS) and jumps to the entry point with the registers
 * of a Windows x64 call; the entry point returns into its second half,
 * which calls exit_group.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/moduleparam.h>
#include <linux/processor.h>
#include <linux/ptrace.h>
#include <linux/sched/task_stack.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/prctl.h>
#include <asm/unistd.h>

#include "exec.h"
#include "process.h"
#include "../uapi/ntpersona.h"

/* claim=none|all */
static bool ntos_claim_all;

static int ntos_claim_set(const char *val, const struct kernel_param *kp)
{
	if (sysfs_streq(val, "all"))
		WRITE_ONCE(ntos_claim_all, true);
	else if (sysfs_streq(val, "none"))
		WRITE_ONCE(ntos_claim_all, false);
	else
		return -EINVAL;
	return 0;
}

static int ntos_claim_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", READ_ONCE(ntos_claim_all) ? "all" : "none");
}

static const struct kernel_param_ops ntos_claim_ops = {
	.set = ntos_claim_set,
	.get = ntos_claim_get,
};

module_param_cb(claim, &ntos_claim_ops, NULL, 0644);
MODULE_PARM_DESC(claim, "PE32+ x64 images execve() starts as NT processes: none (default) or all");

/* Does the start of the file look like a PE32+ x64 image?  ntos_pe_parse() decides. */
static bool ntos_binfmt_sniff(const struct linux_binprm *bprm)
{
	const u8 *b = bprm->buf;
	u32 lfanew;

	if (b[0] != 'M' || b[1] != 'Z')
		return false;
	lfanew = b[0x3c] | b[0x3d] << 8 | b[0x3e] << 16 | (u32)b[0x3f] << 24;
	if (lfanew > BINPRM_BUF_SIZE - 0x1a)	/* headers further in: let the parser look */
		return true;
	return !memcmp(b + lfanew, "PE\0\0", 4) && b[lfanew + 4] == 0x64 &&
	       b[lfanew + 5] == 0x86 && b[lfanew + 0x18] == 0x0b && b[lfanew + 0x19] == 0x02;
}

/*
 * argv and envp as copy_strings() left them at the top of the new stack:
 * @count NUL-terminated strings from *@p on.  *@p ends past them.
 */
static int ntos_binfmt_strings(unsigned long *p, unsigned int count, char ***out)
{
	char **v = kcalloc(count + 1, sizeof(*v), GFP_KERNEL);
	unsigned int i;

	if (!v)
		return -ENOMEM;
	for (i = 0; i < count; i++) {
		v[i] = strndup_user((const char __user *)*p, MAX_ARG_STRLEN);
		if (IS_ERR(v[i])) {
			int ret = PTR_ERR(v[i]);

			while (i--)
				kfree(v[i]);
			kfree(v);
			return ret;
		}
		*p += strlen(v[i]) + 1;
	}
	*out = v;
	return 0;
}

/* x86-64 code of the trampoline; the immediates are filled in at exec. */
#define TRAMP_TEB	7	/* offsets of the 8-byte immediates */
#define TRAMP_PEB	24
#define TRAMP_ARG0	34
#define TRAMP_ARG1	44
#define TRAMP_ARG2	54
#define TRAMP_ENTRY	64
#define TRAMP_EXIT	81	/* where the entry point returns to */
static const u8 ntos_tramp_code[] = {
	0xbf, 0x01, 0x10, 0x00, 0x00,		/* mov $ARCH_SET_GS, %edi */
	0x48, 0xbe, 0, 0, 0, 0, 0, 0, 0, 0,	/* movabs $teb, %rsi */
	0xb8, 0x9e, 0x00, 0x00, 0x00,		/* mov $__NR_arch_prctl, %eax */
	0x0f, 0x05,				/* syscall */
	0x48, 0xb9, 0, 0, 0, 0, 0, 0, 0, 0,	/* movabs $peb, %rcx */
	0x48, 0xba, 0, 0, 0, 0, 0, 0, 0, 0,	/* movabs $arg0, %rdx */
	0x49, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,	/* movabs $arg1, %r8 */
	0x49, 0xb9, 0, 0, 0, 0, 0, 0, 0, 0,	/* movabs $arg2, %r9 */
	0x49, 0xbb, 0, 0, 0, 0, 0, 0, 0, 0,	/* movabs $entry, %r11 */
	0x31, 0xc0,				/* xor %eax, %eax */
	0x31, 0xf6,				/* xor %esi, %esi */
	0x31, 0xff,				/* xor %edi, %edi */
	0x41, 0xff, 0xe3,			/* jmp *%r11 */
	0x89, 0xc7,				/* exit: mov %eax, %edi */
	0xb8, 0xe7, 0x00, 0x00, 0x00,		/* mov $__NR_exit_group, %eax */
	0x0f, 0x05,				/* syscall */
	0x0f, 0x0b,				/* ud2 */
};

static_assert(sizeof(ntos_tramp_code) == TRAMP_EXIT + 11);
static_assert(ARCH_SET_GS == 0x1001 && __NR_arch_prctl == 158 && __NR_exit_group == 231);

/* Fill the trampoline's file with the code for @out and map it at @addr. */
static int ntos_binfmt_tramp(unsigned long addr, const struct ntos_exec_pe *out)
{
	u8 code[sizeof(ntos_tramp_code)];
	struct file *shm;
	unsigned long ret;
	loff_t pos = 0;

	memcpy(code, ntos_tramp_code, sizeof(code));
	memcpy(code + TRAMP_TEB, &out->teb, 8);
	memcpy(code + TRAMP_PEB, &out->peb, 8);
	memcpy(code + TRAMP_ARG0, &out->entry_args[0], 8);
	memcpy(code + TRAMP_ARG1, &out->entry_args[1], 8);
	memcpy(code + TRAMP_ARG2, &out->entry_args[2], 8);
	memcpy(code + TRAMP_ENTRY, &out->entry, 8);
	shm = shmem_file_setup("ntpersona-start", PAGE_SIZE, 0);
	if (IS_ERR(shm))
		return PTR_ERR(shm);
	ret = kernel_write(shm, code, sizeof(code), &pos) == sizeof(code) ?
	      vm_mmap(shm, addr, PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, 0) :
	      -EIO;
	fput(shm);
	return IS_ERR_VALUE(ret) ? ret : 0;
}

static struct linux_binfmt ntos_binfmt;

/* Nothing of the old program's registers reaches the new one. */
static void ntos_binfmt_clear_regs(struct pt_regs *regs)
{
	unsigned long ip = regs->ip, sp = regs->sp, flags = regs->flags;
	unsigned long cs = regs->cs, ss = regs->ss;

	memset(regs, 0, sizeof(*regs));
	regs->ip = ip;
	regs->sp = sp;
	regs->flags = flags;
	regs->cs = cs;
	regs->ss = ss;
}

static int ntos_binfmt_load(struct linux_binprm *bprm)
{
	struct pt_regs *regs = current_pt_regs();
	struct mm_struct *mm;
	struct ntos_exec_ctx *ctx;
	struct ntos_region region;
	struct ntos_exec_pe out = {};
	unsigned long p, sp;
	int ret;

	if (!READ_ONCE(ntos_claim_all) || !ntos_binfmt_sniff(bprm))
		return -ENOEXEC;
	/* what would refuse the exec is checked while it can still fail */
	if (current->seccomp.mode != SECCOMP_MODE_DISABLED || test_thread_flag(TIF_ADDR32))
		return -EPERM;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ret = ntos_exec_prepare(ctx, bprm->file);
	if (ret)
		goto out;

	ret = begin_new_exec(bprm);	/* the point of no return */
	if (ret)
		goto out;
	setup_new_exec(bprm);
	ret = setup_arg_pages(bprm, STACK_TOP, EXSTACK_DISABLE_X);
	if (ret)
		goto out;
	mm = current->mm;
	p = bprm->p;
	mm->start_stack = p;
	mm->arg_start = p;
	ret = ntos_binfmt_strings(&p, bprm->argc, &ctx->argv);
	if (ret)
		goto out;
	ctx->argc = bprm->argc;
	mm->arg_end = p;
	mm->env_start = p;
	ret = ntos_binfmt_strings(&p, bprm->envc, &ctx->envp);
	if (ret)
		goto out;
	ctx->envc = bprm->envc;
	mm->env_end = p;

	region.start = vm_mmap(NULL, 0, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	ret = IS_ERR_VALUE(region.start) ? (int)region.start : 0;
	if (ret)
		goto out;
	region.end = region.start + PAGE_SIZE;
	ntos_process_exec_begin();
	ret = ntos_exec_start(ctx, &region, 1, &out);
	if (ret)
		goto out;
	ntos_process_exec_keep(bprm);
	ret = ntos_binfmt_tramp(region.start, &out);
	if (ret)
		goto out;
	/* as after a call: the return address (the exit half), home space above */
	sp = out.stack - 8;
	ret = put_user(region.start + TRAMP_EXIT, (u64 __user *)sp);
	if (ret)
		goto out;

	set_binfmt(&ntos_binfmt);
	finalize_exec(bprm);
	ntos_binfmt_clear_regs(regs);
	start_thread(regs, region.start, sp);
out:
	ntos_exec_free(ctx);
	return ret;
}

static struct linux_binfmt ntos_binfmt = {
	.module = THIS_MODULE,
	.load_binary = ntos_binfmt_load,
};

void ntos_binfmt_init(void)
{
	register_binfmt(&ntos_binfmt);
}

void ntos_binfmt_exit(void)
{
	unregister_binfmt(&ntos_binfmt);
}
