// SPDX-License-Identifier: GPL-2.0
/*
 * The loader's modules: the PEB->Ldr lists, finding and mapping DLLs
 * (binding their imports is imports.c's), DllMain in dependency order,
 * reference counts, the exported Ldr* functions.
 *
 * Loops are legal (A imports B imports A): a module is in the lists and
 * marked "linked" before its own imports are bound, so meeting it again
 * just takes a reference.  Every operation that may load modules gets a
 * generation number; when it fails, the modules of that generation are
 * taken down again and the older ones are as they were.  One recursive
 * loader lock (DllMain may load DLLs).
 */
#include "crt.h"
#include "heap.h"
#include "loader.h"
#include "path.h"
#include "report.h"
#include "rtlstring.h"
#include "virtual.h"

struct ntdll_lock ntdll_ldr_lock;
PEB_LDR_DATA ntdll_ldr_data;
struct module *ntdll_ldr_exe, *ntdll_ldr_ntdll;
int ntdll_ldr_report_errors;
int ntdll_ldr_reported;
unsigned int ntdll_ldr_depth;
static unsigned int ldr_gen;		/* the current load operation */
static UNICODE_STRING exe_dir, sys_dir;
static UNICODE_STRING win32_path;	/* ProcessParameters->DllPath: "Z:\\a;Z:\\b" */

#define MODULE_OF(link, field) \
	((struct module *)((BYTE *)(link) - __builtin_offsetof(struct module, e.field)))
#define FOR_EACH_MODULE(m, n) \
	for (LIST_ENTRY *n = ntdll_ldr_data.InLoadOrderModuleList.Flink; \
	     n != &ntdll_ldr_data.InLoadOrderModuleList && ((m) = MODULE_OF(n, InLoadOrderLinks)); \
	     n = n->Flink)

static void list_add_tail(LIST_ENTRY *head, LIST_ENTRY *e)
{
	e->Flink = head;
	e->Blink = head->Blink;
	head->Blink->Flink = e;
	head->Blink = e;
}

static void list_del(LIST_ENTRY *e)
{
	e->Blink->Flink = e->Flink;
	e->Flink->Blink = e->Blink;
	e->Flink = e->Blink = e;
}

static void *alloc(SIZE_T n)
{
	return RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, n);
}

static void release(void *p)
{
	RtlFreeHeap(RtlGetProcessHeap(), 0, p);
}

void ntdll_ldr_set_dirs(const WCHAR *exe_path, SIZE_T exe_len, const WCHAR *sysdir,
			const UNICODE_STRING *dll_path)
{
	ntdll_path_dir(&exe_dir, exe_path, exe_len);
	RtlInitUnicodeString(&sys_dir, sysdir);
	if (dll_path && dll_path->Buffer && !(dll_path->Length & 1))
		win32_path = *dll_path;
}

/*
 * A module record for the image at @base (mapped, headers checked by
 * ntdll_image_from_memory), named by the DOS path @full; put at the end of the
 * load-order and memory-order lists.
 */
struct module *ntdll_ldr_new_module(void *base, const WCHAR *full, SIZE_T full_len)
{
	struct module *m;
	SIZE_T i = full_len;
	WCHAR *bn;

	while (i && full[i - 1] != '\\' && full[i - 1] != '/')
		i--;
	if (full_len > 0x7ffe)
		return NULL;
	m = alloc(sizeof(*m) + (full_len + 1 + full_len - i + 1) * sizeof(WCHAR));
	if (!m)
		return NULL;
	if (!NT_SUCCESS(ntdll_image_from_memory(&m->im, base))) {
		release(m);
		return NULL;
	}
	memcpy(m->names, full, full_len * 2);
	bn = m->names + full_len + 1;
	memcpy(bn, full + i, (full_len - i) * 2);
	m->e.FullDllName.Buffer = m->names;
	m->e.FullDllName.Length = (USHORT)(full_len * 2);
	m->e.FullDllName.MaximumLength = (USHORT)(full_len * 2 + 2);
	m->e.BaseDllName.Buffer = bn;
	m->e.BaseDllName.Length = (USHORT)((full_len - i) * 2);
	m->e.BaseDllName.MaximumLength = (USHORT)((full_len - i) * 2 + 2);
	m->e.DllBase = base;
	m->e.SizeOfImage = (ULONG)m->im.size;
	m->e.TimeDateStamp = m->im.nt->FileHeader.TimeDateStamp;
	m->e.OriginalBase = m->im.nt->OptionalHeader.ImageBase;
	m->e.ObsoleteLoadCount = 1;
	m->e.ReferenceCount = 1;
	if (m->im.nt->FileHeader.Characteristics & IMAGE_FILE_DLL) {
		m->e.Flags |= LDRP_IMAGE_DLL;
		if (m->im.nt->OptionalHeader.AddressOfEntryPoint)
			m->e.EntryPoint = m->im.base + m->im.nt->OptionalHeader.AddressOfEntryPoint;
	}
	m->e.InInitializationOrderLinks.Flink = m->e.InInitializationOrderLinks.Blink =
		&m->e.InInitializationOrderLinks;
	m->e.HashLinks.Flink = m->e.HashLinks.Blink = &m->e.HashLinks;
	m->tls_slot = -1;
	m->gen = ldr_gen;
	list_add_tail(&ntdll_ldr_data.InLoadOrderModuleList, &m->e.InLoadOrderLinks);
	list_add_tail(&ntdll_ldr_data.InMemoryOrderModuleList, &m->e.InMemoryOrderLinks);
	return m;
}

/* the loaded module whose base name is @name (@len characters), any case */
struct module *ntdll_ldr_find(const WCHAR *name, SIZE_T len)
{
	UNICODE_STRING u = { (USHORT)(len * 2), (USHORT)(len * 2), (PWSTR)name };
	struct module *m;

	FOR_EACH_MODULE(m, n)
		if (RtlEqualUnicodeString(&m->e.BaseDllName, &u, TRUE))
			return m;
	return NULL;
}

/* the module mapped at @base */
struct module *ntdll_ldr_find_base(const void *base)
{
	struct module *m;

	FOR_EACH_MODULE(m, n)
		if (m->e.DllBase == base)
			return m;
	return NULL;
}

/* @importer holds a reference to @m (once, however many descriptors name it) */
static NTSTATUS add_dep(struct module *importer, struct module *m)
{
	unsigned int i;

	if (!importer) {
		m->refs++;
		return STATUS_SUCCESS;
	}
	if (importer == m)
		return STATUS_SUCCESS;
	for (i = 0; i < importer->ndeps; i++)
		if (importer->deps[i] == m)
			return STATUS_SUCCESS;
	if (importer->ndeps == importer->cap_deps) {
		unsigned int cap = importer->cap_deps ? importer->cap_deps * 2 : 4;
		struct module **d = alloc(cap * sizeof(*d));

		if (!d)
			return STATUS_NO_MEMORY;
		memcpy(d, importer->deps, importer->ndeps * sizeof(*d));
		release(importer->deps);
		importer->deps = d;
		importer->cap_deps = cap;
	}
	importer->deps[importer->ndeps++] = m;
	m->refs++;
	return STATUS_SUCCESS;
}

/*
 * Write @n bytes at @p in module @m.  Images are mapped with their sections'
 * protections (copy-on-write): a writable section (.idata, .data, where
 * mingw and Wine put the import address tables) is written directly, and
 * only its touched pages stop being shared; anything else is made writable
 * around the write, never writable and executable at once.
 */
void ntdll_ldr_poke(struct module *m, void *p, const void *v, SIZE_T n)
{
	ULONG old, dummy;

	if (ntdll_image_writable(&m->im, p, n) ||
	    !NT_SUCCESS(ntdll_vm_protect(p, n, PAGE_READWRITE, &old))) {
		memcpy(p, v, n);
		return;
	}
	memcpy(p, v, n);
	if (old != PAGE_READWRITE && old != PAGE_WRITECOPY)
		ntdll_vm_protect(p, n, old, &dummy);
}

/* "foo" -> "foo.dll", "foo." -> "foo", as LoadLibrary; FALSE if too long */
static int file_name(const WCHAR *name, SIZE_T len, WCHAR *out, SIZE_T *out_len)
{
	SIZE_T i, dot = 0, start = 0;

	for (i = 0; i < len; i++) {
		if (name[i] == '\\' || name[i] == '/')
			start = i + 1, dot = 0;
		else if (name[i] == '.')
			dot = i + 1;
	}
	if (!len || len > LDR_MAX_NAME || start == len)
		return 0;
	memcpy(out, name, len * 2);
	if (dot == len) {
		len--;
	} else if (!dot) {
		out[len++] = '.';
		out[len++] = 'd';
		out[len++] = 'l';
		out[len++] = 'l';
	}
	out[len] = 0;
	*out_len = len;
	return 1;
}

/*
 * Windows finds DLLs whatever the letter case of their names; Linux file
 * names are exact.  The Win32 DLLs' files are lower case ("kernel32.dll")
 * where programs import "KERNEL32.dll": a name not found is tried again in
 * lower case (its last component only; directories are as given).  FALSE
 * if that changes nothing.
 */
static int lower_name(UNICODE_STRING *p)
{
	SIZE_T i = p->Length / 2;
	int changed = 0;

	while (i && p->Buffer[i - 1] != '\\') {
		i--;
		if (p->Buffer[i] >= 'A' && p->Buffer[i] <= 'Z') {
			p->Buffer[i] += 'a' - 'A';
			changed = 1;
		}
	}
	return changed;
}

/*
 * Map the file @name of directory @dir, its name tried again in lower case
 * if not found; the NT path in *@p (to release).  STATUS_OBJECT_NAME_NOT_FOUND
 * to go on searching.
 */
static NTSTATUS map_in_dir(const WCHAR *dir, SIZE_T dlen, const WCHAR *name, SIZE_T nlen,
			   UNICODE_STRING *p, void **base)
{
	NTSTATUS st;

	st = ntdll_path_dos_to_nt(p, dir, dlen, name, nlen);
	if (!NT_SUCCESS(st)) {
		p->Buffer = NULL;
		return st;
	}
	st = ntdll_map_dll_file(p, base);
	if (st == STATUS_OBJECT_NAME_NOT_FOUND && lower_name(p))
		st = ntdll_map_dll_file(p, base);
	if (!NT_SUCCESS(st)) {
		release(p->Buffer);
		p->Buffer = NULL;
	}
	return st;
}

/*
 * Try @name in directory @dir: a new module in *@out, or with @out NULL
 * only the image mapped at *@base.
 */
static NTSTATUS try_dir(const WCHAR *dir, SIZE_T dlen, const WCHAR *name, SIZE_T nlen,
			struct module **out, void **base)
{
	UNICODE_STRING p = { 0 };
	struct module *m;
	NTSTATUS st;

	*base = NULL;
	st = map_in_dir(dir, dlen, name, nlen, &p, base);
	if (!NT_SUCCESS(st) || !out)
		goto out;
	st = STATUS_INVALID_IMAGE_FORMAT;
	m = ntdll_ldr_new_module(*base, p.Buffer + 4, p.Length / 2 - 4);
	if (!m) {
		ntdll_unmap_dll(*base);
		goto out;
	}
	m->mapped_by_us = 1;		/* relocated by the kernel */
	st = m->e.Flags & LDRP_IMAGE_DLL ? STATUS_SUCCESS : STATUS_INVALID_IMAGE_FORMAT;
	*out = m;		/* in the lists: a failure is cleaned up with its generation */
out:
	release(p.Buffer);
	return st;
}

/*
 * Try each directory of the ';'-separated list @path (@plen characters).
 * One that cannot hold the DLL (missing, not a directory, not an absolute
 * DOS path: "." or a Linux PATH in LdrGetDllPath's list) is passed over,
 * as Windows does.
 */
static NTSTATUS try_path(const WCHAR *path, SIZE_T plen, const WCHAR *name, SIZE_T len,
			 struct module **out, void **base)
{
	NTSTATUS st = STATUS_OBJECT_NAME_NOT_FOUND;
	SIZE_T i, s;

	for (s = i = 0; path && i <= plen && st == STATUS_OBJECT_NAME_NOT_FOUND; i++) {
		if (i < plen && path[i] != ';')
			continue;
		if (i > s)
			st = try_dir(path + s, i - s, name, len, out, base);
		if (st == STATUS_OBJECT_PATH_NOT_FOUND || st == STATUS_OBJECT_NAME_INVALID ||
		    st == STATUS_OBJECT_PATH_SYNTAX_BAD || st == STATUS_NOT_A_DIRECTORY)
			st = STATUS_OBJECT_NAME_NOT_FOUND;
		s = i + 1;
	}
	return st;
}

/*
 * The search order: the caller's directories, the exe's, the system
 * directory (our ntdll.dll's, so that it always wins), then the Win32 DLLs'
 * (the process parameters' DllPath, module parameter dll_path).
 */
static NTSTATUS search(const WCHAR *name, SIZE_T len, const WCHAR *path, struct module **out)
{
	void *base;
	NTSTATUS st;
	SIZE_T i;

	for (i = 0; i < len; i++)
		if (name[i] == '\\' || name[i] == '/')
			return try_dir(NULL, 0, name, len, out, &base);	/* a path: only there */
	st = try_path(path, path ? wcslen(path) : 0, name, len, out, &base);
	if (st == STATUS_OBJECT_NAME_NOT_FOUND)
		st = try_dir(exe_dir.Buffer, exe_dir.Length / 2, name, len, out, &base);
	if (st == STATUS_OBJECT_NAME_NOT_FOUND)
		st = try_dir(sys_dir.Buffer, sys_dir.Length / 2, name, len, out, &base);
	if (st == STATUS_OBJECT_NAME_NOT_FOUND)
		st = try_path(win32_path.Buffer, win32_path.Length / 2, name, len, out, &base);
	return st == STATUS_OBJECT_NAME_NOT_FOUND ? STATUS_DLL_NOT_FOUND : st;
}

/*
 * Map the system image @name (a data file such as apisetschema.dll, never a
 * module) from the system directory or the Win32 DLLs' directories.
 */
NTSTATUS ntdll_ldr_map_system_image(const WCHAR *name, SIZE_T len, void **base)
{
	NTSTATUS st;

	st = try_dir(sys_dir.Buffer, sys_dir.Length / 2, name, len, NULL, base);
	if (st == STATUS_OBJECT_NAME_NOT_FOUND)
		st = try_path(win32_path.Buffer, win32_path.Length / 2, name, len, NULL, base);
	return st == STATUS_OBJECT_NAME_NOT_FOUND ? STATUS_DLL_NOT_FOUND : st;
}

/*
 * An API set name (no directory in it) becomes its host's name in @fname,
 * for the DLL @host imports it.
 */
static NTSTATUS api_set_host(WCHAR *fname, SIZE_T *flen, const UNICODE_STRING *host)
{
	WCHAR target[LDR_MAX_NAME + 5];
	SIZE_T i, tlen;
	NTSTATUS st;

	for (i = 0; i < *flen; i++)
		if (fname[i] == '\\' || fname[i] == '/')
			return STATUS_SUCCESS;
	st = ntdll_apiset_resolve(fname, *flen, host, target, &tlen);
	if (NT_SUCCESS(st) && tlen) {
		memcpy(fname, target, (tlen + 1) * sizeof(WCHAR));
		*flen = tlen;
	}
	return st;
}

/*
 * Find or map the DLL @name (@len characters), bind its imports, give it
 * its protections and TLS; @importer (NULL for LdrLoadDll) takes a
 * reference.  Not initialized: ntdll_ldr_init_modules does that.
 */
NTSTATUS ntdll_ldr_load(const WCHAR *name, SIZE_T len, const WCHAR *path,
			struct module *importer, ULONG reason, struct module **out)
{
	WCHAR fname[LDR_MAX_NAME + 5];
	struct module *m = NULL;
	SIZE_T flen, i;
	NTSTATUS st;

	if (!file_name(name, len, fname, &flen))
		return STATUS_DLL_NOT_FOUND;
	st = api_set_host(fname, &flen, importer ? &importer->e.BaseDllName : NULL);
	if (!NT_SUCCESS(st))
		return st;
	for (i = flen; i && fname[i - 1] != '\\' && fname[i - 1] != '/'; i--)
		;
	m = ntdll_ldr_find(fname + i, flen - i);
	if (m) {
		*out = m;
		return add_dep(importer, m);
	}
	if (ntdll_ldr_depth >= LDR_MAX_DEPTH)
		return STATUS_DLL_NOT_FOUND;
	st = search(fname, flen, path, &m);
	if (!NT_SUCCESS(st))
		return st;
	m->e.LoadReason = reason;
	st = add_dep(importer, m);
	if (NT_SUCCESS(st))
		st = ntdll_ldr_link(m);
	if (NT_SUCCESS(st))
		st = ntdll_tls_add_module(m);
	*out = m;
	return st;
}

typedef BOOL (WINAPI *dll_main_fn)(PVOID, DWORD, PVOID);

static BOOL call_dll_main(struct module *m, DWORD reason, void *reserved)
{
	if (!m->e.EntryPoint || m == ntdll_ldr_ntdll)
		return TRUE;
	return ((dll_main_fn)m->e.EntryPoint)(m->e.DllBase, reason, reserved);
}

/* Initialize @m after what it depends on (a loop is entered once). */
static NTSTATUS init_one(struct module *m, void *reserved, unsigned int depth)
{
	unsigned int i;
	NTSTATUS st;

	if (m->init_state)
		return STATUS_SUCCESS;
	if (depth >= LDR_MAX_DEPTH * 4)
		return STATUS_DLL_INIT_FAILED;
	m->init_state = 1;
	for (i = 0; i < m->ndeps; i++) {
		st = init_one(m->deps[i], reserved, depth + 1);
		if (!NT_SUCCESS(st))
			return st;
	}
	if (!(m->e.Flags & LDRP_IMAGE_DLL)) {		/* the exe: its entry point is later */
		m->init_state = 2;
		return STATUS_SUCCESS;
	}
	list_add_tail(&ntdll_ldr_data.InInitializationOrderModuleList, &m->e.InInitializationOrderLinks);
	m->e.Flags |= LDRP_ENTRY_PROCESSED | LDRP_PROCESS_ATTACH_CALLED;
	ntdll_tls_callbacks(m, DLL_PROCESS_ATTACH);
	if (!call_dll_main(m, DLL_PROCESS_ATTACH, reserved)) {
		if (ntdll_ldr_report_errors)
			ntdll_report("%S: initialization failed (DllMain returned FALSE)",
				     m->e.BaseDllName.Buffer);
		return STATUS_DLL_INIT_FAILED;
	}
	m->init_state = 2;
	return STATUS_SUCCESS;
}

NTSTATUS ntdll_ldr_init_modules(struct module *root, void *reserved)
{
	return init_one(root, reserved, 0);
}

/* initialize what load operation @gen brought in (forwarders of GetProcedureAddress) */
static NTSTATUS init_generation(unsigned int gen)
{
	struct module *m;
	NTSTATUS st;

	FOR_EACH_MODULE(m, n)
		if (m->gen == gen && !m->init_state) {
			st = init_one(m, NULL, 0);
			if (!NT_SUCCESS(st))
				return st;
		}
	return STATUS_SUCCESS;
}

static void detach(struct module *m, void *reserved)
{
	if (!(m->e.Flags & LDRP_PROCESS_ATTACH_CALLED))
		return;
	m->e.Flags &= ~LDRP_PROCESS_ATTACH_CALLED;
	ntdll_tls_callbacks(m, DLL_PROCESS_DETACH);
	call_dll_main(m, DLL_PROCESS_DETACH, reserved);
}

static void drop_dep(struct module *m, struct module *dep);

/* Take @m down: it is detached, out of the lists, unmapped, freed. */
static void free_module(struct module *m)
{
	unsigned int i;

	list_del(&m->e.InLoadOrderLinks);
	list_del(&m->e.InMemoryOrderLinks);
	list_del(&m->e.InInitializationOrderLinks);
	ntdll_tls_remove_module(m);
	for (i = 0; i < m->ndeps; i++)
		drop_dep(m, m->deps[i]);
	if (m->mapped_by_us)
		ntdll_unmap_dll(m->e.DllBase);
	release(m->deps);
	release(m);
}

/* @m's reference to @dep goes; @dep goes too when it was the last one */
static void drop_dep(struct module *m, struct module *dep)
{
	(void)m;
	if (dep->pinned || !dep->refs)
		return;
	if (--dep->refs)
		return;
	detach(dep, NULL);
	free_module(dep);
}

/*
 * A load operation failed: detach (reverse initialization order) and free
 * (reverse load order) the modules it brought in; older modules drop the
 * references they took on them (forwarders).
 */
static void undo_generation(unsigned int gen)
{
	LIST_ENTRY *n, *prev;
	struct module *m;
	unsigned int i;

	for (n = ntdll_ldr_data.InInitializationOrderModuleList.Blink;
	     n != &ntdll_ldr_data.InInitializationOrderModuleList; n = prev) {
		prev = n->Blink;
		m = MODULE_OF(n, InInitializationOrderLinks);
		if (m->gen == gen)
			detach(m, NULL);
	}
	FOR_EACH_MODULE(m, it) {
		if (m->gen == gen)
			continue;
		for (i = 0; i < m->ndeps; i++)
			if (m->deps[i]->gen == gen)
				m->deps[i--] = m->deps[--m->ndeps];
	}
	for (n = ntdll_ldr_data.InLoadOrderModuleList.Blink; n != &ntdll_ldr_data.InLoadOrderModuleList;
	     n = prev) {
		prev = n->Blink;
		m = MODULE_OF(n, InLoadOrderLinks);
		if (m->gen != gen)
			continue;
		for (i = 0; i < m->ndeps; i++)
			if (m->deps[i]->gen != gen)
				drop_dep(m, m->deps[i]);
		m->ndeps = 0;
		list_del(&m->e.InLoadOrderLinks);
		list_del(&m->e.InMemoryOrderLinks);
		list_del(&m->e.InInitializationOrderLinks);
		ntdll_tls_remove_module(m);
		if (m->mapped_by_us)
			ntdll_unmap_dll(m->e.DllBase);
		release(m->deps);
		release(m);
		/* freeing may have dropped older modules: start over from the end */
		prev = ntdll_ldr_data.InLoadOrderModuleList.Blink;
	}
}

/* the modules of the process start stay for good */
void ntdll_ldr_pin_all(void)
{
	struct module *m;

	FOR_EACH_MODULE(m, n)
		m->pinned = 1;
}

/* At exit: TLS callbacks and DllMain(DLL_PROCESS_DETACH), reverse init order. */
void ntdll_ldr_detach_all(void)
{
	LIST_ENTRY *n;

	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	ntdll_ldr_data.ShutdownInProgress = TRUE;
	if (ntdll_ldr_exe)
		ntdll_tls_callbacks(ntdll_ldr_exe, DLL_PROCESS_DETACH);
	for (n = ntdll_ldr_data.InInitializationOrderModuleList.Blink;
	     n != &ntdll_ldr_data.InInitializationOrderModuleList; n = n->Blink)
		detach(MODULE_OF(n, InInitializationOrderLinks), (void *)1);
	ntdll_lock_release_rec(&ntdll_ldr_lock);
}

/* ---- the exported loader functions ---- */

static NTSTATUS begin(void)
{
	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	if (ntdll_ldr_data.ShutdownInProgress) {
		ntdll_lock_release_rec(&ntdll_ldr_lock);
		return STATUS_DLL_INIT_FAILED;
	}
	ntdll_ldr_reported = 0;
	return STATUS_SUCCESS;
}

static NTSTATUS end(NTSTATUS st, unsigned int gen)
{
	if (!NT_SUCCESS(st))
		undo_generation(gen);
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return st;
}

NTSTATUS NTAPI LdrLoadDll(PWSTR path, PULONG flags, PUNICODE_STRING name, PVOID *base)
{
	struct module *m = NULL;
	unsigned int gen;
	NTSTATUS st;

	(void)flags;
	if (!name || !name->Buffer || !base)
		return STATUS_INVALID_PARAMETER;
	st = begin();
	if (!NT_SUCCESS(st))
		return st;
	gen = ++ldr_gen;
	if ((ULONG_PTR)path < 0x10000)		/* flags in the path argument: no path */
		path = NULL;
	st = ntdll_ldr_load(name->Buffer, name->Length / 2, path, NULL, LoadReasonDynamicLoad, &m);
	if (NT_SUCCESS(st))
		st = ntdll_ldr_init_modules(m, NULL);
	if (NT_SUCCESS(st))
		*base = m->e.DllBase;
	else if (m && m->gen != gen)
		m->refs--;			/* was loaded before: undo our reference */
	return end(st, gen);
}

NTSTATUS NTAPI LdrGetDllHandle(PWSTR path, PULONG chars, PUNICODE_STRING name, PVOID *base)
{
	WCHAR fname[LDR_MAX_NAME + 5];
	struct module *m;
	SIZE_T flen, i;

	(void)path;
	(void)chars;
	if (!name || !name->Buffer || !base)
		return STATUS_INVALID_PARAMETER;
	if (!file_name(name->Buffer, name->Length / 2, fname, &flen))
		return STATUS_DLL_NOT_FOUND;
	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	m = NULL;
	if (NT_SUCCESS(api_set_host(fname, &flen, NULL))) {
		for (i = flen; i && fname[i - 1] != '\\' && fname[i - 1] != '/'; i--)
			;
		m = ntdll_ldr_find(fname + i, flen - i);
	}
	if (m)
		*base = m->e.DllBase;
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return m ? STATUS_SUCCESS : STATUS_DLL_NOT_FOUND;
}

NTSTATUS NTAPI LdrGetProcedureAddress(PVOID base, PANSI_STRING name, ULONG ordinal,
				      PVOID *addr)
{
	char *cname = NULL;
	struct module *m;
	unsigned int gen;
	NTSTATUS st;

	if (!addr)
		return STATUS_INVALID_PARAMETER;
	st = begin();
	if (!NT_SUCCESS(st))
		return st;
	gen = ++ldr_gen;
	m = ntdll_ldr_find_base(base);
	if (!m) {
		st = STATUS_DLL_NOT_FOUND;
	} else if (name) {
		cname = alloc((SIZE_T)name->Length + 1);
		if (!cname) {
			st = STATUS_NO_MEMORY;
		} else {
			memcpy(cname, name->Buffer, name->Length);
			st = ntdll_ldr_resolve(m, cname, 0, 0, addr, 0);
		}
	} else {
		st = ordinal > 0xffff ? STATUS_ORDINAL_NOT_FOUND :
					ntdll_ldr_resolve(m, NULL, 0, (WORD)ordinal, addr, 0);
	}
	if (NT_SUCCESS(st))
		st = init_generation(gen);		/* what a forwarder loaded */
	if (st == STATUS_INVALID_IMAGE_FORMAT && name)
		st = STATUS_PROCEDURE_NOT_FOUND;
	release(cname);
	return end(st, gen);
}

NTSTATUS NTAPI LdrUnloadDll(PVOID base)
{
	struct module *m;
	NTSTATUS st = STATUS_SUCCESS;

	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	m = ntdll_ldr_find_base(base);
	if (!m)
		st = STATUS_DLL_NOT_FOUND;
	else if (!m->pinned && m->refs && !--m->refs) {
		detach(m, NULL);
		free_module(m);
	}
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return st;
}
