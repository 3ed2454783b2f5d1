package org.denali.ide.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.debug.DenaliLineBreakpoint;
import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.ui.editor.DenaliCEditor;
import org.denali.ide.ui.perspective.DenaliPerspective;
import org.denali.ide.ui.tests.support.ErrorLogGuard;
import org.denali.ide.ui.wizards.NewGuestProjectPage;
import org.denali.ide.ui.wizards.NewGuestProjectWizard;
import org.denali.sdk.templates.ProjectTemplate;
import org.denali.sdk.templates.ProjectTemplates;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.source.IVerticalRulerInfo;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A newcomer's first session, walked as a user walks it (issue 16): the wizard with every template, the Denali
 * perspective with the debug views, a breakpoint by double-clicking the editor's ruler, Debug As from Project
 * Explorer's context menu on the project and Terminate from the Debug view's context menu, and a deployment run from
 * Project Explorer's Run As with a console per VM, terminated from the Debug view (its launch type's own tests are in
 * org.denali.lang.ui.tests). Any error the workbench logs meanwhile fails it (ErrorLogGuard).
 */
@ExtendWith(ErrorLogGuard.class)
class FirstSessionUiTest {
    private static final long TIMEOUT_MILLIS = 90_000;
    private static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";

    @AfterEach
    void cleanUp() throws CoreException {
        for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            launch.terminate();
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        }
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(), true);
        page().closeAllEditors(false);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void theWizardOffersEveryTemplateAndEachProjectBuilds() throws Exception {
        List<String> ids = ProjectTemplates.all().stream().map(ProjectTemplate::id).toList();
        assertTrue(ids.contains("echo"), "echo is one of the SDK's templates: " + ids);
        for (ProjectTemplate template : ProjectTemplates.all()) {
            String name = "first-" + template.id();
            NewGuestProjectWizard wizard = new NewGuestProjectWizard();
            wizard.init(PlatformUI.getWorkbench(), null);
            FinishingDialog dialog = new FinishingDialog(page().getWorkbenchWindow().getShell(), wizard);
            dialog.setBlockOnOpen(false);
            dialog.open();
            NewGuestProjectPage guestPage = wizard.page();
            assertEquals(ids, guestPage.offeredTemplates(), "the wizard offers the CLI's templates, in its order");
            guestPage.enterProjectName(name);
            guestPage.chooseTemplate(template.id());
            assertTrue(guestPage.shownDescription().startsWith(template.description()),
                    "the whole description is shown: " + guestPage.shownDescription());
            assertTrue(guestPage.isPageComplete(), String.valueOf(guestPage.getErrorMessage()));
            dialog.pressFinish();
            IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
            assertTrue(project.exists(), name);
            project.build(IncrementalProjectBuilder.FULL_BUILD, null);
            IMarker[] errors = Arrays.stream(project.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_INFINITE))
                    .filter(m -> m.getAttribute(IMarker.SEVERITY, 0) == IMarker.SEVERITY_ERROR)
                    .toArray(IMarker[]::new);
            assertEquals(0, errors.length, name + ": " + Arrays.toString(errors));
            assertEquals(0, project.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_ZERO).length,
                    "no project-level warning (explicit encoding): " + name);
            assertTrue(project.getFile(name + ".elf").exists(), name + ".elf is built");
        }
    }

    @Test
    void debugAsFromProjectExplorerStopsAtARulerBreakpointAndTerminatesFromTheDebugView()
            throws Exception {
        DebugUITools.getPreferenceStore().setValue(IDebugUIConstants.PLUGIN_ID + ".switch_perspective_on_suspend",
                "never");
        IWorkbenchPage page = page();
        page.getWorkbenchWindow().getShell().setBounds(0, 0, 1400, 900);
        PlatformUI.getWorkbench().showPerspective(DenaliPerspective.ID, page.getWorkbenchWindow());
        page.resetPerspective();
        for (String view : List.of(IDebugUIConstants.ID_VARIABLE_VIEW, IDebugUIConstants.ID_EXPRESSION_VIEW,
                IDebugUIConstants.ID_BREAKPOINT_VIEW, IDebugUIConstants.ID_REGISTER_VIEW,
                IDebugUIConstants.ID_MEMORY_VIEW)) {
            assertNotNull(page.findViewReference(view), view + " is part of the Denali perspective");
        }

        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create("greeter", "hello", null,
                null);
        IFile source = project.getFile("hello.c");
        IEditorPart editor = IDE.openEditor(page, source);
        DenaliCEditor cEditor = assertInstanceOf(DenaliCEditor.class, editor);
        IDocument document = cEditor.getDocumentProvider().getDocument(cEditor.getEditorInput());
        int line = lineOf(document, "printf(") + 1;
        doubleClickRuler(cEditor, line);
        IBreakpoint[] breakpoints = DebugPlugin.getDefault().getBreakpointManager().getBreakpoints();
        assertEquals(1, breakpoints.length, "double-clicking the ruler sets one breakpoint");
        assertEquals(line, assertInstanceOf(DenaliLineBreakpoint.class, breakpoints[0]).getLineNumber());

        // Project Explorer > (right-click the project) > Debug As > Denali Guest
        IViewPart explorer = page.showView(PROJECT_EXPLORER);
        Viewer viewer = (Viewer) explorer.getSite().getSelectionProvider();
        viewer.setSelection(new StructuredSelection(project), true);
        contextMenu(viewer.getControl(), "Debug As", "Denali Guest");
        DenaliStackFrame frame = waitFor("the VM to stop at the breakpoint", () ->
                DebugUITools.getDebugContext() instanceof DenaliStackFrame f && f.getLineNumber() == line ? f : null);
        ILaunch launch = frame.getLaunch();
        assertEquals("greeter", launch.getLaunchConfiguration().getName(), "named after the project");
        assertTrue(project.getFile("build/debug/obj/hello.c.o").exists(), "Debug As builds the Debug configuration");
        terminateFromDebugView(launch);

    }

    /**
     * Project Explorer offers Run As / Debug As > Denali Guest on a guest project, its .c files and its image, and
     * not on a file of a project that is no Denali guest.
     */
    @Test
    void projectExplorerOffersTheGuestLaunchOnTheProjectItsSourcesAndItsImageOnly() throws Exception {
        IWorkbenchPage page = page();
        PlatformUI.getWorkbench().showPerspective(DenaliPerspective.ID, page.getWorkbenchWindow());
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create("offered", "hello", null,
                null);
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        assertTrue(project.getFile("offered.elf").exists(), "offered.elf is built");
        IProject plain = ResourcesPlugin.getWorkspace().getRoot().getProject("plain");
        plain.create(null);
        plain.open(null);
        IFile plainSource = plain.getFile("other.c");
        plainSource.create(new ByteArrayInputStream("int main(void) { return 0; }\n".getBytes(StandardCharsets.UTF_8)),
                true, null);

        IViewPart explorer = page.showView(PROJECT_EXPLORER);
        Viewer viewer = (Viewer) explorer.getSite().getSelectionProvider();
        for (IResource resource : List.of(project, project.getFile("hello.c"), project.getFile("offered.elf"))) {
            viewer.setSelection(new StructuredSelection(resource), true);
            for (String submenu : List.of("Run As", "Debug As")) {
                assertTrue(submenuLabels(viewer.getControl(), submenu).contains("Denali Guest"),
                        submenu + " on " + resource.getFullPath() + " offers Denali Guest");
            }
        }
        viewer.setSelection(new StructuredSelection(plainSource), true);
        List<String> offered = submenuLabels(viewer.getControl(), "Run As");
        assertTrue(!offered.contains("Denali Guest"), "a plain project's file is no guest: " + offered);
    }

    /** The labels of {@code control}'s context menu's submenu {@code label} (an absent submenu: none). */
    private static List<String> submenuLabels(Control control, String label) {
        Menu menu = control.getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        processEvents();
        List<String> labels = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            if (item.getText().replace("&", "").equals(label) && item.getMenu() != null) {
                item.getMenu().notifyListeners(SWT.Show, new Event());
                processEvents();
                for (MenuItem child : item.getMenu().getItems()) {
                    labels.add(child.getText().replace("&", "").replaceFirst("\t.*", "").replaceFirst("^\\d+ ", ""));
                }
                item.getMenu().notifyListeners(SWT.Hide, new Event());
            }
        }
        menu.notifyListeners(SWT.Hide, new Event());
        processEvents();
        return labels;
    }

    @Test
    void aDeploymentRunsFromProjectExplorerWithAConsolePerVmAndTerminatesFromTheDebugView() throws Exception {
        IWorkbenchPage page = page();
        PlatformUI.getWorkbench().showPerspective(DenaliPerspective.ID, page.getWorkbenchWindow());
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create("server", "httpd", null,
                null);
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        assertTrue(project.getFile("server.elf").exists(), "server.elf is built");
        // two web servers that serve until terminated
        IFile deployment = project.getFile("pair.denali");
        deployment.create(new ByteArrayInputStream("""
                deployment pair {
                    vm web { image "server.elf" count 2 memory 16 MiB nic { ip 10.0.0.10/24 } }
                }
                """.getBytes(StandardCharsets.UTF_8)), true, null);

        // Project Explorer > (right-click pair.denali) > Run As > Denali Deployment
        IViewPart explorer = page.showView(PROJECT_EXPLORER);
        Viewer viewer = (Viewer) explorer.getSite().getSelectionProvider();
        viewer.setSelection(new StructuredSelection(deployment), true);
        contextMenu(viewer.getControl(), "Run As", "Denali Deployment");
        // its launch configuration is named after the project and the file
        ILaunch launch = waitFor("the deployment's launch", () -> Arrays.stream(
                DebugPlugin.getDefault().getLaunchManager().getLaunches())
                .filter(l -> l.getLaunchConfiguration() != null
                        && l.getLaunchConfiguration().getName().equals("server pair.denali")).findFirst().orElse(null));
        // one console per VM beside the kernel's, each with its own VM's lines
        for (String vm : List.of("web#0", "web#1")) {
            IProcess console = waitFor(vm + "'s console", () -> Arrays.stream(launch.getProcesses())
                    .filter(p -> p.getLabel().equals(vm + " console (pair.denali)")).findFirst().orElse(null));
            waitFor(vm + " listening", () -> console.getStreamsProxy().getOutputStreamMonitor().getContents()
                    .contains("httpd: listening on") ? true : null);
        }
        assertEquals(3, launch.getProcesses().length, "the kernel and two VM consoles");
        terminateFromDebugView(launch);
        for (IProcess process : launch.getProcesses()) {
            assertTrue(process.isTerminated(), process.getLabel() + " ended with the launch");
        }
    }

    /** Selects the launch in the Debug view and runs its Terminate command, as the toolbar button does. */
    private static void terminateFromDebugView(ILaunch launch) throws Exception {
        IViewPart debugView = page().showView(IDebugUIConstants.ID_DEBUG_VIEW);
        page().activate(debugView);
        Viewer viewer = ((org.eclipse.debug.ui.AbstractDebugView) debugView).getViewer();
        viewer.setSelection(new StructuredSelection(launch), true);
        processEvents();
        contextMenu(viewer.getControl(), "Terminate");
        waitFor("the launch to terminate", () -> launch.isTerminated() ? true : null);
    }

    /** A double-click in the editor's ruler beside {@code line} (1-based), where a user toggles breakpoints. */
    private static void doubleClickRuler(DenaliCEditor editor, int line) {
        IVerticalRulerInfo ruler = editor.getAdapter(IVerticalRulerInfo.class);
        assertNotNull(ruler, "the C editor has a vertical ruler");
        StyledText text = editor.getAdapter(Control.class) instanceof StyledText t ? t
                : (StyledText) editor.getAdapter(org.eclipse.jface.text.source.ISourceViewer.class).getTextWidget();
        int y = text.getLinePixel(line - 1) + text.getLineHeight() / 2;
        Control column = ruler.getControl() instanceof Composite composite && composite.getChildren().length > 0
                ? composite.getChildren()[0] : ruler.getControl();
        for (int type : new int[] {SWT.MouseDown, SWT.MouseUp, SWT.MouseDown, SWT.MouseDoubleClick, SWT.MouseUp}) {
            Event event = new Event();
            event.button = 1;
            event.x = 4;
            event.y = y;
            event.count = type == SWT.MouseDoubleClick ? 2 : 1;
            column.notifyListeners(type, event);
        }
        processEvents();
    }

    /** Opens {@code control}'s context menu and picks the item path, e.g. "Debug As" then "Denali Guest". */
    private static void contextMenu(Control control, String... path) {
        Menu menu = control.getMenu();
        assertNotNull(menu, "a context menu");
        for (int i = 0; i < path.length; i++) {
            menu.notifyListeners(SWT.Show, new Event());
            processEvents();
            MenuItem item = find(menu, path[i]);
            if (i == path.length - 1) {
                item.notifyListeners(SWT.Selection, new Event());
            } else {
                assertNotNull(item.getMenu(), path[i] + " opens a submenu");
                menu = item.getMenu();
            }
        }
        control.getMenu().notifyListeners(SWT.Hide, new Event());
        processEvents();
    }

    private static MenuItem find(Menu menu, String label) {
        List<String> labels = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            String text = item.getText().replace("&", "").replaceFirst("\t.*", "");
            labels.add(text);
            if (text.equals(label) || text.matches("\\d+ " + java.util.regex.Pattern.quote(label))) {
                return item;
            }
        }
        throw new AssertionError("no menu item '" + label + "' among " + labels);
    }

    private static int lineOf(IDocument document, String text) throws Exception {
        return document.getLineOfOffset(document.get().indexOf(text));
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private static void processEvents() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // let the workbench react as it would for a user
        }
    }

    private static <T> T waitFor(String what, Supplier<T> condition) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        Display display = Display.getCurrent();
        while (System.currentTimeMillis() < deadline) {
            T value = condition.get();
            if (value != null) {
                return value;
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
        throw new AssertionError("gave up waiting for " + what);
    }

    /** WizardDialog keeps finishPressed() protected: this is the button press a user makes. */
    private static final class FinishingDialog extends WizardDialog {
        FinishingDialog(Shell parent, NewGuestProjectWizard wizard) {
            super(parent, wizard);
        }

        void pressFinish() {
            finishPressed();
        }
    }
}
