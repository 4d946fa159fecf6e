// SPDX-License-Identifier: GPL-2.0
/*
 * envtest.exe: environment blocks (set, query, delete, overwrite, names
 * ignoring case, too small buffers, %VAR% expansion, private blocks and
 * the process's own) and process parameters (RtlCreateProcessParametersEx
 * with defaults and with every string, normalized or not), with the
 * results Windows gives (Wine's conformance tests).
 */
#include "ntdllrt.h"

#define P "envtest"
#define NORMALIZED	1

/* the Windows x64 RTL_USER_PROCESS_PARAMETERS, the fields checked */
typedef struct {
	ULONG MaximumLength, Length, Flags, DebugFlags;
	HANDLE ConsoleHandle;
	ULONG ConsoleFlags;
	HANDLE Std[3];
	UNICODE_STRING CurDir;
	HANDLE CurDirHandle;
	UNICODE_STRING DllPath, ImagePathName, CommandLine;
	WCHAR *Environment;
	ULONG Window[9];
	UNICODE_STRING WindowTitle, DesktopInfo, ShellInfo, RuntimeData;
	unsigned char CurrentDirectories[32 * 0x18];
	ULONG_PTR EnvironmentSize;
} PARAMS;

_Static_assert(__builtin_offsetof(PARAMS, CurDir) == 0x38, "PARAMS");
_Static_assert(__builtin_offsetof(PARAMS, Environment) == 0x80, "PARAMS");
_Static_assert(__builtin_offsetof(PARAMS, WindowTitle) == 0xb0, "PARAMS");
_Static_assert(__builtin_offsetof(PARAMS, EnvironmentSize) == 0x3f0, "PARAMS");

static PARAMS *cur_params(void)
{
	return (PARAMS *)nt_params();
}

static int weq(const WCHAR *a, const WCHAR *b, ULONG n)
{
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

static int us_eq(const UNICODE_STRING *u, const WCHAR *s)
{
	return u->Length == nt_wcslen(s) * 2 && weq(u->Buffer, s, u->Length / 2);
}

static unsigned long long env_chars(const WCHAR *e)
{
	const WCHAR *p = e;

	while (*p)
		p += nt_wcslen(p) + 1;
	return (unsigned long long)(p - e) + 1;
}

static NTSTATUS set(WCHAR **env, const WCHAR *name, const WCHAR *value)
{
	UNICODE_STRING n, v;

	RtlInitUnicodeString(&n, name);
	RtlInitUnicodeString(&v, value);
	return RtlSetEnvironmentVariable(env, &n, value ? &v : 0);
}

/* @name's value in @env is @want (0: not set) */
static int query_is(WCHAR *env, const WCHAR *name, const WCHAR *want)
{
	WCHAR buf[64];
	UNICODE_STRING n, v = { 0, sizeof(buf), buf };
	NTSTATUS st;

	RtlInitUnicodeString(&n, name);
	st = RtlQueryEnvironmentVariable_U(env, &n, &v);
	if (!want)
		return st == STATUS_VARIABLE_NOT_FOUND;
	return st == 0 && us_eq(&v, want) && buf[v.Length / 2] == 0;
}

static void private_env(void)
{
	WCHAR *env = 0, buf[16];
	UNICODE_STRING n, v;
	NTSTATUS st;

	CHECK(P, RtlCreateEnvironment(0, &env) == 0 && env && env[0] == 0);
	CHECK(P, set(&env, L"cat", L"dog") == 0 && query_is(env, L"cat", L"dog"));
	CHECK(P, set(&env, L"cat", L"horse") == 0 && query_is(env, L"cat", L"horse"));
	CHECK(P, query_is(env, L"CAT", L"horse") && query_is(env, L"cAt", L"horse"));
	CHECK(P, set(&env, L"cat", 0) == 0 && query_is(env, L"cat", 0));
	CHECK(P, set(&env, L"cat", 0) == 0);			/* not there: fine */
	CHECK(P, set(&env, L"foo", L"meouw") == 0 && query_is(env, L"foo", L"meouw"));
	CHECK(P, set(&env, L"fOo", 0) == 0 && query_is(env, L"foo", 0));
	CHECK(P, set(&env, L"me=too", L"also") == STATUS_INVALID_PARAMETER);
	CHECK(P, set(&env, L"me", L"too=also") == 0 && query_is(env, L"me", L"too=also"));
	CHECK(P, set(&env, L"=too", L"also") == 0 && query_is(env, L"=too", L"also"));
	CHECK(P, set(&env, L"=", L"also") == 0 && query_is(env, L"=", L"also"));
	CHECK(P, set(&env, L"empty", L"") == 0 && query_is(env, L"empty", L""));
	CHECK(P, query_is(env, L"me=", 0) && query_is(env, L"m", 0) && query_is(env, L"me ", 0));
	CHECK(P, query_is(env, L"", 0));
	/* many: the block grows and stays well-formed */
	CHECK(P, set(&env, L"bb", L"0123456789012345678901234567890123456789") == 0);
	CHECK(P, set(&env, L"aa", L"0123456789012345678901234567890123456789") == 0);
	CHECK(P, set(&env, L"zz", L"0123456789012345678901234567890123456789") == 0);
	CHECK(P, query_is(env, L"me", L"too=also") && query_is(env, L"zz", 0) == 0);
	CHECK(P, set(&env, L"bb", 0) == 0 && query_is(env, L"aa", L"0123456789012345678901234567890123456789"));
	CHECK(P, query_is(env, L"bb", 0) && query_is(env, L"=", L"also"));

	/* too small: the length needed; exactly the value's size: no NUL */
	RtlInitUnicodeString(&n, L"me");
	v.Buffer = buf;
	v.MaximumLength = 14;
	v.Length = 0;
	buf[7] = buf[8] = '@';
	st = RtlQueryEnvironmentVariable_U(env, &n, &v);
	CHECK(P, st == STATUS_BUFFER_TOO_SMALL && v.Length == 16 && buf[7] == '@');
	v.MaximumLength = 16;
	st = RtlQueryEnvironmentVariable_U(env, &n, &v);
	CHECK(P, st == 0 && v.Length == 16 && weq(buf, L"too=also", 8) && buf[8] == '@');
	v.MaximumLength = 18;
	st = RtlQueryEnvironmentVariable_U(env, &n, &v);
	CHECK(P, st == 0 && v.Length == 16 && buf[8] == 0);
	CHECK(P, RtlDestroyEnvironment(env) == 0);
}

/* a block as Wine's tests use, with a name inside a value and a "=" name */
static WCHAR small_env[] = L"foo=toto\0fo=titi\0fooo=tutu\0sr=an=ouo\0=oOH=III\0nul=\0";

static void query_table(void)
{
	WCHAR buf[8];
	UNICODE_STRING n, v = { 0, 8, buf };
	NTSTATUS st;

	CHECK(P, query_is(small_env, L"foo", L"toto") && query_is(small_env, L"FoO", L"toto"));
	CHECK(P, query_is(small_env, L"fooo", L"tutu") && query_is(small_env, L"fo", L"titi"));
	CHECK(P, query_is(small_env, L"f", 0) && query_is(small_env, L"foo=", 0));
	CHECK(P, query_is(small_env, L"sr", L"an=ouo") && query_is(small_env, L"=oOH", L"III"));
	CHECK(P, query_is(small_env, L"nul", L""));
	/* Windows finds "sr=an" as the prefix of "sr=an=ouo"; Wine does not */
	if (!nt_on_wine())
		CHECK(P, query_is(small_env, L"sr=an", L"ouo"));
	RtlInitUnicodeString(&n, L"foo");
	v.MaximumLength = 6;
	st = RtlQueryEnvironmentVariable_U(small_env, &n, &v);
	CHECK(P, st == STATUS_BUFFER_TOO_SMALL && v.Length == 8);
}

static void expand(void)
{
	static const struct {
		const WCHAR *src, *dst;
	} t[] = {
		{ L"hello%foo%world", L"hellototoworld" },
		{ L"hello%=oOH%world", L"helloIIIworld" },
		{ L"hello%foo", L"hello%foo" },
		{ L"hello%bar%world", L"hello%bar%world" },
		{ L"%FOO%%fo%", L"tototiti" },
		{ L"%nul%.", L"." },
		{ L"no variables", L"no variables" },
	};
	WCHAR dst[64];
	UNICODE_STRING s, d;
	unsigned int i;
	ULONG len;
	NTSTATUS st;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ULONG want = (ULONG)(nt_wcslen(t[i].dst) + 1) * 2;

		RtlInitUnicodeString(&s, t[i].src);
		d.Length = d.MaximumLength = 0;
		d.Buffer = 0;
		len = 0;
		st = RtlExpandEnvironmentStrings_U(small_env, &s, &d, &len);
		CHECK(P, st == STATUS_BUFFER_TOO_SMALL && len == want);
		d.Buffer = dst;
		d.MaximumLength = sizeof(dst);
		st = RtlExpandEnvironmentStrings_U(small_env, &s, &d, &len);
		CHECK(P, st == 0 && len == want && d.Length == want - 2 && us_eq(&d, t[i].dst) &&
		      dst[d.Length / 2] == 0);
		d.MaximumLength = 8 * 2;
		d.Length = 0;
		dst[8] = '-';
		st = RtlExpandEnvironmentStrings_U(small_env, &s, &d, &len);
		CHECK(P, (want > 16 ? st == STATUS_BUFFER_TOO_SMALL : st == 0) && len == want);
		CHECK(P, dst[8] == '-');
	}
}

/* the process's own environment, and private blocks put in its place */
static void process_env(void)
{
	PARAMS *pp = cur_params();
	WCHAR *mine = 0, *old = 0, *env;
	int wine = nt_on_wine();
	UNICODE_STRING n, v;
	WCHAR buf[16];
	NTSTATUS st;

	CHECK(P, set(0, L"ENVTEST_VAR", L"one") == 0);
	CHECK(P, query_is(0, L"envtest_var", L"one") && query_is(pp->Environment, L"ENVTEST_VAR", L"one"));
	CHECK(P, pp->EnvironmentSize == RtlSizeHeap(process_heap(), 0, pp->Environment));
	CHECK(P, pp->EnvironmentSize >= env_chars(pp->Environment) * 2);
	CHECK(P, set(0, L"ENVTEST_VAR", L"two") == 0 && query_is(0, L"ENVTEST_VAR", L"two"));
	/* a clone has it; the empty block has nothing */
	CHECK(P, RtlCreateEnvironment(1, &mine) == 0 && query_is(mine, L"ENVTEST_VAR", L"two"));
	CHECK(P, env_chars(mine) == env_chars(pp->Environment));
	CHECK(P, set(&mine, L"ENVTEST_VAR", L"mine") == 0 && query_is(0, L"ENVTEST_VAR", L"two"));
	env = pp->Environment;
	/* Windows 10's returns a status, Wine's nothing */
	st = RtlSetCurrentEnvironment(mine, &old);
	CHECK(P, (wine || st == 0) && old == env && pp->Environment == mine);
	CHECK(P, pp->EnvironmentSize == RtlSizeHeap(process_heap(), 0, mine));
	CHECK(P, query_is(0, L"ENVTEST_VAR", L"mine"));
	/* the old one back; the private one freed with it */
	st = RtlSetCurrentEnvironment(old, 0);
	CHECK(P, (wine || st == 0) && pp->Environment == old);
	CHECK(P, query_is(0, L"ENVTEST_VAR", L"two"));
	CHECK(P, set(0, L"ENVTEST_VAR", 0) == 0 && query_is(0, L"ENVTEST_VAR", 0));
	/* %VAR% from the process's block (env NULL) */
	CHECK(P, set(0, L"ENVTEST_X", L"ex") == 0);
	RtlInitUnicodeString(&n, L"<%envtest_x%>");
	v.Buffer = buf;
	v.MaximumLength = sizeof(buf);
	CHECK(P, RtlExpandEnvironmentStrings_U(0, &n, &v, 0) == 0 && us_eq(&v, L"<ex>"));
	CHECK(P, set(0, L"ENVTEST_X", 0) == 0);
}

static int in_block(const PARAMS *pp, const WCHAR *p, unsigned long long bytes)
{
	const unsigned char *b = (const unsigned char *)p, *base = (const unsigned char *)pp;

	return b >= base + sizeof(PARAMS) && b + bytes <= base + pp->Length &&
	       !((unsigned long long)b & 7);
}

static void params(void)
{
	UNICODE_STRING image, dummy, dir;
	PARAMS *cur = cur_params(), *pp = 0;
	WCHAR env[] = L"a=b\0c=d\0";
	WCHAR dirbuf[260] = L"dummy2";
	int wine = nt_on_wine();
	const WCHAR *e;
	NTSTATUS st;

	RtlInitUnicodeString(&image, L"c:\\foo.exe");
	RtlInitUnicodeString(&dummy, L"dummy1");
	dir.Buffer = dirbuf;
	dir.Length = 12;
	dir.MaximumLength = sizeof(dirbuf);

	if (!wine)		/* Wine's writes through the NULL */
		CHECK(P, RtlCreateProcessParametersEx(0, &image, 0, 0, 0, 0, 0, 0, 0, 0,
						      NORMALIZED) == STATUS_INVALID_PARAMETER);
	/* defaults: from the current process, or empty */
	st = RtlCreateProcessParametersEx((void **)&pp, &image, 0, 0, 0, 0, 0, 0, 0, 0, NORMALIZED);
	CHECK(P, st == 0 && pp);
	if (!pp)
		return;
	CHECK(P, pp->Flags == NORMALIZED && pp->MaximumLength == pp->Length);
	CHECK(P, pp->Length < RtlSizeHeap(process_heap(), 0, pp));
	CHECK(P, !pp->ConsoleHandle && !pp->Std[0] && !pp->Std[1] && !pp->Std[2] && !pp->CurDirHandle);
	CHECK(P, pp->CurDir.MaximumLength == 520 && pp->CurDir.Length == cur->CurDir.Length);
	CHECK(P, in_block(pp, pp->CurDir.Buffer, 520));
	CHECK(P, weq(pp->CurDir.Buffer, cur->CurDir.Buffer, cur->CurDir.Length / 2));
	CHECK(P, pp->DllPath.Length == cur->DllPath.Length);
	CHECK(P, pp->DllPath.MaximumLength == cur->DllPath.MaximumLength);
	CHECK(P, !pp->DllPath.Length || weq(pp->DllPath.Buffer, cur->DllPath.Buffer,
					    cur->DllPath.Length / 2));
	CHECK(P, us_eq(&pp->ImagePathName, L"c:\\foo.exe") && pp->ImagePathName.MaximumLength == 22);
	CHECK(P, in_block(pp, pp->ImagePathName.Buffer, 22) && pp->ImagePathName.Buffer[10] == 0);
	CHECK(P, us_eq(&pp->CommandLine, L"c:\\foo.exe") && pp->CommandLine.MaximumLength == 22);
	CHECK(P, pp->CommandLine.Buffer != pp->ImagePathName.Buffer);
	CHECK(P, pp->WindowTitle.Length == 0 && pp->WindowTitle.MaximumLength == 2);
	CHECK(P, pp->DesktopInfo.Length == 0 && pp->DesktopInfo.MaximumLength == 2);
	CHECK(P, pp->ShellInfo.Length == 0 && pp->ShellInfo.MaximumLength == 2);
	CHECK(P, pp->ShellInfo.Buffer && pp->ShellInfo.Buffer[0] == 0);
	CHECK(P, pp->RuntimeData.MaximumLength == 0 && !pp->RuntimeData.Buffer);
	/* a copy of the current environment, after the strings */
	CHECK(P, (unsigned char *)pp->Environment == (unsigned char *)pp + pp->Length);
	CHECK(P, env_chars(pp->Environment) == env_chars(cur->Environment));
	CHECK(P, weq(pp->Environment, cur->Environment, (ULONG)env_chars(cur->Environment)));
	CHECK(P, pp->EnvironmentSize == ((env_chars(cur->Environment) * 2 + 7) & ~7ULL));
	CHECK(P, pp->EnvironmentSize == RtlSizeHeap(process_heap(), 0, pp) - pp->Length);
	RtlDestroyProcessParameters(pp);

	/* every string given, not normalized: offsets from the block */
	pp = 0;
	st = RtlCreateProcessParametersEx((void **)&pp, &image, &dummy, &dir, &dummy, env, &dummy,
					  &dummy, &dummy, &dummy, 0);
	CHECK(P, st == 0 && pp);
	if (!pp)
		return;
	CHECK(P, pp->Flags == 0);
	CHECK(P, (unsigned long long)pp->ImagePathName.Buffer < pp->Length);
	/* right after the structure (Windows 10's 0x440 bytes; Wine's is shorter) */
	CHECK(P, (unsigned long long)pp->CurDir.Buffer == 0x440 || wine);
	CHECK(P, (unsigned char *)pp->Environment == (unsigned char *)pp + pp->Length);
	CHECK(P, RtlNormalizeProcessParams(pp) == pp && pp->Flags == NORMALIZED);
	CHECK(P, RtlNormalizeProcessParams(pp) == pp && pp->Flags == NORMALIZED);
	/* Windows 10 gives the current directory a trailing backslash */
	CHECK(P, (us_eq(&pp->CurDir, L"dummy2\\") || (wine && us_eq(&pp->CurDir, L"dummy2"))) &&
	      pp->CurDir.MaximumLength == 520);
	CHECK(P, us_eq(&pp->DllPath, L"dummy1") && us_eq(&pp->CommandLine, L"dummy1"));
	CHECK(P, us_eq(&pp->ImagePathName, L"c:\\foo.exe"));
	CHECK(P, us_eq(&pp->WindowTitle, L"dummy1") && us_eq(&pp->DesktopInfo, L"dummy1"));
	CHECK(P, us_eq(&pp->ShellInfo, L"dummy1") && us_eq(&pp->RuntimeData, L"dummy1"));
	CHECK(P, pp->RuntimeData.MaximumLength == 14 && pp->RuntimeData.Buffer[6] == 0);
	e = pp->Environment;
	CHECK(P, env_chars(e) == 9 && weq(e, env, 9) && pp->EnvironmentSize == 24);
	RtlDestroyProcessParameters(pp);
	CHECK(P, RtlNormalizeProcessParams(0) == 0);
}

int start(void *peb)
{
	(void)peb;
	private_env();
	query_table();
	expand();
	process_env();
	params();
	return nt_done(P);
}
