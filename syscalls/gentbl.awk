# SPDX-License-Identifier: GPL-2.0
# gentbl.awk: turn syscalls/nt.tbl into C.  Run with -v out=WHAT:
#   header  syscalls/services.h: the table size and the handlers' prototypes
#   table   syscalls/service_table.c: the kernel dispatch table
#   uapi    ntpersona_services.h: NTSVC_<Name> numbers and argument counts
#           for user space
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
	n++
}
END {
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
