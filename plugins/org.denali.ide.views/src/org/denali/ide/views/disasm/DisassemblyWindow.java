package org.denali.ide.views.disasm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.disasm.AddressNamer;
import org.denali.emulator.disasm.DisassembledInstruction;
import org.denali.emulator.disasm.Disassembler;
import org.denali.emulator.disasm.ObjdumpSymbolizer;
import org.denali.emulator.elf.ElfSymbol;
import org.denali.emulator.elf.SymbolTable;

/**
 * The instructions around a VM's EIP. x86 cannot be decoded backwards, so the sweep starts where decoding is known
 * to be in step: the start of the function containing EIP (from the image's symbols), or EIP itself without
 * symbols. Bytes come from the VM's live memory (the monitor's {@code mem}), so the listing shows what really
 * runs; a byte the monitor could not read (page not mapped) ends the sweep.
 */
public final class DisassemblyWindow {
    /** Instructions shown before and after EIP. */
    static final int BEFORE = 14;
    static final int AFTER = 30;
    /** A sweep starts at most this far before EIP (longer functions start nearer EIP, at a symbol-less guess). */
    static final int MAX_LEAD = 3000;
    /** Bytes read after EIP: enough for {@link #AFTER} instructions of up to 15 bytes. */
    static final int TAIL = 15 * AFTER / 2;

    /** One line: {@code current} marks EIP; {@code label} is "main" at a symbol, "main+0x1c" inside. */
    public record Line(long address, String label, String bytes, String text, boolean current) {
    }

    private final SymbolTable symbols;
    private final Disassembler disassembler;

    /** @param symbols the image's symbols, or null if unknown (addresses are then shown without names) */
    public DisassemblyWindow(SymbolTable symbols) {
        this.symbols = symbols;
        AddressNamer namer = symbols == null ? AddressNamer.plain() : new ObjdumpSymbolizer(symbols);
        this.disassembler = new Disassembler(namer);
    }

    /** Where to start reading for {@code eip}: the containing function's start if near enough, else EIP. */
    public long sweepStart(long eip) {
        if (symbols == null) {
            return eip;
        }
        Optional<ElfSymbol> function = symbols.functionContaining(eip);
        if (function.isPresent() && eip - function.get().value() <= MAX_LEAD && function.get().value() <= eip) {
            return function.get().value();
        }
        return eip;
    }

    /** How many bytes to read from {@link #sweepStart} (the monitor reads at most 4096). */
    public int readLength(long eip) {
        return (int) Math.min(4096, eip - sweepStart(eip) + TAIL);
    }

    /** The lines for {@code bytes} read at {@code base} (-1 = unreadable), EIP marked. */
    public List<Line> lines(long eip, long base, int[] bytes) {
        ByteSource source = address -> {
            long offset = (address - base) & 0xFFFF_FFFFL;
            return offset < bytes.length ? bytes[(int) offset] : -1;
        };
        List<Line> all = new ArrayList<>();
        int currentIndex = -1;
        long address = base;
        while (address < base + bytes.length && source.read((int) address) >= 0) {
            DisassembledInstruction insn = disassembler.disassembleOne(source, address);
            int length = Math.max(1, insn.length());
            boolean complete = address + length <= base + bytes.length && source.read((int) (address + length - 1)) >= 0;
            if (!complete) {
                break;
            }
            if (address == eip) {
                currentIndex = all.size();
            }
            all.add(new Line(address, label(address), hex(bytes, (int) (address - base), length), insn.text(),
                    address == eip));
            if (currentIndex >= 0 && all.size() - currentIndex > AFTER) {
                break;
            }
            address += length;
        }
        if (currentIndex < 0) {
            return all.subList(0, Math.min(all.size(), AFTER)); // EIP not on an instruction boundary of the sweep
        }
        return List.copyOf(all.subList(Math.max(0, currentIndex - BEFORE), all.size()));
    }

    private String label(long address) {
        if (symbols == null) {
            return "";
        }
        return symbols.functionContaining(address)
                .map(s -> s.value() == address ? s.name() : s.name() + "+0x" + Long.toHexString(address - s.value()))
                .orElse("");
    }

    private static String hex(int[] bytes, int from, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + length && i < bytes.length; i++) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02x", bytes[i]));
        }
        return sb.toString();
    }
}
