package org.denali.ide.core.gdb;

/**
 * A gdb variable object ({@code -var-create}, {@code -var-list-children}): a C expression in one frame, its type,
 * its value as gdb formats it, and how many children it has (struct fields, array elements, the pointee), which
 * are listed only when asked for.
 *
 * @param varobj     gdb's name of the variable object
 * @param expression the name shown: a variable, a field, {@code [3]}, or the expression typed
 * @param path       the full C expression ({@code -var-info-path-expression}), for keys and watchpoints
 * @param argument   true for a function argument
 */
public record GdbVariable(String varobj, String expression, String path, String type, String value, int children,
        boolean argument) {
}
