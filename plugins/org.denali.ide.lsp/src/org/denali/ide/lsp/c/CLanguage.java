package org.denali.ide.lsp.c;

/** The C language as Denali Studio knows it: its content type and the partitions of the rule-based colouring. */
public final class CLanguage {
    /** {@code .c} and {@code .h}; the Denali C editor, its hovers and the debugger's contributions use it. */
    public static final String CONTENT_TYPE = "org.denali.ide.c.source";
    public static final String PARTITIONING = "org.denali.ide.c.partitioning";
    public static final String COMMENT = "__c_comment";
    public static final String STRING = "__c_string";
    public static final String[] PARTITIONS = {COMMENT, STRING};

    private CLanguage() {
    }
}
