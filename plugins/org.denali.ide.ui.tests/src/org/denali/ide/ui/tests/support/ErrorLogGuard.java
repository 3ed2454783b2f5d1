package org.denali.ide.ui.tests.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a UI test when the workbench error log gained an error entry while it ran, even if every assertion
 * passed: an exception the platform caught and logged (an NPE in a view, a failed job) is a defect a user sees
 * in the Error Log, not a detail. Every UI test class of the product is annotated
 * {@code @ExtendWith(ErrorLogGuard.class)}.
 */
public final class ErrorLogGuard implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ErrorLogGuard.class);

    /** Collects the error entries logged while registered. */
    private static final class Recorder implements ILogListener {
        final List<IStatus> errors = new CopyOnWriteArrayList<>();

        @Override
        public void logging(IStatus status, String plugin) {
            if (status.matches(IStatus.ERROR)) {
                errors.add(status);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Recorder recorder = new Recorder();
        Platform.addLogListener(recorder);
        context.getStore(NAMESPACE).put(Recorder.class, recorder);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Recorder recorder = context.getStore(NAMESPACE).remove(Recorder.class, Recorder.class);
        drainUiEvents(); // what the test started may still log from the event queue
        Platform.removeLogListener(recorder);
        if (!recorder.errors.isEmpty()) {
            throw new AssertionError("the workbench error log gained " + recorder.errors.size() + " error(s) during "
                    + context.getDisplayName() + ":\n" + recorder.errors.stream().map(ErrorLogGuard::describe)
                            .collect(Collectors.joining("\n")));
        }
    }

    private static void drainUiEvents() {
        Display display = Display.getCurrent();
        if (display != null) {
            while (display.readAndDispatch()) {
                // run what is queued
            }
        }
    }

    static String describe(IStatus status) {
        StringBuilder text = new StringBuilder(status.getPlugin() + ": " + status.getMessage());
        Throwable cause = status.getException();
        if (cause != null) {
            text.append(" (").append(cause).append(cause.getStackTrace().length > 0
                    ? " at " + cause.getStackTrace()[0] : "").append(')');
        }
        for (IStatus child : status.getChildren()) {
            if (child.matches(IStatus.ERROR)) {
                text.append("\n  ").append(describe(child));
            }
        }
        return text.toString();
    }
}
