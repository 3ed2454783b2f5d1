package org.denali.ide.lsp.editor;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.denali.ide.lsp.LspPlugin;
import org.denali.ide.lsp.client.ConnectedDocument;
import org.denali.ide.lsp.client.DocumentRegistry;
import org.denali.ide.lsp.client.ServerConnection;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.widgets.Display;

/**
 * A server that cannot start is said once, quietly: an information marker on each file opened while it is
 * missing (in the editor's ruler and the Problems view, saying what to install or where to set the path) and
 * one warning in the log per reason. No dialog: the editor stays usable with its rule-based colours.
 */
public final class UnavailableServerNotice {
    private static final Set<String> LOGGED = new HashSet<>();

    private UnavailableServerNotice() {
    }

    /** For the registry's unavailable listener: marks every document already connected to the connection. */
    public static void serverUnavailable(ServerConnection connection) {
        Display.getDefault().asyncExec(() -> DocumentRegistry.get().all().stream()
                .filter(d -> d.connection() == connection).forEach(UnavailableServerNotice::mark));
    }

    static void documentConnected(ConnectedDocument document) {
        if (document.connection().unavailableReason() != null) {
            mark(document);
        } else {
            DocumentFiles.resourceOf(document.file()).ifPresent(UnavailableServerNotice::clear);
        }
    }

    private static void mark(ConnectedDocument document) {
        String reason = document.connection().unavailableReason();
        synchronized (LOGGED) {
            if (LOGGED.add(reason)) {
                LspPlugin.warn(reason, null);
            }
        }
        DocumentFiles.resourceOf(document.file()).ifPresent(file -> {
            try {
                clear(file);
                file.createMarker(DiagnosticMarkers.TYPE, Map.of(IMarker.SEVERITY, IMarker.SEVERITY_INFO,
                        IMarker.MESSAGE, reason, IMarker.LINE_NUMBER, 1, IMarker.TRANSIENT, Boolean.TRUE,
                        DiagnosticMarkers.SOURCE, document.connection().definition().name()));
            } catch (CoreException e) {
                LspPlugin.warn("Cannot mark " + file.getFullPath(), e);
            }
        });
    }

    private static void clear(IFile file) {
        try {
            if (file.exists()) {
                file.deleteMarkers(DiagnosticMarkers.TYPE, false, IResource.DEPTH_ZERO);
            }
        } catch (CoreException e) {
            LspPlugin.warn("Cannot clear markers of " + file.getFullPath(), e);
        }
    }
}
