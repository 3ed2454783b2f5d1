package org.denali.sdk.build;

/** How bad a {@link Diagnostic} is; the words are the ones gcc prints. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTE("note");

    private final String word;

    Severity(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
