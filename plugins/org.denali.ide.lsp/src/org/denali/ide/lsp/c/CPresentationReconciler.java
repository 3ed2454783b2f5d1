package org.denali.ide.lsp.c;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.rules.ITokenScanner;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.Token;

/** The rule-based colouring of C for the Generic Editor: code, comments and literals by partition. */
public class CPresentationReconciler extends PresentationReconciler {
    public CPresentationReconciler() {
        setDocumentPartitioning(CLanguage.PARTITIONING);
        set(IDocument.DEFAULT_CONTENT_TYPE, new CCodeScanner());
        set(CLanguage.COMMENT, whole(new TextAttribute(CColors.COMMENT)));
        set(CLanguage.STRING, whole(new TextAttribute(CColors.STRING)));
    }

    private void set(String partition, ITokenScanner scanner) {
        DefaultDamagerRepairer repairer = new DefaultDamagerRepairer(scanner);
        setDamager(repairer, partition);
        setRepairer(repairer, partition);
    }

    private static ITokenScanner whole(TextAttribute attribute) {
        RuleBasedScanner scanner = new RuleBasedScanner();
        scanner.setDefaultReturnToken(new Token(attribute));
        return scanner;
    }
}
