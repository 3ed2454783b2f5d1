package org.denali.ide.lsp.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.denali.ide.lsp.client.ConnectedDocument;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** textDocument/documentSymbol as a tree of {@link DocumentSymbol} (flat answers become one level). */
final class DocumentSymbols {
    private DocumentSymbols() {
    }

    static CompletableFuture<List<DocumentSymbol>> request(ConnectedDocument document) {
        return document.request(server -> server.getTextDocumentService()
                .documentSymbol(new DocumentSymbolParams(document.identifier())))
                .thenApply(DocumentSymbols::tree);
    }

    private static List<DocumentSymbol> tree(List<Either<SymbolInformation, DocumentSymbol>> answer) {
        List<DocumentSymbol> symbols = new ArrayList<>();
        if (answer == null) {
            return symbols;
        }
        for (Either<SymbolInformation, DocumentSymbol> item : answer) {
            if (item.isRight()) {
                symbols.add(item.getRight());
            } else {
                SymbolInformation info = item.getLeft();
                symbols.add(new DocumentSymbol(info.getName(), info.getKind(), info.getLocation().getRange(),
                        info.getLocation().getRange()));
            }
        }
        return symbols;
    }

    /** Every symbol, depth first, for the quick outline's flat list. */
    static List<DocumentSymbol> flatten(List<DocumentSymbol> symbols) {
        List<DocumentSymbol> all = new ArrayList<>();
        for (DocumentSymbol symbol : symbols) {
            all.add(symbol);
            if (symbol.getChildren() != null) {
                all.addAll(flatten(symbol.getChildren()));
            }
        }
        return all;
    }

    static String label(DocumentSymbol symbol) {
        String detail = symbol.getDetail();
        return detail == null || detail.isBlank() ? symbol.getName() : symbol.getName() + " : " + detail;
    }
}
