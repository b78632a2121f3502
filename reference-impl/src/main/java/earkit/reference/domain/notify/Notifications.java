package earkit.reference.domain.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every notification the reference sent, in order, persisted; listeners deliver them (e.g. a webhook). */
public final class Notifications {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Storage storage;
    private final KeyValueMap map;
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();

    public Notifications(Storage storage) {
        this.storage = storage;
        this.map = storage.map("kit-notifications");
    }

    public void onAdd(Consumer<Notification> listener) {
        listeners.add(listener);
    }

    /** The id the next notification gets; ids keep the order of sending. */
    public synchronized String nextId() {
        return String.format("%010d", map.size() + 1);
    }

    public synchronized void add(Notification n) {
        try {
            map.put(n.id(), JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        storage.commit();
        listeners.forEach(l -> l.accept(n));
    }

    public synchronized List<Notification> all() {
        List<Notification> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : map.entries()) {
            try {
                out.add(JSON.readValue(e.getValue(), Notification.class));
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }
        return out;
    }
}
