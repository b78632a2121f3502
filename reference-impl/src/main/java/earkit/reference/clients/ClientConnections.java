package earkit.reference.clients;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every client connection of the server, live or closed, for the connection-reuse report. A closed connection's
 * counts are folded into its client's totals, so a client that opens a connection per request costs a few counters,
 * not a record per connection. The connection whose request a thread is answering is held in a
 * {@link FastThreadLocal} (an array slot on the front door's threads), so the store's KMS calls are charged to it
 * without a look-up.
 */
public final class ClientConnections {
    private final FastThreadLocal<ClientConnection> answering = new FastThreadLocal<>();
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<ClientIdentity, Totals> closed = new HashMap<>(); // guarded by this
    private final String ownAccessKey;

    /** @param ownAccessKey the store's own access key: its relayed KMS calls are not a client's */
    public ClientConnections(String ownAccessKey) {
        this.ownAccessKey = ownAccessKey;
    }

    public ClientConnection opened() {
        ClientConnection c = new ClientConnection();
        open.add(c);
        return c;
    }

    public synchronized void closed(ClientConnection c) {
        if (open.remove(c) && c.client() != null) {
            closed.computeIfAbsent(c.client(), k -> new Totals()).add(c);
        }
    }

    /** This thread starts answering a request of {@code c}: the KMS calls it makes until {@link #answered} are charged to it. */
    public void answering(ClientConnection c) {
        answering.set(c);
    }

    public void answered() {
        answering.set(null);
    }

    /** A KMS call of the store, charged to the connection whose request this thread is answering, if any. */
    public void kmsCall(String operation) {
        ClientConnection c = answering.get();
        if (c != null) {
            c.kmsCall(operation);
        }
    }

    /** Each client's totals, live connections included. */
    public synchronized ClientReport report() {
        Map<ClientIdentity, Totals> all = new HashMap<>();
        closed.forEach((k, t) -> all.put(k, t.copy()));
        for (ClientConnection c : open) {
            if (c.client() != null) {
                all.computeIfAbsent(c.client(), k -> new Totals()).add(c);
            }
        }
        List<ClientReport.Row> rows = new ArrayList<>();
        all.forEach((k, t) -> {
            if (!k.accessKey().equals(ownAccessKey)) {
                rows.add(ClientReport.Row.of(k, List.copyOf(t.versions), t.connections, t.requests, t.tableKeyRefreshes,
                        t.kmsCalls));
            }
        });
        return ClientReport.of(rows);
    }

    private static final class Totals {
        long connections;
        long requests;
        long tableKeyRefreshes;
        long kmsCalls;
        final Set<String> versions = new TreeSet<>();

        void add(ClientConnection c) {
            if (!c.version().isEmpty()) {
                versions.add(c.version());
            }
            connections++;
            requests += c.requests();
            tableKeyRefreshes += c.tableKeyRefreshes();
            kmsCalls += c.kmsCalls();
        }

        Totals copy() {
            Totals t = new Totals();
            t.connections = connections;
            t.requests = requests;
            t.tableKeyRefreshes = tableKeyRefreshes;
            t.kmsCalls = kmsCalls;
            t.versions.addAll(versions);
            return t;
        }
    }
}
