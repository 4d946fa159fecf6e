// SPDX-License-Identifier: GPL-2.0
/*
 * Binding a module's imports: each import descriptor's DLL loaded (or
 * found), each thunk filled by name with hint or by ordinal, forwarders
 * ("DLL.Name", "DLL.#7") followed to the DLL they name.  A failure at
 * process start says why in one line (report_import).
 */
#include "crt.h"
#include "loader.h"
#include "report.h"

#define MAX_DESCRIPTORS	4096		/* import descriptors in one image */
#define MAX_THUNKS	65536		/* imports from one DLL */

static void report_import(NTSTATUS st, const WCHAR *dll, const char *name, WORD ord,
			  const struct module *importer)
{
	const WCHAR *by = importer->e.BaseDllName.Buffer;

	if (!ntdll_ldr_report_errors || ntdll_ldr_reported)
		return;
	ntdll_ldr_reported = 1;
	if (st == STATUS_DLL_NOT_FOUND)
		ntdll_report("cannot find %S (imported by %S)", dll, by);
	else if (st == STATUS_INVALID_IMAGE_FORMAT && !dll)
		ntdll_report("%S: malformed import table", by);
	else if (st == STATUS_INVALID_IMAGE_FORMAT)
		ntdll_report("%S is not a valid x64 DLL (imported by %S)", dll, by);
	else if (st == STATUS_ENTRYPOINT_NOT_FOUND && name)
		ntdll_report("cannot find %s in %S (imported by %S)", name, dll, by);
	else if (st == STATUS_ORDINAL_NOT_FOUND)
		ntdll_report("cannot find ordinal %u in %S (imported by %S)", ord, dll, by);
	else
		ntdll_report("loading %S failed (imported by %S)", dll, by);
}

/*
 * The address of an export of @m: by @name (and @hint) or by @ordinal.
 * A forwarder ("DLL.Name", "DLL.#7") loads that DLL, which @m then
 * references; @depth bounds forwarder chains (a loop fails).
 */
NTSTATUS ntdll_ldr_resolve(struct module *m, const char *name, WORD hint, WORD ordinal,
			   void **addr, unsigned int depth)
{
	const char *fwd, *dot, *p;
	WCHAR wdll[LDR_MAX_NAME + 1];
	struct module *t;
	NTSTATUS st;
	SIZE_T n;
	ULONG ord = 0;

	st = ntdll_image_export(&m->im, name, hint, ordinal, addr, &fwd);
	if (!NT_SUCCESS(st) || !fwd)
		return st;
	if (depth >= LDR_MAX_DEPTH)
		return name ? STATUS_PROCEDURE_NOT_FOUND : STATUS_ORDINAL_NOT_FOUND;
	for (dot = NULL, p = fwd; *p; p++)
		if (*p == '.')
			dot = p;
	if (!dot || dot == fwd || (SIZE_T)(dot - fwd) > LDR_MAX_NAME - 4 || !dot[1])
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
	ntdll_ldr_depth++;
	st = ntdll_ldr_load(wdll, n, NULL, m, LoadReasonStaticForwarderDependency, &t);
	ntdll_ldr_depth--;
	if (!NT_SUCCESS(st))
		return st;
	return ntdll_ldr_resolve(t, dot[1] == '#' ? NULL : dot + 1, 0, (WORD)ord, addr, depth + 1);
}

/* Bind the imports of one descriptor: @dll is loaded, its thunks filled. */
static NTSTATUS bind(struct module *m, const IMAGE_IMPORT_DESCRIPTOR *d, const WCHAR *wdll)
{
	ULONG lookup = d->OriginalFirstThunk ? d->OriginalFirstThunk : d->FirstThunk;
	struct module *dep;
	NTSTATUS st;
	ULONG i;

	ntdll_ldr_depth++;
	st = ntdll_ldr_load(wdll, wcslen(wdll), NULL, m, LoadReasonStaticDependency, &dep);
	ntdll_ldr_depth--;
	if (!NT_SUCCESS(st)) {
		report_import(st, wdll, NULL, 0, m);
		return st;
	}
	for (i = 0; i < MAX_THUNKS; i++) {
		ULONGLONG *l = ntdll_image_rva(&m->im, lookup + i * 8, 8);
		ULONGLONG *slot = ntdll_image_rva(&m->im, d->FirstThunk + i * 8, 8);
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
			ibn = *l >> 32 ? NULL : ntdll_image_rva(&m->im, (ULONG)*l, sizeof(WORD));
			name = ibn ? ntdll_image_str(&m->im, (ULONG)*l + 2) : NULL;
			if (!name)
				return STATUS_INVALID_IMAGE_FORMAT;
		}
		st = ntdll_ldr_resolve(dep, name, ibn ? ibn->Hint : 0, ord, &addr, 0);
		if (st == STATUS_PROCEDURE_NOT_FOUND)
			st = STATUS_ENTRYPOINT_NOT_FOUND;
		if (!NT_SUCCESS(st)) {
			report_import(st, wdll, name, ord, m);
			return st;
		}
		ntdll_ldr_poke(m, slot, &addr, sizeof(addr));
	}
	return STATUS_INVALID_IMAGE_FORMAT;
}

/* Resolve the imports of @m, loading what it imports (recursively). */
NTSTATUS ntdll_ldr_link(struct module *m)
{
	int bad = 0;
	IMAGE_DATA_DIRECTORY *dir = ntdll_image_dir_checked(&m->im, IMAGE_DIRECTORY_ENTRY_IMPORT, &bad);
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
		const IMAGE_IMPORT_DESCRIPTOR *d = ntdll_image_rva(&m->im, off, sizeof(*d));
		WCHAR wdll[LDR_MAX_NAME + 1];
		const char *dll;
		NTSTATUS st;
		SIZE_T n;

		if (!d)
			break;
		if (!d->Name && !d->FirstThunk)
			return STATUS_SUCCESS;
		dll = ntdll_image_str(&m->im, d->Name);
		if (!dll || !*dll || !d->FirstThunk || strlen(dll) > LDR_MAX_NAME - 4)
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
