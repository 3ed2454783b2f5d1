package org.denali.ide.lsp.c;

import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.IPredicateRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.MultiLineRule;
import org.eclipse.jface.text.rules.RuleBasedPartitionScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;

/** Splits C text into comments, string/character literals and code, so colouring survives multi-line comments. */
final class CPartitionScanner extends RuleBasedPartitionScanner {
    CPartitionScanner() {
        IToken comment = new Token(CLanguage.COMMENT);
        IToken string = new Token(CLanguage.STRING);
        setPredicateRules(new IPredicateRule[] {
            new EndOfLineRule("//", comment),
            new MultiLineRule("/*", "*/", comment, (char) 0, true),
            new SingleLineRule("\"", "\"", string, '\\'),
            new SingleLineRule("'", "'", string, '\\'),
        });
    }
}
