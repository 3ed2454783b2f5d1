package org.denali.ide.lsp.editor;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.denali.ide.lsp.client.ConnectedDocument;
import org.denali.ide.lsp.client.DocumentRegistry;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Content assist from textDocument/completion: each item shows its label (for functions, the signature) and
 * its type, with its documentation beside it; choosing it applies the item's text edit. Activated by Ctrl+Space
 * and after {@code .}, {@code ->} and {@code ::}.
 */
public class LspCompletionProcessor implements IContentAssistProcessor {
    private static final long TIMEOUT_MILLIS = 3000;

    private String error;

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        error = null;
        Optional<ConnectedDocument> connected = DocumentRegistry.get().find(viewer.getDocument());
        if (connected.isEmpty()) {
            return new ICompletionProposal[0];
        }
        ConnectedDocument document = connected.get();
        if (document.connection().unavailableReason() != null) {
            error = document.connection().unavailableReason();
            return new ICompletionProposal[0];
        }
        CompletionParams params = new CompletionParams(document.identifier(), document.position(offset));
        Optional<Either<List<CompletionItem>, CompletionList>> answer = Requests.await(
                document.request(server -> server.getTextDocumentService().completion(params)), TIMEOUT_MILLIS);
        List<CompletionItem> items = answer.map(a -> a.isLeft() ? a.getLeft() : a.getRight().getItems())
                .orElse(List.of());
        return items.stream()
                .sorted(Comparator.comparing(i -> i.getSortText() == null ? i.getLabel() : i.getSortText()))
                .map(item -> proposal(document, offset, item))
                .toArray(ICompletionProposal[]::new);
    }

    private static ICompletionProposal proposal(ConnectedDocument document, int offset, CompletionItem item) {
        String label = item.getLabel().strip();
        String display = item.getDetail() == null || item.getDetail().isBlank() ? label
                : label + " : " + item.getDetail().strip();
        int start;
        int end;
        String text;
        if (item.getTextEdit() != null && item.getTextEdit().isLeft()) {
            TextEdit edit = item.getTextEdit().getLeft();
            start = document.offset(edit.getRange().getStart());
            end = Math.max(offset, document.offset(edit.getRange().getEnd()));
            text = edit.getNewText();
        } else {
            start = Words.startOf(document.document(), offset);
            end = offset;
            text = item.getInsertText() != null ? item.getInsertText() : label;
        }
        return new CompletionProposal(text, start, end - start, text.length(), null, display, null,
                documentation(item));
    }

    private static String documentation(CompletionItem item) {
        StringBuilder info = new StringBuilder(item.getLabel().strip());
        if (item.getDetail() != null) {
            info.append("\n→ ").append(item.getDetail().strip());
        }
        if (item.getDocumentation() != null) {
            String doc = item.getDocumentation().isLeft() ? item.getDocumentation().getLeft()
                    : item.getDocumentation().getRight().getValue();
            if (!doc.isBlank()) {
                info.append("\n\n").append(doc.strip());
            }
        }
        return info.toString();
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return new char[] {'.', '>', ':'};
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return error;
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
