package org.denali.ide.lsp.editor;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.denali.ide.lsp.LspPlugin;
import org.denali.ide.lsp.client.ConnectedDocument;
import org.denali.ide.lsp.client.DocumentRegistry;
import org.denali.ide.lsp.client.ServerConnection;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.text.Document;
import org.eclipse.jface.text.IDocument;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.swt.widgets.Display;

/**
 * textDocument/publishDiagnostics as markers of their own type ({@value #TYPE}, a problem marker, not
 * persisted): they appear in the editor and the Problems view as you type, beside — never replacing — the
 * build's markers. Related information is appended to the message.
 */
public final class DiagnosticMarkers {
    public static final String TYPE = "org.denali.ide.lsp.diagnostic";
    /** The server that reported a marker (e.g. {@code clangd}). */
    public static final String SOURCE = "source";

    private DiagnosticMarkers() {
    }

    public static void publish(ServerConnection connection, PublishDiagnosticsParams params) {
        Path file;
        try {
            file = Path.of(URI.create(params.getUri()));
        } catch (IllegalArgumentException e) {
            return;
        }
        Optional<IFile> resource = DocumentFiles.resourceOf(file);
        if (resource.isEmpty()) {
            return;
        }
        // offsets come from the text the user sees: the open document when there is one
        Display.getDefault().asyncExec(() -> {
            IDocument document = DocumentRegistry.get().find(params.getUri()).map(ConnectedDocument::document)
                    .orElse(null);
            IDocument text = document != null ? document : read(resource.get());
            replace(resource.get(), connection.definition().name(), text, params.getDiagnostics());
        });
    }

    private static IDocument read(IFile file) {
        try {
            return new Document(new String(file.getContents(true).readAllBytes(), file.getCharset()));
        } catch (Exception e) {
            return new Document("");
        }
    }

    /**
     * In a job with the file as its rule: the UI thread never waits for the workspace (a build holds it), and
     * jobs of one file run in the order they were scheduled.
     */
    private static void replace(IFile file, String source, IDocument text, List<Diagnostic> diagnostics) {
        List<Object[]> markers = diagnostics.stream().map(d -> attributes(source, text, d)).toList();
        WorkspaceJob update = new WorkspaceJob(source + " diagnostics for " + file.getName()) {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) {
                if (!file.exists()) {
                    return Status.OK_STATUS;
                }
                try {
                    file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
                    for (Object[] values : markers) {
                        file.createMarker(TYPE, java.util.Map.of(
                                IMarker.SEVERITY, values[0], IMarker.MESSAGE, values[1],
                                IMarker.LINE_NUMBER, values[2], IMarker.CHAR_START, values[3],
                                IMarker.CHAR_END, values[4], SOURCE, source, IMarker.TRANSIENT, Boolean.TRUE));
                    }
                } catch (CoreException e) {
                    LspPlugin.warn("Cannot show " + source + " diagnostics on " + file.getFullPath(), e);
                }
                return Status.OK_STATUS;
            }
        };
        update.setRule(file);
        update.setSystem(true);
        update.schedule();
    }

    private static Object[] attributes(String source, IDocument text, Diagnostic d) {
        int start = ConnectedDocument.DocumentPositions.offset(text, d.getRange().getStart());
        int end = ConnectedDocument.DocumentPositions.offset(text, d.getRange().getEnd());
        if (end <= start) {
            end = Math.min(text.getLength(), start + 1);
        }
        String message = d.getMessage();
        if (d.getRelatedInformation() != null && !d.getRelatedInformation().isEmpty()) {
            message += d.getRelatedInformation().stream()
                    .map(r -> Path.of(URI.create(r.getLocation().getUri())).getFileName() + ":"
                            + (r.getLocation().getRange().getStart().getLine() + 1) + ": " + r.getMessage())
                    .collect(Collectors.joining("; ", " (", ")"));
        }
        return new Object[] {severity(d.getSeverity()), message, d.getRange().getStart().getLine() + 1, start, end};
    }

    private static int severity(DiagnosticSeverity severity) {
        if (severity == null) {
            return IMarker.SEVERITY_ERROR;
        }
        return switch (severity) {
            case Error -> IMarker.SEVERITY_ERROR;
            case Warning -> IMarker.SEVERITY_WARNING;
            default -> IMarker.SEVERITY_INFO;
        };
    }
}
