package org.denali.ide.lsp.c;

import java.util.List;

import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.IWordDetector;
import org.eclipse.jface.text.rules.NumberRule;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.rules.WhitespaceRule;
import org.eclipse.jface.text.rules.WordRule;
import org.eclipse.swt.SWT;

/**
 * The rule-based colours of C code: keywords and built-in types, preprocessor directives, numbers. They are
 * what the editor shows without clangd, and what semantic colours are laid over when it runs (clangd does not
 * colour keywords).
 */
final class CCodeScanner extends RuleBasedScanner {
    static final List<String> KEYWORDS = List.of("auto", "break", "case", "const", "continue", "default", "do",
            "else", "enum", "extern", "for", "goto", "if", "inline", "register", "restrict", "return", "sizeof",
            "static", "struct", "switch", "typedef", "union", "volatile", "while", "_Alignas", "_Alignof",
            "_Atomic", "_Bool", "_Noreturn", "_Static_assert", "_Thread_local", "asm", "__asm__", "__attribute__",
            "__volatile__", "typeof", "__typeof__",
            "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "bool", "true", "false",
            "NULL");

    CCodeScanner() {
        IToken keyword = new Token(new TextAttribute(CColors.KEYWORD, null, SWT.BOLD));
        IToken directive = new Token(new TextAttribute(CColors.DIRECTIVE));
        IToken number = new Token(new TextAttribute(CColors.NUMBER));
        WordRule words = new WordRule(new Identifiers(), Token.UNDEFINED);
        KEYWORDS.forEach(word -> words.addWord(word, keyword));
        setRules(new IRule[] {
            new WhitespaceRule(Character::isWhitespace),
            new WordRule(new Directives(), directive),
            words,
            new NumberRule(number),
        });
    }

    private static final class Identifiers implements IWordDetector {
        @Override
        public boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        @Override
        public boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }
    }

    /** {@code #include}, {@code #define}...: the hash and the directive's name. */
    private static final class Directives implements IWordDetector {
        @Override
        public boolean isWordStart(char c) {
            return c == '#';
        }

        @Override
        public boolean isWordPart(char c) {
            return Character.isLetter(c);
        }
    }
}
