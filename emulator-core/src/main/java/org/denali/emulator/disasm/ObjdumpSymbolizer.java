package org.denali.emulator.disasm;

import java.util.List;

import org.denali.emulator.elf.ElfSymbol;
import org.denali.emulator.elf.SymbolTable;

/**
 * Names addresses as objdump does for an executable: {@code 100020 <sum+0x4>}. The symbol is the preferred label
 * at the highest address not above the target, whatever its section; a target before every label is written
 * relative to the first one ({@code <first-0x8>}); an image without labels gets plain {@code 0x100020}.
 */
public final class ObjdumpSymbolizer implements AddressNamer {
    private final List<ElfSymbol> labels;

    public ObjdumpSymbolizer(SymbolTable symbols) {
        this.labels = symbols.labelsByAddress();
    }

    @Override
    public String name(long address) {
        ElfSymbol symbol = symbolFor(address);
        if (symbol == null) {
            return "0x" + Long.toHexString(address);
        }
        String hex = Long.toHexString(address);
        if (symbol.value() == address) {
            return hex + " <" + symbol.name() + ">";
        }
        if (symbol.value() > address) {
            return hex + " <" + symbol.name() + "-0x" + Long.toHexString(symbol.value() - address) + ">";
        }
        return hex + " <" + symbol.name() + "+0x" + Long.toHexString(address - symbol.value()) + ">";
    }

    /** The label objdump names {@code address} after, or null if there are none at all. */
    ElfSymbol symbolFor(long address) {
        if (labels.isEmpty()) {
            return null;
        }
        int low = 0;
        int high = labels.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (labels.get(mid).value() <= address) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (found < 0) {
            return labels.get(0);
        }
        // Labels sharing an address are sorted preferred-first: walk back to the first of them.
        while (found > 0 && labels.get(found - 1).value() == labels.get(found).value()) {
            found--;
        }
        return labels.get(found);
    }
}
