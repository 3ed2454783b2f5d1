package org.denali.ide.core.debug;

import java.util.function.ToIntFunction;

/**
 * The address expressions of the Memory view, address breakpoints and watchpoints: a number ({@code 0x100020},
 * {@code 1048608}), an ELF symbol ({@code main}, {@code &counter}), a register ({@code $esp}), each optionally
 * {@code +} or {@code -} a number ({@code main+0x6}, {@code $ebp-8}).
 */
public final class AddressExpression {
    private AddressExpression() {
    }

    /**
     * @param registers the value of a register by name, or null where no VM is at hand (breakpoints)
     * @throws IllegalArgumentException with a message for the user when the expression means nothing
     */
    public static int resolve(String expression, GuestSymbols symbols, ToIntFunction<String> registers) {
        String text = expression.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Enter an address, a symbol or a register.");
        }
        int split = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        if (split > 0) {
            int base = resolve(text.substring(0, split), symbols, registers);
            int offset = number(text.substring(split + 1).trim(), expression);
            return text.charAt(split) == '+' ? base + offset : base - offset;
        }
        if (text.startsWith("&")) {
            text = text.substring(1).trim();
        }
        if (text.startsWith("$")) {
            if (registers == null) {
                throw new IllegalArgumentException("'" + expression + "': registers need a selected VM.");
            }
            return registers.applyAsInt(text.substring(1));
        }
        if (Character.isDigit(text.charAt(0))) {
            return number(text, expression);
        }
        String name = text;
        return (int) symbols.symbol(name).orElseThrow(() -> new IllegalArgumentException(
                "'" + expression + "': no symbol '" + name + "' in " + symbols.file().getFileName())).value();
    }

    private static int number(String text, String expression) {
        try {
            long value = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                    : Long.parseLong(text);
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("'" + expression + "': not a 32-bit address.");
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + expression + "': '" + text + "' is not a number.");
        }
    }
}
