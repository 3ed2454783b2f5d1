package org.denali.emulator.elf;

/** One {@code .symtab} entry. {@code value} and {@code size} are unsigned 32-bit values held in longs. */
public record ElfSymbol(String name, long value, long size, Type type, Binding binding, int sectionIndex) {

    public enum Type {
        NOTYPE, OBJECT, FUNC, SECTION, FILE, OTHER;

        static Type of(int code) {
            return switch (code) {
                case 0 -> NOTYPE;
                case 1 -> OBJECT;
                case 2 -> FUNC;
                case 3 -> SECTION;
                case 4 -> FILE;
                default -> OTHER;
            };
        }
    }

    public enum Binding {
        LOCAL, GLOBAL, WEAK, OTHER;

        static Binding of(int code) {
            return switch (code) {
                case 0 -> LOCAL;
                case 1 -> GLOBAL;
                case 2 -> WEAK;
                default -> OTHER;
            };
        }
    }

    /** SHN_UNDEF: the symbol is not defined in this file. */
    public static final int UNDEFINED_SECTION = 0;
    /** SHN_ABS: the value is an absolute number, not an address in a section. */
    public static final int ABSOLUTE_SECTION = 0xFFF1;

    /** True for symbols that name a place in the image (functions, objects, labels), the ones address lookups use. */
    public boolean isAddressLabel() {
        return !name.isEmpty() && sectionIndex != UNDEFINED_SECTION && sectionIndex != ABSOLUTE_SECTION
                && sectionIndex < 0xFF00 && type != Type.SECTION && type != Type.FILE;
    }

    public boolean contains(long address) {
        return address >= value && (address < value + size || address == value);
    }
}
