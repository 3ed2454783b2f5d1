package org.denali.lang.asm.symbols;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;

/**
 * The names a .S file #defines. The grammar keeps preprocessor lines as hidden '#' tokens (cpp runs before as),
 * so they are read back from the node model: a #define'd name is then a known symbol, not an undefined one, and
 * a line that uses a #define'd macro as its mnemonic is not an unknown instruction.
 */
public final class PreprocessorDefines {
    private static final Pattern DEFINE = Pattern.compile("#\\s*define\\s+([A-Za-z_][A-Za-z0-9_]*)(.*)");

    /** A #define: its name, replacement text and the offset of the name in the document. */
    public record Define(String name, String replacement, int offset, int line) {
    }

    private PreprocessorDefines() {
    }

    public static Map<String, Define> of(ICompositeNode root) {
        Map<String, Define> defines = new LinkedHashMap<>();
        if (root == null) {
            return defines;
        }
        for (ILeafNode leaf : root.getLeafNodes()) {
            if (!leaf.isHidden() || !leaf.getText().startsWith("#")) {
                continue;
            }
            Matcher m = DEFINE.matcher(leaf.getText());
            if (m.matches()) {
                defines.putIfAbsent(m.group(1), new Define(m.group(1), m.group(2).trim(),
                    leaf.getOffset() + m.start(1), leaf.getStartLine()));
            }
        }
        return defines;
    }
}
