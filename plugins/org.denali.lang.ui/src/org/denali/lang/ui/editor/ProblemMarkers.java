package org.denali.lang.ui.editor;

import java.util.List;

import org.denali.lang.check.Problem;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;

/**
 * Publishes a document's problems as markers of type {@value #TYPE} on its workspace file: the editor shows
 * them through its marker annotation model, the Problems view lists them.
 */
public final class ProblemMarkers {
    public static final String TYPE = "org.denali.lang.ui.problem";

    private ProblemMarkers() {
    }

    public static void replace(IFile file, List<Problem> problems) throws CoreException {
        if (!file.exists()) {
            return;
        }
        ResourcesPlugin.getWorkspace().run(monitor -> {
            file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
            for (Problem problem : problems) {
                IMarker marker = file.createMarker(TYPE);
                marker.setAttribute(IMarker.MESSAGE, problem.message());
                marker.setAttribute(IMarker.SEVERITY, problem.severity() == Problem.Severity.ERROR
                    ? IMarker.SEVERITY_ERROR : IMarker.SEVERITY_WARNING);
                marker.setAttribute(IMarker.LINE_NUMBER, problem.line());
                marker.setAttribute(IMarker.CHAR_START, problem.offset());
                marker.setAttribute(IMarker.CHAR_END, problem.offset() + Math.max(1, problem.length()));
            }
        }, file, IWorkspace.AVOID_UPDATE, null);
    }
}
