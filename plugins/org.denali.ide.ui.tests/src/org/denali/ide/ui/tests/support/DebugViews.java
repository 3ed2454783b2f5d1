package org.denali.ide.ui.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;

/**
 * What the debugging UI tests share: waiting while the workbench runs its event loop, the rows of the debug
 * views' trees, and screenshots of the workbench window into target/screenshots.
 */
public final class DebugViews {
    public static final long TIMEOUT_MILLIS = 60_000;

    private DebugViews() {
    }

    public static <T> T waitFor(String what, java.util.function.Supplier<T> condition) {
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
        throw new AssertionError("gave up waiting for " + what + "\n" + diagnostics());
    }

    /** What the workbench shows, for a failed wait: debug context, editor, launches and their output. */
    public static String diagnostics() {
        StringBuilder sb = new StringBuilder();
        sb.append("debug context: ").append(DebugUITools.getDebugContext()).append('\n');
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        sb.append("active editor: ").append(page.getActiveEditor()).append(", perspective ")
                .append(page.getPerspective().getId()).append('\n');
        for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            sb.append("launch ").append(launch.getLaunchConfiguration().getName()).append(" mode ")
                    .append(launch.getLaunchMode()).append(" terminated ").append(launch.isTerminated()).append('\n');
            for (org.eclipse.debug.core.model.IDebugTarget t : launch.getDebugTargets()) {
                try {
                    sb.append("  target ").append(t.getName()).append(" suspended ").append(t.isSuspended())
                            .append(" threads ").append(java.util.Arrays.toString(t.getThreads())).append('\n');
                } catch (org.eclipse.debug.core.DebugException e) {
                    sb.append(e).append('\n');
                }
            }
            for (org.eclipse.debug.core.model.IProcess p : launch.getProcesses()) {
                sb.append("  --- ").append(p.getLabel()).append('\n')
                        .append(p.getStreamsProxy().getOutputStreamMonitor().getContents())
                        .append(p.getStreamsProxy().getErrorStreamMonitor().getContents());
            }
        }
        try {
            screenshot("debug-failure.png");
        } catch (Exception e) {
            sb.append("no screenshot: ").append(e);
        }
        return sb.toString();
    }

    /** Lets the views finish their asynchronous updates for {@code millis}. */
    public static void processEvents(long millis) {
        waitFor("nothing", new java.util.function.Supplier<Boolean>() {
            private final long end = System.currentTimeMillis() + millis;

            @Override
            public Boolean get() {
                return System.currentTimeMillis() >= end ? Boolean.TRUE : null;
            }
        });
    }

    public static Tree tree(IViewPart view) {
        Control control = ((org.eclipse.debug.ui.AbstractDebugView) view).getViewer().getControl();
        return control instanceof Tree tree ? tree : null;
    }

    public static List<String> treeItems(IViewPart view) {
        List<String> names = new ArrayList<>();
        Tree tree = tree(view);
        if (tree != null) {
            for (TreeItem item : tree.getItems()) {
                names.add(item.getText());
            }
        }
        return names;
    }

    /** "name value" of the tree's top-level rows (the Variables view: the frame's variables). */
    public static List<String> topRows(IViewPart view) {
        List<String> rows = new ArrayList<>();
        Tree tree = tree(view);
        if (tree != null) {
            for (TreeItem item : tree.getItems()) {
                rows.add(item.getText(0) + " " + item.getText(1));
            }
        }
        return rows;
    }

    /** "name value" of every row the tree shows, groups and their registers. */
    public static List<String> allRows(IViewPart view) {
        List<String> rows = new ArrayList<>();
        Tree tree = tree(view);
        if (tree != null) {
            for (TreeItem group : tree.getItems()) {
                for (TreeItem item : group.getItems()) {
                    rows.add(item.getText(0) + " " + item.getText(1));
                }
            }
        }
        return rows;
    }

    public static void expandAll(IViewPart view) {
        Tree tree = tree(view);
        if (tree != null) {
            for (TreeItem item : tree.getItems()) {
                item.setExpanded(true);
            }
        }
        if (view instanceof org.eclipse.debug.ui.AbstractDebugView debugView
                && debugView.getViewer() instanceof org.eclipse.jface.viewers.TreeViewer viewer) {
            viewer.expandToLevel(2);
        }
    }

    /** The workbench window as a user sees it, into target/screenshots. */
    public static void screenshot(String name) throws Exception {
        Display display = Display.getCurrent();
        org.eclipse.swt.widgets.Shell shell = display.getActiveShell() != null ? display.getActiveShell()
                : PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        shell.redraw();
        shell.update();
        processEvents(200);
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        gc.copyArea(image, bounds.x, bounds.y);
        gc.dispose();
        ImageData data = image.getImageData();
        image.dispose();
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        Path images = imagesDirectory();
        Files.createDirectories(images);
        loader.save(images.resolve(name).toString(), SWT.IMAGE_PNG);
        System.out.println("screenshot " + images.resolve(name));
    }

    /**
     * target/screenshots of the test bundle, like the other UI tests: a test run must not rewrite tracked files;
     * the ones in docs/images are copied from here by hand after looking at them.
     */
    public static Path imagesDirectory() {
        return Path.of("target", "screenshots").toAbsolutePath();
    }
}
