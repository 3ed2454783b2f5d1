package org.denali.lang.check;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Injector;

/**
 * Parses and validates one Denali file (assembly or deployment) with the language's own services: syntax errors,
 * linking errors and every validator rule. The editors' markers and {@code denali check} both come from here, so
 * they always agree.
 */
public final class LanguageChecker {

    /** Checks a file on disk; the name printed is the path as given. */
    public List<Problem> check(Path file) throws IOException {
        return check(file.toString(), file.toAbsolutePath(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Checks text that belongs to a file (the editor's unsaved buffer); {@code location} is used to resolve
     * relative paths such as a deployment's images.
     */
    public List<Problem> check(String displayName, Path location, String text) throws IOException {
        Injector injector = DenaliLanguages.forFile(location.getFileName().toString())
            .orElseThrow(() -> new IOException("not a Denali source (.S, .s or .denali): " + displayName));
        XtextResource resource = load(injector, location, text);
        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        List<Problem> problems = new ArrayList<>();
        for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
            Problem.Severity severity = switch (issue.getSeverity()) {
                case ERROR -> Problem.Severity.ERROR;
                case WARNING -> Problem.Severity.WARNING;
                default -> null;
            };
            if (severity != null) {
                problems.add(new Problem(displayName, orOne(issue.getLineNumber()), orOne(issue.getColumn()),
                    orZero(issue.getOffset()), orZero(issue.getLength()), severity, issue.getMessage()));
            }
        }
        problems.sort(Comparator.comparingInt(Problem::offset));
        return problems;
    }

    /** Parses text into a resource of the file's language (not validated). */
    public static XtextResource load(Injector injector, Path location, String text) throws IOException {
        XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
        URI uri = URI.createFileURI(location.toAbsolutePath().toString());
        XtextResource resource = (XtextResource) resourceSet.createResource(uri);
        resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            Map.of(XtextResource.OPTION_ENCODING, "UTF-8"));
        return resource;
    }

    private static int orOne(Integer value) {
        return value == null || value < 1 ? 1 : value;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
