package org.denali.ide.lsp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.denali.ide.lsp.client.ServerConnection;
import org.denali.ide.lsp.client.ServerRegistry;
import org.denali.ide.lsp.editor.DiagnosticMarkers;
import org.denali.ide.lsp.editor.LspCompletionProcessor;
import org.denali.ide.lsp.editor.LspHover;
import org.denali.ide.ui.editor.DenaliCEditor;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.TextSelection;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Denali C editor with the real clangd, in a real workbench: the httpd template (built, so its
 * compile_commands.json exists) opened in the editor; colours, live diagnostics, content assist, F3, hover,
 * Outline and formatting as a user gets them.
 */
class CEditorUiTest {
    private static final RGB FUNCTION = new RGB(0x00, 0x3e, 0x8a);
    private static final RGB FIELD = new RGB(0x00, 0x00, 0xc0);
    private static final RGB KEYWORD = new RGB(0x7f, 0x00, 0x55);
    private static final long SERVER_MILLIS = 20_000;

    private Workbench workbench;
    private IProject project;
    private ITextEditor editor;
    private IDocument document;

    @BeforeEach
    void openHttpd() throws Exception {
        workbench = new Workbench();
        project = Workbench.guest("web", "httpd");
        assertTrue(project.getFile("compile_commands.json").exists(), "the build writes the compilation database");
        editor = Workbench.open(project.getFile("httpd.c"));
        assertInstanceOf(DenaliCEditor.class, editor);
        document = Workbench.document(editor);
    }

    @AfterEach
    void close() throws Exception {
        Workbench.closeEverything();
        ServerRegistry.get().shutdownAll();
        workbench.assertNoErrorsLogged();
    }

    @Test
    void httpdShowsSemanticColoursOverTheRuleBasedOnes() {
        int call = document.get().indexOf("docs_find(request->path)");
        int field = document.get().indexOf("keep_alive", document.get().indexOf("request->keep_alive"));
        int keyword = document.get().indexOf("static int handle_request");
        Workbench.waitUntil("semantic colours on httpd.c", SERVER_MILLIS,
                () -> hasColour(call, FUNCTION) && hasColour(field, FIELD));
        assertTrue(hasColour(keyword, KEYWORD), "keywords keep the rule-based colour");
        ServerConnection connection = ServerRegistry.get().connections().get(0);
        Workbench.waitUntil("first diagnostics", SERVER_MILLIS, () -> connection.startToFirstDiagnosticsNanos() > 0);
        System.out.printf("measure: clangd start to first diagnostics on httpd.c: %d ms%n",
                connection.startToFirstDiagnosticsNanos() / 1_000_000);
    }

    @Test
    void aTypoBecomesADiagnosticMarkerWithinFiveSecondsWithoutSaving() throws Exception {
        awaitServer();
        int at = document.get().indexOf("stats.requests++;") + "stats.requests++;".length();
        document.replace(at, 0, "\n    int typo = undeclared_thing;");
        IFile file = project.getFile("httpd.c");
        long start = System.currentTimeMillis();
        Workbench.waitUntil("a clangd marker for the typo", 5_000, () -> typoMarker(file) != null);
        System.out.printf("measure: edit to diagnostic marker: %d ms%n", System.currentTimeMillis() - start);
        IMarker marker = typoMarker(file);
        assertEquals(IMarker.SEVERITY_ERROR, marker.getAttribute(IMarker.SEVERITY, -1));
        assertEquals(document.getLineOfOffset(at) + 2, marker.getAttribute(IMarker.LINE_NUMBER, -1));
        int markerStart = marker.getAttribute(IMarker.CHAR_START, -1);
        assertEquals("undeclared_thing", document.get(markerStart, marker.getAttribute(IMarker.CHAR_END, -1)
                - markerStart), "the marker covers the whole identifier");
        assertTrue(editor.isDirty(), "nothing was saved");
        assertEquals(0, file.findMarkers("org.denali.ide.core.problem", true, IResource.DEPTH_ZERO).length,
                "live diagnostics are not build problems");

        document.replace(at, "\n    int typo = undeclared_thing;".length(), "");
        Workbench.waitUntil("the marker to go with the typo", 5_000, () -> typoMarker(file) == null);
    }

    private static IMarker typoMarker(IFile file) {
        try {
            return Arrays.stream(file.findMarkers(DiagnosticMarkers.TYPE, false, IResource.DEPTH_ZERO))
                    .filter(m -> m.getAttribute(IMarker.MESSAGE, "").contains("undeclared_thing"))
                    .findFirst().orElse(null);
        } catch (CoreException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void ctrlSpaceAfterTheArrowListsTheStructsFields() throws Exception {
        awaitServer();
        int at = document.get().indexOf("stats.requests++;") + "stats.requests++;".length();
        document.replace(at, 0, "\n    request->");
        int caret = at + "\n    request->".length();
        editor.selectAndReveal(caret, 0);
        // the popup belongs to the focused editor (it closes when the text loses the focus)
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().activate(editor);
        editor.setFocus();
        Workbench.spin(200);
        Workbench.viewer(editor).getTextOperationTarget().doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
        List<String> fields = List.of("method", "method_text", "path", "minor_version", "keep_alive", "has_body");
        Workbench.waitUntil("the content assist popup with the fields of struct http_request", SERVER_MILLIS,
                () -> proposalsShown().stream().map(p -> p.split(" ")[0]).toList().containsAll(fields));
        assertTrue(proposalsShown().stream().anyMatch(p -> p.startsWith("method_text : char[16]")),
                "proposals show the type: " + proposalsShown());

        // completion latency, straight through the processor the editor uses
        LspCompletionProcessor processor = new LspCompletionProcessor();
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long start = System.nanoTime();
            ICompletionProposal[] proposals = processor.computeCompletionProposals(Workbench.viewer(editor), caret);
            micros.add((System.nanoTime() - start) / 1000);
            assertTrue(Arrays.stream(proposals).anyMatch(p -> p.getDisplayString().startsWith("keep_alive")));
        }
        micros.sort(null);
        System.out.printf("measure: completion after request-> median %d us, min %d us, max %d us (21 runs)%n",
                micros.get(10), micros.get(0), micros.get(20));
    }

    /** The texts of every table in a popup shell (the content assist list). */
    private static List<String> proposalsShown() {
        List<String> texts = new ArrayList<>();
        for (Shell shell : Display.getCurrent().getShells()) {
            collect(shell, texts);
        }
        return texts;
    }

    private static void collect(Control control, List<String> texts) {
        if (control instanceof Table table && table.isVisible()) {
            for (TableItem item : table.getItems()) {
                texts.add(item.getText());
            }
        }
        if (control instanceof Shell shell) {
            for (Shell child : shell.getShells()) {
                collect(child, texts);
            }
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, texts);
            }
        }
    }

    @Test
    void f3OnThreadCreateOpensTheSdkHeaderAtTheDeclaration() throws Exception {
        awaitServer();
        int at = document.get().indexOf("thread_create(keyboard_control") + 3;
        editor.getSelectionProvider().setSelection(new TextSelection(at, 0));
        PlatformUI.getWorkbench().getService(IHandlerService.class)
                .executeCommand("org.eclipse.ui.edit.text.open.hyperlink", null);
        Workbench.waitUntil("thread.h to open", SERVER_MILLIS, () -> "thread.h".equals(activeEditor().getTitle()));
        ITextEditor header = (ITextEditor) activeEditor();
        assertInstanceOf(DenaliCEditor.class, header, "SDK headers open in the C editor too");
        TextSelection selection = (TextSelection) header.getSelectionProvider().getSelection();
        IDocument headerText = Workbench.document(header);
        assertEquals("thread_create", headerText.get(selection.getOffset(), selection.getLength()));
        assertTrue(headerText.get(headerText.getLineOffset(selection.getStartLine()),
                headerText.getLineLength(selection.getStartLine())).startsWith("thread_t thread_create("));
    }

    @Test
    void hoverShowsThePrototype() throws Exception {
        awaitServer();
        int at = document.get().indexOf("thread_create(keyboard_control");
        String hover = new LspHover().getHoverInfo(Workbench.viewer(editor), new Region(at, "thread_create".length()));
        assertNotNull(hover);
        assertTrue(hover.contains("thread_t thread_create(void *(*fn)(void *), void *arg)"), hover);
    }

    @Test
    void outlineListsTheFunctions() throws Exception {
        ContentOutline outline = (ContentOutline) PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                .getActivePage().showView(IPageLayout.ID_OUTLINE);
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().activate(editor);
        Workbench.waitUntil("the outline of httpd.c", SERVER_MILLIS, () -> outlineNames(outline)
                .containsAll(List.of("main", "handle_request", "serve_connection", "worker", "listen_on")));
    }

    private static List<String> outlineNames(ContentOutline outline) {
        if (!(outline.getCurrentPage() instanceof org.eclipse.ui.views.contentoutline.ContentOutlinePage page)
                || page.getControl() == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (TreeItem item : ((org.eclipse.swt.widgets.Tree) page.getControl()).getItems()) {
            names.add(item.getText().split(" ")[0]);
        }
        return names;
    }

    @Test
    void formattingReindentsABadlyIndentedBlockInTheSdkStyle() throws Exception {
        IFile file = project.getFile("fmt.c");
        String bad = "int badly(int x)\n{\nif (x)\n{\n                return 1;\n}\n  return 0;\n}\n";
        file.create(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), true, null);
        ITextEditor fmt = Workbench.open(file);
        IDocument text = Workbench.document(fmt);
        Workbench.waitUntil("clangd to start", SERVER_MILLIS,
                () -> ServerRegistry.get().connections().stream().allMatch(c -> c.capabilities() != null));
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.denali.ide.lsp.format", null);
        Workbench.waitUntil("the block to be formatted", SERVER_MILLIS, () -> !text.get().equals(bad));
        // the SDK's style (the .clang-format the build wrote): 4 spaces, function braces on their own line
        assertEquals("int badly(int x)\n{\n    if (x) {\n        return 1;\n    }\n    return 0;\n}\n", text.get());
        assertTrue(fmt.isDirty());
    }

    @Test
    void renameInFileAndFindReferences() throws Exception {
        awaitServer();
        int at = document.get().indexOf("static int send_error(") + "static int ".length();
        long before = occurrences("send_error(");
        editor.selectAndReveal(at, 0);

        // Find References (Ctrl+Shift+G): the list names every use, the definition included
        List<String> listed = new ArrayList<>();
        answerDialog("References", shell -> {
            List<String> shown = tableTexts(shell);
            if (shown.size() < before) {
                return false; // the list fills itself in batches
            }
            listed.addAll(shown);
            shell.close();
            return true;
        });
        PlatformUI.getWorkbench().getService(IHandlerService.class)
                .executeCommand("org.eclipse.ui.genericeditor.findReferences", null);
        assertEquals(before, listed.size(), "references: " + listed);
        assertTrue(listed.stream().allMatch(l -> l.startsWith("httpd.c:") && l.contains("send_error")), listed.toString());

        // Rename (Alt+Shift+R): every use in the file, one undoable change
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().activate(editor);
        Workbench.spin(300); // the closed dialog hands the focus (and the editor's handlers) back
        answerDialog("Rename", shell -> {
            org.eclipse.swt.widgets.Text field = find(shell, org.eclipse.swt.widgets.Text.class);
            field.setText("reply_error");
            for (org.eclipse.swt.widgets.Button button : findAll(shell, org.eclipse.swt.widgets.Button.class)) {
                if ("OK".equals(button.getText())) {
                    button.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
                }
            }
            return true;
        });
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.denali.ide.lsp.rename", null);
        assertEquals(0, occurrences("send_error("));
        assertEquals(before, occurrences("reply_error("));
        Workbench.viewer(editor).getTextOperationTarget().doOperation(org.eclipse.jface.text.ITextOperationTarget.UNDO);
        assertEquals(before, occurrences("send_error("), "one undo restores every use");
    }

    private long occurrences(String text) {
        String all = document.get();
        long count = 0;
        for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
            count++;
        }
        return count;
    }

    /** Runs {@code answer} on the dialog titled {@code title} once the command under test has opened it. */
    private static void answerDialog(String title, java.util.function.Predicate<Shell> answer) {
        Display display = Display.getCurrent();
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (Shell shell : display.getShells()) {
                if (title.equals(shell.getText()) && shell.isVisible() && answer.test(shell)) {
                    return;
                }
            }
            display.timerExec(100, poll[0]);
        };
        display.timerExec(100, poll[0]);
    }

    private static List<String> tableTexts(Shell shell) {
        List<String> texts = new ArrayList<>();
        collect(shell, texts);
        return texts;
    }

    private static <T extends Control> T find(Composite root, Class<T> type) {
        return findAll(root, type).get(0);
    }

    private static <T extends Control> List<T> findAll(Composite root, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Control child : root.getChildren()) {
            if (type.isInstance(child)) {
                found.add(type.cast(child));
            }
            if (child instanceof Composite composite) {
                found.addAll(findAll(composite, type));
            }
        }
        return found;
    }

    private void awaitServer() {
        Workbench.waitUntil("clangd to start", SERVER_MILLIS,
                () -> !ServerRegistry.get().connections().isEmpty()
                        && ServerRegistry.get().connections().get(0).capabilities() != null);
    }

    private boolean hasColour(int offset, RGB rgb) {
        StyleRange range = Workbench.text(editor).getStyleRangeAtOffset(offset);
        return range != null && range.foreground != null && range.foreground.getRGB().equals(rgb);
    }

    private static IEditorPart activeEditor() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().getActiveEditor();
    }
}
