package org.denali.ide.core.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.denali.ide.core.DenaliPreferences;
import org.denali.sdk.build.BuildConfiguration;
import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.CompileCommandsWriter;
import org.denali.sdk.build.Diagnostic;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.denali.sdk.build.ProjectException;
import org.denali.sdk.build.ToolRun;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;

/**
 * The Denali guest builder: runs the Ilwaco SDK's toolchain driver (the same code as {@code denali build}),
 * which is itself incremental, and mirrors its diagnostics as problem markers. Output goes to the
 * {@link GuestBuildListeners} (the build console). The project's {@code build.configuration} is built unless the
 * caller names another with the {@value #CONFIGURATION_ARGUMENT} argument (Debug As builds {@code debug}).
 */
public class DenaliBuilder extends IncrementalProjectBuilder {
    /** Builder argument: the {@link BuildConfiguration} id to build instead of the project's own. */
    public static final String CONFIGURATION_ARGUMENT = "configuration";

    /** What the last build of this project produced, so a change of configuration alone rebuilds. */
    private BuildConfiguration lastBuilt;

    public static final String ID = "org.denali.ide.core.denaliBuilder";

    @Override
    protected IProject[] build(int kind, Map<String, String> args, IProgressMonitor monitor) throws CoreException {
        IProject project = getProject();
        String requested = args == null ? null : args.get(CONFIGURATION_ARGUMENT);
        if (kind != FULL_BUILD && onlyOutputsChanged(getDelta(project)) && lastBuilt != null
                && (requested == null ? lastBuilt == configuredOrNull(project) : lastBuilt.id().equals(requested))) {
            return null;
        }
        SubMonitor sub = SubMonitor.convert(monitor, "Building Denali guest " + project.getName(), 3);
        ProblemMarkers markers = new ProblemMarkers(project);
        markers.clear();
        try {
            GuestProject loaded = GuestProject.load(project.getLocation().toPath());
            GuestProject guest = requested == null ? loaded
                    : loaded.withConfiguration(BuildConfiguration.parse(requested));
            GuestBuilder builder = DenaliPreferences.guestBuilder().progress(new MonitorProgress(sub.split(1)));
            say(project, "Building " + guest.imageName() + " (" + guest.configuration().id()
                    + " configuration) with the Ilwaco SDK at " + builder.sdk().root());
            BuildResult result = builder.build(guest);
            lastBuilt = result.succeeded() ? guest.configuration() : null;
            sub.worked(1);
            report(project, guest, result, markers);
        } catch (ProjectException e) {
            markers.add(new Diagnostic(null, 0, 0, org.denali.sdk.build.Severity.ERROR, e.getMessage()));
            say(project, "Cannot build: " + e.getMessage());
        } catch (IOException e) {
            throw new CoreException(Status.error("Denali build of " + project.getName() + " failed: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            if (!sub.isCanceled()) {
                Thread.currentThread().interrupt(); // a real interrupt, not the user's Cancel
            }
            say(project, "Build cancelled");
            throw new OperationCanceledException();
        }
        project.refreshLocal(IResource.DEPTH_INFINITE, sub.split(1));
        markDerived(project);
        return null;
    }

    private void report(IProject project, GuestProject guest, BuildResult result, ProblemMarkers markers)
            throws CoreException {
        Path base = guest.directory();
        for (ToolRun run : result.runs()) {
            say(project, String.join(" ", run.command()));
        }
        for (Diagnostic d : result.diagnostics()) {
            markers.add(d);
            say(project, d.format(base));
        }
        if (result.succeeded()) {
            say(project, "Built " + base.relativize(result.image()) + (result.linked() ? "" : " (up to date)"));
        } else {
            say(project, "Build failed: " + result.errors().size() + " error(s)");
        }
    }

    @Override
    protected void clean(IProgressMonitor monitor) throws CoreException {
        IProject project = getProject();
        new ProblemMarkers(project).clear();
        try {
            GuestProject guest = GuestProject.load(project.getLocation().toPath());
            guest.clean();
            say(project, "Cleaned " + guest.imageName());
        } catch (ProjectException e) {
            say(project, "Nothing to clean: " + e.getMessage());
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot clean " + project.getName() + ": " + e.getMessage(), e));
        }
        project.refreshLocal(IResource.DEPTH_INFINITE, monitor);
    }

    /** The configuration {@code denali.properties} chooses, or {@code null} if it cannot be read. */
    private static BuildConfiguration configuredOrNull(IProject project) {
        try {
            return GuestProject.load(project.getLocation().toPath()).configuration();
        } catch (ProjectException e) {
            return null;
        }
    }

    /** Changes to build output alone (our own refresh) must not trigger another build. */
    private static boolean onlyOutputsChanged(IResourceDelta delta) throws CoreException {
        if (delta == null) {
            return false;
        }
        boolean[] sourceChanged = {false};
        delta.accept(d -> {
            IResource r = d.getResource();
            if (r.getType() == IResource.FILE && !isOutput(r)) {
                sourceChanged[0] = true;
            }
            return !sourceChanged[0] && !(r.getType() == IResource.FOLDER && isOutput(r));
        });
        return !sourceChanged[0];
    }

    private static boolean isOutput(IResource resource) {
        String first = resource.getProjectRelativePath().segment(0);
        return GuestProject.BUILD_DIR.equals(first) || "elf".equals(resource.getFileExtension())
                || CompileCommandsWriter.DATABASE.equals(first) || CompileCommandsWriter.CLANGD_CONFIG.equals(first)
                || CompileCommandsWriter.CLANG_FORMAT.equals(first);
    }

    private static void markDerived(IProject project) throws CoreException {
        IFolder build = project.getFolder(GuestProject.BUILD_DIR);
        if (build.exists()) {
            build.setDerived(true, null);
        }
        for (IResource member : project.members()) {
            if ("elf".equals(member.getFileExtension()) || isOutput(member)) {
                member.setDerived(true, null);
            }
        }
    }

    private static void say(IProject project, String line) {
        GuestBuildListeners.output(project, line);
    }
}
