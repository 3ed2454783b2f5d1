package org.denali.emulator.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.denali.emulator.elf.ElfSymbol;
import org.denali.emulator.elf.ElfSymbol.Binding;
import org.denali.emulator.elf.ElfSymbol.Type;
import org.denali.emulator.elf.SymbolTable;
import org.junit.jupiter.api.Test;

/** How branch targets are named, including the cases the toolchain-built binaries rarely produce. */
class ObjdumpSymbolizerTest {
    private static final int TEXT = 1;

    private static ElfSymbol symbol(String name, long value, Type type, Binding binding) {
        return new ElfSymbol(name, value, 0, type, binding, TEXT);
    }

    @Test
    void namesRelativeToThePrecedingLabel() {
        AddressNamer namer = new ObjdumpSymbolizer(new SymbolTable(List.of(
                symbol("start", 0x100000, Type.FUNC, Binding.GLOBAL),
                symbol("loop", 0x100010, Type.NOTYPE, Binding.LOCAL))));
        assertEquals("100000 <start>", namer.name(0x100000));
        assertEquals("10000f <start+0xf>", namer.name(0x10000f));
        assertEquals("100024 <loop+0x14>", namer.name(0x100024));
        assertEquals("fff00 <start-0x100>", namer.name(0xfff00));
    }

    @Test
    void prefersFunctionsThenGlobalsAmongLabelsAtOneAddress() {
        AddressNamer namer = new ObjdumpSymbolizer(new SymbolTable(List.of(
                symbol("local_label", 0x100000, Type.NOTYPE, Binding.LOCAL),
                symbol("global_label", 0x100000, Type.NOTYPE, Binding.GLOBAL),
                symbol("the_function", 0x100000, Type.FUNC, Binding.LOCAL))));
        assertEquals("100004 <the_function+0x4>", namer.name(0x100004));
    }

    @Test
    void withoutSymbolsTargetsArePlainHex() {
        assertEquals("0x100020", new ObjdumpSymbolizer(SymbolTable.empty()).name(0x100020));
        assertEquals("0x100020", AddressNamer.plain().name(0x100020));
    }
}
