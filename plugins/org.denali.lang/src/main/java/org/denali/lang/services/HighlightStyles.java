package org.denali.lang.services;

/** Highlighting style ids shared by the calculator and the editors' colour table. */
public final class HighlightStyles {
    public static final String COMMENT = "comment";
    public static final String KEYWORD = "keyword";
    public static final String MNEMONIC = "mnemonic";
    public static final String INVALID_MNEMONIC = "invalid-mnemonic";
    public static final String REGISTER = "register";
    public static final String DIRECTIVE = "directive";
    public static final String LABEL = "label";
    public static final String NUMBER = "number";
    public static final String STRING = "string";

    private HighlightStyles() {
    }
}
