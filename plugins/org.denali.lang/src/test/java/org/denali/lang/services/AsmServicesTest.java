package org.denali.lang.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.denali.lang.check.DenaliLanguages;
import org.denali.lang.check.LanguageChecker;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.Test;

/** The editor services on a small program, headless. */
class AsmServicesTest {
    static final String TEXT = """
        #define VREG 0x20
            .text
        loop_top:
        1:  decl %ecx
            jnz 1b
            cli
            jmp loop_top
            .byte 0x0f, 0x0a
        """;

    private static XtextResource parse(String text) throws IOException {
        return LanguageChecker.load(DenaliLanguages.assembly(), Path.of("t.S"), text);
    }

    @Test
    void goToDefinitionOfNamedAndNumericLabels() throws IOException {
        XtextResource resource = parse(TEXT);
        int use = TEXT.indexOf("loop_top", TEXT.indexOf("jmp"));
        var link = AsmNavigation.definitionAt(resource, use + 2).orElseThrow();
        assertEquals(TEXT.indexOf("loop_top:"), link.definition().offset());
        assertEquals("loop_top".length(), link.definition().length());
        var local = AsmNavigation.definitionAt(resource, TEXT.indexOf("1b")).orElseThrow();
        assertEquals(TEXT.indexOf("1:"), local.definition().offset());
        assertEquals(2, AsmNavigation.referencesAt(resource, TEXT.indexOf("loop_top:")).size());
    }

    private static List<String> proposals(String text) throws IOException {
        return AsmCompletions.at(parse(text), text, text.length()).stream().map(Proposal::text).toList();
    }

    @Test
    void contentAssistByPosition() throws IOException {
        List<String> mnemonics = proposals(TEXT + "    mov");
        assertTrue(mnemonics.containsAll(List.of("movl", "movb", "movzbl", "movsl")), mnemonics.toString());
        assertTrue(mnemonics.stream().allMatch(m -> m.startsWith("mov")), mnemonics.toString());
        assertEquals(java.util.Set.of("%eax", "%ecx", "%edx", "%ebx", "%esp", "%ebp", "%esi", "%edi"),
            java.util.Set.copyOf(proposals(TEXT + "    movl %e")));
        assertEquals(List.of("loop_top"), proposals(TEXT + "    jmp lo"));
        assertTrue(proposals(TEXT + "    .glo").contains(".globl"));
        assertTrue(proposals(TEXT + "    id").stream().anyMatch(p -> p.startsWith(".byte 0x0f, 0x0a")));
        List<String> afterPrefix = proposals(TEXT + "    rep sto");
        assertTrue(afterPrefix.containsAll(List.of("stosb", "stosl")), afterPrefix.toString());
    }

    @Test
    void deploymentContentAssistProposesKeywordsAndGroupsInScope() throws IOException {
        String text = "deployment d {\n  vm web { count 2 }\n  vm lb { }\n  workload w from lb {\n    targets ";
        var resource = LanguageChecker.load(DenaliLanguages.deployment(), Path.of("t.denali"), text);
        List<String> targets = DeployCompletions.at(resource, text, text.length()).stream().map(Proposal::text)
            .toList();
        assertTrue(targets.containsAll(List.of("web", "lb")), targets.toString());
        String kernel = "deployment d {\n  kernel {\n    clock ";
        var kernelResource = LanguageChecker.load(DenaliLanguages.deployment(), Path.of("t.denali"), kernel);
        assertEquals(java.util.Set.of("real-time", "deterministic"), java.util.Set.copyOf(DeployCompletions
            .at(kernelResource, kernel, kernel.length()).stream().map(Proposal::text).toList()));
    }

    @Test
    void highlightingMarksInvalidMnemonicsAndRegisters() throws IOException {
        XtextResource resource = parse(TEXT);
        List<String> styles = new ArrayList<>();
        new DenaliHighlightingCalculator().provideHighlightingFor(resource,
            (offset, length, ids) -> styles.add(TEXT.substring(offset, offset + length) + "=" + ids[0]),
            CancelIndicator.NullImpl);
        assertTrue(styles.containsAll(List.of("#define VREG 0x20=comment", ".text=directive", "loop_top=label",
            "decl=mnemonic", "%ecx=register", "cli=invalid-mnemonic", "0x0f=number")), styles.toString());
    }

    @Test
    void hoverExplainsInstructionsAndVirtualInstructions() throws IOException {
        XtextResource resource = parse(TEXT);
        assertTrue(AsmHover.at(resource, TEXT.indexOf("cli")).orElseThrow()
            .contains("interrupt enabling is a virtual register"));
        assertTrue(AsmHover.at(resource, TEXT.indexOf("0x0a")).orElseThrow().startsWith("idle — Denali virtual"));
    }

    @Test
    void outlineListsSectionsAndNamedLabels() throws IOException {
        List<OutlineNode> outline = Outlines.of(parse(TEXT));
        assertEquals(".text", outline.get(0).label());
        assertEquals(List.of("loop_top"), outline.get(0).children().stream().map(OutlineNode::label).toList());
    }
}
