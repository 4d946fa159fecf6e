// SPDX-License-Identifier: GPL-2.0
/*
 * pathtest.exe: DOS paths as Windows reads them (the seven path types, DOS
 * device names, full path names, DOS -> NT names: the tables of Wine's
 * conformance tests, with Z:\tmp as the current directory instead of
 * C:\windows), the current directory (set to Z:\tmp and back, missing
 * directories), file existence, RtlDosSearchPath_U, and the DLL
 * directories and search paths.  Only what does not depend on the drives
 * is compared, so that Wine's ntdll passes too.
 */
#include "ntdllrt.h"

#define P "pathtest"

#define LOAD_WITH_ALTERED_SEARCH_PATH		0x00000008
#define LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR	0x00000100
#define LOAD_LIBRARY_SEARCH_APPLICATION_DIR	0x00000200
#define LOAD_LIBRARY_SEARCH_USER_DIRS		0x00000400
#define LOAD_LIBRARY_SEARCH_SYSTEM32		0x00000800

static int wine;

static int weq(const WCHAR *a, const WCHAR *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* equal, ignoring ASCII case, for @n characters */
static int wieq(const WCHAR *a, const WCHAR *b, unsigned long long n)
{
	while (n--) {
		WCHAR x = *a++, y = *b++;

		if (x >= 'a' && x <= 'z')
			x -= 32;
		if (y >= 'a' && y <= 'z')
			y -= 32;
		if (x != y)
			return 0;
	}
	return 1;
}

static void fail_line(const char *what, const WCHAR *in, const WCHAR *got)
{
	HANDLE e = nt_stderr();

	nt_puts(e, P ": ");
	nt_puts(e, what);
	nt_puts(e, " \"");
	nt_put_wstr(e, in, nt_wcslen(in));
	if (got) {
		nt_puts(e, "\" gave \"");
		nt_put_wstr(e, got, nt_wcslen(got));
	}
	nt_puts(e, "\"\n");
}

static void types(void)
{
	static const struct {
		const WCHAR *path;
		ULONG type;
	} t[] = {
		{ L"\\\\foo", 1 }, { L"//foo", 1 }, { L"\\/foo", 1 }, { L"/\\foo", 1 },
		{ L"\\\\", 1 }, { L"//", 1 }, { L"c:\\foo", 2 }, { L"c:/foo", 2 },
		{ L"c://foo", 2 }, { L"c:\\", 2 }, { L"c:/", 2 }, { L"c:foo", 3 },
		{ L"c:f\\oo", 3 }, { L"c:foo/bar", 3 }, { L"\\foo", 4 }, { L"/foo", 4 },
		{ L"\\", 4 }, { L"/", 4 }, { L"foo", 5 }, { L"", 5 }, { L"\0:foo", 5 },
		{ L"\\\\.\\foo", 6 }, { L"//./foo", 6 }, { L"/\\./foo", 6 }, { L"\\\\.foo", 1 },
		{ L"//.foo", 1 }, { L"\\\\.", 7 }, { L"//.", 7 }, { L"\\\\?\\foo", 6 },
		{ L"//?/foo", 6 }, { L"/\\?/foo", 6 }, { L"\\\\?foo", 1 }, { L"//?foo", 1 },
		{ L"\\\\?", 7 }, { L"//?", 7 }, { L"CONIN$", 5 }, { L"\\\\.\\CONOUT$", 6 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (RtlDetermineDosPathNameType_U(t[i].path) != t[i].type) {
			fail_line("path type of", t[i].path, 0);
			nt_failures++;
		}
}

static void devices(void)
{
	static const struct {
		const WCHAR *path;
		unsigned short pos, len;
	} t[] = {
		{ L"\\\\.\\CON2", 0, 0 }, { L"\\\\.\\CONIN$", 0, 0 }, { L"", 0, 0 },
		{ L"\\\\foo\\nul", 0, 0 }, { L"c:\\nul:", 6, 6 }, { L"c:\\nul\\", 0, 0 },
		{ L"c:\\nul\\foo", 0, 0 }, { L"c:\\nul::", 6, 6 }, { L"c:\\nul::::::", 6, 6 },
		{ L"c:prn     ", 4, 6 }, { L"c:prn.......", 4, 6 }, { L"c:prn... ...", 4, 6 },
		{ L"c:NUL  ....  ", 4, 6 }, { L"c: . . .", 0, 0 }, { L"c:", 0, 0 },
		{ L" . . . :", 0, 0 }, { L":", 0, 0 }, { L"c:nul. . . :", 4, 6 },
		{ L"c:nul . . :", 4, 6 }, { L"c:nul0", 0, 0 }, { L"c:prn:aaa", 4, 6 },
		{ L"c:PRN:.txt", 4, 6 }, { L"c:aux:.txt...", 4, 6 }, { L"c:prn:.txt:", 4, 6 },
		{ L"c:nul:aaa", 4, 6 }, { L"con:", 0, 6 }, { L"lpt1:", 0, 8 },
		{ L"c:com5:", 4, 8 }, { L"CoM4:", 0, 8 }, { L"lpt9:", 0, 8 },
		{ L"c:\\lpt0.txt", 0, 0 }, { L"CONIN$", 0, 12 }, { L"CONOUT$", 0, 14 },
		{ L"CONERR$", 0, 0 }, { L"CON", 0, 6 }, { L"PIPE", 0, 0 },
		{ L"\\??\\CON", 8, 6 }, { L"\\??\\CONERR$", 0, 0 }, { L"z:\\tmp\\com1.txt", 14, 8 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (RtlIsDosDeviceName_U(t[i].path) != ((ULONG)t[i].pos << 16 | t[i].len)) {
			fail_line("device name in", t[i].path, 0);
			nt_failures++;
		}
}

/* with Z:\tmp\ the current directory */
static void full_paths(void)
{
	static const struct {
		const WCHAR *path, *full, *file, *wine;
	} t[] = {
		{ L"c:/test", L"c:\\test", L"test", 0 },
		{ L"c:/test/", L"c:\\test\\", 0, 0 },
		{ L"c:/test     ", L"c:\\test", L"test", 0 },
		{ L"c:/test.", L"c:\\test", L"test", 0 },
		{ L"c:/test  ....   ..   ", L"c:\\test", L"test", 0 },
		{ L"c:/test/  ....   ..   ", L"c:\\test\\", 0, 0 },
		{ L"c:/test/..", L"c:\\", 0, 0 },
		{ L"c:/test/.. ", L"c:\\test\\", 0, 0 },
		{ L"c:/TEST", L"c:\\TEST", L"TEST", 0 },
		{ L"c:/test/file", L"c:\\test\\file", L"file", 0 },
		{ L"c:/test./file", L"c:\\test\\file", L"file", 0 },
		{ L"c:/test.. /file", L"c:\\test.. \\file", L"file", 0 },
		{ L"c:/test/././file", L"c:\\test\\file", L"file", 0 },
		{ L"c:/test\\.\\.\\file", L"c:\\test\\file", L"file", 0 },
		{ L"c:/test/\\.\\.\\file", L"c:\\test\\file", L"file", 0 },
		{ L"c:/test\\\\.\\.\\file", L"c:\\test\\file", L"file", 0 },
		{ L"c:/test\\test1\\..\\.\\file", L"c:\\test\\file", L"file", 0 },
		{ L"c:///test\\.\\.\\file//", L"c:\\test\\file\\", 0, 0 },
		{ L"c:///test\\..\\file\\..\\//", L"c:\\", 0, 0 },
		/* Windows since Vista keeps "..", Wine (as XP) drops one dot */
		{ L"c:/test../file", L"c:\\test..\\file", L"file", L"c:\\test.\\file" },
		{ L"c:/a.../b", L"c:\\a...\\b", L"b", L"c:\\a..\\b" },
		{ L"c:\\test", L"c:\\test", L"test", 0 },
		{ L"C:\\test", L"C:\\test", L"test", 0 },
		{ L"c:/", L"c:\\", 0, 0 },
		{ L"c:/..", L"c:\\", 0, 0 },
		{ L"Z:.", L"Z:\\tmp", L"tmp", 0 },
		{ L"z:foo", L"Z:\\tmp\\foo", L"foo", 0 },
		{ L"Z:foo/bar", L"Z:\\tmp\\foo\\bar", L"bar", 0 },
		{ L"Z:./foo", L"Z:\\tmp\\foo", L"foo", 0 },
		{ L"\\foo", L"Z:\\foo", L"foo", 0 },
		{ L"/foo/bar", L"Z:\\foo\\bar", L"bar", 0 },
		{ L"foo", L"Z:\\tmp\\foo", L"foo", 0 },
		{ L".", L"Z:\\tmp", L"tmp", 0 },
		{ L"..", L"Z:\\", 0, 0 },
		{ L"../..", L"Z:\\", 0, 0 },
		{ L"...", L"Z:\\tmp\\", 0, 0 },
		{ L"./foo", L"Z:\\tmp\\foo", L"foo", 0 },
		{ L"foo/..", L"Z:\\tmp", L"tmp", 0 },
		{ L"foo/../../x", L"Z:\\x", L"x", 0 },
		{ L"\\tmp\\nul", L"\\\\.\\nul", 0, 0 },
		{ L"Z:\\nonexistent\\nul", L"\\\\.\\nul", 0, 0 },
		{ L"Z:\\con\\con", L"\\\\.\\con", 0, 0 },
		{ L"Z:NUL.", L"\\\\.\\NUL", 0, 0 },
		{ L"Z:NUL", L"\\\\.\\NUL", 0, 0 },
		{ L"AUX", L"\\\\.\\AUX", 0, 0 },
		{ L"COM1", L"\\\\.\\COM1", 0, 0 },
		{ L"CONIN$", L"\\\\.\\CONIN$", 0, 0 },
		{ L"?<>*\"|:", L"Z:\\tmp\\?<>*\"|:", L"?<>*\"|:", 0 },
		{ L"\\\\foo", L"\\\\foo", 0, 0 },
		{ L"//foo", L"\\\\foo", 0, 0 },
		{ L"\\/foo", L"\\\\foo", 0, 0 },
		{ L"//", L"\\\\", 0, 0 },
		{ L"//foo/", L"\\\\foo\\", 0, 0 },
		{ L"//foo/share/../x", L"\\\\foo\\share\\x", L"x", 0 },
		{ L"//.", L"\\\\.\\", 0, 0 },
		{ L"//./", L"\\\\.\\", 0, 0 },
		{ L"//.//", L"\\\\.\\", 0, 0 },
		{ L"//./foo", L"\\\\.\\foo", L"foo", 0 },
		{ L"//./foo/", L"\\\\.\\foo\\", 0, 0 },
		{ L"//./foo/bar", L"\\\\.\\foo\\bar", L"bar", 0 },
		{ L"//./foo/.", L"\\\\.\\foo", L"foo", 0 },
		{ L"//./foo/..", L"\\\\.\\", 0, 0 },
		{ L"//?/", L"\\\\?\\", 0, 0 },
		{ L"//?/foo/bar", L"\\\\?\\foo\\bar", L"bar", 0 },
		{ L"//?/foo/..", L"\\\\?\\", 0, 0 },
		{ L"\\??\\foo", L"Z:\\??\\foo", L"foo", 0 },
		/* another drive: its "=X:" variable, else its root */
		{ L"Q:foo", L"Q:\\qdir\\foo", L"foo", 0 },
		{ L"R:foo\\..\\bar", L"R:\\bar", L"bar", 0 },
	};
	WCHAR buf[300], *fp;
	unsigned int i;
	ULONG n;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const WCHAR *want = wine && t[i].wine ? t[i].wine : t[i].full;

		fp = (WCHAR *)1;
		buf[0] = 0;
		n = RtlGetFullPathName_U(t[i].path, sizeof(buf), buf, &fp);
		if (n != nt_wcslen(want) * 2 || !weq(buf, want) ||
		    (t[i].file ? !fp || !weq(fp, t[i].file) || fp < buf : fp != 0)) {
			fail_line("full path of", t[i].path, buf);
			nt_failures++;
		}
	}
	/* too small: the bytes needed with the NUL, the buffer left alone */
	buf[0] = '#';
	CHECK(P, RtlGetFullPathName_U(L"foo", 10, buf, &fp) == 22 && buf[0] == '#');
	CHECK(P, RtlGetFullPathName_U(L"foo", 22, buf, &fp) == 20 && weq(buf, L"Z:\\tmp\\foo"));
	CHECK(P, RtlGetFullPathName_U(L"AUX", 8, buf, &fp) == 16);
	buf[0] = '#';
	fp = (WCHAR *)1;
	CHECK(P, RtlGetFullPathName_U(0, sizeof(buf), buf, &fp) == 0 && buf[0] == '#');
	CHECK(P, RtlGetFullPathName_U(L"", sizeof(buf), buf, &fp) == 0 && buf[0] == '#');
	CHECK(P, RtlGetFullPathName_U(L"   ", sizeof(buf), buf, &fp) == 0 && buf[0] == '#');
}

static void nt_names(void)
{
	static const struct {
		const WCHAR *dos, *nt;
		int file;
	} t[] = {
		{ L"c:\\", L"\\??\\c:\\", -1 },
		{ L"c:/", L"\\??\\c:\\", -1 },
		{ L"c:/foo", L"\\??\\c:\\foo", 7 },
		{ L"c:/foo.", L"\\??\\c:\\foo", 7 },
		{ L"c:/foo . .", L"\\??\\c:\\foo", 7 },
		{ L"c:/foo.a", L"\\??\\c:\\foo.a", 7 },
		{ L"c:/foo*", L"\\??\\c:\\foo*", 7 },
		{ L"c:/foo<a", L"\\??\\c:\\foo<a", 7 },
		{ L"c:/foo//", L"\\??\\c:\\foo\\", -1 },
		{ L"C:/foo/bar", L"\\??\\C:\\foo\\bar", 11 },
		{ L"c:/foo/../bar", L"\\??\\c:\\bar", 7 },
		{ L"Z:.", L"\\??\\Z:\\tmp", 7 },
		{ L"Z:foo", L"\\??\\Z:\\tmp\\foo", 11 },
		{ L"\\foo", L"\\??\\Z:\\foo", 7 },
		{ L"foo", L"\\??\\Z:\\tmp\\foo", 11 },
		{ L"./", L"\\??\\Z:\\tmp\\", -1 },
		{ L"..", L"\\??\\Z:\\", -1 },
		{ L"\\tmp\\nul", L"\\??\\nul", -1 },
		{ L"Z:NUL.", L"\\??\\NUL", -1 },
		{ L"AUX", L"\\??\\AUX", -1 },
		{ L"COM1", L"\\??\\COM1", -1 },
		{ L"CONOUT$", L"\\??\\CONOUT$", -1 },
		{ L"?:", L"\\??\\?:\\", -1 },
		{ L"\\\\foo", L"\\??\\UNC\\foo", -1 },
		{ L"//foo/share/x", L"\\??\\UNC\\foo\\share\\x", 18 },
		{ L"//.", L"\\??\\", -1 },
		{ L"//./foo", L"\\??\\foo", 4 },
		{ L"//./foo/bar", L"\\??\\foo\\bar", 8 },
		{ L"//./foo/..", L"\\??\\", -1 },
		{ L"//./foo. . ", L"\\??\\foo", 4 },
		{ L"\\\\.\\CON", L"\\??\\CON", 4 },
		{ L"\\\\.\\CONIN$", L"\\??\\CONIN$", 4 },
		{ L"\\\\?", L"\\??\\", -1 },
		{ L"\\\\?\\", L"\\??\\", -1 },
		{ L"\\\\?\\foo/..", L"\\??\\foo/..", 4 },
		{ L"\\\\?\\foo\\.", L"\\??\\foo\\.", 8 },
		{ L"\\\\?\\foo. . ", L"\\??\\foo. . ", 4 },
		{ L"\\??", L"\\??\\Z:\\??", 7 },
		{ L"\\??\\", L"\\??\\Z:\\??\\", -1 },
		{ L"\\??\\foo/bar", L"\\??\\foo/bar", 4 },
		{ L"\\??\\foo\\..", L"\\??\\foo\\..", 8 },
	};
	static const WCHAR *bad[] = { 0, L"", L" ", L"Z:\\nonexistent\\nul" };
	UNICODE_STRING nt;
	unsigned int i;
	WCHAR *fp;
	NTSTATUS st;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		nt.Buffer = 0;
		fp = (WCHAR *)1;
		st = RtlDosPathNameToNtPathName_U_WithStatus(t[i].dos, &nt, &fp, 0);
		if (st || !nt.Buffer || !weq(nt.Buffer, t[i].nt) ||
		    nt.Length != nt_wcslen(t[i].nt) * 2 ||
		    (t[i].file < 0 ? fp != 0 : fp != nt.Buffer + t[i].file)) {
			fail_line("NT name of", t[i].dos, nt.Buffer ? nt.Buffer : L"(none)");
			nt_failures++;
		}
		RtlFreeUnicodeString(&nt);
		CHECK(P, RtlDosPathNameToNtPathName_U(t[i].dos, &nt, 0, 0) == 1);
		RtlFreeUnicodeString(&nt);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		st = RtlDosPathNameToNtPathName_U_WithStatus(bad[i], &nt, &fp, 0);
		CHECK(P, st == STATUS_OBJECT_NAME_INVALID);
		CHECK(P, !RtlDosPathNameToNtPathName_U(bad[i], &nt, &fp, 0));
	}
}

static NTSTATUS set_dir(const WCHAR *d)
{
	UNICODE_STRING u;

	RtlInitUnicodeString(&u, d);
	return RtlSetCurrentDirectory_U(&u);
}

static int cur_dir_is(const WCHAR *want)
{
	WCHAR buf[300];
	ULONG n = RtlGetCurrentDirectory_U(sizeof(buf), buf);

	return n == nt_wcslen(want) * 2 && weq(buf, want);
}

static UNICODE_STRING *params_cur_dir(void)
{
	return (UNICODE_STRING *)(nt_params() + 0x38);
}

static HANDLE params_cur_dir_handle(void)
{
	return *(HANDLE *)(nt_params() + 0x48);
}

/* the exe's directory (no trailing backslash) and the length of its name */
static unsigned long long exe_dir(const WCHAR **dir)
{
	UNICODE_STRING *ip = nt_image_path();
	unsigned long long n = ip->Length / 2;

	while (n && ip->Buffer[n - 1] != '\\')
		n--;
	*dir = ip->Buffer;
	return n ? n - 1 : 0;
}

/* does the ';'-separated search path @p start with @a (@an characters) then @b */
static int path_starts(const WCHAR *p, const WCHAR *a, unsigned long long an, const WCHAR *b)
{
	if (!p || !wieq(p, a, an))
		return 0;
	p += an;
	while (*b)
		if (*p++ != *b++)
			return 0;
	return 1;
}

static void dll_dirs(void)
{
	UNICODE_STRING u;
	WCHAR *path = 0, *unk = (WCHAR *)1, buf[32], *ed;
	const WCHAR *dir;
	unsigned long long dl = exe_dir(&dir);
	void *cookie = 0, *cookie2 = 0;

	RtlInitUnicodeString(&u, L"Z:\\tmp");
	CHECK(P, LdrAddDllDirectory(&u, &cookie) == 0 && cookie);
	RtlInitUnicodeString(&u, L"tmp");
	CHECK(P, LdrAddDllDirectory(&u, &cookie2) == STATUS_INVALID_PARAMETER);
	RtlInitUnicodeString(&u, L"Z:\\nonexistent_pathtest");
	CHECK(P, LdrAddDllDirectory(&u, &cookie2) != 0);
	CHECK(P, LdrGetDllPath(L"x.dll", LOAD_LIBRARY_SEARCH_USER_DIRS, &path, &unk) == 0);
	CHECK(P, path && weq(path, L"Z:\\tmp") && !unk);
	RtlReleasePath(path);
	RtlInitUnicodeString(&u, L"Z:\\dlld");
	CHECK(P, LdrSetDllDirectory(&u) == 0);
	u.Buffer = buf;
	u.MaximumLength = sizeof(buf);
	CHECK(P, LdrGetDllDirectory(&u) == 0 && u.Length == 14 && weq(buf, L"Z:\\dlld"));
	u.MaximumLength = 14;
	CHECK(P, LdrGetDllDirectory(&u) == STATUS_BUFFER_TOO_SMALL && u.Length == 16);
	CHECK(P, LdrGetDllPath(L"x.dll", LOAD_LIBRARY_SEARCH_USER_DIRS, &path, &unk) == 0);
	CHECK(P, path && weq(path, L"Z:\\tmp;Z:\\dlld"));
	RtlReleasePath(path);
	CHECK(P, LdrRemoveDllDirectory(cookie) == 0);
	CHECK(P, LdrGetDllPath(L"x.dll", LOAD_LIBRARY_SEARCH_USER_DIRS, &path, &unk) == 0);
	CHECK(P, path && weq(path, L"Z:\\dlld"));
	RtlReleasePath(path);
	/* the exe's directory, the DLL's own */
	CHECK(P, LdrGetDllPath(L"x.dll", LOAD_LIBRARY_SEARCH_APPLICATION_DIR, &path, &unk) == 0);
	CHECK(P, path && nt_wcslen(path) == dl && wieq(path, dir, dl));
	RtlReleasePath(path);
	CHECK(P, LdrGetDllPath(L"Z:\\a\\b\\x.dll", LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR, &path, &unk) == 0);
	CHECK(P, path && weq(path, L"Z:\\a\\b"));
	RtlReleasePath(path);
	CHECK(P, LdrGetDllPath(L"x.dll", LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR, &path, &unk) ==
	      STATUS_INVALID_PARAMETER);
	CHECK(P, LdrGetDllPath(L"x.dll", LOAD_WITH_ALTERED_SEARCH_PATH |
			       LOAD_LIBRARY_SEARCH_USER_DIRS, &path, &unk) == STATUS_INVALID_PARAMETER);
	/* the classic order: the exe's directory, then SetDllDirectory's instead of "." */
	CHECK(P, LdrGetDllPath(L"x.dll", 0, &path, &unk) == 0);
	CHECK(P, path_starts(path, dir, dl, L";Z:\\dlld;"));
	RtlReleasePath(path);
	CHECK(P, LdrGetDllPath(L"Z:\\a\\x.dll", LOAD_WITH_ALTERED_SEARCH_PATH, &path, &unk) == 0);
	CHECK(P, path && path_starts(path, L"Z:\\a", 4, L";Z:\\dlld;"));
	RtlReleasePath(path);
	u.Buffer = 0;
	u.Length = u.MaximumLength = 0;
	CHECK(P, LdrSetDllDirectory(&u) == 0);
	u.Buffer = buf;
	u.MaximumLength = sizeof(buf);
	buf[0] = '#';
	CHECK(P, LdrGetDllDirectory(&u) == 0 && u.Length == 0 && buf[0] == 0);
	CHECK(P, LdrSetDefaultDllDirectories(0) == STATUS_INVALID_PARAMETER);
	CHECK(P, LdrSetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR) ==
	      STATUS_INVALID_PARAMETER);
	CHECK(P, LdrSetDefaultDllDirectories(0x80000000) == STATUS_INVALID_PARAMETER);

	/* SearchPathW's path: the exe's directory, then the current one */
	CHECK(P, RtlSetSearchPathMode(0) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlSetSearchPathMode(0x10000) == 0);		/* disable safe mode */
	CHECK(P, RtlGetSearchPath(&path) == 0 && path_starts(path, dir, dl, L";.;"));
	RtlReleasePath(path);
	CHECK(P, RtlGetExePath(L"foo.exe", &path) == 0 && path_starts(path, dir, dl, L";.;"));
	RtlReleasePath(path);
	CHECK(P, RtlSetSearchPathMode(1) == 0);
	CHECK(P, RtlGetSearchPath(&path) == 0 && path_starts(path, dir, dl, L";"));
	CHECK(P, path && !path_starts(path, dir, dl, L";.;"));
	RtlReleasePath(path);
	CHECK(P, RtlSetSearchPathMode(0x8001) == 0);		/* safe, permanently */
	CHECK(P, RtlSetSearchPathMode(0x10000) == STATUS_ACCESS_DENIED);

	/* RtlDosSearchPath_U: the exe by its name, with and without ".exe" */
	ed = nt_image_path()->Buffer + dl + 1;
	{
		WCHAR sp[300], name[64], full[300], *fp = 0;
		unsigned long long i, n = nt_wcslen(ed);
		ULONG r;

		for (i = 0; i < dl && i < 250; i++)
			sp[i] = dir[i];
		sp[i] = 0;
		for (i = 0; i < n && i < 60; i++)
			name[i] = ed[i];
		name[i] = 0;
		r = RtlDosSearchPath_U(sp, name, 0, sizeof(full), full, &fp);
		CHECK(P, r == nt_image_path()->Length && wieq(full, nt_image_path()->Buffer, r / 2));
		CHECK(P, fp && wieq(fp, ed, n));
		if (n > 4 && name[n - 4] == '.') {
			name[n - 4] = 0;
			r = RtlDosSearchPath_U(L"Z:\\nonexistent_pathtest;Z:\\tmp", name, L".exe",
					       sizeof(full), full, &fp);
			CHECK(P, r == 0);
			sp[dl] = ';';
			sp[dl + 1] = 0;
			r = RtlDosSearchPath_U(sp, name, L".exe", sizeof(full), full, &fp);
			CHECK(P, r == nt_image_path()->Length);
		}
	}
}

/*
 * "pathtest dll": LdrLoadDll's search passes over the directories of its
 * path that cannot hold the DLL (missing, relative), as Windows' does; the
 * path LdrGetDllPath gives (what LoadLibrary passes) finds a DLL next to
 * the exe
 */
static void dll_search(void)
{
	const WCHAR *dir;
	unsigned long long dl = exe_dir(&dir), i;
	WCHAR sp[400] = L"Z:\\nonexistent_pathtest;Z:\\tmp\\x;.;", *path = 0, *unk;
	unsigned long long at = nt_wcslen(sp);
	UNICODE_STRING n;
	void *base = 0;

	for (i = 0; i < dl && at + i < 398; i++)
		sp[at + i] = dir[i];
	sp[at + i] = 0;
	RtlInitUnicodeString(&n, L"ntt_big.dll");
	CHECK(P, LdrLoadDll(sp, 0, &n, &base) == 0 && base);
	if (base)
		CHECK(P, LdrUnloadDll(base) == 0);
	base = 0;
	CHECK(P, LdrGetDllPath(L"ntt_big.dll", 0, &path, &unk) == 0 && path);
	CHECK(P, LdrLoadDll(path, 0, &n, &base) == 0 && base);
	if (base)
		CHECK(P, LdrUnloadDll(base) == 0);
	RtlReleasePath(path);
	RtlInitUnicodeString(&n, L"ntt_nowhere.dll");
	CHECK(P, LdrLoadDll(sp, 0, &n, &base) == STATUS_DLL_NOT_FOUND);
}

int start(void *peb)
{
	WCHAR orig[300], buf[300], **argv;
	UNICODE_STRING q, qv;
	ULONG n;

	(void)peb;
	wine = nt_on_wine();
	if (nt_args(&argv) > 1) {
		dll_search();
		return nt_done(P);
	}
	types();
	devices();

	n = RtlGetCurrentDirectory_U(sizeof(orig), orig);
	CHECK(P, n && n < sizeof(orig));
	CHECK(P, RtlGetCurrentDirectory_U(4, buf) == n + 2);
	CHECK(P, set_dir(L"Z:\\tmp") == 0 && cur_dir_is(L"Z:\\tmp"));
	CHECK(P, params_cur_dir()->Length == 14 && params_cur_dir_handle() != 0);
	CHECK(P, params_cur_dir()->Buffer[6] == '\\' && params_cur_dir()->Buffer[7] == 0);
	CHECK(P, set_dir(L"Z:\\tmp\\nonexistent_pathtest") == STATUS_OBJECT_NAME_NOT_FOUND);
	CHECK(P, set_dir(L"Z:\\nonexistent_pathtest\\sub") == STATUS_OBJECT_PATH_NOT_FOUND);
	CHECK(P, cur_dir_is(L"Z:\\tmp"));
	CHECK(P, set_dir(nt_image_path()->Buffer) == STATUS_NOT_A_DIRECTORY);
	CHECK(P, set_dir(L"..") == 0 && cur_dir_is(L"Z:\\"));	/* a root keeps its '\' */
	CHECK(P, params_cur_dir()->Length == 6);
	CHECK(P, set_dir(L"tmp\\") == 0 && cur_dir_is(L"Z:\\tmp"));
	CHECK(P, params_cur_dir()->Length == 14);

	/* "=Q:": drive Q's current directory, for "Q:foo" */
	RtlInitUnicodeString(&q, L"=Q:");
	RtlInitUnicodeString(&qv, L"Q:\\qdir");
	CHECK(P, RtlSetEnvironmentVariable(0, &q, &qv) == 0);
	full_paths();
	nt_names();
	CHECK(P, RtlSetEnvironmentVariable(0, &q, 0) == 0);

	CHECK(P, RtlDoesFileExists_U(L"Z:\\tmp") && RtlDoesFileExists_U(L"."));
	CHECK(P, RtlDoesFileExists_U(nt_image_path()->Buffer));
	CHECK(P, !RtlDoesFileExists_U(L"Z:\\tmp\\nonexistent_pathtest"));
	CHECK(P, !RtlDoesFileExists_U(L"Z:\\nonexistent_pathtest\\x"));
	dll_dirs();

	/* back where it started */
	orig[n / 2] = 0;
	CHECK(P, set_dir(orig) == 0 && cur_dir_is(orig));
	return nt_done(P);
}
