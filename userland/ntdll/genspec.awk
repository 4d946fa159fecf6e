# SPDX-License-Identifier: GPL-2.0
# genspec.awk: turn ntdll.spec (its format is described at its top) into
#   out=def     the EXPORTS lines for ntdll.def (after gentbl.awk's, which
#               list the system-call stubs and print the EXPORTS keyword)
#   out=stubs   C source: one body per stub, which says "fixme" once and
#               returns the spec's RESULT
#   out=names   a C header for the tests: the counts, and per export
#               NTDLL_SPEC_EXPORT(name, NTDLL_SPEC_IMPLEMENTED or what the stub
#               returns: NTDLL_SPEC_STATUS, _FALSE, _NULL, _VOID or _VALUE, N)
#   out=list    "NAME FILE.o ORDINAL" per export (stubs: stubs.o; ORDINAL -
#               when none), for check-exports.sh
#   out=report  the exports report (make ntdll-exports): each export and what
#               it is, then the counts; -v syscalls=N gives the number of
#               system-call stub exports to count with them
# Every output checks the whole spec first: a malformed line, a name given
# twice or an ordinal given twice stops the build.

function fail(msg) {
	printf("%s:%d: %s\n", FILENAME, FNR, msg) > "/dev/stderr"
	bad = 1
	exit 1
}

BEGIN { n = 0; nstub = 0; bad = 0 }
/^[ \t]*(#|$)/ { next }
{
	f = 1
	nm = $(f++)
	if (nm !~ /^[A-Za-z_][A-Za-z0-9_]*$/)
		fail("'" nm "' is not a C name")
	if (nm in seen)
		fail(nm " is listed twice")
	seen[nm] = 1
	ord = "-"
	if ($f ~ /^@/) {
		ord = substr($(f++), 2)
		if (ord !~ /^[1-9][0-9]*$/ || ord + 0 > 65535)
			fail(nm ": ordinal '@" ord "' is not 1..65535")
		if (ord in ordinal_of)
			fail(nm ": ordinal @" ord " is " ordinal_of[ord] "'s too")
		ordinal_of[ord] = nm
	}
	where = $(f++)
	result = ""
	if (where == "stub") {
		result = $(f++)
		if (result !~ /^(status|false|null|void|=-?[0-9]+)$/)
			fail(nm ": a stub returns status, false, null, void or =N, not '" result "'")
		nstub++
	} else if (where !~ /^[a-z0-9_]+\.c$/) {
		fail(nm ": '" where "' is neither a FILE.c nor 'stub'")
	}
	if (f <= NF)
		fail(nm ": unexpected '" $f "'")
	name[n] = nm
	ordnum[n] = ord
	file[n] = where
	ret[n] = result
	n++
}

# the C type and value a stub returns
function stub_type(r) {
	if (r == "status")
		return "unsigned int"
	if (r == "false")
		return "unsigned char"
	if (r == "null")
		return "void *"
	if (r == "void")
		return "void"
	return "long long"
}

function stub_value(r) {
	if (r == "status")
		return "STATUS_NOT_IMPLEMENTED"
	if (r == "false")
		return "0"
	if (r == "null")
		return "(void *)0"
	return substr(r, 2)
}

function describe(r) {
	if (r == "status")
		return "STATUS_NOT_IMPLEMENTED"
	if (r == "false")
		return "FALSE"
	if (r == "null")
		return "NULL"
	if (r == "void")
		return "(void)"
	return substr(r, 2)
}

END {
	if (bad)
		exit 1
	if (out == "def") {
		print "; Generated from userland/ntdll/ntdll.spec by genspec.awk: do not edit."
		for (i = 0; i < n; i++)
			printf("\t%s%s\n", name[i], ordnum[i] == "-" ? "" : " @" ordnum[i])
	} else if (out == "stubs") {
		print "// SPDX-License-Identifier: GPL-2.0"
		print "/* Generated from userland/ntdll/ntdll.spec by genspec.awk: do not edit. */"
		print "/*"
		print " * The exports that are not implemented yet.  Each takes no arguments as"
		print " * far as C is concerned (the Windows x64 caller passes and cleans up"
		print " * whatever it passes), says so once and returns its documented failure."
		print " */"
		print "#include \"stub.h\""
		for (i = 0; i < n; i++) {
			if (file[i] != "stub")
				continue
			printf("\n%s %s(void)\n{\n", stub_type(ret[i]), name[i])
			print "\tstatic int said;\n"
			printf("\tntdll_stub_called(&said, \"%s\");\n", name[i])
			if (ret[i] != "void")
				printf("\treturn %s;\n", stub_value(ret[i]))
			print "}"
		}
	} else if (out == "names") {
		print "/* SPDX-License-Identifier: GPL-2.0 */"
		print "/* Generated from userland/ntdll/ntdll.spec by genspec.awk: do not edit. */"
		printf("#define NTDLL_SPEC_EXPORTS\t%d\n", n)
		printf("#define NTDLL_SPEC_IMPLEMENTED\t%d\n", n - nstub)
		printf("#define NTDLL_SPEC_STUBS\t%d\n", nstub)
		for (i = 0; i < n; i++)
			printf("NTDLL_SPEC_EXPORT(%s, NTDLL_SPEC_%s, %s)\n", name[i],
			       file[i] != "stub" ? "IMPLEMENTED" : ret[i] ~ /^=/ ? "VALUE" : toupper(ret[i]),
			       ret[i] ~ /^=/ ? substr(ret[i], 2) : 0)
	} else if (out == "list") {
		for (i = 0; i < n; i++)
			printf("%s %s %s\n", name[i],
			       file[i] == "stub" ? "stubs.o" : substr(file[i], 1, length(file[i]) - 2) ".o",
			       ordnum[i])
	} else if (out == "report") {
		print "ntdll.dll exports (userland/ntdll/ntdll.spec):"
		for (i = 0; i < n; i++) {
			if (file[i] == "stub")
				printf("  stub         %-36s returns %s\n", name[i], describe(ret[i]))
			else
				printf("  implemented  %-36s %s\n", name[i], file[i])
		}
		printf("%d exports: %d implemented, %d stubs", n + syscalls, n - nstub, nstub)
		printf(", %d system-call stubs (syscalls/nt.tbl)\n", syscalls)
	} else {
		print "genspec.awk: out= must be def, stubs, names, list or report" > "/dev/stderr"
		exit 1
	}
}
