package org.denali.ide.views.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/** Waiting on the UI thread without blocking it, and screenshots of real widgets. */
final class Ui {
    private Ui() {
    }

    /** Runs the event loop until {@code condition} holds; fails with {@code what} after {@code seconds}. */
    static void waitUntil(String what, int seconds, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { }); // wakes sleep() even if no event arrives
                display.sleep();
            }
        }
    }

    /** Processes events for {@code millis} (lets layouts and paints settle before a screenshot). */
    static void settle(int millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        Display display = Display.getCurrent();
        while (System.nanoTime() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(10, () -> { });
                display.sleep();
            }
        }
    }

    /**
     * A PNG of {@code control} as it paints itself (Control.print: real widgets and canvases, and nothing that
     * happens to overlap them on screen); if the platform cannot print it, a copy of the screen area.
     */
    static Path screenshot(Control control, Path file) throws Exception {
        Rectangle bounds = control.getBounds();
        Image image = new Image(control.getDisplay(), bounds.width, bounds.height);
        GC gc = new GC(image);
        try {
            if (!control.print(gc)) {
                GC screen = new GC(control);
                try {
                    screen.copyArea(image, 0, 0);
                } finally {
                    screen.dispose();
                }
            }
        } finally {
            gc.dispose();
        }
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            Files.createDirectories(file.getParent());
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
        return file;
    }
}
