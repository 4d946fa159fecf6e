// SPDX-License-Identifier: GPL-2.0
/*
 * DOS and NT path names.  A DOS path ("Z:\dir\x.dll") becomes an NT path
 * by the "\??\" prefix, which the object manager resolves through the
 * drive's symbolic link (Z: = the Linux root).
 */
#include "crt.h"
#include "env.h"
#include "heap.h"
#include "nls.h"
#include "path.h"
#include "syscalls.h"

void ntdll_path_dir(UNICODE_STRING *dir, const WCHAR *path, SIZE_T len)
{
	SIZE_T i = len;

	while (i && path[i - 1] != '\\')
		i--;
	dir->Buffer = (PWSTR)path;
	dir->Length = (USHORT)(i ? (i - 1) * 2 : 0);
	dir->MaximumLength = dir->Length;
}

NTSTATUS ntdll_path_dos_to_nt(UNICODE_STRING *p, const WCHAR *dir, SIZE_T dlen,
			      const WCHAR *name, SIZE_T nlen)
{
	SIZE_T len = 4 + dlen + (dlen ? 1 : 0) + nlen;
	WCHAR *b;

	if (len > 0x7ffe)
		return STATUS_OBJECT_NAME_INVALID;
	b = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, (len + 1) * 2);
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

/* ---- DOS path names (Windows' rules, as RtlGetFullPathName_U applies them) ---- */

#define SEP(c)		((c) == '\\' || (c) == '/')

static WCHAR *alloc_chars(SIZE_T n)
{
	return RtlAllocateHeap(RtlGetProcessHeap(), 0, n * 2);
}

static void release(void *p)
{
	RtlFreeHeap(RtlGetProcessHeap(), 0, p);
}

ULONG NTAPI RtlDetermineDosPathNameType_U(PCWSTR p)
{
	if (!p)
		return RtlPathTypeUnknown;
	if (SEP(p[0])) {
		if (!SEP(p[1]))
			return RtlPathTypeRooted;		/* \x */
		if (p[2] != '.' && p[2] != '?')
			return RtlPathTypeUncAbsolute;		/* \\server */
		if (SEP(p[3]))
			return RtlPathTypeLocalDevice;		/* \\.\x, \\?\x */
		return p[3] ? RtlPathTypeUncAbsolute : RtlPathTypeRootLocalDevice;
	}
	if (p[0] && p[1] == ':')
		return SEP(p[2]) ? RtlPathTypeDriveAbsolute : RtlPathTypeDriveRelative;
	return RtlPathTypeRelative;
}

static int is_name(const WCHAR *s, SIZE_T n, const char *name)
{
	SIZE_T i;

	for (i = 0; i < n; i++)
		if (!name[i] || RtlUpcaseUnicodeChar(s[i]) != (WCHAR)name[i])
			return 0;
	return !name[n];
}

/*
 * A DOS device in the last component of @name (CON, NUL, AUX, PRN, COM1-9,
 * LPT1-9, CONIN$, CONOUT$; an extension, a ':' and what follows, and
 * trailing blanks do not count): its byte offset in the high word, its
 * length in bytes in the low word; 0 if none.
 */
ULONG NTAPI RtlIsDosDeviceName_U(PCWSTR name)
{
	const WCHAR *start, *end, *p;
	SIZE_T n;

	switch (RtlDetermineDosPathNameType_U(name)) {
	case RtlPathTypeUnknown:
	case RtlPathTypeUncAbsolute:
		return 0;
	case RtlPathTypeLocalDevice:
		/* only \\.\CON: its offset and length as if it were a file name */
		return name[0] == '\\' && name[1] == '\\' && name[2] == '.' && name[3] == '\\' &&
			is_name(name + 4, wcslen(name + 4), "CON") ? (8 << 16) | 6 : 0;
	case RtlPathTypeDriveAbsolute:
	case RtlPathTypeDriveRelative:
		start = name + 2;
		break;
	default:
		start = name;
	}
	for (p = start; *p; p++)
		if (SEP(*p))
			start = p + 1;
	for (end = start; *end && *end != '.' && *end != ':'; end++)
		;
	while (end > start && end[-1] == ' ')
		end--;
	n = end - start;
	if ((n == 3 && (is_name(start, 3, "CON") || is_name(start, 3, "NUL") ||
			is_name(start, 3, "AUX") || is_name(start, 3, "PRN"))) ||
	    (n == 4 && (is_name(start, 3, "COM") || is_name(start, 3, "LPT")) &&
	     start[3] >= '1' && start[3] <= '9') ||
	    (n == 6 && is_name(start, 6, "CONIN$")) || (n == 7 && is_name(start, 7, "CONOUT$")))
		return (ULONG)((start - name) * 2) << 16 | (ULONG)(n * 2);
	return 0;
}

/* the characters of "\\server\share\" at the start of the UNC path @p (backslashes only) */
static SIZE_T unc_root(const WCHAR *p, SIZE_T len)
{
	SIZE_T i = 2;
	int part;

	for (part = 0; part < 2; part++) {
		while (i < len && p[i] != '\\')
			i++;
		if (i < len)
			i++;
	}
	return i;
}

/* where ".." stops in the full path @p (backslashes only, @len characters) */
static SIZE_T path_root(const WCHAR *p, SIZE_T len)
{
	switch (RtlDetermineDosPathNameType_U(p)) {
	case RtlPathTypeUncAbsolute:
		return unc_root(p, len);
	case RtlPathTypeLocalDevice:
		return 4;
	case RtlPathTypeDriveAbsolute:
		return 3;
	default:
		return len && p[0] == '\\' ? 1 : 0;
	}
}

/*
 * Make @p (@len characters, NUL-terminated) canonical in place: '/' is
 * '\', runs of separators are one, "." and ".." components go (never above
 * @root), a component followed by a separator loses one trailing dot when
 * it ends with a single dot, and the last component loses its trailing
 * dots and blanks.  The new length.
 */
static SIZE_T collapse(WCHAR *p, SIZE_T len, SIZE_T lead, SIZE_T (*root_of)(const WCHAR *, SIZE_T))
{
	SIZE_T i, o, root, c;

	for (i = 0; i < len; i++)
		if (p[i] == '/')
			p[i] = '\\';
	/* runs of separators, past the two of a UNC or device prefix */
	for (i = o = lead; i < len; i++)
		if (p[i] != '\\' || !o || p[o - 1] != '\\')
			p[o++] = p[i];
	len = o;
	root = root_of(p, len);
	for (i = o = root; i < len;) {
		SIZE_T e = i;
		int last;

		while (e < len && p[e] != '\\')
			e++;
		last = e == len;
		c = e - i;
		if (c == 1 && p[i] == '.') {
			if (last && o > root)
				o--;			/* "x\." is "x" */
		} else if (c == 2 && p[i] == '.' && p[i + 1] == '.') {
			if (o > root) {
				o--;			/* the separator before ".." */
				while (o > root && p[o - 1] != '\\')
					o--;
				if (last && o > root)
					o--;		/* "x\y\.." is "x" */
			}
		} else {
			memmove(p + o, p + i, c * 2);
			o += c;
			if (last) {
				while (o > root && (p[o - 1] == '.' || p[o - 1] == ' '))
					o--;
			} else {
				if (p[o - 1] == '.' && (c < 2 || p[o - 2] != '.'))
					o--;
				p[o++] = '\\';
			}
		}
		i = last ? e : e + 1;
	}
	p[o] = 0;
	return o;
}

/* the current directory: "X:\dir\" or "\\server\share\dir\" */
static const UNICODE_STRING *cur_dir(void)
{
	return &ntdll_params()->CurrentDirectory.DosPath;
}

/*
 * The full path of @name in a fresh heap buffer (*@out, *@olen characters);
 * the current directory and the "=X:" variables supply what is missing.
 */
static NTSTATUS full_path(const WCHAR *name, WCHAR **out, SIZE_T *olen)
{
	const UNICODE_STRING *cd = cur_dir();
	SIZE_T nlen = wcslen(name), plen = 0, skip = 0, lead = 1, len, cdl = cd->Length / 2;
	const WCHAR *prefix = NULL;
	WCHAR drive[4], *p;
	const WCHAR *v;

	switch (RtlDetermineDosPathNameType_U(name)) {
	case RtlPathTypeUncAbsolute:
	case RtlPathTypeLocalDevice:
		lead = 2;
		break;
	case RtlPathTypeRootLocalDevice:	/* "\\." is "\\.\" */
		drive[0] = drive[1] = '\\';
		drive[2] = name[2];
		drive[3] = '\\';
		prefix = drive;
		plen = 4;
		skip = 3;
		lead = 2;
		break;
	case RtlPathTypeDriveAbsolute:
		break;
	case RtlPathTypeDriveRelative:
		skip = 2;
		if (cdl >= 2 && cd->Buffer[1] == ':' && !ntdll_wcsnicmp(cd->Buffer, name, 1)) {
			prefix = cd->Buffer;	/* the current drive: the current directory */
			plen = cdl;
			break;
		}
		/* another drive: its own current directory "=X:", else its root */
		drive[0] = '=';
		drive[1] = name[0];
		drive[2] = ':';
		v = ntdll_env_find(ntdll_params()->Environment, drive, 3);
		if (v && *v) {
			prefix = v;
			plen = wcslen(v);
		} else {
			drive[0] = RtlUpcaseUnicodeChar(name[0]);
			drive[1] = ':';
			drive[2] = '\\';
			prefix = drive;
			plen = 3;
		}
		break;
	case RtlPathTypeRooted:
		prefix = cd->Buffer;
		if (cdl >= 2 && cd->Buffer[1] == ':') {
			plen = 2;
		} else {
			plen = cdl >= 2 ? unc_root(cd->Buffer, cdl) : 0;
			if (plen && cd->Buffer[plen - 1] == '\\')
				plen--;
			lead = 2;
		}
		break;
	default:				/* relative */
		prefix = cd->Buffer;
		plen = cdl;
		if (cdl >= 2 && SEP(cd->Buffer[0]) && SEP(cd->Buffer[1]))
			lead = 2;
	}
	len = plen + 1 + nlen - skip;
	if (len >= 0x8000)
		return STATUS_NAME_TOO_LONG;
	p = alloc_chars(len + 2);		/* room for a separator more and the NUL */
	if (!p)
		return STATUS_NO_MEMORY;
	if (plen)
		memcpy(p, prefix, plen * 2);
	len = plen;
	/* a current directory ("=X:" values) without its trailing backslash */
	if (plen && !SEP(p[plen - 1]) && nlen > skip && !SEP(name[skip]))
		p[len++] = '\\';
	memcpy(p + len, name + skip, (nlen - skip) * 2);
	len += nlen - skip;
	p[len] = 0;
	*olen = collapse(p, len, lead, path_root);
	*out = p;
	return STATUS_SUCCESS;
}

/*
 * Where the file name starts in the full path @p (@len characters): after
 * the last backslash when something follows it and it is not one of the
 * two that open "\\server"; 0 for none
 */
static SIZE_T file_part_at(const WCHAR *p, SIZE_T len)
{
	SIZE_T i = len;

	if (!len || p[len - 1] == '\\')
		return 0;
	while (i && p[i - 1] != '\\')
		i--;
	return i > 2 ? i : 0;
}

/* NULL, empty or blanks only: no path at all */
static int no_path(const WCHAR *name)
{
	if (!name)
		return 1;
	while (*name == ' ')
		name++;
	return !*name;
}

ULONG NTAPI RtlGetFullPathName_U(PCWSTR name, ULONG size, PWSTR buffer, PWSTR *file_part)
{
	SIZE_T len, i;
	ULONG dev;
	WCHAR *p;

	if (no_path(name))
		return 0;
	if (file_part)
		*file_part = NULL;
	dev = RtlIsDosDeviceName_U(name);
	if (dev) {				/* a device anywhere is "\\.\DEV" */
		len = 4 + (dev & 0xffff) / 2;
		if ((len + 1) * 2 > size)
			return (ULONG)(len + 1) * 2;
		memcpy(buffer, L"\\\\.\\", 8);
		memcpy(buffer + 4, name + (dev >> 16) / 2, dev & 0xffff);
		buffer[len] = 0;
		return (ULONG)len * 2;
	}
	if (!NT_SUCCESS(full_path(name, &p, &len)))
		return 0;
	if ((len + 1) * 2 > size) {
		release(p);
		return (ULONG)(len + 1) * 2;
	}
	memcpy(buffer, p, (len + 1) * 2);
	release(p);
	i = file_part_at(buffer, len);
	if (file_part && i)
		*file_part = buffer + i;
	return (ULONG)len * 2;
}

/* an existing directory? (the directory part of a device name must be one) */
static int is_directory(const WCHAR *dos)
{
	OBJECT_ATTRIBUTES oa = { sizeof(oa), NULL, NULL, OBJ_CASE_INSENSITIVE, NULL, NULL };
	IO_STATUS_BLOCK io;
	UNICODE_STRING nt;
	HANDLE h;
	NTSTATUS st;

	if (!NT_SUCCESS(RtlDosPathNameToNtPathName_U_WithStatus(dos, &nt, NULL, NULL)))
		return 0;
	oa.ObjectName = &nt;
	st = NtOpenFile(&h, FILE_READ_ATTRIBUTES | SYNCHRONIZE, &oa, &io,
			FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT);
	release(nt.Buffer);
	if (!NT_SUCCESS(st))
		return 0;
	NtClose(h);
	return 1;
}

/* "\??\" + @s (@n characters) + "\" when @slash, in a heap buffer */
static NTSTATUS make_nt(UNICODE_STRING *nt, const WCHAR *pre, SIZE_T plen, const WCHAR *s,
			SIZE_T n)
{
	SIZE_T len = 4 + plen + n;
	WCHAR *b;

	if (len > 0x7ffe)
		return STATUS_OBJECT_NAME_INVALID;
	b = alloc_chars(len + 1);
	if (!b)
		return STATUS_NO_MEMORY;
	memcpy(b, L"\\??\\", 8);
	memcpy(b + 4, pre, plen * 2);
	memcpy(b + 4 + plen, s, n * 2);
	b[len] = 0;
	nt->Buffer = b;
	nt->Length = (USHORT)(len * 2);
	nt->MaximumLength = (USHORT)(len * 2 + 2);
	return STATUS_SUCCESS;
}

static void set_file_part(const UNICODE_STRING *nt, PWSTR *file_part)
{
	SIZE_T i = nt->Length / 2;

	*file_part = NULL;
	if (i && nt->Buffer[i - 1] != '\\') {
		while (i && nt->Buffer[i - 1] != '\\')
			i--;
		*file_part = nt->Buffer + i;
	}
}

/*
 * The NT name of a DOS path: "\??\" + its full path, "\??\UNC\server\..."
 * for "\\server\...", "\??\DEV" for a device.  "\\?\x" and "\??\x" are
 * taken as they are.  The relative-name part (RTL_RELATIVE_NAME_U) is not
 * made: it is returned empty, which tells the caller to use the full name.
 */
NTSTATUS NTAPI RtlDosPathNameToNtPathName_U_WithStatus(PCWSTR dos, PUNICODE_STRING nt,
						       PWSTR *file_part, void *relative)
{
	SIZE_T len, n, fp;
	NTSTATUS st;
	ULONG dev;
	WCHAR *p;

	if (relative)
		memset(relative, 0, 0x20);
	if (!nt)
		return STATUS_INVALID_PARAMETER;
	if (no_path(dos))
		return STATUS_OBJECT_NAME_INVALID;
	n = wcslen(dos);
	if (n >= 4 && dos[0] == '\\' && ((dos[1] == '\\' && dos[2] == '?') ||
					 (dos[1] == '?' && dos[2] == '?' && n > 4)) && dos[3] == '\\') {
		st = make_nt(nt, NULL, 0, dos + 4, n - 4);
		if (NT_SUCCESS(st) && file_part)
			set_file_part(nt, file_part);
		return st;
	}
	if (RtlDetermineDosPathNameType_U(dos) != RtlPathTypeLocalDevice &&
	    (dev = RtlIsDosDeviceName_U(dos))) {
		if (dev >> 16) {
			/* "dir\NUL" is the device only where dir exists */
			p = alloc_chars((dev >> 16) / 2 + 1);
			if (!p)
				return STATUS_NO_MEMORY;
			memcpy(p, dos, dev >> 16);
			p[(dev >> 16) / 2] = 0;
			st = is_directory(p) ? STATUS_SUCCESS : STATUS_OBJECT_NAME_INVALID;
			release(p);
			if (!NT_SUCCESS(st))
				return st;
		}
		if (file_part)
			*file_part = NULL;
		return make_nt(nt, NULL, 0, dos + (dev >> 16) / 2, (dev & 0xffff) / 2);
	}
	st = full_path(dos, &p, &len);
	if (!NT_SUCCESS(st))
		return STATUS_OBJECT_NAME_INVALID;
	fp = file_part_at(p, len);
	switch (RtlDetermineDosPathNameType_U(p)) {
	case RtlPathTypeUncAbsolute:
		st = make_nt(nt, L"UNC\\", 4, p + 2, len - 2);
		break;
	case RtlPathTypeLocalDevice:
		st = make_nt(nt, NULL, 0, p + 4, len - 4);
		break;
	default:
		st = make_nt(nt, NULL, 0, p, len);
	}
	release(p);
	if (NT_SUCCESS(st) && file_part)
		*file_part = fp ? nt->Buffer + nt->Length / 2 - (len - fp) : NULL;
	return st;
}

BOOLEAN NTAPI RtlDosPathNameToNtPathName_U(PCWSTR dos, PUNICODE_STRING nt, PWSTR *file_part,
					   void *relative)
{
	return NT_SUCCESS(RtlDosPathNameToNtPathName_U_WithStatus(dos, nt, file_part, relative));
}

/* ---- the current directory ---- */

/* bytes written (without the NUL), or the bytes needed with the NUL */
ULONG NTAPI RtlGetCurrentDirectory_U(ULONG size, PWSTR buffer)
{
	const UNICODE_STRING *cd;
	SIZE_T len;

	ntdll_peb_lock();
	cd = cur_dir();
	len = cd->Length / 2;
	/* without its trailing backslash, except a drive's root "X:\" */
	if (len > 1 && cd->Buffer[len - 1] == '\\' && cd->Buffer[len - 2] != ':')
		len--;
	if (size / 2 > len && buffer) {
		memcpy(buffer, cd->Buffer, len * 2);
		buffer[len] = 0;
	} else {
		len++;
	}
	ntdll_peb_unlock();
	return (ULONG)len * 2;
}

/*
 * The directory must exist: it is opened (FILE_TRAVERSE, as Windows does)
 * and the handle kept in CurrentDirectory.Handle.  The path is kept full,
 * with a trailing backslash, in MAX_PATH characters.
 */
NTSTATUS NTAPI RtlSetCurrentDirectory_U(PUNICODE_STRING dir)
{
	OBJECT_ATTRIBUTES oa = { sizeof(oa), NULL, NULL, OBJ_CASE_INSENSITIVE, NULL, NULL };
	CURDIR *cd = &ntdll_params()->CurrentDirectory;
	WCHAR *name, *full = NULL;
	UNICODE_STRING nt = { 0, 0, NULL };
	IO_STATUS_BLOCK io;
	SIZE_T len;
	HANDLE h;
	NTSTATUS st;

	if (!dir || (dir->Length && !dir->Buffer))
		return STATUS_INVALID_PARAMETER;
	name = alloc_chars(dir->Length / 2 + 1);
	if (!name)
		return STATUS_NO_MEMORY;
	memcpy(name, dir->Buffer, dir->Length);
	name[dir->Length / 2] = 0;
	ntdll_peb_lock();
	st = STATUS_OBJECT_NAME_INVALID;
	if (no_path(name) || RtlIsDosDeviceName_U(name) ||
	    !NT_SUCCESS(full_path(name, &full, &len)))
		goto out;
	st = STATUS_NAME_TOO_LONG;
	if (len + (full[len - 1] != '\\') + 1 > NTDLL_MAX_PATH)
		goto out;
	if (full[len - 1] != '\\') {
		full[len++] = '\\';		/* the buffer has room for the NUL collapse wrote */
		full[len] = 0;
	}
	if (RtlDetermineDosPathNameType_U(full) == RtlPathTypeUncAbsolute)
		st = make_nt(&nt, L"UNC\\", 4, full + 2, len - 2);
	else
		st = make_nt(&nt, NULL, 0, full, len);
	if (!NT_SUCCESS(st))
		goto out;
	/*
	 * Opened without the trailing backslash (but for a drive's root): our
	 * kernel takes "\??\Z:\a\missing\" for a missing path, not a missing name.
	 */
	if (!(len == 3 && full[1] == ':'))
		nt.Length -= 2;
	oa.ObjectName = &nt;
	st = NtOpenFile(&h, FILE_TRAVERSE | SYNCHRONIZE, &oa, &io,
			FILE_SHARE_READ | FILE_SHARE_WRITE,
			FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT);
	if (!NT_SUCCESS(st))
		goto out;
	if (cd->DosPath.MaximumLength < NTDLL_MAX_PATH * 2) {
		/* the kernel's string has no room to spare: MAX_PATH, as Windows gives */
		WCHAR *b = alloc_chars(NTDLL_MAX_PATH);

		if (!b) {
			NtClose(h);
			st = STATUS_NO_MEMORY;
			goto out;
		}
		cd->DosPath.Buffer = b;
		cd->DosPath.MaximumLength = NTDLL_MAX_PATH * 2;
	}
	if (cd->Handle)
		NtClose(cd->Handle);
	cd->Handle = h;
	memcpy(cd->DosPath.Buffer, full, (len + 1) * 2);
	cd->DosPath.Length = (USHORT)(len * 2);
out:
	ntdll_peb_unlock();
	release(nt.Buffer);
	release(full);
	release(name);
	return st;
}

/* ---- files and search paths ---- */

typedef struct {
	LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
	ULONG FileAttributes;
} FILE_BASIC_INFORMATION;

NTSTATUS NTAPI NtQueryAttributesFile(OBJECT_ATTRIBUTES *oa, FILE_BASIC_INFORMATION *info);

/* does the file or directory exist (one that is busy or not ours exists too) */
BOOLEAN NTAPI RtlDoesFileExists_U(PCWSTR name)
{
	OBJECT_ATTRIBUTES oa = { sizeof(oa), NULL, NULL, OBJ_CASE_INSENSITIVE, NULL, NULL };
	FILE_BASIC_INFORMATION info;
	IO_STATUS_BLOCK io;
	UNICODE_STRING nt;
	NTSTATUS st;
	HANDLE h;

	if (!name || !NT_SUCCESS(RtlDosPathNameToNtPathName_U_WithStatus(name, &nt, NULL, NULL)))
		return FALSE;
	oa.ObjectName = &nt;
	st = NtQueryAttributesFile(&oa, &info);
	if (st == STATUS_NOT_IMPLEMENTED || st == STATUS_INVALID_SYSTEM_SERVICE) {
		/* a kernel without the service: an open says as much */
		st = NtOpenFile(&h, FILE_READ_ATTRIBUTES | SYNCHRONIZE, &oa, &io,
				FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
				FILE_SYNCHRONOUS_IO_NONALERT);
		if (NT_SUCCESS(st))
			NtClose(h);
	}
	release(nt.Buffer);
	return NT_SUCCESS(st) || st == STATUS_SHARING_VIOLATION || st == STATUS_ACCESS_DENIED;
}

/*
 * Find @name in the ';'-separated directories @path (with @ext appended
 * when its last component has no '.'), as RtlGetFullPathName_U returns it.
 * A name that is not relative is only checked for existence.
 */
ULONG NTAPI RtlDosSearchPath_U(PCWSTR path, PCWSTR name, PCWSTR ext, ULONG size, PWSTR buffer,
			       PWSTR *file_part)
{
	SIZE_T nlen, elen = 0, i, s, cap = 0;
	WCHAR *cand = NULL;
	ULONG ret = 0;

	if (file_part)
		*file_part = NULL;
	if (!name || !*name)
		return 0;
	if (RtlDetermineDosPathNameType_U(name) != RtlPathTypeRelative)
		return RtlDoesFileExists_U(name) ?
			RtlGetFullPathName_U(name, size, buffer, file_part) : 0;
	nlen = wcslen(name);
	for (i = nlen; i && !SEP(name[i - 1]) && name[i - 1] != '.'; i--)
		;
	if (ext && !(i && name[i - 1] == '.'))
		elen = wcslen(ext);
	for (s = i = 0; path && !ret; i++) {
		SIZE_T dlen = i - s, need;

		if (path[i] && path[i] != ';')
			continue;
		need = dlen + 1 + nlen + elen + 1;
		if (dlen && need > cap) {
			release(cand);
			cand = alloc_chars(need);
			cap = cand ? need : 0;
			if (!cand)
				return 0;
		}
		if (dlen) {
			memcpy(cand, path + s, dlen * 2);
			if (!SEP(cand[dlen - 1]))
				cand[dlen++] = '\\';
			memcpy(cand + dlen, name, nlen * 2);
			memcpy(cand + dlen + nlen, ext, elen * 2);
			cand[dlen + nlen + elen] = 0;
			if (RtlDoesFileExists_U(cand))
				ret = RtlGetFullPathName_U(cand, size, buffer, file_part);
		}
		if (!path[i])
			break;
		s = i + 1;
	}
	release(cand);
	return ret;
}
