# SPDX-License-Identifier: GPL-2.0
# genstubs.awk: turn syscalls/nt.tbl into GNU as source (x86_64-w64-mingw32-as)
# with one system-call stub per service, for PE programs that run on
# ntpersona without an ntdll.dll:
#
#   awk -f syscalls/genstubs.awk syscalls/nt.tbl > ntstubs.S
#
# Every service NtXxx becomes a global function (and ZwXxx an alias of it)
# with the Windows x64 convention: arguments in rcx, rdx, r8, r9, then on the
# stack from rsp + 0x28, exactly as ntdll's own stubs leave them:
#
#   NtXxx:  mov %rcx, %r10; mov $NUMBER, %eax; syscall; ret
#
# Each stub has a section of its own (.text$nt$<Name>) so that a link with
# --gc-sections keeps only the ones a program calls.

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
	if (hex($1) != n) {
		printf("nt.tbl: line %d: number %s out of sequence\n", NR, $1) > "/dev/stderr"
		exit 1
	}
	name[n] = $2
	n++
}
END {
	if (n == 0) {
		print "genstubs.awk: no services in the table" > "/dev/stderr"
		exit 1
	}
	print "# SPDX-License-Identifier: GPL-2.0"
	print "# Generated from syscalls/nt.tbl by syscalls/genstubs.awk: do not edit."
	printf("# %d NT system-call stubs, Windows x64 calling convention.\n", n)
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
}
