// SPDX-License-Identifier: GPL-2.0
/*
 * RtlFormatMessage: a message text (a message table's entry, or the
 * caller's) with its inserts and escapes made, as kernelbase's
 * FormatMessage asks for it.
 *
 *   %1 .. %99      argument N, as %N!s! (a string: WCHAR, or char with
 *                  Ansi); %N!fmt! formats it with the printf format fmt;
 *                  with IgnoreInserts the insert is copied as it is
 *   %0             the end, with no line break after it
 *   %n %r %t       CR LF, CR, tab
 *   %x             any other character x as itself (%%, %., %!, "% "),
 *                  or "%x" whole with IgnoreInserts
 *
 * The arguments are an array of ULONG_PTR (ArgumentsAreAnArray: the
 * Arguments pointer is the array) or the address of an x64 va_list, which
 * is one too: each argument one 8-byte slot.  Line
 * breaks of the text are kept when MaxWidth is 0; with MaxWidth
 * FORMAT_MESSAGE_MAX_WIDTH_MASK (0xff) they become spaces; lines are not
 * wrapped at other widths (not done).  *ReturnLength is the bytes of the
 * result with its NUL; a buffer too short is STATUS_BUFFER_OVERFLOW with
 * the length it needs.
 */
#include <stdarg.h>

#include "crt.h"

int _vsnwprintf(WCHAR *buf, SIZE_T count, const WCHAR *fmt, va_list ap);

struct out {
	WCHAR *buf;
	ULONG cap, len;			/* in characters */
};

static void put(struct out *o, WCHAR c)
{
	if (o->len < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void put_str(struct out *o, const WCHAR *s, SIZE_T n)
{
	SIZE_T i;

	for (i = 0; i < n; i++)
		put(o, s[i]);
}

static int snwprintf1(WCHAR *buf, SIZE_T n, const WCHAR *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = _vsnwprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

/* Insert @arg with the printf format @fmt (@flen characters, without '%'). */
static NTSTATUS insert(struct out *o, const WCHAR *fmt, SIZE_T flen, ULONG_PTR arg, int ansi)
{
	WCHAR f[16], tmp[512];
	SIZE_T i;
	int n;

	if (flen + 2 > (sizeof(f) / sizeof(f[0])))
		return STATUS_INVALID_PARAMETER;
	f[0] = '%';
	for (i = 0; i < flen; i++)
		f[i + 1] = fmt[i];
	/* a string argument is char with Ansi: %hs, else WCHAR (%ls); %S swaps them */
	if (flen && (fmt[flen - 1] == 's' || fmt[flen - 1] == 'S') &&
	    (flen < 2 || (fmt[flen - 2] != 'h' && fmt[flen - 2] != 'l' && fmt[flen - 2] != 'w'))) {
		int want_ansi = (fmt[flen - 1] == 's') == !!ansi;

		if (flen + 3 > (sizeof(f) / sizeof(f[0])))
			return STATUS_INVALID_PARAMETER;
		f[flen] = want_ansi ? 'h' : 'l';
		f[flen + 1] = 's';
		flen++;
	}
	f[flen + 1] = 0;
	n = snwprintf1(tmp, (sizeof(tmp) / sizeof(tmp[0])), f, arg);
	if (n < 0)
		n = (sizeof(tmp) / sizeof(tmp[0])) - 1;	/* cut, as a fixed buffer of Windows' would */
	put_str(o, tmp, (SIZE_T)n);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlFormatMessage(const WCHAR *msg, ULONG width, BOOLEAN ignore_inserts,
				BOOLEAN ansi, BOOLEAN is_array, va_list *args, WCHAR *buf,
				ULONG size, ULONG *ret_len)
{
	const ULONG_PTR *argv = NULL;
	struct out o = { buf, size / sizeof(WCHAR), 0 };
	const WCHAR *p = msg, *fmt;
	SIZE_T flen;
	NTSTATUS st;
	ULONG num;

	if (!msg || (!buf && size))
		return STATUS_INVALID_PARAMETER;
	/* an array is passed as itself (FORMAT_MESSAGE_ARGUMENT_ARRAY), a va_list by address */
	if (args)
		argv = is_array ? (const ULONG_PTR *)args : (const ULONG_PTR *)*args;
	while (*p) {
		if (*p == '\r' || *p == '\n') {		/* a line break of the text */
			if (*p == '\r' && p[1] == '\n')
				p++;
			p++;
			if (width == 0xff) {
				put(&o, ' ');
			} else {
				put(&o, '\r');
				put(&o, '\n');
			}
			continue;
		}
		if (*p != '%') {
			put(&o, *p++);
			continue;
		}
		p++;
		if (*p >= '1' && *p <= '9') {
			const WCHAR *start = p - 1;

			num = *p++ - '0';
			if (*p >= '0' && *p <= '9')
				num = num * 10 + (*p++ - '0');
			fmt = L"s";
			flen = 1;
			if (*p == '!') {
				fmt = ++p;
				while (*p && *p != '!')
					p++;
				if (!*p)
					return STATUS_INVALID_PARAMETER;
				flen = p++ - fmt;
			}
			if (ignore_inserts) {
				put_str(&o, start, p - start);
				continue;
			}
			if (!argv)
				return STATUS_INVALID_PARAMETER;
			st = insert(&o, fmt, flen, argv[num - 1], ansi);
			if (!NT_SUCCESS(st))
				return st;
			continue;
		}
		switch (*p) {
		case 0:
			return STATUS_INVALID_PARAMETER;	/* a '%' that ends the text */
		case '0':
			goto done;
		case 'n':
			put(&o, '\r');
			put(&o, '\n');
			break;
		case 'r':
			put(&o, '\r');
			break;
		case 't':
			put(&o, '\t');
			break;
		default:
			/* %% %. %! %space: the character; with IgnoreInserts kept whole */
			if (ignore_inserts)
				put(&o, '%');
			put(&o, *p);
			break;
		}
		p++;
	}
done:
	put(&o, 0);
	if (ret_len)
		*ret_len = o.len * sizeof(WCHAR);
	return o.len > o.cap ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}
