package org.denali.lang.ui.editor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.denali.lang.check.DenaliLanguages;
import org.denali.lang.check.LanguageChecker;
import org.denali.lang.check.Problem;
import org.eclipse.xtext.resource.XtextResource;

/**
 * The parsed state of one editor's document: a snapshot of the text, its Xtext resource and its problems.
 * Snapshots are replaced, never mutated, so the UI thread can read one while the reconciler computes the next.
 */
public final class DocumentModel {
    /** One parse of one text. */
    public record Snapshot(String text, XtextResource resource, List<Problem> problems) {
    }

    private final Path location;
    private volatile Snapshot current;

    /** @param location where the file is (relative paths in a deployment resolve against it) */
    public DocumentModel(Path location) {
        this.location = location;
    }

    public boolean isAssembly() {
        String name = location.getFileName().toString();
        return name.endsWith(".S") || name.endsWith(".s");
    }

    public boolean isSupported() {
        return DenaliLanguages.forFile(location.getFileName().toString()).isPresent();
    }

    /** Parses and validates the text (the reconciler's job). */
    public Snapshot validate(String text) throws IOException {
        List<Problem> problems = new LanguageChecker().check(location.getFileName().toString(), location, text);
        Snapshot snapshot = new Snapshot(text, parse(text), problems);
        current = snapshot;
        return snapshot;
    }

    /** A resource for exactly this text: the last snapshot if it matches, else a fresh parse (no validation). */
    public XtextResource resourceFor(String text) throws IOException {
        Snapshot snapshot = current;
        if (snapshot != null && snapshot.text().equals(text)) {
            return snapshot.resource();
        }
        return parse(text);
    }

    public Snapshot current() {
        return current;
    }

    private XtextResource parse(String text) throws IOException {
        return LanguageChecker.load(DenaliLanguages.forFile(location.getFileName().toString()).orElseThrow(),
            location, text);
    }
}
