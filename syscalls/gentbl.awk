# SPDX-License-Identifier: GPL-2.0
# gentbl.awk: turn syscalls/nt.tbl into C.  Run with -v out=WHAT:
#   header  syscalls/services.h: the table size; for every implemented
#           service the entry ntos_svc_<name>(const u64 *args), and, for the
#           family file that defines it (compiled with NTOS_FAMILY_<family>),
#           the prototype of its typed function ntos_nt_<name>() and the
#           entry's body, which passes each argument with its type
#   table   syscalls/service_table.c: the kernel dispatch table
#   uapi    ntpersona_services.h: NTSVC_<Name> numbers and argument counts
#           for user space, and the NT prototypes of the implemented
#           services (with NTSVC_PROTOTYPES defined)
#   stubs   GNU as source (x86_64-w64-mingw32-as): a system-call stub per
#           service for PE programs, NtXxx and its alias ZwXxx, each
#           "mov %rcx, %r10; mov $NUMBER, %eax; syscall; ret" (Windows x64:
#           arguments in rcx, rdx, r8, r9, then the stack from rsp + 0x28)
#           in a section of its own, so --gc-sections keeps the ones used
#   def     the EXPORTS lines of ntdll.dll's module-definition file for those
#           stubs: every NtXxx and ZwXxx by name (userland/ntdll adds the
#           LIBRARY line and its other exports)

# NtQueryObject -> nt_query_object, NtGetMUIRegistryInfo -> nt_get_mui_registry_info
function snake(name,    i, c, prev, next_c, r) {
	r = ""
	for (i = 1; i <= length(name); i++) {
		c = substr(name, i, 1)
		prev = substr(name, i - 1, 1)
		next_c = substr(name, i + 1, 1)
		if (i > 1 && c ~ /[A-Z]/ &&
		    (prev ~ /[a-z0-9]/ || (prev ~ /[A-Z]/ && next_c ~ /[a-z]/)))
			r = r "_"
		r = r tolower(c)
	}
	return r
}

# "0x01a7" -> 423 (mawk has no strtonum)
function hex(s,    i, v) {
	v = 0
	s = tolower(substr(s, 3))
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}

function fail(msg) {
	printf("nt.tbl: line %d: %s\n", NR, msg) > "/dev/stderr"
	failed = 1
	exit 1
}

# The kernel's type for an NT parameter type: what the 64-bit slot holds.
function ctype(t, ptr) {
	if (t ~ /CLASS$/ || t ~ /_TYPE$/ || t ~ /_INHERIT$/ || t == "ULONG" || t == "ACCESS_MASK" || t == "NTSTATUS")
		return "u32"
	if (ptr || t ~ /^P/ || t == "HANDLE" || t == "ULONG_PTR" || t == "SIZE_T")
		return "u64"	# user addresses stay u64 until used
	if (t == "BOOLEAN")
		return "u8"
	if (t == "LONG")
		return "s32"
	fail("no kernel type for " t)
}

# "{ NTSTATUS NtFoo(HANDLE Handle, PVOID *Base); }" -> ret[i], np[i], pt/pn/pc[i, j]
function prototype(i, p,    m, params, k, a, words) {
	if (!match(p, /^\{ [A-Z]+ Nt[A-Za-z0-9]+\(.*\); \}$/))
		fail("malformed prototype")
	p = substr(p, 3, length(p) - 5)
	ret[i] = substr(p, 1, index(p, " ") - 1)
	if (ret[i] != "NTSTATUS" && ret[i] != "ULONG")
		fail("a service returns NTSTATUS or ULONG")
	p = substr(p, length(ret[i]) + 2)
	if (substr(p, 1, index(p, "(") - 1) != name[i])
		fail("the prototype is not " name[i] "'s")
	proto[i] = ret[i] " NTAPI " p ";"
	p = substr(p, index(p, "(") + 1)
	p = substr(p, 1, length(p) - 1)
	np[i] = 0
	if (p == "VOID")
		return
	k = split(p, params, ", ")
	for (a = 1; a <= k; a++) {
		if (split(params[a], words, " ") != 2)
			fail("parameter " a ": TYPE Name")
		pt[i, a - 1] = ctype(words[1], words[2] ~ /^\*/)
		pn[i, a - 1] = snake(substr(words[2], words[2] ~ /^\*/ ? 2 : 1))
	}
	np[i] = k
}

BEGIN { FS = "\t"; n = 0 }
/^#/ || NF == 0 { next }
{
	if ($1 !~ /^0x[0-9a-fA-F]+$/ || $2 !~ /^Nt[A-Za-z0-9]+$/) {
		printf("nt.tbl: line %d: malformed entry\n", NR) > "/dev/stderr"
		exit 1
	}
	num = hex($1)
	if (num != n) {
		printf("nt.tbl: line %d: number %s out of sequence\n", NR, $1) > "/dev/stderr"
		exit 1
	}
	name[n] = $2
	nargs[n] = $3
	family[n] = $4
	kind[n] = $5
	if (family[n] != "") {
		if (kind[n] != "STD" && kind[n] != "RET")
			fail("kind must be STD or RET")
		prototype(n, $6)
		if (np[n] != nargs[n])
			fail(sprintf("%s: %d arguments, its prototype has %d", $2, nargs[n], np[n]))
		if (ret[n] == "ULONG" && kind[n] != "STD")
			fail("a ULONG result cannot be RET")
	}
	n++
}
END {
	if (failed)
		exit 1
	if (out == "header") {
		print "/* SPDX-License-Identifier: GPL-2.0 */"
		print "/* Generated from syscalls/nt.tbl by syscalls/gentbl.awk: do not edit. */"
		print "#ifndef _NTOS_SERVICES_H"
		print "#define _NTOS_SERVICES_H\n"
		print "#include <linux/types.h>\n"
		print "#include \"../personality/status.h\"\n"
		printf("#define NTOS_NR_SERVICES\t%d\n", n)
		max = 0
		for (i = 0; i < n; i++)
			if (nargs[i] > max)
				max = nargs[i]
		printf("#define NTOS_MAX_SERVICE_ARGS\t%d\n\n", max)
		for (i = 0; i < n; i++)
			if (family[i] != "")
				printf("ntos_ret_t ntos_svc_%s(const u64 *args);\n", snake(name[i]))
		for (i = 0; i < n; i++) {
			if (family[i] == "")
				continue
			s = snake(name[i])
			rtype = ret[i] == "ULONG" ? "u32" : kind[i] == "RET" ? "ntos_ret_t" : "ntstatus_t"
			wrap = ret[i] == "ULONG" ? "ntos_ret_value(" : kind[i] == "RET" ? "" : "ntos_ret("
			params = ""
			call = ""
			for (a = 0; a < np[i]; a++) {
				params = params (a ? ", " : "") pt[i, a] " " pn[i, a]
				call = call (a ? ", " : "") (pt[i, a] == "u64" ? "" : "(" pt[i, a] ")") "args[" a "]"
			}
			printf("\n#ifdef NTOS_FAMILY_%s\n", family[i])
			printf("static %s ntos_%s(%s);\n\n", rtype, s, params == "" ? "void" : params)
			printf("ntos_ret_t ntos_svc_%s(const u64 *args)\n{\n", s)
			printf("\treturn %sntos_%s(%s)%s;\n}\n#endif\n", wrap, s, call, wrap == "" ? "" : ")")
		}
		print "\n#endif"
	} else if (out == "table") {
		print "// SPDX-License-Identifier: GPL-2.0"
		print "/* Generated from syscalls/nt.tbl by syscalls/gentbl.awk: do not edit. */"
		print "#include \"service.h\"\n"
		print "const struct ntos_service ntos_services[NTOS_NR_SERVICES] = {"
		for (i = 0; i < n; i++) {
			fn = family[i] != "" ? "ntos_svc_" snake(name[i]) : "NULL"
			printf("\t[0x%03x] = { \"%s\", %d, %s },\n", i, name[i], nargs[i], fn)
		}
		print "};"
	} else if (out == "uapi") {
		print "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */"
		print "/* Generated from syscalls/nt.tbl by syscalls/gentbl.awk: do not edit. */"
		print "#ifndef _UAPI_NTPERSONA_SERVICES_H"
		print "#define _UAPI_NTPERSONA_SERVICES_H\n"
		printf("#define NTSVC_COUNT\t%d\n\n", n)
		for (i = 0; i < n; i++) {
			printf("#define NTSVC_%s\t0x%04x\n", name[i], i)
			printf("#define NTSVC_%s_NARGS\t%d\n", name[i], nargs[i])
		}
		print "\n/* define NTSVC_PROTOTYPES, NTAPI and the Windows types first */"
		print "#ifdef NTSVC_PROTOTYPES"
		for (i = 0; i < n; i++)
			if (family[i] != "")
				print proto[i]
		print "#endif"
		print "\n#endif"
	} else if (out == "stubs") {
		print "# SPDX-License-Identifier: GPL-2.0"
		print "# Generated from syscalls/nt.tbl by syscalls/gentbl.awk: do not edit."
		for (i = 0; i < n; i++) {
			zw = "Zw" substr(name[i], 3)
			printf("\n\t.section .text$nt$%s,\"xr\"\n", name[i])
			print "\t.p2align 4"
			printf("\t.globl %s\n\t.def %s; .scl 2; .type 32; .endef\n", name[i], name[i])
			printf("\t.globl %s\n\t.def %s; .scl 2; .type 32; .endef\n", zw, zw)
			printf("%s:\n%s:\n", name[i], zw)
			print "\tmov %rcx, %r10"
			printf("\tmov $0x%04x, %%eax\n", i)
			print "\tsyscall"
			print "\tret"
		}
	} else if (out == "def") {
		print "; Generated from syscalls/nt.tbl by syscalls/gentbl.awk: do not edit."
		print "EXPORTS"
		for (i = 0; i < n; i++)
			printf("\t%s\n\tZw%s\n", name[i], substr(name[i], 3))
	} else {
		print "gentbl.awk: out= must be header, table, uapi, stubs or def" > "/dev/stderr"
		exit 1
	}
}
