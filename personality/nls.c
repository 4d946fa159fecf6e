// SPDX-License-Identifier: GPL-2.0
/*
 * The NLS tables every NT process reads: code pages (c_<cp>.nls), the case
 * table (l_intl.nls), the sort keys (sortdefault.nls), the normalization
 * tables (norm*.nls) and the locale data (locale.nls), served from the
 * `.nls` files of Debian's Wine package in the directory of the module
 * parameter nls_dir.  Nothing is copied: a view is the file itself, mapped
 * read-only and MAP_PRIVATE, so its pages are the file's page cache and
 * every process that maps the table shares them.  A write faults;
 * NtProtectVirtualMemory to a writable protection gives the process its
 * own copy (vm.c), never a write to the file.
 *
 * Credentials: each request opens the file as the caller (so the caller's
 * search rights on the directory, the file's mode, ACL and LSMs decide,
 * exactly as for the caller's own open: NT never widens what Linux
 * allows).  The first open of a file is kept (ntos_nls_tables) and every
 * view of that table in every process maps that one struct file; a later
 * open that finds another inode (the package was upgraded, nls_dir
 * changed) replaces it for the views made from then on.
 *
 * One view per table per process, as Windows keeps: a request finds the
 * process's existing view by its VMA (this file's struct file at offset 0,
 * the table's size, not writable) and the NT region that starts there, so
 * no per-process state is needed and a view the process made private or
 * gave up is simply not found.  ntos_nls_lock is held across the search
 * and the mapping, so two threads asking at once still make one view;
 * it comes before vm->lock and the mmap lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>

#include "nls.h"
#include "process.h"
#include "vm.h"
#include "../uapi/ntpeb.h"

/* Views larger than this are refused: no table is near it (sortdefault.nls: 3.3 MB). */
#define NTOS_NLS_MAX_SIZE	SZ_256M

static char ntos_nls_dir[256] = "/usr/share/wine/nls";
module_param_string(nls_dir, ntos_nls_dir, sizeof(ntos_nls_dir), 0644);
MODULE_PARM_DESC(nls_dir, "directory of the NLS tables (c_*.nls, l_intl.nls, locale.nls, ...)");

/* locale=LCID: the default locale, and the UI languages its LANGID */
static u32 ntos_nls_locale = 0x0409;	/* en-US */

static int ntos_nls_locale_set(const char *val, const struct kernel_param *kp)
{
	u32 lcid;

	/* MAKELCID(LANGID, sort id): the language in bits 0-15, the sort in 16-19 */
	if (kstrtou32(val, 0, &lcid) || !(lcid & 0xffff) || lcid >> 20)
		return -EINVAL;
	WRITE_ONCE(ntos_nls_locale, lcid);
	return 0;
}

static int ntos_nls_locale_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "0x%04x\n", READ_ONCE(ntos_nls_locale));
}

static const struct kernel_param_ops ntos_nls_locale_ops = {
	.set = ntos_nls_locale_set,
	.get = ntos_nls_locale_get,
};

module_param_cb(locale, &ntos_nls_locale_ops, NULL, 0644);
MODULE_PARM_DESC(locale, "default locale (LCID) NT processes are told, 0x0409 (en-US) by default");

u32 ntos_nls_lcid(void)
{
	return READ_ONCE(ntos_nls_locale);
}

struct ntos_nls_table {
	struct list_head link;
	struct file *file;	/* the open file every view maps */
	char name[24];
};

static DEFINE_MUTEX(ntos_nls_lock);	/* the tables, and a view's search and mapping */
static LIST_HEAD(ntos_nls_tables);

/* The file name of table (@type, @id); statuses as Wine and ReactOS give them. */
static ntstatus_t ntos_nls_name(u32 type, u32 id, char *name, size_t n)
{
	static const char *const norm[] = {
		[1] = "normnfc", [2] = "normnfd", [5] = "normnfkc", [6] = "normnfkd",
		[13] = "normidna",
	};

	switch (type) {
	case NTOS_NLS_SORTKEYS:
		if (id)
			return STATUS_INVALID_PARAMETER_1;
		strscpy(name, "sortdefault.nls", n);
		return STATUS_SUCCESS;
	case NTOS_NLS_CASEMAP:
		if (id)
			return STATUS_UNSUCCESSFUL;
		strscpy(name, "l_intl.nls", n);
		return STATUS_SUCCESS;
	case NTOS_NLS_CODEPAGE:
		snprintf(name, n, "c_%03u.nls", id);
		return STATUS_SUCCESS;
	case NTOS_NLS_NORMALIZE:
		if (id >= ARRAY_SIZE(norm) || !norm[id])
			return STATUS_OBJECT_NAME_NOT_FOUND;
		snprintf(name, n, "%s.nls", norm[id]);
		return STATUS_SUCCESS;
	default:
		return STATUS_INVALID_PARAMETER_1;
	}
}

/* Open nls_dir/@name as the caller. */
static struct file *ntos_nls_open(const char *name)
{
	size_t n = sizeof(ntos_nls_dir) + 32;
	struct file *file;
	char *path;

	path = kmalloc(n, GFP_KERNEL);
	if (!path)
		return ERR_PTR(-ENOMEM);
	kernel_param_lock(THIS_MODULE);
	snprintf(path, n, "%s/%s", ntos_nls_dir, name);
	kernel_param_unlock(THIS_MODULE);
	/* O_NONBLOCK: a FIFO put there must not hang the caller */
	file = filp_open(path, O_RDONLY | O_LARGEFILE | O_NONBLOCK | O_NOCTTY, 0);
	kfree(path);
	return file;
}

/* The table's file: the kept one if @fresh is the same inode, else @fresh from now on. */
static struct file *ntos_nls_table_file(const char *name, struct file *fresh)
{
	struct ntos_nls_table *t;

	lockdep_assert_held(&ntos_nls_lock);
	list_for_each_entry(t, &ntos_nls_tables, link) {
		if (strcmp(t->name, name))
			continue;
		if (file_inode(t->file) != file_inode(fresh)) {
			fput(t->file);
			t->file = get_file(fresh);
		}
		return t->file;
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return fresh;	/* not kept: this view maps the caller's open */
	strscpy(t->name, name, sizeof(t->name));
	t->file = get_file(fresh);
	list_add(&t->link, &ntos_nls_tables);
	return t->file;
}

/* The calling process's view of @file, @size bytes at offset 0, or 0. */
static unsigned long ntos_nls_find_view(struct ntos_vm *vm, struct file *file, unsigned long size)
{
	struct ntos_memory_basic_information mbi;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long base = 0;
	struct vma_iterator vmi;

	lockdep_assert_held(&ntos_nls_lock);
	vma_iter_init(&vmi, mm, 0);
	mmap_read_lock(mm);
	for_each_vma(vmi, vma) {
		if (vma->vm_file == file && !vma->vm_pgoff && !(vma->vm_flags & VM_WRITE) &&
		    vma->vm_end - vma->vm_start == size) {
			base = vma->vm_start;
			break;
		}
	}
	mmap_read_unlock(mm);
	if (!base || ntos_vm_query(vm, base, &mbi))
		return 0;
	if (mbi.allocation_base != base || mbi.type != NTOS_MEM_MAPPED ||
	    mbi.state != NTOS_MEM_COMMIT || mbi.protect != NTOS_PAGE_READONLY ||
	    mbi.region_size != size)
		return 0;
	return base;
}

/* A view of nls_dir/@name in the calling process: the one it has, or a new one. */
static ntstatus_t ntos_nls_map(const char *name, unsigned long *base, unsigned long *size)
{
	struct ntos_vm *vm = &ntos_process_current()->vm;
	struct file *fresh, *file;
	ntstatus_t status;
	loff_t isize;

	fresh = ntos_nls_open(name);
	if (IS_ERR(fresh))
		return ntos_errno_status(PTR_ERR(fresh));
	status = STATUS_INVALID_FILE_FOR_SECTION;
	if (!S_ISREG(file_inode(fresh)->i_mode))
		goto out;
	isize = i_size_read(file_inode(fresh));
	status = STATUS_MAPPED_FILE_SIZE_ZERO;
	if (!isize)
		goto out;
	status = STATUS_INVALID_FILE_FOR_SECTION;
	if (isize > NTOS_NLS_MAX_SIZE)
		goto out;
	*size = PAGE_ALIGN(isize);

	mutex_lock(&ntos_nls_lock);
	file = ntos_nls_table_file(name, fresh);
	*base = ntos_nls_find_view(vm, file, *size);
	status = STATUS_SUCCESS;
	if (!*base) {
		/*
		 * A view of the file (MEM_MAPPED, READONLY, the file's own
		 * pages), never more than readable: a wider protection is
		 * STATUS_SECTION_PROTECTION, as for a read-only section.
		 */
		status = ntos_vm_map_view(vm, base, *size, file, 0, true, PROT_READ, PROT_READ,
					  NTOS_PAGE_READONLY);
	}
	mutex_unlock(&ntos_nls_lock);
out:
	fput(fresh);
	return status;
}

ntstatus_t ntos_nls_view(u32 type, u32 id, unsigned long *base, unsigned long *size)
{
	char name[24];
	ntstatus_t status;

	status = ntos_nls_name(type, id, name, sizeof(name));
	if (!status)
		status = ntos_nls_map(name, base, size);
	return status;
}

ntstatus_t ntos_nls_locale_view(unsigned long *base, unsigned long *size)
{
	return ntos_nls_map("locale.nls", base, size);
}

/*
 * PEB->AnsiCodePageData, OemCodePageData and UnicodeCaseTableData: the
 * views of c_1252.nls, c_437.nls and l_intl.nls (en-US's code pages,
 * whatever the locale parameter says).  A table that cannot be mapped
 * leaves its field NULL; the process starts anyway (Wine's DLLs then
 * use UTF-8).
 */
void ntos_nls_exec(u64 peb)
{
	static const struct {
		u32 type, id;
		unsigned int field;
	} tables[] = {
		{ NTOS_NLS_CODEPAGE, 1252, offsetof(struct nt_peb, ansi_code_page_data) },
		{ NTOS_NLS_CODEPAGE, 437, offsetof(struct nt_peb, oem_code_page_data) },
		{ NTOS_NLS_CASEMAP, 0, offsetof(struct nt_peb, unicode_case_table_data) },
	};
	unsigned long base, size;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tables); i++) {
		if (ntos_nls_view(tables[i].type, tables[i].id, &base, &size)) {
			pr_info_once("an NLS table of nls_dir cannot be mapped: its PEB field stays NULL\n");
			continue;
		}
		if (put_user((u64)base, (u64 __user *)u64_to_user_ptr(peb + tables[i].field)))
			break;
	}
}

/* At module exit: no NT process is left, so no view either. */
void ntos_nls_exit(void)
{
	struct ntos_nls_table *t, *next;

	list_for_each_entry_safe(t, next, &ntos_nls_tables, link) {
		fput(t->file);
		kfree(t);
	}
	INIT_LIST_HEAD(&ntos_nls_tables);
}
