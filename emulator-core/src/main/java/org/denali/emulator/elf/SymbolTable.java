package org.denali.emulator.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image's {@code .symtab}, indexed for the two questions a debugger and a disassembler ask: "which symbol is
 * called X" and "which symbol is EIP in".
 */
public final class SymbolTable {
    /**
     * Order among symbols with the same address, chosen so the first one is the name {@code objdump} prints:
     * functions, then objects, then globals before locals, then names not starting with '.', then by name.
     */
    private static final Comparator<ElfSymbol> PREFERRED_FIRST = Comparator
            .comparingLong(ElfSymbol::value)
            .thenComparing(s -> s.type() != ElfSymbol.Type.FUNC)
            .thenComparing(s -> s.type() != ElfSymbol.Type.OBJECT)
            .thenComparing(s -> s.binding() == ElfSymbol.Binding.LOCAL)
            .thenComparing(s -> s.binding() != ElfSymbol.Binding.GLOBAL)
            .thenComparing(s -> s.name().startsWith("."))
            .thenComparing(ElfSymbol::name);

    private static final SymbolTable EMPTY = new SymbolTable(List.of());

    private final List<ElfSymbol> symbols;
    /** Address labels (see {@link ElfSymbol#isAddressLabel()}) sorted by {@link #PREFERRED_FIRST}. */
    private final List<ElfSymbol> labelsByAddress;
    private final Map<String, ElfSymbol> byName = new HashMap<>();

    public SymbolTable(List<ElfSymbol> symbols) {
        this.symbols = List.copyOf(symbols);
        List<ElfSymbol> labels = new ArrayList<>();
        for (ElfSymbol symbol : this.symbols) {
            if (symbol.isAddressLabel()) {
                labels.add(symbol);
            }
            // A global definition wins over a local one of the same name (static functions in two files).
            ElfSymbol known = byName.get(symbol.name());
            if (!symbol.name().isEmpty() && (known == null
                    || known.binding() == ElfSymbol.Binding.LOCAL && symbol.binding() != ElfSymbol.Binding.LOCAL)) {
                byName.put(symbol.name(), symbol);
            }
        }
        labels.sort(PREFERRED_FIRST);
        this.labelsByAddress = List.copyOf(labels);
    }

    public static SymbolTable empty() {
        return EMPTY;
    }

    /** Every entry in file order, including the null symbol 0 and FILE/SECTION symbols. */
    public List<ElfSymbol> all() {
        return symbols;
    }

    /** Address labels sorted by address (preferred name first among equal addresses). */
    public List<ElfSymbol> labelsByAddress() {
        return labelsByAddress;
    }

    public Optional<ElfSymbol> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The function whose {@code [value, value + size)} contains {@code address} (an unsigned 32-bit value); for
     * hand-written assembly without {@code .size}, the nearest preceding zero-sized function or label.
     */
    public Optional<ElfSymbol> functionContaining(long address) {
        ElfSymbol fallback = null;
        for (int i = lastIndexAtOrBefore(address); i >= 0; i--) {
            ElfSymbol candidate = labelsByAddress.get(i);
            if (candidate.type() == ElfSymbol.Type.OBJECT) {
                continue;
            }
            if (candidate.size() > 0 && address < candidate.value() + candidate.size()) {
                return Optional.of(candidate);
            }
            if (candidate.size() == 0 && fallback == null) {
                fallback = candidate;
            }
        }
        return Optional.ofNullable(fallback);
    }

    /**
     * The symbol {@code objdump} names {@code address} after: the preferred label at the highest address not above
     * {@code address} defined in section {@code sectionIndex}.
     */
    public Optional<ElfSymbol> nearestAtOrBefore(long address, int sectionIndex) {
        int last = lastIndexAtOrBefore(address);
        long bestValue = -1;
        ElfSymbol best = null;
        for (int i = last; i >= 0; i--) {
            ElfSymbol candidate = labelsByAddress.get(i);
            if (best != null && candidate.value() != bestValue) {
                break;
            }
            if (candidate.sectionIndex() == sectionIndex) {
                best = candidate; // keep walking back: the first of equal-valued entries is preferred
                bestValue = candidate.value();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Index of the last label with value ≤ address, or -1. */
    private int lastIndexAtOrBefore(long address) {
        int low = 0;
        int high = labelsByAddress.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (labelsByAddress.get(mid).value() <= address) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }
}
