package org.denali.lang.services;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.denali.lang.asm.isa.InstructionSet;
import org.denali.lang.asm.isa.Registers;
import org.denali.lang.asm.isa.VirtualInstruction;
import org.denali.lang.asm.symbols.SymbolTable;
import org.denali.lang.asm.validation.Directives;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Content assist for Denali assembly, decided by where the cursor is on its line: the first word gets the
 * subset's mnemonics (with their size suffixes), the virtual instructions as their .byte spelling and the
 * directives; after '%' registers; in operands the file's labels and #defines.
 */
public final class AsmCompletions {
    private AsmCompletions() {
    }

    public static List<Proposal> at(XtextResource resource, String text, int offset) {
        int start = offset;
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        String prefix = text.substring(start, offset);
        int lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf(';', offset - 1)) + 1;
        String before = text.substring(lineStart, start).replaceAll("^\\s*([A-Za-z0-9_.$]+:\\s*)*", "");
        List<Proposal> proposals = new ArrayList<>();
        if (prefix.startsWith("%")) {
            for (var register : Registers.general()) {
                add(proposals, "%" + register.name(), register.size().bits() + "-bit register", prefix, start);
            }
        } else if (before.isBlank() || before.trim().matches("(rep|repe|repz|repne|repnz|lock)")) {
            for (String base : InstructionSet.baseMnemonics()) {
                add(proposals, base, "Denali ISA instruction", prefix, start);
                for (char suffix : InstructionSet.suffixesOf(base).toCharArray()) {
                    add(proposals, base + suffix, "Denali ISA instruction", prefix, start);
                }
            }
            for (VirtualInstruction v : VirtualInstruction.values()) {
                if (v.mnemonic().startsWith(prefix) || v.byteDirective().startsWith(prefix)) {
                    proposals.add(new Proposal(v.byteDirective() + "  /* " + v.mnemonic() + " */",
                        v.mnemonic() + " — Denali virtual instruction (" + v.byteDirective() + ")", v.description(),
                        start, prefix.length()));
                }
            }
            for (String directive : Directives.all()) {
                add(proposals, directive, "directive", prefix, start);
            }
        } else if (resource != null && !resource.getContents().isEmpty()) {
            EObject root = resource.getContents().get(0);
            SymbolTable symbols = SymbolTable.of(root);
            Set<String> names = new LinkedHashSet<>(symbols.names());
            names.addAll(symbols.preprocessorDefines().keySet());
            for (String name : names) {
                add(proposals, name, "symbol in this file", prefix, start);
            }
        }
        return proposals;
    }

    private static void add(List<Proposal> proposals, String candidate, String description, String prefix, int start) {
        if (candidate.startsWith(prefix) && !candidate.equals(prefix)) {
            proposals.add(new Proposal(candidate, candidate, description, start, prefix.length()));
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$' || c == '%';
    }
}
