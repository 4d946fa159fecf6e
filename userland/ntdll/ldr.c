// SPDX-License-Identifier: GPL-2.0
/*
 * The loader's modules: the PEB->Ldr lists, finding and mapping DLLs,
 * binding imports (by name with hint, by ordinal, through forwarders),
 * DllMain in dependency order, reference counts.
 *
 * Loops are legal (A imports B imports A): a module is in the lists and
 * marked "linked" before its own imports are bound, so meeting it again
 * just takes a reference.  Every operation that may load modules gets a
 * generation number; when it fails, the modules of that generation are
 * taken down again and the older ones are as they were.  One recursive
 * loader lock (DllMain may load DLLs).
 */
#include "ntdll.h"

#define MAX_NAME	260		/* a DLL file name, in characters */
#define MAX_DEPTH	64		/* nested loads, forwarders and initializers */
#define MAX_DESCRIPTORS	4096		/* import descriptors in one image */
#define MAX_THUNKS	65536		/* imports from one DLL */

struct nt_lock ldr_lock;
PEB_LDR_DATA ldr_data;
struct module *ldr_exe, *ldr_ntdll;
int ldr_report_errors;
static int ldr_reported;		/* the innermost failure already said why */
static unsigned int ldr_gen;		/* the current load operation */
static unsigned int ldr_depth;
static UNICODE_STRING exe_dir, sys_dir;

#define MODULE_OF(link, field) \
	((struct module *)((BYTE *)(link) - __builtin_offsetof(struct module, e.field)))
#define FOR_EACH_MODULE(m, n) \
	for (LIST_ENTRY *n = ldr_data.InLoadOrderModuleList.Flink; \
	     n != &ldr_data.InLoadOrderModuleList && ((m) = MODULE_OF(n, InLoadOrderLinks)); \
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

/* The directory part of a DOS path, without its trailing backslash. */
static void dir_of(UNICODE_STRING *dir, const WCHAR *path, SIZE_T len)
{
	SIZE_T i = len;

	while (i && path[i - 1] != '\\')
		i--;
	dir->Buffer = (PWSTR)path;
	dir->Length = (USHORT)(i ? (i - 1) * 2 : 0);
	dir->MaximumLength = dir->Length;
}

void ldr_set_dirs(const WCHAR *exe_path, SIZE_T exe_len, const WCHAR *sysdir)
{
	dir_of(&exe_dir, exe_path, exe_len);
	RtlInitUnicodeString(&sys_dir, sysdir);
}

/*
 * A module record for the image at @base (mapped, headers checked by
 * image_from_memory), named by the DOS path @full; put at the end of the
 * load-order and memory-order lists.
 */
struct module *ldr_new_module(void *base, const WCHAR *full, SIZE_T full_len)
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
	if (!NT_SUCCESS(image_from_memory(&m->im, base))) {
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
	list_add_tail(&ldr_data.InLoadOrderModuleList, &m->e.InLoadOrderLinks);
	list_add_tail(&ldr_data.InMemoryOrderModuleList, &m->e.InMemoryOrderLinks);
	return m;
}

static struct module *find_by_name(const WCHAR *name, SIZE_T len)
{
	UNICODE_STRING u = { (USHORT)(len * 2), (USHORT)(len * 2), (PWSTR)name };
	struct module *m;

	FOR_EACH_MODULE(m, n)
		if (RtlEqualUnicodeString(&m->e.BaseDllName, &u, TRUE))
			return m;
	return NULL;
}

static struct module *find_by_base(const void *base)
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
 * Write @n bytes at @p in module @m.  Images we map are writable until
 * image_protect; the exe (mapped by the kernel with final protections) is
 * made writable around the write, never writable and executable at once.
 */
void ldr_poke(struct module *m, void *p, const void *v, SIZE_T n)
{
	ULONG old, dummy;

	if (m->mapped_by_us || !NT_SUCCESS(vm_protect(p, n, PAGE_READWRITE, &old))) {
		memcpy(p, v, n);
		return;
	}
	memcpy(p, v, n);
	if (old != PAGE_READWRITE && old != PAGE_WRITECOPY)
		vm_protect(p, n, old, &dummy);
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
	if (!len || len > MAX_NAME || start == len)
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

/* "\??\" DIR "\" NAME in a fresh buffer (the DOS path starts at Buffer + 4) */
static NTSTATUS nt_path(UNICODE_STRING *p, const WCHAR *dir, SIZE_T dlen, const WCHAR *name,
			SIZE_T nlen)
{
	SIZE_T len = 4 + dlen + (dlen ? 1 : 0) + nlen;
	WCHAR *b;

	if (len > 0x7ffe)
		return STATUS_OBJECT_NAME_INVALID;
	b = alloc((len + 1) * 2);
	if (!b)
		return STATUS_NO_MEMORY;
	memcpy(b, L"\\??\\", 8);
	memcpy(b + 4, dir, dlen * 2);
	if (dlen)
		b[4 + dlen] = '\\';
	memcpy(b + len - nlen, name, nlen * 2);
	p->Buffer = b;
	p->Length = (USHORT)(len * 2);
	p->MaximumLength = (USHORT)(len * 2 + 2);
	return STATUS_SUCCESS;
}

/* Try @name in directory @dir: STATUS_OBJECT_NAME_NOT_FOUND to go on searching. */
static NTSTATUS try_dir(const WCHAR *dir, SIZE_T dlen, const WCHAR *name, SIZE_T nlen,
			struct module **out)
{
	UNICODE_STRING p;
	void *base = NULL;
	struct module *m;
	NTSTATUS st;
	ULONG_PTR pref;

	st = nt_path(&p, dir, dlen, name, nlen);
	if (!NT_SUCCESS(st))
		return st;
	st = file_map_image(&p, &base);
	if (!NT_SUCCESS(st))
		goto out;
	st = STATUS_INVALID_IMAGE_FORMAT;
	m = ldr_new_module(base, p.Buffer + 4, p.Length / 2 - 4);
	if (!m) {
		vm_free(base);
		goto out;
	}
	m->mapped_by_us = 1;
	pref = m->im.nt->OptionalHeader.ImageBase;
	st = image_relocate(&m->im, pref);
	if (NT_SUCCESS(st) && !(m->e.Flags & LDRP_IMAGE_DLL))
		st = STATUS_INVALID_IMAGE_FORMAT;
	*out = m;		/* in the lists: a failure is cleaned up with its generation */
out:
	release(p.Buffer);
	return st;
}

static NTSTATUS search(const WCHAR *name, SIZE_T len, const WCHAR *path, struct module **out)
{
	NTSTATUS st = STATUS_OBJECT_NAME_NOT_FOUND;
	SIZE_T i, s;

	for (i = 0; i < len; i++)
		if (name[i] == '\\' || name[i] == '/')
			return try_dir(NULL, 0, name, len, out);	/* a path: only there */
	/* the caller's ';'-separated directories, then the exe's, then the system's */
	for (s = i = 0; path && st == STATUS_OBJECT_NAME_NOT_FOUND; i++) {
		if (path[i] && path[i] != ';')
			continue;
		if (i > s)
			st = try_dir(path + s, i - s, name, len, out);
		if (!path[i])
			break;
		s = i + 1;
	}
	if (st == STATUS_OBJECT_NAME_NOT_FOUND)
		st = try_dir(exe_dir.Buffer, exe_dir.Length / 2, name, len, out);
	if (st == STATUS_OBJECT_NAME_NOT_FOUND)
		st = try_dir(sys_dir.Buffer, sys_dir.Length / 2, name, len, out);
	return st == STATUS_OBJECT_NAME_NOT_FOUND ? STATUS_DLL_NOT_FOUND : st;
}

/*
 * Find or map the DLL @name (@len characters), bind its imports, give it
 * its protections and TLS; @importer (NULL for LdrLoadDll) takes a
 * reference.  Not initialized: ldr_init_modules does that.
 */
NTSTATUS ldr_load(const WCHAR *name, SIZE_T len, const WCHAR *path, struct module *importer,
		  ULONG reason, struct module **out)
{
	WCHAR fname[MAX_NAME + 5];
	struct module *m = NULL;
	SIZE_T flen, i;
	NTSTATUS st;

	if (!file_name(name, len, fname, &flen))
		return STATUS_DLL_NOT_FOUND;
	for (i = flen; i && fname[i - 1] != '\\' && fname[i - 1] != '/'; i--)
		;
	m = find_by_name(fname + i, flen - i);
	if (m) {
		*out = m;
		return add_dep(importer, m);
	}
	if (ldr_depth >= MAX_DEPTH)
		return STATUS_DLL_NOT_FOUND;
	st = search(fname, flen, path, &m);
	if (!NT_SUCCESS(st))
		return st;
	m->e.LoadReason = reason;
	st = add_dep(importer, m);
	if (NT_SUCCESS(st))
		st = ldr_link(m);
	if (NT_SUCCESS(st))
		st = image_protect(&m->im);
	if (NT_SUCCESS(st))
		st = tls_add_module(m);
	*out = m;
	return st;
}

static void report_import(NTSTATUS st, const WCHAR *dll, const char *name, WORD ord,
			  const struct module *importer)
{
	const WCHAR *by = importer->e.BaseDllName.Buffer;

	if (!ldr_report_errors || ldr_reported)
		return;
	ldr_reported = 1;
	if (st == STATUS_DLL_NOT_FOUND)
		nt_report("cannot find %S (imported by %S)", dll, by);
	else if (st == STATUS_INVALID_IMAGE_FORMAT && !dll)
		nt_report("%S: malformed import table", by);
	else if (st == STATUS_INVALID_IMAGE_FORMAT)
		nt_report("%S is not a valid x64 DLL (imported by %S)", dll, by);
	else if (st == STATUS_ENTRYPOINT_NOT_FOUND && name)
		nt_report("cannot find %s in %S (imported by %S)", name, dll, by);
	else if (st == STATUS_ORDINAL_NOT_FOUND)
		nt_report("cannot find ordinal %u in %S (imported by %S)", ord, dll, by);
	else
		nt_report("loading %S failed (imported by %S)", dll, by);
}

/*
 * The address of an export of @m: by @name (and @hint) or by @ordinal.
 * A forwarder ("DLL.Name", "DLL.#7") loads that DLL, which @m then
 * references; @depth bounds forwarder chains (a loop fails).
 */
static NTSTATUS resolve(struct module *m, const char *name, WORD hint, WORD ordinal,
			void **addr, unsigned int depth)
{
	const char *fwd, *dot, *p;
	WCHAR wdll[MAX_NAME + 1];
	struct module *t;
	NTSTATUS st;
	SIZE_T n;
	ULONG ord = 0;

	st = image_export(&m->im, name, hint, ordinal, addr, &fwd);
	if (!NT_SUCCESS(st) || !fwd)
		return st;
	if (depth >= MAX_DEPTH)
		return name ? STATUS_PROCEDURE_NOT_FOUND : STATUS_ORDINAL_NOT_FOUND;
	for (dot = NULL, p = fwd; *p; p++)
		if (*p == '.')
			dot = p;
	if (!dot || dot == fwd || (SIZE_T)(dot - fwd) > MAX_NAME - 4 || !dot[1])
		return STATUS_INVALID_IMAGE_FORMAT;
	for (n = 0; fwd + n < dot; n++)
		wdll[n] = (BYTE)fwd[n];
	if (dot[1] == '#') {
		for (p = dot + 2; *p >= '0' && *p <= '9' && ord <= 0xffff; p++)
			ord = ord * 10 + (*p - '0');
		if (ord > 0xffff)
			return STATUS_INVALID_IMAGE_FORMAT;
		if (*p || p == dot + 2)
			return STATUS_INVALID_IMAGE_FORMAT;
	}
	ldr_depth++;
	st = ldr_load(wdll, n, NULL, m, LoadReasonStaticForwarderDependency, &t);
	ldr_depth--;
	if (!NT_SUCCESS(st))
		return st;
	return resolve(t, dot[1] == '#' ? NULL : dot + 1, 0, (WORD)ord, addr, depth + 1);
}

/* Bind the imports of one descriptor: @dll is loaded, its thunks filled. */
static NTSTATUS bind(struct module *m, const IMAGE_IMPORT_DESCRIPTOR *d, const WCHAR *wdll)
{
	ULONG lookup = d->OriginalFirstThunk ? d->OriginalFirstThunk : d->FirstThunk;
	struct module *dep;
	NTSTATUS st;
	ULONG i;

	ldr_depth++;
	st = ldr_load(wdll, wcslen(wdll), NULL, m, LoadReasonStaticDependency, &dep);
	ldr_depth--;
	if (!NT_SUCCESS(st)) {
		report_import(st, wdll, NULL, 0, m);
		return st;
	}
	for (i = 0; i < MAX_THUNKS; i++) {
		ULONGLONG *l = image_rva(&m->im, lookup + i * 8, 8);
		ULONGLONG *slot = image_rva(&m->im, d->FirstThunk + i * 8, 8);
		const IMAGE_IMPORT_BY_NAME *ibn = NULL;
		const char *name = NULL;
		WORD ord = 0;
		void *addr;

		if (!l || !slot || lookup + i * 8 < lookup || d->FirstThunk + i * 8 < d->FirstThunk)
			return STATUS_INVALID_IMAGE_FORMAT;
		if (!*l)
			return STATUS_SUCCESS;
		if (*l & IMAGE_ORDINAL_FLAG64) {
			ord = (WORD)*l;
		} else {
			ibn = *l >> 32 ? NULL : image_rva(&m->im, (ULONG)*l, sizeof(WORD));
			name = ibn ? image_str(&m->im, (ULONG)*l + 2) : NULL;
			if (!name)
				return STATUS_INVALID_IMAGE_FORMAT;
		}
		st = resolve(dep, name, ibn ? ibn->Hint : 0, ord, &addr, 0);
		if (st == STATUS_PROCEDURE_NOT_FOUND)
			st = STATUS_ENTRYPOINT_NOT_FOUND;
		if (!NT_SUCCESS(st)) {
			report_import(st, wdll, name, ord, m);
			return st;
		}
		ldr_poke(m, slot, &addr, sizeof(addr));
	}
	return STATUS_INVALID_IMAGE_FORMAT;
}

/* Resolve the imports of @m, loading what it imports (recursively). */
NTSTATUS ldr_link(struct module *m)
{
	int bad = 0;
	IMAGE_DATA_DIRECTORY *dir = image_dir_checked(&m->im, IMAGE_DIRECTORY_ENTRY_IMPORT, &bad);
	ULONG off = dir->VirtualAddress;
	unsigned int i;

	if (m->linked)
		return STATUS_SUCCESS;
	m->linked = 1;		/* before binding: an import loop meets it as done */
	if (!dir->VirtualAddress && !bad)
		return STATUS_SUCCESS;
	if (bad)
		i = MAX_DESCRIPTORS;	/* straight to the report */
	else
		i = 0;
	for (; i < MAX_DESCRIPTORS; i++, off += sizeof(IMAGE_IMPORT_DESCRIPTOR)) {
		const IMAGE_IMPORT_DESCRIPTOR *d = image_rva(&m->im, off, sizeof(*d));
		WCHAR wdll[MAX_NAME + 1];
		const char *dll;
		NTSTATUS st;
		SIZE_T n;

		if (!d)
			break;
		if (!d->Name && !d->FirstThunk)
			return STATUS_SUCCESS;
		dll = image_str(&m->im, d->Name);
		if (!dll || !*dll || !d->FirstThunk || strlen(dll) > MAX_NAME - 4)
			break;
		for (n = 0; dll[n]; n++)
			wdll[n] = (BYTE)dll[n];
		wdll[n] = 0;
		st = bind(m, d, wdll);
		if (st == STATUS_INVALID_IMAGE_FORMAT)
			break;
		if (!NT_SUCCESS(st))
			return st;
	}
	report_import(STATUS_INVALID_IMAGE_FORMAT, NULL, NULL, 0, m);
	return STATUS_INVALID_IMAGE_FORMAT;
}

typedef BOOL (WINAPI *dll_main_fn)(PVOID, DWORD, PVOID);

static BOOL call_dll_main(struct module *m, DWORD reason, void *reserved)
{
	if (!m->e.EntryPoint || m == ldr_ntdll)
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
	if (depth >= MAX_DEPTH * 4)
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
	list_add_tail(&ldr_data.InInitializationOrderModuleList, &m->e.InInitializationOrderLinks);
	m->e.Flags |= LDRP_ENTRY_PROCESSED | LDRP_PROCESS_ATTACH_CALLED;
	tls_callbacks(m, DLL_PROCESS_ATTACH);
	if (!call_dll_main(m, DLL_PROCESS_ATTACH, reserved)) {
		if (ldr_report_errors)
			nt_report("%S: initialization failed (DllMain returned FALSE)",
				  m->e.BaseDllName.Buffer);
		return STATUS_DLL_INIT_FAILED;
	}
	m->init_state = 2;
	return STATUS_SUCCESS;
}

NTSTATUS ldr_init_modules(struct module *root, void *reserved)
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
	tls_callbacks(m, DLL_PROCESS_DETACH);
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
	tls_remove_module(m);
	for (i = 0; i < m->ndeps; i++)
		drop_dep(m, m->deps[i]);
	if (m->mapped_by_us)
		vm_free(m->e.DllBase);
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

	for (n = ldr_data.InInitializationOrderModuleList.Blink;
	     n != &ldr_data.InInitializationOrderModuleList; n = prev) {
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
	for (n = ldr_data.InLoadOrderModuleList.Blink; n != &ldr_data.InLoadOrderModuleList;
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
		tls_remove_module(m);
		if (m->mapped_by_us)
			vm_free(m->e.DllBase);
		release(m->deps);
		release(m);
		/* freeing may have dropped older modules: start over from the end */
		prev = ldr_data.InLoadOrderModuleList.Blink;
	}
}

/* the modules of the process start stay for good */
void ldr_pin_all(void)
{
	struct module *m;

	FOR_EACH_MODULE(m, n)
		m->pinned = 1;
}

/* At exit: TLS callbacks and DllMain(DLL_PROCESS_DETACH), reverse init order. */
void ldr_detach_all(void)
{
	LIST_ENTRY *n;

	nt_lock_rec(&ldr_lock);
	ldr_data.ShutdownInProgress = TRUE;
	if (ldr_exe)
		tls_callbacks(ldr_exe, DLL_PROCESS_DETACH);
	for (n = ldr_data.InInitializationOrderModuleList.Blink;
	     n != &ldr_data.InInitializationOrderModuleList; n = n->Blink)
		detach(MODULE_OF(n, InInitializationOrderLinks), (void *)1);
	nt_unlock_rec(&ldr_lock);
}

/* ---- the exported loader functions ---- */

static NTSTATUS begin(void)
{
	nt_lock_rec(&ldr_lock);
	if (ldr_data.ShutdownInProgress) {
		nt_unlock_rec(&ldr_lock);
		return STATUS_DLL_INIT_FAILED;
	}
	ldr_reported = 0;
	return STATUS_SUCCESS;
}

static NTSTATUS end(NTSTATUS st, unsigned int gen)
{
	if (!NT_SUCCESS(st))
		undo_generation(gen);
	nt_unlock_rec(&ldr_lock);
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
	st = ldr_load(name->Buffer, name->Length / 2, path, NULL, LoadReasonDynamicLoad, &m);
	if (NT_SUCCESS(st))
		st = ldr_init_modules(m, NULL);
	if (NT_SUCCESS(st))
		*base = m->e.DllBase;
	else if (m && m->gen != gen)
		m->refs--;			/* was loaded before: undo our reference */
	return end(st, gen);
}

NTSTATUS NTAPI LdrGetDllHandle(PWSTR path, PULONG chars, PUNICODE_STRING name, PVOID *base)
{
	WCHAR fname[MAX_NAME + 5];
	struct module *m;
	SIZE_T flen, i;

	(void)path;
	(void)chars;
	if (!name || !name->Buffer || !base)
		return STATUS_INVALID_PARAMETER;
	if (!file_name(name->Buffer, name->Length / 2, fname, &flen))
		return STATUS_DLL_NOT_FOUND;
	for (i = flen; i && fname[i - 1] != '\\' && fname[i - 1] != '/'; i--)
		;
	nt_lock_rec(&ldr_lock);
	m = find_by_name(fname + i, flen - i);
	if (m)
		*base = m->e.DllBase;
	nt_unlock_rec(&ldr_lock);
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
	m = find_by_base(base);
	if (!m) {
		st = STATUS_DLL_NOT_FOUND;
	} else if (name) {
		cname = alloc((SIZE_T)name->Length + 1);
		if (!cname) {
			st = STATUS_NO_MEMORY;
		} else {
			memcpy(cname, name->Buffer, name->Length);
			st = resolve(m, cname, 0, 0, addr, 0);
		}
	} else {
		st = ordinal > 0xffff ? STATUS_ORDINAL_NOT_FOUND :
					resolve(m, NULL, 0, (WORD)ordinal, addr, 0);
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

	nt_lock_rec(&ldr_lock);
	m = find_by_base(base);
	if (!m)
		st = STATUS_DLL_NOT_FOUND;
	else if (!m->pinned && m->refs && !--m->refs) {
		detach(m, NULL);
		free_module(m);
	}
	nt_unlock_rec(&ldr_lock);
	return st;
}
