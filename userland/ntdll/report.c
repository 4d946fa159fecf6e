// SPDX-License-Identifier: GPL-2.0
/*
 * One line on the process's StandardError, for the loader's failures at
 * process start ("ntdll: cannot find foo.dll (imported by prog.exe)"): the
 * only way a user sees why a program did not start.
 */
#include "peb.h"
#include "report.h"
#include "syscalls.h"

struct line {
	char buf[600];
	unsigned int len;
};

static void put(struct line *l, char c)
{
	if (l->len < sizeof(l->buf) - 1)
		l->buf[l->len++] = c;
}

static void put_str(struct line *l, const char *s)
{
	while (s && *s)
		put(l, *s++);
}

static void put_udec(struct line *l, unsigned int v)
{
	char b[12];
	int i = sizeof(b);

	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i < (int)sizeof(b))
		put(l, b[i++]);
}

/* UTF-16 as UTF-8; a surrogate (pair or not) becomes '?', good enough for names */
static void put_wstr(struct line *l, const WCHAR *s)
{
	for (; s && *s; s++) {
		unsigned int c = *s;

		if (c < 0x80) {
			put(l, (char)c);
		} else if (c < 0x800) {
			put(l, (char)(0xc0 | c >> 6));
			put(l, (char)(0x80 | (c & 0x3f)));
		} else if (c >= 0xd800 && c < 0xe000) {
			put(l, '?');
		} else {
			put(l, (char)(0xe0 | c >> 12));
			put(l, (char)(0x80 | ((c >> 6) & 0x3f)));
			put(l, (char)(0x80 | (c & 0x3f)));
		}
	}
}

/*
 * "ntdll: " then @fmt with %s (char *), %S (WCHAR *) and %u (unsigned
 * int), then a newline.
 */
void ntdll_report(const char *fmt, ...)
{
	BYTE *params = NT_FIELD(ntdll_peb(), PEB_PROCESS_PARAMETERS, BYTE *);
	HANDLE err = params ? NT_FIELD(params, PP_STD_ERROR, HANDLE) : NULL;
	IO_STATUS_BLOCK iosb;
	__builtin_va_list ap;
	struct line l;
	NTSTATUS st;

	l.len = 0;
	put_str(&l, "ntdll: ");
	__builtin_va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%' || !fmt[1]) {
			put(&l, *fmt);
			continue;
		}
		switch (*++fmt) {
		case 's':
			put_str(&l, __builtin_va_arg(ap, const char *));
			break;
		case 'S':
			put_wstr(&l, __builtin_va_arg(ap, const WCHAR *));
			break;
		case 'u':
			put_udec(&l, __builtin_va_arg(ap, unsigned int));
			break;
		default:
			put(&l, *fmt);
		}
	}
	__builtin_va_end(ap);
	l.buf[l.len++] = '\n';
	if (!err)
		return;
	st = NtWriteFile(err, NULL, NULL, NULL, &iosb, l.buf, l.len, NULL, NULL);
	if (st == STATUS_PENDING)
		NtWaitForSingleObject(err, FALSE, NULL);
}

/* A stub export was called (genspec.awk out=stubs): say so the first time. */
void ntdll_stub_called(int *said, const char *name)
{
	if (*said)
		return;
	*said = 1;
	ntdll_report("fixme: %s is not implemented", name);
}
