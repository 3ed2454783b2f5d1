package org.denali.ide.lsp.c;

import org.eclipse.core.filebuffers.IDocumentSetupParticipant;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentExtension3;
import org.eclipse.jface.text.rules.FastPartitioner;

/** Gives every C document (content type {@value CLanguage#CONTENT_TYPE}) its partitioning. */
public class CDocumentSetup implements IDocumentSetupParticipant {
    @Override
    public void setup(IDocument document) {
        if (document instanceof IDocumentExtension3 extension
                && extension.getDocumentPartitioner(CLanguage.PARTITIONING) == null) {
            FastPartitioner partitioner = new FastPartitioner(new CPartitionScanner(), CLanguage.PARTITIONS);
            extension.setDocumentPartitioner(CLanguage.PARTITIONING, partitioner);
            partitioner.connect(document);
        }
    }
}
