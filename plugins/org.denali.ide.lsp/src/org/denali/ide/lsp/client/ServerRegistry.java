package org.denali.ide.lsp.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * The running language servers: one per project root and server definition, started on the first document
 * that needs it and shut down with the workbench (or when asked, e.g. after the server's preferences change).
 * Files outside every project (an SDK header opened by go-to-definition) are served by the server that was
 * used last, which knows the compile flags of the project they were reached from.
 */
public final class ServerRegistry {
    private static final ServerRegistry INSTANCE = new ServerRegistry();

    private record Key(String server, Path root) {
    }

    private final Map<Key, ServerConnection> connections = new ConcurrentHashMap<>();
    private final List<BiConsumer<ServerConnection, PublishDiagnosticsParams>> diagnosticsListeners =
            new CopyOnWriteArrayList<>();
    private final List<Consumer<ServerConnection>> unavailableListeners = new CopyOnWriteArrayList<>();
    private volatile ServerConnection lastUsed;

    public static ServerRegistry get() {
        return INSTANCE;
    }

    /** The server for documents of the project at {@code root}, started if needed. */
    public ServerConnection connectionFor(ServerDefinition definition, Path root) {
        ServerConnection connection = connections.computeIfAbsent(new Key(definition.name(), root),
                key -> new ServerConnection(definition, root, new DenaliLanguageClient(this::diagnostics),
                        this::unavailable));
        lastUsed = connection;
        return connection;
    }

    /** The server for a file that belongs to no project: the last used one of the same kind if any. */
    public ServerConnection connectionForExternal(ServerDefinition definition, Path file) {
        ServerConnection last = lastUsed;
        if (last != null && last.definition().name().equals(definition.name())
                && connections.containsValue(last)) {
            return last;
        }
        return connectionFor(definition, file.getParent());
    }

    public List<ServerConnection> connections() {
        return new ArrayList<>(connections.values());
    }

    public void addDiagnosticsListener(BiConsumer<ServerConnection, PublishDiagnosticsParams> listener) {
        diagnosticsListeners.add(listener);
    }

    /** Told (once per connection) when a server cannot be started; the connection says why. */
    public void addUnavailableListener(Consumer<ServerConnection> listener) {
        unavailableListeners.add(listener);
    }

    private void diagnostics(ServerConnection connection, PublishDiagnosticsParams params) {
        diagnosticsListeners.forEach(l -> l.accept(connection, params));
    }

    private void unavailable(ServerConnection connection) {
        unavailableListeners.forEach(l -> l.accept(connection));
    }

    /** Stops every server; the next document that needs one starts it again (with fresh preferences). */
    public void shutdownAll() {
        List<ServerConnection> stopping = new ArrayList<>(connections.values());
        connections.clear();
        lastUsed = null;
        stopping.forEach(ServerConnection::shutdown);
        stopping.forEach(ServerConnection::awaitShutdown);
    }

    /** Stops the server of one project (closed or deleted). */
    public void shutdown(Path root) {
        connections.entrySet().removeIf(entry -> {
            if (entry.getKey().root().equals(root)) {
                entry.getValue().shutdown();
                return true;
            }
            return false;
        });
    }
}
