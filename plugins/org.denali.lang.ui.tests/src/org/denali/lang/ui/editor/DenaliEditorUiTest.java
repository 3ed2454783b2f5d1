package org.denali.lang.ui.editor;

import static org.denali.lang.ui.editor.EditorUiTesting.file;
import static org.denali.lang.ui.editor.EditorUiTesting.open;
import static org.denali.lang.ui.editor.EditorUiTesting.read;
import static org.denali.lang.ui.editor.EditorUiTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.denali.ide.ui.tests.support.ErrorLogGuard;
import org.denali.lang.services.OutlineNode;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.contentassist.ContentAssistant;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.text.hyperlink.IHyperlinkDetector;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Denali editors in the real workbench (UI harness, under Xvfb). */
@ExtendWith(ErrorLogGuard.class)
class DenaliEditorUiTest {

    @AfterEach
    void cleanUp() throws CoreException {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    private static DenaliEditor openReconciled(IFile file) throws Exception {
        DenaliEditor editor = open(file);
        waitUntil("the first reconcile", () -> editor.snapshot() != null && !editor.highlightRanges().isEmpty());
        return editor;
    }

    @Test
    void assemblyFilesOpenInTheDenaliEditorAndAreHighlighted() throws Exception {
        String source = read("ilwaco-sdk/libilwaco/interrupt_entry.S");
        IFile file = file("guest", "interrupt_entry.S", source);
        DenaliEditor editor = openReconciled(file);
        StyledText text = editor.viewer().getTextWidget();
        waitUntil("highlighting applied to the widget", () -> styleAt(text, source.indexOf("pushal")) != null
            && styleAt(text, source.indexOf("pushal")).foreground != null);
        StyleRange mnemonic = styleAt(text, source.indexOf("pushal"));
        assertEquals(SWT.BOLD, mnemonic.fontStyle & SWT.BOLD);
        assertEquals(DenaliColors.styleFor("mnemonic", 0, 1).foreground.getRGB(), mnemonic.foreground.getRGB());
        StyleRange register = styleAt(text, source.indexOf("%eax"));
        assertEquals(DenaliColors.styleFor("register", 0, 1).foreground.getRGB(), register.foreground.getRGB());
        StyleRange comment = styleAt(text, source.indexOf("#define"));
        assertEquals(DenaliColors.styleFor("comment", 0, 1).foreground.getRGB(), comment.foreground.getRGB());
        assertEquals(List.of(), editor.snapshot().problems(), "Ilwaco's own source has no diagnostics");
    }

    @Test
    void aValidationMarkerAppearsAndGoesAwayWhenFixed() throws Exception {
        IFile file = file("guest", "bad.S", "    .text\nf:\n    cli\n    ret\n");
        DenaliEditor editor = openReconciled(file);
        waitUntil("a marker for cli", () -> markers(file).length == 1);
        IMarker marker = markers(file)[0];
        assertEquals(IMarker.SEVERITY_ERROR, marker.getAttribute(IMarker.SEVERITY, -1));
        assertEquals(3, marker.getAttribute(IMarker.LINE_NUMBER, -1));
        assertTrue(marker.getAttribute(IMarker.MESSAGE, "").startsWith("cli: not part of the Denali ISA, interrupt "
            + "enabling is a virtual register"), marker.getAttribute(IMarker.MESSAGE, ""));

        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        document.replace(document.get().indexOf("cli"), 3, "nop");
        waitUntil("the marker to go away", () -> markers(file).length == 0);
    }

    @Test
    void contentAssistProposesMnemonicsRegistersAndLabels() throws Exception {
        String source = "    .text\nstart:\n    movl %e";
        IFile file = file("guest", "assist.S", source);
        DenaliEditor editor = openReconciled(file);
        ContentAssistant assistant = (ContentAssistant) editor.configuration().getContentAssistant(editor.viewer());
        var processor = assistant.getContentAssistProcessor(IDocument.DEFAULT_CONTENT_TYPE);
        List<String> registers = texts(processor.computeCompletionProposals(editor.viewer(), source.length()));
        assertEquals(java.util.Set.of("%eax", "%ecx", "%edx", "%ebx", "%esp", "%ebp", "%esi", "%edi"),
            java.util.Set.copyOf(registers));

        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        document.set("    .text\nstart:\n    jmp st\n    pu");
        List<String> labels = texts(processor.computeCompletionProposals(editor.viewer(),
            document.get().indexOf("st\n") + 2));
        assertEquals(List.of("start"), labels);
        List<String> mnemonics = texts(processor.computeCompletionProposals(editor.viewer(), document.getLength()));
        assertTrue(mnemonics.containsAll(List.of("push", "pushl", "pushal", "pushf")), mnemonics.toString());
        assertTrue(mnemonics.stream().noneMatch(m -> m.startsWith("pxor")), "no SSE in the subset");

        ICompletionProposal pushl = Arrays.stream(processor.computeCompletionProposals(editor.viewer(),
            document.getLength())).filter(p -> p.getDisplayString().equals("pushl")).findFirst().orElseThrow();
        pushl.apply(document);
        assertTrue(document.get().endsWith("    pushl"), document.get());
    }

    @Test
    void ctrlSpaceIsBoundToContentAssistAndHoverExplainsInstructions() throws Exception {
        String source = "f:\n    cli\n";
        DenaliEditor editor = openReconciled(file("guest", "hover.S", source));
        assertEquals("Content Assist", editor.getAction("ContentAssistProposal").getText());
        assertEquals(org.eclipse.ui.texteditor.ITextEditorActionDefinitionIds.CONTENT_ASSIST_PROPOSALS,
            editor.getAction("ContentAssistProposal").getActionDefinitionId());
        var hover = editor.configuration().getTextHover(editor.viewer(), IDocument.DEFAULT_CONTENT_TYPE);
        var region = hover.getHoverRegion(editor.viewer(), source.indexOf("cli") + 1);
        assertEquals(new Region(source.indexOf("cli"), 3), new Region(region.getOffset(), region.getLength()));
        assertTrue(hover.getHoverInfo(editor.viewer(), region).contains("interrupt enabling is a virtual register"));
    }

    @Test
    void goToLabelJumpsToTheDefinition() throws Exception {
        String source = "    .text\nloop_top:\n1:  decl %ecx\n    jnz 1b\n    jmp loop_top\n";
        IFile file = file("guest", "nav.S", source);
        DenaliEditor editor = openReconciled(file);
        IHyperlinkDetector[] detectors = editor.configuration().getHyperlinkDetectors(editor.viewer());
        IHyperlink link = detectors[0].detectHyperlinks(editor.viewer(),
            new Region(source.lastIndexOf("loop_top") + 3, 0), false)[0];
        link.open();
        ITextSelection selection = (ITextSelection) editor.getSelectionProvider().getSelection();
        assertEquals(source.indexOf("loop_top:"), selection.getOffset());
        assertEquals("loop_top", selection.getText());

        detectors[0].detectHyperlinks(editor.viewer(), new Region(source.indexOf("1b"), 0), false)[0].open();
        selection = (ITextSelection) editor.getSelectionProvider().getSelection();
        assertEquals(source.indexOf("1:"), selection.getOffset());
    }

    @Test
    void caretOnALabelMarksItsDefinitionAndReferences() throws Exception {
        String source = "    .text\nloop_top:\n    decl %ecx\n    jnz loop_top\n    jmp loop_top\nother:\n    ret\n";
        DenaliEditor editor = openReconciled(file("guest", "refs.S", source));
        editor.selectAndReveal(source.indexOf("loop_top") + 2, 0);
        waitUntil("reference annotations", () -> referenceOffsets(editor).size() == 3);
        int first = source.indexOf("loop_top");
        assertEquals(List.of(first, source.indexOf("loop_top", first + 1), source.lastIndexOf("loop_top")),
            referenceOffsets(editor));
        editor.selectAndReveal(source.indexOf("other"), 0);
        waitUntil("only other's definition", () -> referenceOffsets(editor).equals(List.of(source.indexOf("other"))));
    }

    private static List<Integer> referenceOffsets(DenaliEditor editor) {
        var model = editor.viewer().getAnnotationModel();
        List<Integer> offsets = new java.util.ArrayList<>();
        model.getAnnotationIterator().forEachRemaining(a -> {
            if (LabelReferenceHighlighter.TYPE.equals(a.getType())) {
                offsets.add(model.getPosition(a).getOffset());
            }
        });
        offsets.sort(null);
        return offsets;
    }

    @Test
    void outlineShowsSectionsAndLabels() throws Exception {
        IFile file = file("guest", "context_switch.S", read("ilwaco-sdk/libilwaco/context_switch.S"));
        DenaliEditor editor = openReconciled(file);
        DenaliOutlinePage outline = (DenaliOutlinePage) editor.getAdapter(IContentOutlinePage.class);
        assertNotNull(outline);
        waitUntil("the outline", () -> !outline.roots().isEmpty());
        List<String> labels = outline.roots().stream().flatMap(n -> n.children().stream()).map(OutlineNode::label)
            .toList();
        assertEquals(List.of("__ilwaco_context_switch", "__ilwaco_thread_trampoline"), labels);
    }

    @Test
    void theDeploymentExampleOpensWithoutErrors() throws Exception {
        IFile file = file("zipf-farm", "farm.denali", read("examples/zipf-farm/farm.denali"));
        DenaliEditor editor = openReconciled(file);
        assertTrue(editor.snapshot().problems().stream().noneMatch(p -> p.severity().name().equals("ERROR")),
            editor.snapshot().problems().toString());
        StyledText text = editor.viewer().getTextWidget();
        String source = text.getText();
        waitUntil("keyword highlighting", () -> styleAt(text, source.indexOf("deployment")) != null
            && styleAt(text, source.indexOf("deployment")).foreground != null);
        assertEquals(DenaliColors.styleFor("keyword", 0, 1).foreground.getRGB(),
            styleAt(text, source.indexOf("deployment")).foreground.getRGB());
    }

    private static StyleRange styleAt(StyledText text, int offset) {
        return text.getStyleRangeAtOffset(offset);
    }

    private static IMarker[] markers(IFile file) {
        try {
            return file.findMarkers(ProblemMarkers.TYPE, false, IResource.DEPTH_ZERO);
        } catch (CoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(ICompletionProposal[] proposals) {
        return Arrays.stream(proposals).map(ICompletionProposal::getDisplayString).toList();
    }
}
