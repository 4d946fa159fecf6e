/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Splitting a Windows command line into arguments with the rules of the
 * Microsoft C runtime (UCRT, parse_command_line in argv_parsing.cpp):
 *
 * - argv[0], the program: up to the first space or tab outside quotes;
 *   quotes toggle quoting and are dropped, backslashes are literal.
 * - the other arguments are separated by spaces and tabs outside quotes;
 *   2n backslashes + quote -> n backslashes, the quote opens/closes quoting;
 *   2n+1 backslashes + quote -> n backslashes and a literal quote;
 *   backslashes not followed by a quote are literal;
 *   a doubled quote inside quotes is one literal quote (quoting goes on).
 *
 * As in the UCRT, argv[0] always exists (empty for an empty command line).
 *
 * Portable C (no Windows types) so that the host can test it too.
 */
#ifndef NTARGV_H
#define NTARGV_H

typedef unsigned short ntargv_wchar;

/*
 * Split @cmd (@len UTF-16 units, need not be NUL-terminated).  The
 * arguments are written one after the other into @buf (NUL-terminated
 * each; room for len + 1 units per argument is always enough: a buffer of
 * 2 * (len + 1) units suffices in total), at most @max of their starts into
 * @argv.  Returns the number of arguments (which may exceed @max).
 */
static inline int ntargv_split(const ntargv_wchar *cmd, unsigned int len,
			       ntargv_wchar *buf, ntargv_wchar **argv, int max)
{
	unsigned int i = 0, k;
	int argc = 0, inquote = 0;
	ntargv_wchar *o = buf;

	/* argv[0], the program name: always there, empty for an empty line */
	if (max > 0)
		argv[0] = o;
	argc++;
	while (i < len && (inquote || (cmd[i] != ' ' && cmd[i] != '\t'))) {
		if (cmd[i] == '"')
			inquote = !inquote;
		else
			*o++ = cmd[i];
		i++;
	}
	*o++ = 0;
	inquote = 0;

	for (;;) {
		while (i < len && (cmd[i] == ' ' || cmd[i] == '\t'))
			i++;
		if (i >= len)
			break;
		if (argc < max)
			argv[argc] = o;
		argc++;
		for (;;) {
			unsigned int bs = 0;
			int copy = 1;

			while (i < len && cmd[i] == '\\') {
				bs++;
				i++;
			}
			if (i < len && cmd[i] == '"') {
				if (bs % 2 == 0) {
					if (inquote && i + 1 < len && cmd[i + 1] == '"')
						i++;	/* "" in quotes: one literal quote */
					else {
						copy = 0;
						inquote = !inquote;
					}
				}
				bs /= 2;
			}
			for (k = 0; k < bs; k++)
				*o++ = '\\';
			if (i >= len || (!inquote && (cmd[i] == ' ' || cmd[i] == '\t')))
				break;
			if (copy)
				*o++ = cmd[i];
			i++;
		}
		*o++ = 0;
	}
	return argc;
}

#endif
