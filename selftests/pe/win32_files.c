// SPDX-License-Identifier: GPL-2.0
/*
 * Files and directories as an ordinary Win32 program uses them (mingw's
 * default msvcrt.dll over kernel32 and kernelbase): run_pe_tests.sh
 * compares what it prints with win32_files.expected, what Windows prints.
 *
 *   win32_files DIR    works in DIR (a new directory: it must not exist)
 *
 * Listings are sorted before they are printed: a file system lists in its
 * own order.
 */
#include <errno.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* FindFirstFileA/FindNextFileA over @mask: the names, sorted, with a 'd' for directories */
static void find(const char *mask)
{
	char *names[64];
	WIN32_FIND_DATAA fd;
	unsigned int n = 0, i;
	HANDLE h;

	h = FindFirstFileA(mask, &fd);
	if (h == INVALID_HANDLE_VALUE) {
		printf("FindFirstFile %s: error %lu\n", mask, GetLastError());
		return;
	}
	do {
		char *s = malloc(strlen(fd.cFileName) + 3);

		sprintf(s, "%s%s", fd.cFileName,
			fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY ? "/" : "");
		if (n < 64)
			names[n++] = s;
	} while (FindNextFileA(h, &fd));
	printf("FindFirstFile %s: ", mask);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++) {
		printf("%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	printf(" (then error %lu)\n", GetLastError());
	FindClose(h);
}

static void put_file(const char *name, const char *text)
{
	FILE *f = fopen(name, "w");

	if (!f) {
		printf("fopen %s: errno %d\n", name, errno);
		return;
	}
	fputs(text, f);
	fclose(f);
}

int main(int argc, char **argv)
{
	char buf[128], cwd[MAX_PATH];
	struct _finddata_t fd;
	intptr_t fh;
	DWORD err;
	size_t n;
	char *p;
	int ok;
	FILE *f;
	DWORD attr;

	if (argc != 2)
		return 2;
	if (!CreateDirectoryA(argv[1], NULL)) {
		printf("CreateDirectory: error %lu\n", GetLastError());
		return 1;
	}
	ok = CreateDirectoryA(argv[1], NULL);
	printf("CreateDirectory again: %d error %lu\n", ok, GetLastError());
	if (!SetCurrentDirectoryA(argv[1])) {
		printf("SetCurrentDirectory: error %lu\n", GetLastError());
		return 1;
	}
	GetCurrentDirectoryA(sizeof(cwd), cwd);
	printf("current directory ends in \\%s: %s\n", argv[1],
	       strlen(cwd) > strlen(argv[1]) && cwd[strlen(cwd) - strlen(argv[1]) - 1] == '\\' &&
	       !_stricmp(cwd + strlen(cwd) - strlen(argv[1]), argv[1]) ? "yes" : cwd);

	/* stdio: text mode writes CR LF, reads it back as LF */
	put_file("one.txt", "line one\nline two\n");
	f = fopen("one.txt", "rb");
	n = fread(buf, 1, sizeof(buf), f);
	printf("binary read: %u bytes, CR at 8: %s\n", (unsigned int)n, buf[8] == '\r' ? "yes" : "no");
	fseek(f, 0, SEEK_END);
	printf("ftell at the end: %ld\n", ftell(f));
	fseek(f, 5, SEEK_SET);
	n = fread(buf, 1, 3, f);
	printf("fseek 5, fread 3: %.3s\n", buf);
	fclose(f);
	f = fopen("one.txt", "r");
	printf("text read: [%s]", fgets(buf, sizeof(buf), f) ? strtok(buf, "\n") : "EOF");
	printf(" [%s]\n", fgets(buf, sizeof(buf), f) ? strtok(buf, "\n") : "EOF");
	p = fgets(buf, sizeof(buf), f);
	printf("third fgets: %s, feof %d\n", p ? "line" : "NULL", feof(f) != 0);
	fclose(f);
	f = fopen("one.txt", "a");
	fputs("line three\n", f);
	fclose(f);
	f = fopen("one.txt", "rb");
	fseek(f, 0, SEEK_END);
	printf("after append: %ld bytes\n", ftell(f));
	fclose(f);
	f = fopen("missing.txt", "r");
	printf("fopen of a missing file: %s errno %s\n", f ? "opened" : "NULL",
	       errno == ENOENT ? "ENOENT" : "other");

	/* more files and a directory, then listings */
	put_file("two.txt", "2\n");
	put_file("noext", "x");
	put_file("Mixed.TXT", "m");
	CreateDirectoryA("sub", NULL);
	put_file("sub\\inner.txt", "inner");
	find("*");
	find("*.*");
	find("*.txt");
	find("?wo.*");
	find("sub\\*");
	find("nothing*");
	find("nosuchdir\\*");
	fh = _findfirst("*.txt", &fd);
	if (fh == -1) {
		printf("_findfirst: errno %d\n", errno);
	} else {
		unsigned int count = 0;

		do
			count++;
		while (!_findnext(fh, &fd));
		_findclose(fh);
		printf("_findfirst *.txt: %u files\n", count);
	}

	/* names without regard to letter case, as Windows finds them */
	f = fopen("MIXED.txt", "r");
	printf("fopen MIXED.txt for Mixed.TXT: %s\n", f && fgetc(f) == 'm' ? "opened" : "not found");
	if (f)
		fclose(f);
	attr = GetFileAttributesA("SUB\\INNER.TXT");
	printf("GetFileAttributes SUB\\INNER.TXT: %s\n",
	       attr == INVALID_FILE_ATTRIBUTES ? "not found" : "found");

	/* SetFileAttributes: read-only and back */
	ok = SetFileAttributesA("noext", FILE_ATTRIBUTE_READONLY);
	attr = GetFileAttributesA("noext");
	printf("SetFileAttributes READONLY: %d, read-only %s", ok,
	       attr & FILE_ATTRIBUTE_READONLY ? "yes" : "no");
	ok = SetFileAttributesA("noext", FILE_ATTRIBUTE_NORMAL);
	attr = GetFileAttributesA("noext");
	printf(", NORMAL: %d, read-only %s\n", ok, attr & FILE_ATTRIBUTE_READONLY ? "yes" : "no");

	/* attributes */
	attr = GetFileAttributesA("sub");
	printf("GetFileAttributes sub: directory %s\n", attr & FILE_ATTRIBUTE_DIRECTORY ? "yes" : "no");
	attr = GetFileAttributesA("one.txt");
	printf("GetFileAttributes one.txt: directory %s\n",
	       attr != INVALID_FILE_ATTRIBUTES && !(attr & FILE_ATTRIBUTE_DIRECTORY) ? "no" : "yes");
	attr = GetFileAttributesA("missing.txt");
	err = GetLastError();
	printf("GetFileAttributes missing.txt: %s error %lu\n",
	       attr == INVALID_FILE_ATTRIBUTES ? "invalid" : "valid", err);

	/* share modes: an open that does not share reading keeps readers out */
	{
		HANDLE a = CreateFileA("noext", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), b;

		b = CreateFileA("noext", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
		err = GetLastError();
		printf("CreateFile while an open shares nothing: %s error %lu\n",
		       b == INVALID_HANDLE_VALUE ? "refused" : "opened", err);
		CloseHandle(a);
		b = CreateFileA("noext", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
		printf("CreateFile after it closed: %s\n",
		       b == INVALID_HANDLE_VALUE ? "refused" : "opened");
		f = fopen("noext", "r");
		ok = DeleteFileA("noext");
		err = GetLastError();
		printf("DeleteFile of an open file: %d error %lu\n", ok, err);
		fclose(f);
		CloseHandle(b);
	}

	/* byte-range locks: another handle's exclusive range is out of reach */
	{
		HANDLE a = CreateFileA("Mixed.TXT", GENERIC_READ | GENERIC_WRITE,
				       FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0,
				       NULL), b;
		OVERLAPPED ov = { 0 };
		DWORD got = 0;

		b = CreateFileA("Mixed.TXT", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
				OPEN_EXISTING, 0, NULL);
		ok = LockFileEx(a, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov);
		printf("LockFileEx: %d\n", ok);
		ok = ReadFile(b, buf, 1, &got, NULL);
		err = GetLastError();
		printf("ReadFile of the locked byte by another handle: %d error %lu\n", ok, err);
		ok = LockFileEx(b, LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov);
		err = GetLastError();
		printf("LockFileEx of it by another handle: %d error %lu\n", ok, err);
		ok = ReadFile(a, buf, 1, &got, NULL);
		printf("ReadFile by its owner: %d, %lu byte\n", ok, got);
		ok = UnlockFile(a, 0, 0, 1, 0);
		printf("UnlockFile: %d", ok);
		ok = UnlockFile(a, 0, 0, 1, 0);
		err = GetLastError();
		printf(", again: %d error %lu\n", ok, err);
		SetFilePointer(b, 0, NULL, FILE_BEGIN);
		ok = ReadFile(b, buf, 1, &got, NULL);
		printf("ReadFile after the unlock: %d, %lu byte\n", ok, got);
		CloseHandle(a);
		CloseHandle(b);
	}

	/* rename, remove, replace */
	printf("rename two.txt three.txt: %d\n", rename("two.txt", "three.txt"));
	ok = rename("three.txt", "one.txt");
	printf("rename onto an existing file: %d errno %s\n", ok,
	       errno == EEXIST ? "EEXIST" : errno == EACCES ? "EACCES" : "other");
	printf("MoveFileEx replace: %d\n",
	       MoveFileExA("three.txt", "one.txt", MOVEFILE_REPLACE_EXISTING));
	f = fopen("one.txt", "rb");
	n = f ? fread(buf, 1, sizeof(buf), f) : 0;
	printf("one.txt now holds %u bytes\n", (unsigned int)n);
	if (f)
		fclose(f);
	ok = remove("one.txt");
	printf("remove one.txt: %d", ok);
	ok = remove("one.txt");
	printf(", again: %d errno %s\n", ok, errno == ENOENT ? "ENOENT" : "other");
	ok = RemoveDirectoryA("sub");
	printf("RemoveDirectory of a non-empty directory: %d error %lu\n", ok, GetLastError());
	printf("DeleteFile sub\\inner.txt: %d\n", DeleteFileA("sub\\inner.txt"));
	printf("RemoveDirectory sub: %d\n", RemoveDirectoryA("sub"));
	DeleteFileA("noext");
	DeleteFileA("Mixed.TXT");
	find("*");
	SetCurrentDirectoryA("..");
	printf("RemoveDirectory of the work directory: %d\n", RemoveDirectoryA(argv[1]));
	return 0;
}
