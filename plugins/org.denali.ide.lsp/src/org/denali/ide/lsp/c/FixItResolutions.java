package org.denali.ide.lsp.c;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.denali.ide.lsp.LspPlugin;
import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.ITextFileBufferManager;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolutionGenerator2;

/**
 * Quick fixes from gcc's fix-its: a build problem whose diagnostic came with fix-its (stored on the marker by
 * the Denali builder as {@value #FIX_ITS}) offers "Apply gcc's fix", in the editor (Ctrl+1) and the Problems
 * view. The edit goes into the file's buffer: an open editor shows it unsaved, otherwise it is saved.
 */
public class FixItResolutions implements IMarkerResolutionGenerator2 {
    /** The builder's attribute (org.denali.ide.core's ProblemMarkers.FIX_ITS): {@code start:end:text} lines. */
    static final String FIX_ITS = "fixIts";

    record Edit(int start, int end, String text) {
    }

    @Override
    public boolean hasResolutions(IMarker marker) {
        return !marker.getAttribute(FIX_ITS, "").isEmpty() && marker.getResource() instanceof IFile;
    }

    @Override
    public IMarkerResolution[] getResolutions(IMarker marker) {
        if (!hasResolutions(marker)) {
            return new IMarkerResolution[0];
        }
        List<Edit> edits = parse(marker.getAttribute(FIX_ITS, ""));
        return new IMarkerResolution[] {new FixIt(edits)};
    }

    static List<Edit> parse(String attribute) {
        List<Edit> edits = new ArrayList<>();
        for (String line : attribute.split("\n")) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3) {
                String text = parts[2].replace("\\n", "\n").replace("\\\\", "\\");
                edits.add(new Edit(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), text));
            }
        }
        return edits;
    }

    private record FixIt(List<Edit> edits) implements IMarkerResolution {
        @Override
        public String getLabel() {
            Edit first = edits.get(0);
            String what = first.start() == first.end() ? "insert '" + first.text() + "'"
                    : first.text().isEmpty() ? "delete" : "replace with '" + first.text() + "'";
            return "Apply gcc's fix: " + what + (edits.size() > 1 ? " (and " + (edits.size() - 1) + " more)" : "");
        }

        @Override
        public void run(IMarker marker) {
            IFile file = (IFile) marker.getResource();
            ITextFileBufferManager manager = FileBuffers.getTextFileBufferManager();
            try {
                manager.connect(file.getFullPath(), LocationKind.IFILE, null);
                try {
                    ITextFileBuffer buffer = manager.getTextFileBuffer(file.getFullPath(), LocationKind.IFILE);
                    boolean openElsewhere = buffer.isDirty() || buffer.isShared();
                    IDocument document = buffer.getDocument();
                    for (Edit edit : edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed()).toList()) {
                        document.replace(edit.start(), edit.end() - edit.start(), edit.text());
                    }
                    if (!openElsewhere) {
                        buffer.commit(null, true);
                    }
                    marker.delete();
                } finally {
                    manager.disconnect(file.getFullPath(), LocationKind.IFILE, null);
                }
            } catch (CoreException | BadLocationException e) {
                LspPlugin.warn("Cannot apply gcc's fix to " + file.getFullPath() + ": " + e.getMessage(), null);
            }
        }
    }
}
