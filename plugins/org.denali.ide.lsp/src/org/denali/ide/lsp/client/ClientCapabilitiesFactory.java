package org.denali.ide.lsp.client;

import java.util.List;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionCapabilities;
import org.eclipse.lsp4j.CompletionItemCapabilities;
import org.eclipse.lsp4j.DeclarationCapabilities;
import org.eclipse.lsp4j.DefinitionCapabilities;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.FormattingCapabilities;
import org.eclipse.lsp4j.HoverCapabilities;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.ReferencesCapabilities;
import org.eclipse.lsp4j.RenameCapabilities;
import org.eclipse.lsp4j.SemanticTokenModifiers;
import org.eclipse.lsp4j.SemanticTokenTypes;
import org.eclipse.lsp4j.SemanticTokensCapabilities;
import org.eclipse.lsp4j.SemanticTokensClientCapabilitiesRequests;
import org.eclipse.lsp4j.SignatureHelpCapabilities;
import org.eclipse.lsp4j.SynchronizationCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TokenFormat;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;

/** What this client can do, as told to servers in initialize: plain text everywhere, no snippets. */
final class ClientCapabilitiesFactory {
    private ClientCapabilitiesFactory() {
    }

    static ClientCapabilities create() {
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        text.setSynchronization(new SynchronizationCapabilities(false, false, false));
        CompletionItemCapabilities item = new CompletionItemCapabilities(false);
        item.setDocumentationFormat(List.of(MarkupKind.PLAINTEXT));
        text.setCompletion(new CompletionCapabilities(item));
        text.setHover(new HoverCapabilities(List.of(MarkupKind.PLAINTEXT), false));
        text.setSignatureHelp(new SignatureHelpCapabilities());
        text.setDefinition(new DefinitionCapabilities(true));
        text.setDeclaration(new DeclarationCapabilities(true));
        text.setReferences(new ReferencesCapabilities());
        DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
        symbols.setHierarchicalDocumentSymbolSupport(true);
        text.setDocumentSymbol(symbols);
        text.setFormatting(new FormattingCapabilities());
        text.setRename(new RenameCapabilities(false, false));
        PublishDiagnosticsCapabilities diagnostics = new PublishDiagnosticsCapabilities();
        diagnostics.setRelatedInformation(true);
        text.setPublishDiagnostics(diagnostics);
        SemanticTokensCapabilities tokens = new SemanticTokensCapabilities(
                new SemanticTokensClientCapabilitiesRequests(true),
                List.of(SemanticTokenTypes.Namespace, SemanticTokenTypes.Type, SemanticTokenTypes.Class,
                        SemanticTokenTypes.Enum, SemanticTokenTypes.Interface, SemanticTokenTypes.Struct,
                        SemanticTokenTypes.TypeParameter, SemanticTokenTypes.Parameter, SemanticTokenTypes.Variable,
                        SemanticTokenTypes.Property, SemanticTokenTypes.EnumMember, SemanticTokenTypes.Event,
                        SemanticTokenTypes.Function, SemanticTokenTypes.Method, SemanticTokenTypes.Macro,
                        SemanticTokenTypes.Keyword, SemanticTokenTypes.Modifier, SemanticTokenTypes.Comment,
                        SemanticTokenTypes.String, SemanticTokenTypes.Number, SemanticTokenTypes.Regexp,
                        SemanticTokenTypes.Operator),
                List.of(SemanticTokenModifiers.Declaration, SemanticTokenModifiers.Definition,
                        SemanticTokenModifiers.Readonly, SemanticTokenModifiers.Static,
                        SemanticTokenModifiers.Deprecated),
                List.of(TokenFormat.Relative));
        text.setSemanticTokens(tokens);
        WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
        workspace.setApplyEdit(false);
        workspace.setWorkspaceFolders(true);
        return new ClientCapabilities(workspace, text, null);
    }
}
