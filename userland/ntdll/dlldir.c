// SPDX-License-Identifier: GPL-2.0
/*
 * DLL directories and search paths: LdrSetDllDirectory, LdrAddDllDirectory
 * and LdrSetDefaultDllDirectories keep their state here; LdrGetDllPath,
 * RtlGetSearchPath and RtlGetExePath build the ';'-separated search paths
 * kernelbase passes to LdrLoadDll and SearchPathW, as Windows orders them.
 *
 * Windows' "system" part (system32;system;Windows) is ours: the system
 * directory (where ntdll.dll is), then the Win32 DLLs' directories of the
 * process parameters' DllPath (module parameter dll_path).
 */
#include "crt.h"
#include "env.h"
#include "heap.h"
#include "loader.h"
#include "sync.h"

#ifndef LOAD_WITH_ALTERED_SEARCH_PATH
#define LOAD_WITH_ALTERED_SEARCH_PATH		0x00000008
#endif
#ifndef LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR
#define LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR	0x00000100
#define LOAD_LIBRARY_SEARCH_APPLICATION_DIR	0x00000200
#define LOAD_LIBRARY_SEARCH_USER_DIRS		0x00000400
#define LOAD_LIBRARY_SEARCH_SYSTEM32		0x00000800
#define LOAD_LIBRARY_SEARCH_DEFAULT_DIRS	0x00001000
#endif
#define SEARCH_FLAGS	(LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_APPLICATION_DIR | \
			 LOAD_LIBRARY_SEARCH_USER_DIRS | LOAD_LIBRARY_SEARCH_SYSTEM32 | \
			 LOAD_LIBRARY_SEARCH_DEFAULT_DIRS)
#ifndef BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE
#define BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE	0x00000001
#define BASE_SEARCH_PATH_DISABLE_SAFE_SEARCHMODE 0x00010000
#define BASE_SEARCH_PATH_PERMANENT		0x00008000
#endif

/* a directory of LdrAddDllDirectory; its address is the cookie */
struct user_dir {
	struct user_dir *next;
	WCHAR dir[];			/* full DOS path, NUL-terminated */
};

static struct ntdll_lock dir_lock;
static struct user_dir *user_dirs;	/* the latest first */
static WCHAR *dll_dir;			/* LdrSetDllDirectory's, NULL when not set */
static ULONG default_flags;		/* LdrSetDefaultDllDirectories' */
static LONG search_mode;		/* RtlSetSearchPathMode: 0, 1 safe, 2 safe for good */

static void release(void *p)
{
	RtlFreeHeap(RtlGetProcessHeap(), 0, p);
}

/* a search path being built: entries joined by ';' */
struct pathbuf {
	WCHAR *p;
	SIZE_T len, cap;
	int failed;
};

static void add(struct pathbuf *b, const WCHAR *s, SIZE_T n)
{
	SIZE_T need;

	if (!n || b->failed)
		return;
	need = b->len + n + 2;
	if (need > b->cap) {
		SIZE_T cap = need * 2 + 64;
		WCHAR *p = RtlAllocateHeap(RtlGetProcessHeap(), 0, cap * 2);

		if (!p) {
			b->failed = 1;
			return;
		}
		if (b->len)
			memcpy(p, b->p, b->len * 2);
		release(b->p);
		b->p = p;
		b->cap = cap;
	}
	if (b->len)
		b->p[b->len++] = ';';
	memcpy(b->p + b->len, s, n * 2);
	b->len += n;
	b->p[b->len] = 0;
}

static NTSTATUS done(struct pathbuf *b, PWSTR *path)
{
	if (!b->failed && !b->p)		/* nothing to search: "" */
		b->p = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, 2);
	if (b->failed || !b->p) {
		release(b->p);
		return STATUS_NO_MEMORY;
	}
	*path = b->p;
	return STATUS_SUCCESS;
}

/* the directory part of the path @s: "X:\" for a file in a root, else no trailing '\' */
static SIZE_T dir_len(const WCHAR *s)
{
	SIZE_T i, last = (SIZE_T)-1;

	if (!s)
		return 0;
	for (i = 0; s[i]; i++)
		if (s[i] == '\\' || s[i] == '/')
			last = i;
	if (last == (SIZE_T)-1)
		return s[0] && s[1] == ':' ? 2 : 0;
	return last == 2 && s[1] == ':' ? 3 : last;
}

static const WCHAR *exe_path(void)
{
	return ntdll_params()->ImagePathName.Buffer;
}

/* Windows' system32;system;Windows: our system directory, then DllPath */
static void add_system(struct pathbuf *b)
{
	const UNICODE_STRING *dp = &ntdll_params()->DllPath;

	if (ntdll_ldr_ntdll)
		add(b, ntdll_ldr_ntdll->e.FullDllName.Buffer,
		    dir_len(ntdll_ldr_ntdll->e.FullDllName.Buffer));
	if (dp->Buffer)
		add(b, dp->Buffer, dp->Length / 2);
}

static void add_env_path(struct pathbuf *b)
{
	const WCHAR *v;

	ntdll_peb_lock();
	v = ntdll_env_find(ntdll_params()->Environment, L"PATH", 4);
	if (v)
		add(b, v, wcslen(v));
	ntdll_peb_unlock();
}

/*
 * The classic order: the module's directory, then @dir (LdrSetDllDirectory's,
 * "." for RtlGetExePath) or, without one, the current directory before the
 * system directories (@safe 0) or after them; then PATH.
 */
static NTSTATUS std_path(const WCHAR *module, const WCHAR *dir, int safe, PWSTR *path)
{
	struct pathbuf b = { NULL, 0, 0, 0 };

	add(&b, module, dir_len(module));
	if (dir)
		add(&b, dir, wcslen(dir));
	else if (!safe)
		add(&b, L".", 1);
	add_system(&b);
	if (!dir && safe)
		add(&b, L".", 1);
	add_env_path(&b);
	return done(&b, path);
}

static NTSTATUS flags_path(const WCHAR *module, ULONG flags, PWSTR *path)
{
	struct pathbuf b = { NULL, 0, 0, 0 };
	struct user_dir *d;
	ULONG type;

	if (flags & LOAD_LIBRARY_SEARCH_DEFAULT_DIRS)
		flags |= LOAD_LIBRARY_SEARCH_APPLICATION_DIR | LOAD_LIBRARY_SEARCH_USER_DIRS |
			 LOAD_LIBRARY_SEARCH_SYSTEM32;
	if (flags & LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR) {
		/* the DLL's own directory: only for a DLL named by its full path */
		type = RtlDetermineDosPathNameType_U(module);
		if (type != RtlPathTypeDriveAbsolute && type != RtlPathTypeRooted &&
		    type != RtlPathTypeUncAbsolute && type != RtlPathTypeLocalDevice)
			return STATUS_INVALID_PARAMETER;
		add(&b, module, dir_len(module));
	}
	if (flags & LOAD_LIBRARY_SEARCH_APPLICATION_DIR)
		add(&b, exe_path(), dir_len(exe_path()));
	if (flags & LOAD_LIBRARY_SEARCH_USER_DIRS) {
		for (d = user_dirs; d; d = d->next)
			add(&b, d->dir, wcslen(d->dir));
		if (dll_dir)
			add(&b, dll_dir, wcslen(dll_dir));
	}
	if (flags & LOAD_LIBRARY_SEARCH_SYSTEM32)
		add_system(&b);
	return done(&b, path);
}

/*
 * The search path for loading @module with LoadLibraryEx's @flags: the
 * LOAD_LIBRARY_SEARCH_* directories (LdrSetDefaultDllDirectories' when the
 * call gives none), else the classic order with safe DLL search mode.
 */
NTSTATUS NTAPI LdrGetDllPath(PCWSTR module, ULONG flags, PWSTR *path, PWSTR *unknown)
{
	const WCHAR *m = module;
	NTSTATUS st;
	SIZE_T i;

	if (!path || !unknown)
		return STATUS_INVALID_PARAMETER;
	*path = *unknown = NULL;
	ntdll_lock_acquire(&dir_lock);
	if (flags & LOAD_WITH_ALTERED_SEARCH_PATH) {
		if (flags & SEARCH_FLAGS) {
			ntdll_lock_release(&dir_lock);
			return STATUS_INVALID_PARAMETER;
		}
		if (default_flags)
			flags |= default_flags | LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR;
	} else if (!(flags & SEARCH_FLAGS)) {
		flags |= default_flags;
	}
	if (flags & SEARCH_FLAGS) {
		st = flags_path(module, flags, path);
	} else {
		/* the module's directory for LOAD_WITH_ALTERED_SEARCH_PATH and a path */
		for (i = 0; m && m[i] && m[i] != '\\'; i++)
			;
		if (!(flags & LOAD_WITH_ALTERED_SEARCH_PATH) || !m || !m[i])
			m = exe_path();
		st = std_path(m, dll_dir, 1, path);
	}
	ntdll_lock_release(&dir_lock);
	return st;
}

/* SearchPathW's default path: the exe's directory, the current one, the system's, PATH */
NTSTATUS NTAPI RtlGetSearchPath(PWSTR *path)
{
	if (!path)
		return STATUS_INVALID_PARAMETER;
	return std_path(exe_path(), NULL, search_mode != 0, path);
}

/*
 * Where CreateProcess looks for @name: the same, the current directory
 * first unless NoDefaultCurrentDirectoryInExePath is set (for a name
 * without a backslash)
 */
NTSTATUS NTAPI RtlGetExePath(PCWSTR name, PWSTR *path)
{
	const WCHAR *dir = L".";
	SIZE_T i;

	if (!name || !path)
		return STATUS_INVALID_PARAMETER;
	for (i = 0; name[i] && name[i] != '\\'; i++)
		;
	if (!name[i]) {
		ntdll_peb_lock();
		if (ntdll_env_find(ntdll_params()->Environment, L"NoDefaultCurrentDirectoryInExePath",
				   34))
			dir = L"";
		ntdll_peb_unlock();
	}
	return std_path(exe_path(), dir, 0, path);
}

void NTAPI RtlReleasePath(PWSTR path)
{
	release(path);
}

NTSTATUS NTAPI RtlSetSearchPathMode(ULONG flags)
{
	LONG mode;

	switch (flags) {
	case BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE:
		mode = 1;
		break;
	case BASE_SEARCH_PATH_DISABLE_SAFE_SEARCHMODE:
		mode = 0;
		break;
	case BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE | BASE_SEARCH_PATH_PERMANENT:
		mode = 2;
		break;
	default:
		return STATUS_INVALID_PARAMETER;
	}
	for (;;) {
		LONG old = search_mode;

		if (old == 2)
			return mode == 2 ? STATUS_SUCCESS : STATUS_ACCESS_DENIED;
		if (__atomic_compare_exchange_n(&search_mode, &old, mode, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return STATUS_SUCCESS;
	}
}

/* a NUL-terminated heap copy of @s */
static WCHAR *dup_string(const UNICODE_STRING *s)
{
	WCHAR *p = RtlAllocateHeap(RtlGetProcessHeap(), 0, s->Length + 2);

	if (p) {
		memcpy(p, s->Buffer, s->Length);
		p[s->Length / 2] = 0;
	}
	return p;
}

/* SetDllDirectory: a Buffer of NULL restores the default search ("" removes ".") */
NTSTATUS NTAPI LdrSetDllDirectory(PUNICODE_STRING dir)
{
	WCHAR *n = NULL, *old;

	if (!dir || (dir->Length && !dir->Buffer))
		return STATUS_INVALID_PARAMETER;
	if (dir->Buffer && !(n = dup_string(dir)))
		return STATUS_NO_MEMORY;
	ntdll_lock_acquire(&dir_lock);
	old = dll_dir;
	dll_dir = n;
	ntdll_lock_release(&dir_lock);
	release(old);
	return STATUS_SUCCESS;
}

/* the directory, or STATUS_BUFFER_TOO_SMALL and Length = the bytes needed with the NUL */
NTSTATUS NTAPI LdrGetDllDirectory(PUNICODE_STRING dir)
{
	NTSTATUS st = STATUS_SUCCESS;
	SIZE_T n;

	if (!dir)
		return STATUS_INVALID_PARAMETER;
	ntdll_lock_acquire(&dir_lock);
	n = dll_dir ? wcslen(dll_dir) * 2 : 0;
	if (dir->Buffer && dir->MaximumLength >= n + 2) {
		memcpy(dir->Buffer, dll_dir ? dll_dir : L"", n + 2);
		dir->Length = (USHORT)n;
	} else {
		if (dir->Buffer && dir->MaximumLength >= 2)
			dir->Buffer[0] = 0;
		dir->Length = (USHORT)(n + 2);
		st = STATUS_BUFFER_TOO_SMALL;
	}
	ntdll_lock_release(&dir_lock);
	return st;
}

/* AddDllDirectory: an existing directory named by an absolute path */
NTSTATUS NTAPI LdrAddDllDirectory(PUNICODE_STRING dir, PVOID *cookie)
{
	WCHAR *name;
	struct user_dir *d;
	ULONG type, len;
	OBJECT_ATTRIBUTES oa = { sizeof(oa), NULL, NULL, OBJ_CASE_INSENSITIVE, NULL, NULL };
	UNICODE_STRING nt;
	IO_STATUS_BLOCK io;
	NTSTATUS st;
	HANDLE h;

	if (!dir || !dir->Buffer || !dir->Length || !cookie)
		return STATUS_INVALID_PARAMETER;
	name = dup_string(dir);
	if (!name)
		return STATUS_NO_MEMORY;
	type = RtlDetermineDosPathNameType_U(name);
	st = STATUS_INVALID_PARAMETER;
	if (type != RtlPathTypeDriveAbsolute && type != RtlPathTypeRooted &&
	    type != RtlPathTypeUncAbsolute)
		goto out;
	st = RtlDosPathNameToNtPathName_U_WithStatus(name, &nt, NULL, NULL);
	if (!NT_SUCCESS(st))
		goto out;
	oa.ObjectName = &nt;
	st = NtOpenFile(&h, FILE_TRAVERSE | SYNCHRONIZE, &oa, &io,
			FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT);
	release(nt.Buffer);
	if (!NT_SUCCESS(st))
		goto out;
	NtClose(h);
	st = STATUS_NO_MEMORY;
	len = RtlGetFullPathName_U(name, 0, NULL, NULL);
	d = len ? RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof(*d) + len) : NULL;
	if (!d)
		goto out;
	if (!RtlGetFullPathName_U(name, len, d->dir, NULL)) {
		release(d);
		goto out;
	}
	ntdll_lock_acquire(&dir_lock);
	d->next = user_dirs;
	user_dirs = d;
	ntdll_lock_release(&dir_lock);
	*cookie = d;
	st = STATUS_SUCCESS;
out:
	release(name);
	return st;
}

NTSTATUS NTAPI LdrRemoveDllDirectory(PVOID cookie)
{
	struct user_dir **p, *d = NULL;

	ntdll_lock_acquire(&dir_lock);
	for (p = &user_dirs; *p; p = &(*p)->next) {
		if (*p == cookie) {
			d = *p;
			*p = d->next;
			break;
		}
	}
	ntdll_lock_release(&dir_lock);
	if (!d)
		return STATUS_INVALID_PARAMETER;
	release(d);
	return STATUS_SUCCESS;
}

/* SetDefaultDllDirectories: LOAD_LIBRARY_SEARCH_* flags, not DLL_LOAD_DIR */
NTSTATUS NTAPI LdrSetDefaultDllDirectories(ULONG flags)
{
	const ULONG valid = LOAD_LIBRARY_SEARCH_APPLICATION_DIR | LOAD_LIBRARY_SEARCH_USER_DIRS |
			    LOAD_LIBRARY_SEARCH_SYSTEM32 | LOAD_LIBRARY_SEARCH_DEFAULT_DIRS;

	if (!flags || (flags & ~valid))
		return STATUS_INVALID_PARAMETER;
	ntdll_lock_acquire(&dir_lock);
	default_flags = flags;
	ntdll_lock_release(&dir_lock);
	return STATUS_SUCCESS;
}
