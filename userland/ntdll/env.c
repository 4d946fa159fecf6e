// SPDX-License-Identifier: GPL-2.0
/*
 * Environment blocks and process parameters.
 *
 * An environment block is a run of "NAME=value" strings, each ending in a
 * NUL, with one more NUL after the last.  A name ends at the first '=' past
 * its first character (so "=C:=C:\dir", the current directory of drive C,
 * is named "=C:"), and names are compared ignoring case.  As on Windows 10,
 * a block made here is a process-heap block that grows by reallocation and
 * never shrinks; ProcessParameters->EnvironmentSize is the heap size of the
 * process's block.  The kernel's initial block (personality/exec.c) lies
 * inside the process parameters' own mapping: it is never freed, and the
 * first change to the process's environment copies it to the heap.
 *
 * RtlCreateProcessParametersEx lays out one heap block as Windows does: the
 * 0x440-byte structure, the strings (CurrentDirectory, DllPath,
 * ImagePathName, CommandLine, WindowTitle, DesktopInfo, ShellInfo,
 * RuntimeData) each at an 8-byte boundary with its own MaximumLength, then
 * a copy of the environment.
 */
#include "crt.h"
#include "env.h"
#include "heap.h"
#include "nls.h"

int ntdll_wcsnicmp(const WCHAR *a, const WCHAR *b, SIZE_T n)
{
	SIZE_T i;

	for (i = 0; i < n; i++) {
		WCHAR x = RtlUpcaseUnicodeChar(a[i]), y = RtlUpcaseUnicodeChar(b[i]);

		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

/* characters of the block @env, its final NUL included */
static SIZE_T env_chars(const WCHAR *env)
{
	const WCHAR *p = env;

	while (*p)
		p += wcslen(p) + 1;
	return (SIZE_T)(p - env) + 1;
}

/* does the entry @e start with @name (@len characters, case-insensitive), then '=' */
static int entry_is(const WCHAR *e, const WCHAR *name, SIZE_T len)
{
	SIZE_T i;

	for (i = 0; i < len; i++)
		if (!e[i] || RtlUpcaseUnicodeChar(e[i]) != RtlUpcaseUnicodeChar(name[i]))
			return 0;
	return e[len] == '=';
}

const WCHAR *ntdll_env_find(const WCHAR *env, const WCHAR *name, SIZE_T len)
{
	const WCHAR *p;

	if (!env || !len)
		return NULL;
	for (p = env; *p; p += wcslen(p) + 1)
		if (entry_is(p, name, len))
			return p + len + 1;
	return NULL;
}

/* the kernel's initial environment, in the parameters' mapping: not a heap block */
static int env_in_params(const WCHAR *env)
{
	const BYTE *pp = (const BYTE *)ntdll_params();

	return pp && (const BYTE *)env >= pp && (const BYTE *)env < pp + ntdll_params()->MaximumLength;
}

static WCHAR *env_copy(const WCHAR *env)
{
	SIZE_T n = env ? env_chars(env) : 1;
	WCHAR *p = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, n < 2 ? 4 : n * 2);

	if (p && env)
		memcpy(p, env, n * 2);
	return p;
}

NTSTATUS NTAPI RtlCreateEnvironment(BOOLEAN clone, PWSTR *env)
{
	if (!env)
		return STATUS_INVALID_PARAMETER;
	if (clone) {
		ntdll_peb_lock();
		*env = env_copy(ntdll_params()->Environment);
		ntdll_peb_unlock();
	} else {
		*env = env_copy(NULL);
	}
	return *env ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}

NTSTATUS NTAPI RtlDestroyEnvironment(PWSTR env)
{
	if (env && !env_in_params(env))
		RtlFreeHeap(RtlGetProcessHeap(), 0, env);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlSetCurrentEnvironment(PWSTR env, PWSTR *old)
{
	RTL_USER_PROCESS_PARAMETERS *pp = ntdll_params();
	PWSTR prev;

	ntdll_peb_lock();
	prev = pp->Environment;
	pp->Environment = env;
	pp->EnvironmentSize = env && !env_in_params(env) ?
		RtlSizeHeap(RtlGetProcessHeap(), 0, env) : 0;
	ntdll_peb_unlock();
	if (old)
		*old = prev;
	else
		RtlDestroyEnvironment(prev);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlQueryEnvironmentVariable_U(PWSTR env, PUNICODE_STRING name,
					     PUNICODE_STRING value)
{
	NTSTATUS st = STATUS_VARIABLE_NOT_FOUND;
	const WCHAR *v;
	SIZE_T n;

	if (!name || !value)
		return STATUS_INVALID_PARAMETER;
	if (!env)
		ntdll_peb_lock();
	v = ntdll_env_find(env ? env : ntdll_params()->Environment, name->Buffer,
			   name->Length / 2);
	if (v) {
		n = wcslen(v) * 2;
		if (n > 0xfffe) {
			st = STATUS_BUFFER_TOO_SMALL;	/* no UNICODE_STRING holds it */
		} else if (n > value->MaximumLength) {
			value->Length = (USHORT)n;
			st = STATUS_BUFFER_TOO_SMALL;
		} else {
			/* all of it fits: success, with a NUL only if there is room */
			memcpy(value->Buffer, v, n);
			if (n + 2 <= value->MaximumLength)
				value->Buffer[n / 2] = 0;
			value->Length = (USHORT)n;
			st = STATUS_SUCCESS;
		}
	}
	if (!env)
		ntdll_peb_unlock();
	return st;
}

/* names sort as Windows keeps them: case-insensitively, up to their '=' */
static int name_before(const WCHAR *name, SIZE_T len, const WCHAR *e)
{
	SIZE_T i;

	for (i = 0; i < len; i++) {
		WCHAR x, y;

		if (!e[i] || (e[i] == '=' && i))
			return 0;		/* the entry's name is a prefix of ours */
		x = RtlUpcaseUnicodeChar(name[i]);
		y = RtlUpcaseUnicodeChar(e[i]);
		if (x != y)
			return x < y;
	}
	return 1;
}

/*
 * Set @name to @value (delete it when @value is NULL) in *@penv, or in the
 * process's environment when @penv is NULL.  The block is replaced by a
 * bigger one when the new entry does not fit in its heap block.
 */
NTSTATUS NTAPI RtlSetEnvironmentVariable(PWSTR *penv, PUNICODE_STRING name, PUNICODE_STRING value)
{
	RTL_USER_PROCESS_PARAMETERS *pp = ntdll_params();
	SIZE_T len, vlen, old, at, elen, nlen, tail, need, cap, i;
	NTSTATUS st = STATUS_SUCCESS;
	WCHAR *env, *dst, *p;

	if (!name || !name->Buffer || name->Length < 2)
		return STATUS_INVALID_PARAMETER;
	len = name->Length / 2;
	for (i = 1; i < len; i++)
		if (name->Buffer[i] == '=')
			return STATUS_INVALID_PARAMETER;
	vlen = value ? value->Length / 2 : 0;
	if (value && vlen && !value->Buffer)
		return STATUS_INVALID_PARAMETER;

	if (!penv)
		ntdll_peb_lock();
	env = penv ? *penv : pp->Environment;
	if (!env) {
		st = STATUS_INVALID_PARAMETER;
		goto out;
	}
	old = env_chars(env);
	/* the entry to replace, or where the new one sorts */
	at = old - 1;
	elen = 0;
	for (p = env; *p; p += wcslen(p) + 1) {
		if (entry_is(p, name->Buffer, len)) {
			at = p - env;
			elen = wcslen(p) + 1;
			break;
		}
		if (at == old - 1 && name_before(name->Buffer, len, p))
			at = p - env;
	}
	if (!value && !elen)
		goto out;		/* nothing to delete */
	nlen = value ? len + 1 + vlen + 1 : 0;
	tail = old - at - elen;
	need = old - elen + nlen;
	cap = env_in_params(env) ? 0 : RtlSizeHeap(RtlGetProcessHeap(), 0, env);
	if (cap != (SIZE_T)-1 && need * 2 <= cap) {
		dst = env;
		memmove(dst + at + nlen, env + at + elen, tail * 2);
	} else {
		dst = RtlAllocateHeap(RtlGetProcessHeap(), 0, need * 2);
		if (!dst) {
			st = STATUS_NO_MEMORY;
			goto out;
		}
		memcpy(dst, env, at * 2);
		memcpy(dst + at + nlen, env + at + elen, tail * 2);
	}
	if (value) {
		memcpy(dst + at, name->Buffer, len * 2);
		dst[at + len] = '=';
		memcpy(dst + at + len + 1, value->Buffer, vlen * 2);
		dst[at + len + 1 + vlen] = 0;
	}
	if (dst != env) {
		RtlDestroyEnvironment(env);
		if (penv) {
			*penv = dst;
		} else {
			pp->Environment = dst;
			pp->EnvironmentSize = RtlSizeHeap(RtlGetProcessHeap(), 0, dst);
		}
	}
out:
	if (!penv)
		ntdll_peb_unlock();
	return st;
}

/*
 * %NAME% becomes NAME's value; "%NAME%" for a name that is not set, and a
 * '%' without a closing one, stay as they are.  *@bytes: the size of the
 * whole result with its NUL, whether it fit or not.
 */
NTSTATUS NTAPI RtlExpandEnvironmentStrings_U(PWSTR env, PUNICODE_STRING src, PUNICODE_STRING dst,
					     PULONG bytes)
{
	SIZE_T n, i, k, total = 0, room;
	int locked = !env;
	const WCHAR *s;
	NTSTATUS st;

	if (!src || !dst)
		return STATUS_INVALID_PARAMETER;
	s = src->Buffer;
	n = src->Length / 2;
	room = dst->Buffer ? dst->MaximumLength / 2 : 0;
	if (locked) {
		ntdll_peb_lock();
		env = ntdll_params()->Environment;
	}
	for (i = 0; i < n;) {
		const WCHAR *piece = s + i, *v = NULL;
		SIZE_T len;

		for (k = i + 1; k < n && s[k] != '%'; k++)
			;
		if (s[i] != '%') {
			len = k - i;
			i = k;
		} else if (k == n) {
			len = n - i;		/* no closing '%': the rest as it is */
			i = n;
		} else {
			v = ntdll_env_find(env, s + i + 1, k - i - 1);
			len = v ? wcslen(v) : k - i + 1;
			if (v)
				piece = v;
			i = k + 1;
		}
		if (total < room)
			memcpy(dst->Buffer + total, piece,
			       (room - total < len ? room - total : len) * 2);
		total += len;
	}
	if (locked)
		ntdll_peb_unlock();
	st = STATUS_BUFFER_TOO_SMALL;
	if (total < room && total < 0x7fff) {
		dst->Buffer[total] = 0;
		dst->Length = (USHORT)(total * 2);
		st = STATUS_SUCCESS;
	}
	if (bytes)
		*bytes = (ULONG)((total + 1) * 2);
	return st;
}

/* ---- process parameters ---- */

#define ALIGN8(n)	(((n) + 7) & ~(SIZE_T)7)

static const UNICODE_STRING empty_str = { 0, 2, (PWSTR)L"" };
static const UNICODE_STRING null_str = { 0, 0, NULL };

static USHORT str_room(const UNICODE_STRING *s)
{
	return s->MaximumLength > s->Length ? s->MaximumLength : s->Length;
}

/* copy @src to @dst, its text at *@at (which moves past its room) */
static void put_string(UNICODE_STRING *dst, const UNICODE_STRING *src, USHORT room, BYTE **at)
{
	dst->Length = src->Length;
	dst->MaximumLength = room;
	if (!room) {
		dst->Buffer = NULL;
		return;
	}
	dst->Buffer = (PWSTR)*at;
	if (src->Length)
		memcpy(dst->Buffer, src->Buffer, src->Length);
	*at += ALIGN8(room);
}

static UNICODE_STRING *pp_strings(RTL_USER_PROCESS_PARAMETERS *pp, unsigned int i)
{
	UNICODE_STRING *s[] = {
		&pp->CurrentDirectory.DosPath, &pp->DllPath, &pp->ImagePathName, &pp->CommandLine,
		&pp->WindowTitle, &pp->DesktopInfo, &pp->ShellInfo, &pp->RuntimeData,
	};

	return i < sizeof(s) / sizeof(s[0]) ? s[i] : NULL;
}

/* offsets into pointers: Windows' normalization of a parameters block */
RTL_USER_PROCESS_PARAMETERS *NTAPI RtlNormalizeProcessParams(RTL_USER_PROCESS_PARAMETERS *pp)
{
	UNICODE_STRING *s;
	unsigned int i;

	if (!pp || (pp->Flags & RTL_USER_PROC_PARAMS_NORMALIZED))
		return pp;
	for (i = 0; (s = pp_strings(pp, i)); i++)
		if (s->Buffer)
			s->Buffer = (PWSTR)((BYTE *)pp + (ULONG_PTR)s->Buffer);
	pp->Flags |= RTL_USER_PROC_PARAMS_NORMALIZED;
	return pp;
}

static void denormalize(RTL_USER_PROCESS_PARAMETERS *pp)
{
	UNICODE_STRING *s;
	unsigned int i;

	for (i = 0; (s = pp_strings(pp, i)); i++)
		if (s->Buffer)
			s->Buffer = (PWSTR)((BYTE *)s->Buffer - (BYTE *)pp);
	pp->Flags &= ~RTL_USER_PROC_PARAMS_NORMALIZED;
}

/*
 * A parameters block for a new process.  What is not given comes from the
 * current process (DllPath, the current directory, the environment) or is
 * empty; the command line defaults to the image path.  The current
 * directory gets MAX_PATH characters of room and a trailing backslash.
 */
NTSTATUS NTAPI RtlCreateProcessParametersEx(RTL_USER_PROCESS_PARAMETERS **result,
					    PUNICODE_STRING image, PUNICODE_STRING dll_path,
					    PUNICODE_STRING cur_dir, PUNICODE_STRING cmd_line,
					    PWSTR env, PUNICODE_STRING title,
					    PUNICODE_STRING desktop, PUNICODE_STRING shell,
					    PUNICODE_STRING runtime, ULONG flags)
{
	RTL_USER_PROCESS_PARAMETERS *cur = ntdll_params(), *pp;
	const UNICODE_STRING *src[8];
	UNICODE_STRING dir;
	USHORT room[8];
	SIZE_T size, env_bytes = 0;
	unsigned int i;
	int slash;
	BYTE *at;

	if (!result || !image)
		return STATUS_INVALID_PARAMETER;
	*result = NULL;
	ntdll_peb_lock();
	dir = cur_dir ? *cur_dir : cur->CurrentDirectory.DosPath;
	src[0] = &dir;
	src[1] = dll_path ? dll_path : &cur->DllPath;
	src[2] = image;
	src[3] = cmd_line ? cmd_line : image;
	src[4] = title ? title : &empty_str;
	src[5] = desktop ? desktop : &empty_str;
	src[6] = shell ? shell : &empty_str;
	src[7] = runtime ? runtime : &null_str;
	if (!env)
		env = cur->Environment;
	slash = dir.Length >= 2 && dir.Buffer[dir.Length / 2 - 1] != '\\';
	if (slash && dir.Length > 0xfffe - 4) {
		ntdll_peb_unlock();
		return STATUS_NAME_TOO_LONG;
	}
	dir.Length += slash ? 2 : 0;
	room[0] = dir.Length + 2 > NTDLL_MAX_PATH * 2 ? dir.Length + 2 : NTDLL_MAX_PATH * 2;
	size = sizeof(*pp) + ALIGN8(room[0]);
	for (i = 1; i < 8; i++) {
		room[i] = str_room(src[i]);
		size += ALIGN8(room[i]);
	}
	if (env)
		env_bytes = env_chars(env) * 2;
	pp = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, size + ALIGN8(env_bytes));
	if (!pp) {
		ntdll_peb_unlock();
		return STATUS_NO_MEMORY;
	}
	pp->MaximumLength = pp->Length = (ULONG)size;
	pp->Flags = RTL_USER_PROC_PARAMS_NORMALIZED;
	at = (BYTE *)(pp + 1);
	for (i = 0; i < 8; i++) {
		UNICODE_STRING s = *src[i];

		if (!i)
			s.Length -= slash ? 2 : 0;	/* the backslash is added below */
		put_string(pp_strings(pp, i), &s, room[i], &at);
	}
	if (slash) {
		pp->CurrentDirectory.DosPath.Buffer[dir.Length / 2 - 1] = '\\';
		pp->CurrentDirectory.DosPath.Length = dir.Length;
	}
	if (env) {
		pp->Environment = (PWSTR)((BYTE *)pp + size);
		memcpy(pp->Environment, env, env_bytes);
		pp->EnvironmentSize = ALIGN8(env_bytes);
	}
	ntdll_peb_unlock();
	if (!(flags & RTL_USER_PROC_PARAMS_NORMALIZED))
		denormalize(pp);
	*result = pp;
	return STATUS_SUCCESS;
}

void NTAPI RtlDestroyProcessParameters(RTL_USER_PROCESS_PARAMETERS *pp)
{
	if (pp && pp != ntdll_params())
		RtlFreeHeap(RtlGetProcessHeap(), 0, pp);
}
