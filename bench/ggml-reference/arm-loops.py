"""Lists the loops of functions in an aarch64 objdump: each backward branch within a function closes a loop;
for each, its instructions, those on SIMD/FP registers, SDOTs and loads. Usage: arm-loops.py DUMP.s FUNCTION..."""
import re
import sys

BRANCHES_NOT = {"bl", "bic", "bif", "bit", "bsl", "bfi", "bfxil"}  # mnemonics starting with b that do not branch back
SIMD = re.compile(r"\b(v[0-9]+\.|[qdsh][0-9]+\b)")

functions, current = {}, None
for line in open(sys.argv[1]).read().splitlines():
    head = re.match(r"^([0-9a-f]+) <(.*)>:$", line)
    if head:
        current = head.group(2)
        functions[current] = []
        continue
    ins = re.match(r"^\s+([0-9a-f]+):\s+(\S+)\s*(.*)$", line)
    if ins and current:
        functions[current].append((int(ins.group(1), 16), ins.group(2), ins.group(3)))

for name in sys.argv[2:]:
    body = functions[name]
    print("==", name, len(body), "instructions")
    for addr, op, args in body:
        target = re.search(r"\b([0-9a-f]+) <", args)
        if op.startswith("b") and op not in BRANCHES_NOT and target:
            start = int(target.group(1), 16)
            if body[0][0] <= start <= addr:
                loop = [x for x in body if start <= x[0] <= addr]
                simd = sum(1 for x in loop if SIMD.search(x[2]))
                sdot = sum(1 for x in loop if x[1] == "sdot")
                loads = sum(1 for x in loop if x[1].startswith("ld"))
                print(f"  loop {start:x}-{addr:x}: {len(loop)} instructions, {simd} SIMD/FP, {sdot} sdot, {loads} loads")
