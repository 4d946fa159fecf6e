// SPDX-License-Identifier: GPL-2.0
/*
 * ntpersona-run PROGRAM.exe [ARG]...
 *
 * Runs a Windows x64 program on ntpersona; the binfmt_misc interpreter of
 * PE files (userland/binfmt.d/ntpersona.conf, docs/exec.md).
 *
 * It opens PROGRAM and asks the module (NTOS_IOC_EXEC_PE) to map it and to
 * make this process an NT process whose only Linux region is this program's
 * text.  Then it sets the GS base to the TEB, switches to the NT stack and
 * jumps to the entry point with rcx = PEB and a return address that ends the
 * process with the entry point's return value (ntrun_exit, in our text).
 * After the jump nothing of this program runs but ntrun_exit.
 *
 * Exit status when the program cannot be started, as a shell's: 127 if
 * PROGRAM does not exist, 126 if it cannot be run (not a Windows x64 program,
 * no module, ...), 2 for a usage error; the program's own status otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <asm/prctl.h>

#include "../../uapi/ntpersona.h"

extern char **environ;
extern const char __executable_start[], etext[];

/*
 * Where the entry point returns to: exit_group(eax).  In .text, so inside
 * the Linux region: this system call is a Linux one.  The NT code's stack
 * and GS are left as they are; nothing else runs.
 */
void ntrun_exit(void);
asm(".pushsection .text\n"
    ".globl ntrun_exit\n"
    ".type ntrun_exit, @function\n"
    "ntrun_exit:\n"
    "	mov %eax, %edi\n"
    "	mov $231, %eax\n"		/* __NR_exit_group */
    "	syscall\n"
    "	ud2\n"
    ".size ntrun_exit, . - ntrun_exit\n"
    ".popsection\n");
_Static_assert(SYS_exit_group == 231, "exit_group is 231 on x86-64");

/*
 * Switch to the NT stack and jump to the entry point as a Windows x64 call
 * would enter it: rsp 16-byte aligned minus 8 (the return address,
 * ntrun_exit), 32 bytes of home space above it, rcx = PEB, rdx, r8, r9 as
 * the module says (ntdll.dll's entry point gets the program's entry, its
 * own base and the system directory), the other general registers zero.
 * Only memory below req->stack is used (aligned down to 16 first), so it
 * does not matter whether the module left a return-address slot.
 */
static __attribute__((noreturn)) void ntrun_jump(const struct ntos_exec_pe *req)
{
	asm volatile("mov %c[stack](%%rdi), %%rsp\n\t"
		     "and $-16, %%rsp\n\t"
		     "sub $0x20, %%rsp\n\t"
		     "lea ntrun_exit(%%rip), %%rax\n\t"
		     "push %%rax\n\t"
		     "mov %c[entry](%%rdi), %%r11\n\t"
		     "mov %c[peb](%%rdi), %%rcx\n\t"
		     "mov %c[args](%%rdi), %%rdx\n\t"
		     "mov %c[args] + 8(%%rdi), %%r8\n\t"
		     "mov %c[args] + 16(%%rdi), %%r9\n\t"
		     "xor %%eax, %%eax\n\t"
		     "xor %%ebx, %%ebx\n\t"
		     "xor %%esi, %%esi\n\t"
		     "xor %%edi, %%edi\n\t"
		     "xor %%ebp, %%ebp\n\t"
		     "xor %%r10d, %%r10d\n\t"
		     "xor %%r12d, %%r12d\n\t"
		     "xor %%r13d, %%r13d\n\t"
		     "xor %%r14d, %%r14d\n\t"
		     "xor %%r15d, %%r15d\n\t"
		     "cld\n\t"
		     "jmp *%%r11"
		     : : "D"(req),
		       [stack] "i"(offsetof(struct ntos_exec_pe, stack)),
		       [entry] "i"(offsetof(struct ntos_exec_pe, entry)),
		       [peb] "i"(offsetof(struct ntos_exec_pe, peb)),
		       [args] "i"(offsetof(struct ntos_exec_pe, entry_args))
		     : "memory");
	__builtin_unreachable();
}

static const char *prog = "ntpersona-run";

/*
 * Keep our descriptors off 0, 1 and 2: the module makes the std handles
 * from whatever those are, and a closed stdout must stay closed (no
 * StandardOutput) rather than become the image or the device.
 */
static int above_std(int fd)
{
	int nfd;

	if (fd < 0 || fd > 2)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return nfd;
}

static int fail(int status, const char *what, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, why);
	return status;
}

int main(int argc, char **argv)
{
	struct ntos_exec_pe req;
	struct ntos_version ver;
	const char *path;
	struct stat st;
	int fd, dev, err;

	if (argc < 2 || argv[1][0] == '\0') {
		fprintf(stderr, "usage: %s PROGRAM.exe [ARG]...\n", prog);
		return 2;
	}
	path = argv[1];

	fd = above_std(open(path, O_RDONLY | O_CLOEXEC));
	if (fd < 0) {
		err = errno;
		return fail(err == ENOENT || err == ENOTDIR ? 127 : 126, path, strerror(err));
	}
	if (fstat(fd, &st))
		return fail(126, path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return fail(126, path, strerror(EISDIR));
	if (!S_ISREG(st.st_mode))
		return fail(126, path, "not a regular file");

	dev = above_std(open(NTOS_DEVICE_PATH, O_RDWR | O_CLOEXEC));
	if (dev < 0) {
		err = errno;
		fprintf(stderr, "%s: %s: %s%s\n", prog, NTOS_DEVICE_PATH, strerror(err),
			err == ENOENT || err == ENODEV || err == ENXIO ?
			" (is the ntpersona module loaded?)" : "");
		return 126;
	}
	memset(&ver, 0, sizeof(ver));
	if (ioctl(dev, NTOS_IOC_VERSION, &ver))
		return fail(126, NTOS_DEVICE_PATH, strerror(errno));
	if (ver.abi != NTOS_ABI_VERSION) {
		fprintf(stderr, "%s: the loaded ntpersona module has ABI version %u, this program needs %u\n",
			prog, ver.abi, NTOS_ABI_VERSION);
		return 126;
	}

	memset(&req, 0, sizeof(req));
	req.fd = fd;
	req.argv = (uintptr_t)&argv[1];		/* the program as invoked, then its arguments */
	req.envp = (uintptr_t)environ;
	req.linux_start = (uintptr_t)__executable_start;
	req.linux_end = (uintptr_t)etext;
	if (ioctl(dev, NTOS_IOC_EXEC_PE, &req)) {
		err = errno;
		switch (err) {
		case ENOEXEC:
			return fail(126, path, "not a valid Windows x64 program");
		case ENOTTY:
			return fail(126, NTOS_DEVICE_PATH,
				    "the loaded ntpersona module cannot run Windows programs");
		case E2BIG:
			return fail(126, path, "argument list or environment too long");
		case EEXIST:
			return fail(126, path, "this process already is an NT process");
		case EPERM:
			return fail(126, path,
				    "not permitted (an NT process cannot run under seccomp)");
		default:
			return fail(126, path, strerror(err));
		}
	}
	/* From here on we are an NT process: Linux calls only from our text. */
	close(dev);
	close(fd);
	/*
	 * NTPERSONA_LOAD_ONLY=1: stop once the image is mapped and the process
	 * set up, without running it (the PE fuzzer loads mutated images whose
	 * code is garbage).
	 */
	if (getenv("NTPERSONA_LOAD_ONLY"))
		_exit(0);
	if (syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)req.teb)) {
		/* cannot start the NT code; exit_group from our text is a Linux call */
		fail(126, "arch_prctl(ARCH_SET_GS)", strerror(errno));
		_exit(126);
	}
	ntrun_jump(&req);
}
