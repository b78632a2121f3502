package earkit.reference;

import earkit.reference.clients.ClientConnections;
import earkit.reference.clients.ClientReport;
import earkit.reference.crypto.OwnedKeyVault;
import earkit.reference.domain.table.GlobalTables;
import earkit.reference.domain.table.KmsGateway;
import earkit.reference.domain.table.ReplicaLifecycle;
import earkit.reference.domain.table.ReplicationGroups;
import earkit.reference.domain.table.Replicator;
import earkit.reference.domain.table.TableCatalog;
import earkit.reference.domain.table.TableKeys;
import earkit.reference.domain.table.TableLifecycle;
import earkit.reference.domain.table.Tables;
import earkit.reference.domain.audit.AuditTrail;
import earkit.reference.domain.kms.CostMeter;
import earkit.reference.domain.kms.KeyManagement;
import earkit.reference.domain.kms.KmsKey;
import earkit.reference.domain.kms.RequestQuotas;
import earkit.reference.protocol.FrontDoor;
import earkit.reference.protocol.InProcessHttpClient;
import earkit.reference.protocol.IdentityStore;
import earkit.reference.protocol.JsonService;
import earkit.reference.protocol.Router;
import earkit.reference.protocol.SigV4Verifier;
import earkit.reference.service.ClockRoutes;
import earkit.reference.service.CloudTrailService;
import earkit.reference.service.CloudWatchLogsService;
import earkit.reference.domain.logs.LogGroups;
import earkit.reference.service.KmsControlRoutes;
import earkit.reference.service.KmsService;
import earkit.reference.service.ControlApi;
import earkit.reference.domain.notify.Notification;
import earkit.reference.domain.notify.Notifications;
import earkit.reference.service.DynamoDbService;
import earkit.reference.service.dynamodb.BatchPacing;
import earkit.reference.service.NotificationRoutes;
import earkit.reference.service.NotificationWebhook;
import earkit.reference.service.StorageRoutes;
import earkit.reference.storage.DamagedStoreException;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import earkit.reference.time.VirtualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The reference implementation behind one HTTP port: DynamoDB, DynamoDB Streams, KMS, CloudTrail, CloudWatch Logs and
 * the control API. Embeddable ({@link #start}) and runnable standalone ({@code ./kit serve}). This class
 * is the composition root; it wires the layers and holds nothing of its own.
 */
public final class ReferenceServer implements AutoCloseable {
    /** How long the store waits for a KMS elsewhere ({@code --kms-endpoint}) before it takes the call for failed. */
    public static final java.time.Duration KMS_CALL_TIMEOUT = java.time.Duration.ofSeconds(5);
    /**
     * The same for a table-key refresh while the store holds the key (it serves from it meanwhile): the request that
     * triggered the refresh waits no longer than this.
     */
    public static final java.time.Duration KMS_REFRESH_TIMEOUT = java.time.Duration.ofSeconds(2);
    private final ServerOptions options;
    private final Storage storage;
    private final VirtualClock clock;
    private final FrontDoor frontDoor;
    private final Router router;
    private final ClientConnections clients;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Consumer<String>> connectionListeners = new CopyOnWriteArrayList<>();

    private ReferenceServer(ServerOptions options) {
        this.options = options;
        this.storage = Storage.open(options.dataDir());
        this.clients = new ClientConnections(IdentityStore.SERVICE_ACCESS_KEY);
        try {
            this.clock = new VirtualClock(restoredClock(storage, options.clockStart()));
            this.router = load(options);
        } catch (RuntimeException | AssertionError e) {
            closeAfterFailedStart(e);
            if (options.dataDir() == null || e instanceof DamagedStoreException) {
                throw e;
            }
            // What the reference stored cannot be read back: the file was damaged behind its back (TamperTest).
            throw new DamagedStoreException(options.dataDir(), e);
        }
        try {
            // With the built-in KMS in process, no request waits on another request to this port, so each is
            // answered on the thread that read it; a KMS elsewhere may relay back here, so then workers answer.
            this.frontDoor = new FrontDoor(options.host(), options.port(), router,
                    id -> connectionListeners.forEach(l -> l.accept(id)), options.kmsEndpoint() == null, clients);
        } catch (RuntimeException e) {
            closeAfterFailedStart(e);
            throw e;
        }
    }

    /** A failed start leaves no lock on the store file and no thread behind; the first failure is the one reported. */
    private void closeAfterFailedStart(Throwable failure) {
        try {
            closeAll();
        } catch (RuntimeException | AssertionError alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    /** The services over the stored state, and the router in front of them. */
    private Router load(ServerOptions options) {
        KeyValueMap kit = storage.map("kit");
        clock.onMove(now -> {
            if (storage.persistent()) {
                kit.put("clock", now.toString().getBytes(StandardCharsets.UTF_8));
                storage.commit();
            }
        });
        IdentityStore identities = new IdentityStore();
        ControlApi control = new ControlApi(ControlApi.Mode.parse(options.control()));
        ClockRoutes.register(control, clock);
        StorageRoutes.register(control, storage);

        List<JsonService> services = new ArrayList<>();
        AuditTrail audit = new AuditTrail(storage);
        CostMeter kmsMeter = new CostMeter(storage);
        RequestQuotas kmsQuotas = new RequestQuotas();
        Faults faults = Faults.of(options.faults());
        KeyManagement kms = new KeyManagement(storage, clock, audit, kmsMeter, faults);
        services.add(new KmsService(kms, audit, kmsMeter, kmsQuotas, faults).service());
        services.add(new CloudTrailService(audit).service());
        services.add(new CloudWatchLogsService(new LogGroups(storage, audit, clock::now, faults)).service());
        KmsControlRoutes.register(control, kms, kmsMeter, kmsQuotas);
        AtomicReference<Router> routerRef = new AtomicReference<>();
        control.route("GET", "/_kit/clients", body -> clients.report());
        Tables tables = dynamoDb(options, storage, clock, routerRef::get, clients, kmsMeter);
        services.add(DynamoDbService.of(tables, globalTables(tables, storage, clock, faults), BatchPacing.register(control)));
        services.add(DynamoDbService.streams(tables));
        connectionListeners.add(tables::connectionClosed);
        keyLossNotifications(options, storage, control, tables);

        Router router = new Router(services, new SigV4Verifier(identities, Clock.systemUTC()), identities, control);
        routerRef.set(router);
        return router;
    }

    /** The encrypted store; its KMS client is made on first use, when this server's port is known. */
    private Tables dynamoDb(ServerOptions options, Storage storage, VirtualClock clock, Supplier<Router> router,
                            ClientConnections clients, CostMeter meter) {
        AwsBasicCredentials service = AwsBasicCredentials.create(IdentityStore.SERVICE_ACCESS_KEY, IdentityStore.SERVICE_SECRET);
        KmsGateway kms = options.kmsEndpoint() != null
                ? new KmsGateway(options::kmsEndpoint, ApacheHttpClient.create(), service, Router.ON_BEHALF_OF_HEADER, KMS_CALL_TIMEOUT,
                        KMS_REFRESH_TIMEOUT)
                : new KmsGateway(this::endpoint, new InProcessHttpClient(router), service, Router.ON_BEHALF_OF_HEADER);
        kms.onCall(clients::kmsCall);
        closeables.add(kms);
        TableCatalog catalog = new TableCatalog(storage);
        Faults faults = Faults.of(options.faults());
        TableLifecycle lifecycle = new TableLifecycle(catalog, clock, faults);
        closeables.add(lifecycle);
        TableKeys keys = new TableKeys(kms, new OwnedKeyVault(storage.map("owned-key-vault")), clock, faults);
        if (faults.has(Fault.OWNED_KEY_METERED)) {
            keys.onOwnedKeyUse(t -> meter.request(KmsKey.arn(t.region, t.account, "aws-owned-dynamodb"), KmsKey.AWS));
        }
        return new Tables(storage, catalog, keys, lifecycle, clock, faults);
    }

    /** One notification per detection of an unusable table key, kept for the control API and posted to --notify-url. */
    private static void keyLossNotifications(ServerOptions options, Storage storage, ControlApi control, Tables tables) {
        Notifications notifications = new Notifications(storage);
        NotificationRoutes.register(control, notifications);
        if (options.notifyUrl() != null) {
            notifications.onAdd(new NotificationWebhook(options.notifyUrl())::post);
        }
        TableLifecycle lifecycle = tables.lifecycle();
        boolean withoutKey = options.has(Fault.NOTIFICATION_WITHOUT_KEY);
        lifecycle.onInaccessible((t, at) -> notifications.add(Notification.keyInaccessible(notifications.nextId(), t, at,
                lifecycle.archivalDeadline(at), withoutKey)));
    }

    /** Global tables: replication between the regions' tables and the replica key-loss rules. */
    private static GlobalTables globalTables(Tables tables, Storage storage, VirtualClock clock, Faults faults) {
        ReplicationGroups groups = new ReplicationGroups(storage);
        Replicator replicator = new Replicator(tables, groups, faults);
        new ReplicaLifecycle(tables, groups, replicator, clock, faults);
        return new GlobalTables(tables, groups, replicator);
    }

    private static Instant restoredClock(Storage storage, Instant start) {
        byte[] saved = storage.map("kit").get("clock");
        if (saved == null) {
            return start;
        }
        Instant persisted = Instant.parse(new String(saved, StandardCharsets.UTF_8));
        return persisted.isAfter(start) ? persisted : start;
    }

    public static ReferenceServer start(ServerOptions options) {
        return new ReferenceServer(options);
    }

    public int port() {
        return frontDoor.port();
    }

    public URI endpoint() {
        return URI.create("http://" + options.host() + ":" + port());
    }

    public ServerOptions options() {
        return options;
    }

    /** Whether each client reuses its connections, and what its connection handling costs in KMS and CloudTrail. */
    public ClientReport clientReport() {
        return clients.report();
    }

    /** Where every request is answered, past the socket: for drivers that measure the server's own path (bench/). */
    public Router router() {
        return router;
    }

    @Override
    public void close() {
        frontDoor.close();
        closeAll();
    }

    private void closeAll() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception | AssertionError ignored) {
                // closing is best effort; the storage below is closed regardless (H2 may assert on a damaged file)
            }
        }
        storage.close();
    }
}
