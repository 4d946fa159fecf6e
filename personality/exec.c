// SPDX-License-Identifier: GPL-2.0
/*
 * Starting an NT process from a PE image (NTOS_IOC_EXEC_PE): map the
 * image, give it a stack, a PEB, a TEB and process parameters, make the
 * caller an NT process, and tell the caller where to go.
 *
 * The caller is a small Linux program (userland/shim, the binfmt_misc
 * interpreter); its code stays the process's Linux region, so it can set
 * the GS base to the TEB and jump to the entry point after this returns.
 *
 * Memory is NT memory (vm.c): the images, the stack and the PEB block are
 * regions of the process, filled through their files and mapped with their
 * final protections, so no writable and executable mapping ever exists and
 * NtQueryVirtualMemory/NtProtectVirtualMemory know them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/moduleparam.h>
#include <linux/nls.h>
#include <linux/stat.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "exec.h"
#include "file.h"
#include "handle.h"
#include "image.h"
#include "nls.h"
#include "process.h"
#include "vm.h"
#include "../uapi/ntpeb.h"
#include "../uapi/ntpersona.h"
#include "status.h"

#define NTOS_MAX_ARGS		4096
#define NTOS_MAX_STRINGS	(256 * 1024)	/* UTF-16 characters, all strings */
#define NTOS_STACK_MIN		(64 * 1024)
#define NTOS_STACK_MAX		(8 * 1024 * 1024)

/* The fields of the PEB, TEB and RTL_USER_PROCESS_PARAMETERS we set (uapi/ntpeb.h) */
#define PEB(field)	offsetof(struct nt_peb, field)
#define TEB(field)	(NT_PEB_BLOCK_SIZE + offsetof(struct nt_teb, field))
#define PP(field)	offsetof(struct nt_rtl_user_process_parameters, field)
#define PP_SIZE		sizeof(struct nt_rtl_user_process_parameters)

/* A growing UTF-16 buffer for the strings of the process parameters. */
struct ntos_wbuf {
	u16 *chars;
	unsigned int len, cap;
	bool overflow;
};

static void ntos_wbuf_put(struct ntos_wbuf *b, u16 c)
{
	if (b->len < b->cap)
		b->chars[b->len++] = c;
	else
		b->overflow = true;
}

/* Append UTF-8 @s (of @n bytes) as UTF-16; bytes that are not UTF-8 become '?'. */
static void ntos_wbuf_utf8(struct ntos_wbuf *b, const char *s, size_t n)
{
	int w;

	if (b->overflow || n > b->cap - b->len) {
		b->overflow = true;
		return;
	}
	w = utf8s_to_utf16s(s, n, UTF16_LITTLE_ENDIAN, b->chars + b->len, b->cap - b->len);
	if (w >= 0) {
		b->len += w;
		return;
	}
	while (n--)
		ntos_wbuf_put(b, (u8)*s < 0x80 ? *s++ : (s++, '?'));
}

/* A Linux path as a DOS path: "/a/b" -> "Z:\a\b" (Z: is "/", as in Wine). */
static void ntos_wbuf_dos_path(struct ntos_wbuf *b, const char *path)
{
	unsigned int start = b->len, i;

	ntos_wbuf_put(b, 'Z');
	ntos_wbuf_put(b, ':');
	ntos_wbuf_utf8(b, path, strlen(path));
	for (i = start; i < b->len; i++)
		if (b->chars[i] == '/')
			b->chars[i] = '\\';
}

/*
 * One argument of a command line, quoted so that the Microsoft C runtime
 * splits it back: quotes around it when it is empty or has blanks or
 * quotes, a backslash before each quote, and backslashes doubled where
 * they come before a quote.
 */
static void ntos_wbuf_arg(struct ntos_wbuf *b, const char *arg)
{
	bool quote = !*arg || strpbrk(arg, " \t\n\v\"");
	unsigned int slashes = 0;
	size_t run;

	if (!quote) {
		ntos_wbuf_utf8(b, arg, strlen(arg));
		return;
	}
	ntos_wbuf_put(b, '"');
	while (*arg) {
		if (*arg == '\\') {
			slashes++;
			arg++;
			continue;
		}
		if (*arg == '"')
			slashes = slashes * 2 + 1;
		for (; slashes; slashes--)
			ntos_wbuf_put(b, '\\');
		run = strcspn(arg + 1, "\\\"") + 1;
		ntos_wbuf_utf8(b, arg, run);
		arg += run;
	}
	for (slashes *= 2; slashes; slashes--)	/* before the closing quote */
		ntos_wbuf_put(b, '\\');
	ntos_wbuf_put(b, '"');
}

/* Copy a NULL-terminated user vector of strings; frees on failure. */
static int ntos_copy_strv(u64 uvec, char ***out, unsigned int *count)
{
	size_t total = 0;
	unsigned int n;
	char **v;
	u64 p;
	int ret = 0;

	v = kcalloc(NTOS_MAX_ARGS + 1, sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	for (n = 0; uvec; n++) {
		if (n == NTOS_MAX_ARGS) {
			ret = -E2BIG;
			break;
		}
		if (get_user(p, (u64 __user *)u64_to_user_ptr(uvec + n * sizeof(u64)))) {
			ret = -EFAULT;
			break;
		}
		if (!p)
			break;
		v[n] = strndup_user(u64_to_user_ptr(p), PAGE_SIZE * 8);
		if (IS_ERR(v[n])) {
			ret = PTR_ERR(v[n]);
			v[n] = NULL;
			break;
		}
		total += strlen(v[n]);
		if (total > NTOS_MAX_STRINGS) {
			ret = -E2BIG;
			break;
		}
	}
	if (ret) {
		while (n--)
			kfree(v[n]);
		kfree(v);
		return ret;
	}
	*out = v;
	*count = n;
	return 0;
}

static void ntos_free_strv(char **v)
{
	unsigned int i;

	for (i = 0; v && v[i]; i++)
		kfree(v[i]);
	kfree(v);
}

/* NT memory of @size bytes, read-write, anywhere: a stack, the PEB block. */
static int ntos_exec_alloc(struct ntos_vm *vm, unsigned long size, unsigned long *addr)
{
	ntstatus_t status;

	*addr = 0;
	status = ntos_vm_reserve(vm, addr, size, NTOS_MEM_PRIVATE, NTOS_PAGE_READWRITE);
	if (!status)
		status = ntos_vm_commit(vm, *addr, size, PROT_READ | PROT_WRITE);
	return status ? -ENOMEM : 0;
}

/*
 * Map @image in the process, at its preferred base or, if that is taken and
 * it can move, anywhere (the image cache shares the pages); returns the base.
 */
static long ntos_exec_map_image(struct ntos_vm *vm, struct file *file, struct ntos_image *image)
{
	unsigned long base = 0;
	ntstatus_t status;

	status = ntos_image_map(vm, image, &base);
	if (status == STATUS_CONFLICTING_ADDRESSES && !ntos_pe_relocatable(ntos_image_pe(image)))
		pr_warn_ratelimited("exec %pD: cannot move the image from %#llx: no relocations\n",
				    file, ntos_image_pe(image)->image_base);
	if (status && status != STATUS_IMAGE_NOT_AT_BASE)
		return status == STATUS_INVALID_IMAGE_FORMAT ? -ENOEXEC : -ENOMEM;
	return base;
}

/* A std handle on Linux fd @fd, or 0 if it is not open. */
static u64 ntos_std_handle(int fd, u32 access)
{
	struct file *file = fget(fd);
	u64 handle = 0;

	if (file) {
		if (ntos_file_handle(file, access, &handle))
			handle = 0;
		fput(file);
	}
	return handle;
}

static void ntos_kput_u64(u8 *p, u64 v)
{
	memcpy(p, &v, sizeof(v));
}

static void ntos_kput_u32(u8 *p, u32 v)
{
	memcpy(p, &v, sizeof(v));
}

/* A UNICODE_STRING at @p for @len chars of strings at user address @at. */
static void ntos_kput_ustr(u8 *p, unsigned int len, u64 at)
{
	struct nt_unicode_string us = {
		.length = len * 2,
		.maximum_length = len * 2 + 2,
		.buffer = at,
	};

	memcpy(p, &us, sizeof(us));
}

/*
 * TEB->StaticUnicodeString: empty, over the TEB's own 261-character buffer,
 * where kernelbase converts short ANSI names (file and object names).
 */
static void ntos_kput_static_ustr(u8 *p, u64 teb)
{
	struct nt_unicode_string us = {
		.maximum_length = NT_TEB_STATIC_UNICODE_CHARS * 2,
		.buffer = teb + offsetof(struct nt_teb, static_unicode_buffer),
	};

	memcpy(p, &us, sizeof(us));
}

/*
 * Where the Win32 DLLs are (module parameter dll_path): directories that
 * ntdll.dll searches after the system directory, ':'-separated.  By default
 * the PE DLLs of Debian's wine64 package.  Root may change it at run time.
 */
static char ntos_dll_path[512] = "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows";
module_param_string(dll_path, ntos_dll_path, sizeof(ntos_dll_path), 0644);
MODULE_PARM_DESC(dll_path, "directories of the Win32 DLLs, searched after system_dir (a:b:c)");

/* dll_path as the process parameters' DllPath: "Z:\a;Z:\b" */
static void ntos_wbuf_dll_path(struct ntos_wbuf *b)
{
	char *copy = kmalloc(sizeof(ntos_dll_path), GFP_KERNEL), *dirs, *dir;
	bool first = true;

	if (!copy)
		return;
	kernel_param_lock(THIS_MODULE);
	strscpy(copy, ntos_dll_path, sizeof(ntos_dll_path));
	kernel_param_unlock(THIS_MODULE);
	dirs = strim(copy);	/* "echo DIRS >dll_path" leaves a newline */
	while ((dir = strsep(&dirs, ":"))) {
		if (*dir != '/')
			continue;	/* empty, or not absolute: nothing to search */
		if (!first)
			ntos_wbuf_put(b, ';');
		ntos_wbuf_dos_path(b, dir);
		first = false;
	}
	kfree(copy);
}

/*
 * Build the process parameters' strings, then map one block for the PEB,
 * the TEB, the parameters and the strings, and write it.
 */
static int ntos_build_block(struct ntos_exec_ctx *ctx, struct file *file, u64 *teb_out,
			    u64 *peb_out)
{
	unsigned long peb, teb, pp;
	unsigned int i, img, cmd, cwd, sys, dll, dll_len, env, str0;
	struct ntos_wbuf w = {};
	char *pathbuf, *path;
	size_t size;
	u8 *k;
	int ret;

	/*
	 * Room for every string: UTF-16 never takes more characters than
	 * UTF-8 bytes; quoting at most doubles an argument, plus its quotes
	 * and separator; the image path, the current and the system directory; the
	 * DLL path ("Z:" and ";" per directory); NULs and alignment.
	 */
	w.cap = 3 * PATH_MAX + 3 * sizeof(ntos_dll_path) + 64;
	for (i = 0; i < ctx->argc; i++)
		w.cap += 2 * strlen(ctx->argv[i]) + 3;
	for (i = 0; i < ctx->envc; i++)
		w.cap += strlen(ctx->envp[i]) + 1;
	w.chars = kvmalloc_array(w.cap, sizeof(u16), GFP_KERNEL);
	pathbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	ret = -ENOMEM;
	if (!w.chars || !pathbuf)
		goto out;

	img = w.len;			/* ImagePathName */
	path = file_path(file, pathbuf, PATH_MAX);
	ntos_wbuf_dos_path(&w, IS_ERR(path) ? "/" : path);
	ntos_wbuf_put(&w, 0);
	cmd = w.len;			/* CommandLine */
	for (i = 0; i < ctx->argc; i++) {
		if (i)
			ntos_wbuf_put(&w, ' ');
		ntos_wbuf_arg(&w, ctx->argv[i]);
	}
	ntos_wbuf_put(&w, 0);
	cwd = w.len;			/* CurrentDirectory, with its trailing backslash */
	{
		struct path pwd;

		get_fs_pwd(current->fs, &pwd);
		path = d_path(&pwd, pathbuf, PATH_MAX);
		path_put(&pwd);
	}
	ntos_wbuf_dos_path(&w, IS_ERR(path) ? "/" : path);
	if (w.chars[w.len - 1] != '\\')
		ntos_wbuf_put(&w, '\\');
	ntos_wbuf_put(&w, 0);
	sys = w.len;			/* the system directory, for ntdll.dll */
	if (ctx->system_dir) {
		ntos_wbuf_dos_path(&w, ctx->system_dir);
		while (w.len > sys + 3 && w.chars[w.len - 1] == '\\')
			w.len--;
	}
	ntos_wbuf_put(&w, 0);
	dll = w.len;			/* DllPath: the Win32 DLLs' directories */
	ntos_wbuf_dll_path(&w);
	dll_len = w.len - dll;
	ntos_wbuf_put(&w, 0);
	str0 = w.len;
	w.len = ALIGN(w.len, 8);	/* the environment block is aligned */
	while (str0 < w.len)
		w.chars[str0++] = 0;
	env = w.len;			/* Environment: NAME=value\0...\0 */
	for (i = 0; i < ctx->envc; i++) {
		ntos_wbuf_utf8(&w, ctx->envp[i], strlen(ctx->envp[i]));
		ntos_wbuf_put(&w, 0);
	}
	ntos_wbuf_put(&w, 0);
	ret = -E2BIG;
	if (w.overflow)
		goto out;

	size = NT_PEB_BLOCK_SIZE + NT_TEB_BLOCK_SIZE + PP_SIZE + w.len * 2;
	ret = ntos_exec_alloc(&ntos_process_current()->vm, PAGE_ALIGN(size), &ctx->block);
	if (ret)
		goto out;
	ret = -ENOMEM;
	peb = ctx->block;
	teb = peb + NT_PEB_BLOCK_SIZE;
	pp = teb + NT_TEB_BLOCK_SIZE;
	k = kvzalloc(size, GFP_KERNEL);
	if (!k)
		goto out;
	/* PEB */
	ntos_kput_u64(k + PEB(image_base_address), ctx->base);
	ntos_kput_u64(k + PEB(process_parameters), pp);
	ntos_kput_u32(k + PEB(number_of_processors), num_online_cpus());
	ntos_kput_u32(k + PEB(os_major_version), 10);
	ntos_kput_u32(k + PEB(os_minor_version), 0);
	ntos_kput_u32(k + PEB(os_build_number), NTOS_NT_BUILD);	/* OSCSDVersion 0 */
	ntos_kput_u32(k + PEB(os_platform_id), 2);		/* VER_PLATFORM_WIN32_NT */
	ntos_kput_u32(k + PEB(image_subsystem), ctx->pe->subsystem);
	/* TEB */
	ntos_kput_u64(k + TEB(stack_base), ctx->stack_top);
	ntos_kput_u64(k + TEB(stack_limit), ctx->stack_top - ctx->stack_size);
	ntos_kput_u64(k + TEB(self), teb);
	ntos_kput_u64(k + TEB(client_id.unique_process), current->tgid);
	ntos_kput_u64(k + TEB(client_id.unique_thread), current->pid);
	ntos_kput_u64(k + TEB(process_environment_block), peb);
	ntos_kput_u64(k + TEB(deallocation_stack), ctx->stack_top - ctx->stack_size);
	ntos_kput_u32(k + TEB(current_locale), ntos_nls_lcid());
	ntos_kput_static_ustr(k + TEB(static_unicode_string), teb);
	/* RTL_USER_PROCESS_PARAMETERS, normalized: pointers are addresses */
	{
		u8 *p = k + NT_PEB_BLOCK_SIZE + NT_TEB_BLOCK_SIZE;
		u64 strings = pp + PP_SIZE;

		ntos_kput_u32(p + PP(maximum_length), PP_SIZE + w.len * 2);
		ntos_kput_u32(p + PP(length), PP_SIZE + w.len * 2);
		ntos_kput_u32(p + PP(flags), NT_PP_NORMALIZED);
		ntos_kput_u64(p + PP(standard_input), ntos_std_handle(0, NTOS_FILE_GENERIC_READ));
		ntos_kput_u64(p + PP(standard_output), ntos_std_handle(1, NTOS_FILE_GENERIC_WRITE));
		ntos_kput_u64(p + PP(standard_error), ntos_std_handle(2, NTOS_FILE_GENERIC_WRITE));
		ntos_kput_ustr(p + PP(current_directory_path), sys - cwd - 1, strings + cwd * 2);
		ntos_kput_ustr(p + PP(image_path_name), cmd - img - 1, strings + img * 2);
		ntos_kput_ustr(p + PP(command_line), cwd - cmd - 1, strings + cmd * 2);
		ntos_kput_ustr(p + PP(dll_path), dll_len, strings + dll * 2);
		ntos_kput_u64(p + PP(environment), strings + env * 2);
		ntos_kput_u64(p + PP(environment_size), (w.len - env) * 2);
		memcpy(p + PP_SIZE, w.chars, w.len * 2);
		ctx->system_dir_at = strings + sys * 2;
	}
	ret = copy_to_user((void __user *)ctx->block, k, size) ? -EFAULT : 0;
	kvfree(k);
	*teb_out = teb;
	*peb_out = peb;
out:
	kfree(pathbuf);
	kvfree(w.chars);
	return ret;
}

/*
 * Is @file on a noexec mount?  Its code is about to run: NT may not
 * widen what Linux allows (path_noexec() is not exported).
 */
static bool ntos_noexec(const struct file *file)
{
	return (file->f_path.mnt->mnt_flags & MNT_NOEXEC) ||
	       (file->f_path.mnt->mnt_sb->s_iflags & SB_I_NOEXEC);
}

/*
 * The system directory (module parameter system_dir): where ntdll.dll and
 * the system's DLLs are installed.  Root may change it at run time.
 */
static char ntos_system_dir[256] = "/usr/lib/ntpersona/system32";
module_param_string(system_dir, ntos_system_dir, sizeof(ntos_system_dir), 0644);
MODULE_PARM_DESC(system_dir, "directory of ntdll.dll and the system DLLs");

void ntos_exec_exit(void)
{
	ntos_image_cache_exit();
}

/*
 * Open and load the system's ntdll.dll.  Not installed is not an error:
 * programs without imports then start at their own entry point.
 */
static int ntos_exec_load_ntdll(struct ntos_exec_ctx *ctx)
{
	struct file *dll;
	char *path;
	int ret;

	ctx->system_dir = kmalloc(sizeof(ntos_system_dir), GFP_KERNEL);
	path = kmalloc(sizeof(ntos_system_dir) + 16, GFP_KERNEL);
	ret = -ENOMEM;
	if (!ctx->system_dir || !path)
		goto out;
	kernel_param_lock(THIS_MODULE);
	strscpy(ctx->system_dir, ntos_system_dir, sizeof(ntos_system_dir));
	kernel_param_unlock(THIS_MODULE);
	snprintf(path, sizeof(ntos_system_dir) + 16, "%s/ntdll.dll", ctx->system_dir);

	dll = filp_open(path, O_RDONLY | O_LARGEFILE, 0);
	if (IS_ERR(dll)) {
		kfree(ctx->system_dir);
		ctx->system_dir = NULL;
		ret = 0;
		goto out;
	}
	ret = -EACCES;
	if (!S_ISREG(file_inode(dll)->i_mode) || ntos_noexec(dll)) {
		pr_warn_ratelimited("exec %pD: %s is not a regular file on an exec mount\n",
				    ctx->file, path);
		goto out_dll;
	}
	ret = ntos_image_load(dll, &ctx->dll);
	if (!ret)
		ret = ntos_pe_check_kind(dll, ntos_image_pe(ctx->dll), true);
	if (ret)
		pr_warn_ratelimited("exec %pD: the system's %s is not usable\n", ctx->file, path);
out_dll:
	fput(dll);
out:
	kfree(path);
	return ret;
}

/*
 * Check and load everything that can refuse the exec: the program, the
 * system's ntdll.dll, and whether the one can run without the other.
 * Nothing in the calling process changes yet.
 */
int ntos_exec_prepare(struct ntos_exec_ctx *ctx, struct file *file)
{
	int ret;

	ctx->file = file;
	if (ntos_noexec(file))
		return -EACCES;
	ret = ntos_image_load(file, &ctx->image);
	if (ret)
		return ret;
	ctx->pe = ntos_image_pe(ctx->image);
	ret = ntos_pe_check_kind(file, ctx->pe, false);
	if (!ret)
		ret = ntos_exec_load_ntdll(ctx);
	if (!ret && !ctx->dll && ntos_image_has_imports(ctx->image)) {
		pr_warn_ratelimited("exec %pD: imports DLLs, but no ntdll.dll is installed in %s\n",
				    file, ntos_system_dir);
		ret = -ENOEXEC;
	}
	return ret;
}

/*
 * Map the program and ntdll.dll, give it a stack, make the caller an NT
 * process whose Linux code is @regions, and build PEB, TEB and process
 * parameters.  With ntdll.dll the process starts in ntdll's entry point,
 * (rcx = PEB, rdx = the program's entry point, r8 = ntdll's base, r9 = the
 * system directory as a DOS path), which loads the program's DLLs and
 * calls the program; without it the program's entry point gets rcx = PEB.
 */
int ntos_exec_start(struct ntos_exec_ctx *ctx, const struct ntos_region *regions,
		    unsigned int nr, struct ntos_exec_pe *out)
{
	struct ntos_vm *vm;
	long ret;
	u64 teb, peb;

	ret = ntos_process_become_nt(regions, nr);
	if (ret)
		return ret;
	vm = &ntos_process_current()->vm;
	ret = ntos_exec_map_image(vm, ctx->file, ctx->image);
	if (IS_ERR_VALUE(ret))
		return ret;
	ctx->base = ret;
	if (ctx->dll) {
		ret = ntos_exec_map_image(vm, ctx->file, ctx->dll);
		if (IS_ERR_VALUE(ret))
			return ret;
		ctx->dll_base = ret;
	}
	ctx->stack_size = PAGE_ALIGN(clamp_t(u64, ctx->pe->stack_reserve, NTOS_STACK_MIN,
					     NTOS_STACK_MAX));
	ret = ntos_exec_alloc(vm, ctx->stack_size, &ctx->stack_top);
	if (ret)
		return ret;
	ctx->stack_top += ctx->stack_size;

	ret = ntos_build_block(ctx, ctx->file, &teb, &peb);
	if (ret)
		return ret;
	ntos_process_current()->peb = peb;
	ntos_nls_exec(peb);

	out->entry = ctx->base + ctx->pe->entry;
	if (ctx->dll) {
		out->entry_args[0] = out->entry;
		out->entry_args[1] = ctx->dll_base;
		out->entry_args[2] = ctx->system_dir_at;
		out->entry = ctx->dll_base + ntos_image_pe(ctx->dll)->entry;
	}
	out->stack = ctx->stack_top - 0x40;	/* 16-aligned, room for the home area */
	out->teb = teb;
	out->peb = peb;
	out->image_base = ctx->base;
	return 0;
}

void ntos_exec_free(struct ntos_exec_ctx *ctx)
{
	if (ctx->argv)
		ntos_free_strv(ctx->argv);
	if (ctx->envp)
		ntos_free_strv(ctx->envp);
	if (ctx->image)
		ntos_image_put(ctx->image);
	if (ctx->dll)
		ntos_image_put(ctx->dll);
	kfree(ctx->system_dir);
	kfree(ctx);
}

int ntos_exec_pe(struct ntos_exec_pe __user *ureq)
{
	struct ntos_region region;
	struct ntos_exec_ctx *ctx;
	struct ntos_exec_pe req;
	struct file *file;
	long ret;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.linux_start >= req.linux_end)
		return -EINVAL;
	file = fget(req.fd);
	if (!file)
		return -EBADF;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	ret = -ENOMEM;
	if (!ctx)
		goto out_file;
	ret = ntos_exec_prepare(ctx, file);
	if (ret)
		goto out;
	ret = ntos_copy_strv(req.argv, &ctx->argv, &ctx->argc);
	if (ret)
		goto out;
	ret = ntos_copy_strv(req.envp, &ctx->envp, &ctx->envc);
	if (ret)
		goto out;
	region.start = req.linux_start;
	region.end = req.linux_end;
	memset(req.entry_args, 0, sizeof(req.entry_args));
	ret = ntos_exec_start(ctx, &region, 1, &req);
	if (!ret)
		ret = copy_to_user(ureq, &req, sizeof(req)) ? -EFAULT : 0;
out:
	ntos_exec_free(ctx);
out_file:
	fput(file);
	return ret;
}
